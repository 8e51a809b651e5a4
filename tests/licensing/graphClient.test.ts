import { strict as assert } from "node:assert";
import type { AccessToken, TokenCredential } from "@azure/identity";
import {
    describeGraphFailure,
    GraphLicenseClient,
    GraphLicenseError,
    isGraphNotFound,
} from "../../licensing/graphClient";
import { Deadline, DEFAULT_GATE_SETTINGS, GraphGate } from "../../licensing/graphGate";
import { FAKE_TOKEN, LoopbackGraph, RA } from "../../loopback/graph";

describe("the Graph client", () => {
    let graph: LoopbackGraph;
    before(async () => {
        graph = await LoopbackGraph.start();
    });
    after(async () => {
        await graph.stop();
    });
    beforeEach(() => graph.reset());

    /** A credential that counts how often it is asked, with tokens valid for `lifetimeMs`. */
    function countingCredential(lifetimeMs: number): TokenCredential & { calls: number } {
        const credential = {
            calls: 0,
            async getToken(): Promise<AccessToken> {
                credential.calls += 1;
                return { token: FAKE_TOKEN, expiresOnTimestamp: Date.now() + lifetimeMs };
            },
        };
        return credential;
    }

    function client(
        credential: TokenCredential = countingCredential(3600_000),
        endpoint = graph.endpoint,
    ): GraphLicenseClient {
        return new GraphLicenseClient({
            endpoint,
            credential,
            gate: new GraphGate(DEFAULT_GATE_SETTINGS),
            label: (s) => `label of ${s}`,
        });
    }

    /** The message a failed call rejects with. */
    async function failureOf(call: Promise<unknown>): Promise<Error> {
        return call.then(
            () => assert.fail("the call succeeded"),
            (e: unknown) => e as Error,
        );
    }

    async function readThreeTimes(credential: TokenCredential): Promise<void> {
        graph.addGroup("g1");
        const c = client(credential);
        for (let i = 0; i < 3; i++) {
            await c.group("g1", new Deadline(5));
        }
    }

    it("asks the credential once for many requests, so `az login` runs the Azure CLI once", async () => {
        const credential = countingCredential(3600_000);
        await readThreeTimes(credential);
        assert.equal(credential.calls, 1);
        assert.ok(graph.requests.every((r) => r.authorization === `Bearer ${FAKE_TOKEN}`));
    });

    it("asks again when the token expires within two minutes", async () => {
        const credential = countingCredential(60_000);
        await readThreeTimes(credential);
        assert.equal(credential.calls, 3);
    });

    it("reads a group's licenses and license processing state in one request", async () => {
        graph.addGroup("g1", [{ skuId: RA.toUpperCase(), disabledPlans: [] }], "ProcessingInProgress");
        assert.deepEqual(await client().group("g1", new Deadline(5)), {
            licenses: [{ skuId: RA, disabledPlans: [] }],
            processingState: "ProcessingInProgress",
        });
        assert.deepEqual(
            graph.requests.map((r) => r.url),
            ["/v1.0/groups/g1?$select=assignedLicenses,licenseProcessingState"],
        );
    });

    it("follows every page of the members with license errors", async () => {
        const group = graph.addGroup("g1");
        group.membersWithLicenseErrors = ["a", "b", "c", "d", "e"].map((x) => ({
            id: x,
            userPrincipalName: `${x}@contoso.example`,
            licenseAssignmentStates: [],
        }));
        graph.pageSize = 2;
        const members = await client().membersWithLicenseErrors("g1", new Deadline(5));
        assert.deepEqual(
            members.map((m) => m.id),
            ["a", "b", "c", "d", "e"],
        );
        assert.equal(graph.requests.length, 3);
    });

    it("refuses to send the token to a next page on another origin", async () => {
        graph.addGroup("g1");
        graph.fail({ answer: { status: 200, body: { value: [], "@odata.nextLink": "http://127.0.0.2:9/v1.0/next" } } });
        await assert.rejects(client().membersWithLicenseErrors("g1", new Deadline(5)), {
            message: `Refusing to send a Microsoft Graph token to http://127.0.0.2:9; expected ${graph.endpoint}.`,
        });
        assert.equal(graph.requests.length, 1);
    });

    it("reads the tenant's enabled and consumed seats per SKU", async () => {
        graph.subscriptions = [
            {
                skuId: RA.toUpperCase(),
                skuPartNumber: "MICROSOFT_REMOTE_ASSIST",
                capabilityStatus: "Enabled",
                consumedUnits: 7,
                prepaidUnits: { enabled: 10, suspended: 2, warning: 0 },
            },
        ];
        assert.deepEqual(await client().subscribedSkus(new Deadline(5)), [
            {
                skuId: RA,
                skuPartNumber: "MICROSOFT_REMOTE_ASSIST",
                capabilityStatus: "Enabled",
                enabled: 10,
                consumed: 7,
            },
        ]);
    });

    it("asks the credential once when several requests find the token about to expire together", async () => {
        graph.addGroup("g1");
        // The first token expires within the renewal margin; the renewed one lasts an hour.
        const credential = {
            calls: 0,
            async getToken(): Promise<AccessToken> {
                credential.calls += 1;
                return {
                    token: FAKE_TOKEN,
                    expiresOnTimestamp: Date.now() + (credential.calls === 1 ? 60_000 : 3600_000),
                };
            },
        };
        const c = client(credential);
        await c.group("g1", new Deadline(5));
        await Promise.all([1, 2, 3].map(() => c.group("g1", new Deadline(5))));
        assert.equal(credential.calls, 2);
    });

    it("fails, naming the scope, when the credential gives no token, and sends nothing", async () => {
        const credential: TokenCredential = { getToken: async () => null };
        const e = await failureOf(client(credential).group("g1", new Deadline(5)));
        assert.equal(e.message, `The credential returned no token for ${graph.endpoint}/.default.`);
        assert.deepEqual(graph.requests, []);
    });

    it("takes an endpoint with trailing slashes as the same endpoint, for requests and for the token's scope", async () => {
        graph.addGroup("g1");
        const scopes: string[] = [];
        const credential: TokenCredential = {
            async getToken(scope) {
                scopes.push(String(scope));
                return { token: FAKE_TOKEN, expiresOnTimestamp: Date.now() + 3600_000 };
            },
        };
        await client(credential, `${graph.endpoint}//`).group("g1", new Deadline(5));
        assert.deepEqual(scopes, [`${graph.endpoint}/.default`]);
        assert.deepEqual(
            graph.requests.map((r) => `${r.url} ${r.status}`),
            ["/v1.0/groups/g1?$select=assignedLicenses,licenseProcessingState 200"],
        );
    });

    it("reads a group Graph returns without licenses, disabled plans or processing state", async () => {
        graph.fail({ answer: { status: 200, body: { id: "g1" } } });
        graph.fail({
            answer: {
                status: 200,
                body: {
                    assignedLicenses: [
                        { skuId: RA },
                        { skuId: RA, disabledPlans: ["A12B3C4D-5E6F-4A7B-8C9D-0E1F2A3B4C5D"] },
                    ],
                    licenseProcessingState: null,
                },
            },
        });
        const c = client();
        assert.deepEqual(await c.group("g1", new Deadline(5)), { licenses: [], processingState: undefined });
        assert.deepEqual(await c.group("g1", new Deadline(5)), {
            licenses: [
                { skuId: RA, disabledPlans: [] },
                { skuId: RA, disabledPlans: ["a12b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"] },
            ],
            processingState: undefined,
        });
    });

    it("reads a page without members, and a subscription without counts, as none", async () => {
        graph.fail({ answer: { status: 200, body: {} } });
        graph.fail({ answer: { status: 200, body: { value: [{ skuId: RA.toUpperCase() }] } } });
        const c = client();
        assert.deepEqual(await c.membersWithLicenseErrors("g1", new Deadline(5)), []);
        assert.deepEqual(await c.subscribedSkus(new Deadline(5)), [
            { skuId: RA, skuPartNumber: "", capabilityStatus: "", enabled: 0, consumed: 0 },
        ]);
    });

    it("names every SKU it could not assign, and says the token was rejected on 401", async () => {
        graph.addGroup("g1");
        const wrong: TokenCredential = {
            getToken: async () => ({ token: "not-the-token", expiresOnTimestamp: Date.now() + 3600_000 }),
        };
        const e = await failureOf(
            client(wrong).assignLicense(
                "g1",
                [
                    { skuId: "sku-a", disabledPlans: [] },
                    { skuId: "sku-b", disabledPlans: [] },
                ],
                [],
                new Deadline(5),
            ),
        );
        assert.equal(e.name, "GraphLicenseError");
        assert.equal(
            e.message,
            "Microsoft Graph could not assign label of sku-a, label of sku-b to license group g1: POST /v1.0/groups/g1/assignLicense answered 401 InvalidAuthenticationToken: Access token is empty. (request-id 8d5f0a52-0000-4000-8000-000000000abc). The token was rejected: check ARM_TENANT_ID and ARM_CLIENT_ID (or your az login) and that graphEndpoint matches the identity's cloud.",
        );
        assert.ok(!e.message.includes("not-the-token"));
    });

    it("names the SKUs it could not remove, and gives no advice for an error it has none for", async () => {
        graph.fail({ answer: { status: 400, error: { code: "Request_BadRequest", message: "Invalid value." } } });
        const e = await failureOf(client().assignLicense("g1", [], ["sku-a", "sku-b"], new Deadline(5)));
        assert.equal(
            e.message,
            "Microsoft Graph could not remove label of sku-a, label of sku-b from license group g1: POST /v1.0/groups/g1/assignLicense answered 400 Request_BadRequest: Invalid value. (request-id 8d5f0a52-0000-4000-8000-000000000abc).",
        );
    });

    it("names the permission to read a group when reading its licenses is refused", async () => {
        graph.fail({ answer: { status: 403, error: { code: "Authorization_RequestDenied", message: "No." } } });
        const e = await failureOf(client().group("g1", new Deadline(5)));
        assert.equal(
            e.message,
            "Microsoft Graph could not read the licenses of license group g1: GET /v1.0/groups/g1?$select=assignedLicenses,licenseProcessingState answered 403 Authorization_RequestDenied: No. (request-id 8d5f0a52-0000-4000-8000-000000000abc). The identity running the stack needs the Microsoft Graph permission Group.Read.All (Group.ReadWrite.All, which the license groups already need, includes it).",
        );
    });

    it("names the tenant's SKUs, not a group, when reading them fails", async () => {
        graph.fail({ answer: { status: 404, error: { code: "Request_ResourceNotFound", message: "Gone." } } });
        graph.fail({ answer: { status: 403, error: { code: "Authorization_RequestDenied", message: "No." } } });
        const c = client();
        assert.equal(
            (await failureOf(c.subscribedSkus(new Deadline(5)))).message,
            "Microsoft Graph could not read the tenant's subscribed SKUs: GET /v1.0/subscribedSkus?$select=skuId,skuPartNumber,capabilityStatus,consumedUnits,prepaidUnits answered 404 Request_ResourceNotFound: Gone. (request-id 8d5f0a52-0000-4000-8000-000000000abc).",
        );
        assert.equal(
            (await failureOf(c.subscribedSkus(new Deadline(5)))).message,
            "Microsoft Graph could not read the tenant's subscribed SKUs: GET /v1.0/subscribedSkus?$select=skuId,skuPartNumber,capabilityStatus,consumedUnits,prepaidUnits answered 403 Authorization_RequestDenied: No. (request-id 8d5f0a52-0000-4000-8000-000000000abc). The identity running the stack needs Organization.Read.All (or LicenseAssignment.Read.All) to read the tenant's subscribed SKUs.",
        );
    });

    it("takes only a 404 with Graph's Request_ResourceNotFound for a group that does not exist", async () => {
        graph.fail({ answer: { status: 404, error: { code: "Request_ResourceNotFound", message: "Gone." } } });
        graph.fail({ answer: { status: 404, body: {} } });
        graph.fail({ answer: { status: 404, error: { code: "NotFound", message: "No route." } } });
        const c = client();
        const [graphs, bare, other] = [
            await failureOf(c.group("g1", new Deadline(5))),
            await failureOf(c.group("g1", new Deadline(5))),
            await failureOf(c.group("g1", new Deadline(5))),
        ] as GraphLicenseError[];
        assert.deepEqual([graphs.notFound, bare.notFound, other.notFound], [true, false, false]);
        assert.equal(
            bare.message,
            `Microsoft Graph could not read the licenses of license group g1: GET /v1.0/groups/g1?$select=assignedLicenses,licenseProcessingState answered 404. A 404 without Graph's error code Request_ResourceNotFound does not say that the object is gone: check that ${graph.endpoint}/v1.0/groups/g1?$select=assignedLicenses,licenseProcessingState reaches Microsoft Graph (graphEndpoint ${graph.endpoint}), not a proxy or another service.`,
        );
    });

    it("names the group, the request and the permission to grant when listing license errors is refused", async () => {
        graph.addGroup("g1");
        graph.fail({
            answer: {
                status: 403,
                error: { code: "Authorization_RequestDenied", message: "Insufficient privileges." },
            },
        });
        await assert.rejects(client().membersWithLicenseErrors("g1", new Deadline(5)), {
            message:
                "Microsoft Graph could not list the members with license errors of license group g1: GET /v1.0/groups/g1/membersWithLicenseErrors?$select=id,userPrincipalName,licenseAssignmentStates answered 403 Authorization_RequestDenied: Insufficient privileges. (request-id 8d5f0a52-0000-4000-8000-000000000abc). The identity running the stack needs GroupMember.Read.All (or Group.Read.All) to list members with license errors, and User.Read.All to read their license states.",
        });
    });
});

describe("Graph saying an object does not exist", () => {
    const failure = {
        method: "GET",
        path: "/v1.0/groups/g1",
        attempts: 1,
        elapsedSeconds: 0,
        outcome: "not applied" as const,
    };

    it("is a 404 with Request_ResourceNotFound, and nothing else", () => {
        assert.equal(isGraphNotFound({ ...failure, status: 404, code: "Request_ResourceNotFound" }), true);
        assert.equal(isGraphNotFound({ ...failure, status: 400, code: "Request_ResourceNotFound" }), false);
        assert.equal(isGraphNotFound({ ...failure, status: 404, code: "Request_BadRequest" }), false);
        assert.equal(isGraphNotFound({ ...failure, status: 404 }), false);
    });

    it("is not a request given up at the operation's bound, whatever the last answer was", () => {
        assert.equal(
            isGraphNotFound({
                ...failure,
                status: 404,
                code: "Request_ResourceNotFound",
                boundSeconds: 5,
                attempts: 3,
            }),
            false,
        );
    });

    it("names the graphEndpoint when no origin is given for a 404 that is not Graph's", () => {
        assert.equal(
            describeGraphFailure({ action: "read", groupId: "g1", skuIds: [] }, { ...failure, status: 404 }, (s) => s),
            "Microsoft Graph could not read the licenses of license group g1: GET /v1.0/groups/g1 answered 404. A 404 without Graph's error code Request_ResourceNotFound does not say that the object is gone: check that the graphEndpoint/v1.0/groups/g1 reaches Microsoft Graph (graphEndpoint the graphEndpoint), not a proxy or another service.",
        );
    });
});
