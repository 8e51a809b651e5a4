import { strict as assert } from "node:assert";
import type { AccessToken, TokenCredential } from "@azure/identity";
import { GraphLicenseClient } from "../../licensing/graphClient";
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

    function client(credential: TokenCredential = countingCredential(3600_000)): GraphLicenseClient {
        return new GraphLicenseClient({
            endpoint: graph.endpoint,
            credential,
            gate: new GraphGate(DEFAULT_GATE_SETTINGS),
            label: (s) => s,
        });
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
