import { strict as assert } from "node:assert";
import { performance } from "node:perf_hooks";
import type { AccessToken, TokenCredential } from "@azure/identity";
import type { RetryEvent } from "../../licensing/graphClient";
import {
    createGroupLicenseProvider,
    GroupLicenseInputs,
    GroupLicenseOutputs,
    GroupLicenseProviderOptions,
    replicationDelays,
} from "../../licensing/groupLicenseProvider";
import { EXCHANGE_KIOSK, FAKE_TOKEN, FakeGraph, OTHER_PLAN, RA, RA_HOLOLENS, TEAMS1 } from "./fakeGraph";

const GROUP = "11111111-1111-4111-8111-111111111111";
const REQUEST_ID = "(request-id 8d5f0a52-0000-4000-8000-000000000abc)";

const fakeCredential: TokenCredential = {
    async getToken(): Promise<AccessToken> {
        return { token: FAKE_TOKEN, expiresOnTimestamp: Date.now() + 3600_000 };
    },
};

describe("the GroupLicense provider against a local Microsoft Graph", () => {
    let graph: FakeGraph;
    let retries: RetryEvent[];

    before(async () => {
        graph = await FakeGraph.start();
    });
    after(async () => {
        await graph.stop();
    });
    beforeEach(() => {
        graph.reset();
        retries = [];
    });

    function provider(options: GroupLicenseProviderOptions = {}) {
        const p = createGroupLicenseProvider({
            credential: () => fakeCredential,
            onRetry: (e) => retries.push(e),
            ...options,
        });
        // Every method exists on this provider; the interface marks them optional.
        return p as Required<typeof p>;
    }

    function inputs(licenses: GroupLicenseInputs["licenses"], groupId = GROUP): GroupLicenseInputs {
        return { groupId, licenses, graphEndpoint: graph.endpoint };
    }

    /** State after this resource assigned `licenses` (all of them, unless `managedSkuIds` says otherwise). */
    function state(
        licenses: GroupLicenseInputs["licenses"],
        otherSkuIds: string[] = [],
        managedSkuIds = licenses.map((l) => l.skuId),
    ): GroupLicenseOutputs {
        return { ...inputs(licenses), managedSkuIds, otherSkuIds };
    }

    const NOT_FOUND = {
        status: 404,
        error: { code: "Request_ResourceNotFound", message: `Resource '${GROUP}' does not exist.` },
    };

    describe("create", () => {
        it("assigns the bundle's SKUs with their disabled plans in one assignLicense, sending the bearer token", async () => {
            graph.groups.set(GROUP, []);
            const result = await provider().create(inputs([{ skuId: RA, disabledPlans: [TEAMS1] }]));

            assert.deepEqual(graph.assignments(), [
                { addLicenses: [{ skuId: RA, disabledPlans: [TEAMS1] }], removeLicenses: [] },
            ]);
            assert.deepEqual(graph.groups.get(GROUP), [{ skuId: RA, disabledPlans: [TEAMS1] }]);
            assert.ok(graph.requests.every((r) => r.authorization === `Bearer ${FAKE_TOKEN}`));
            assert.deepEqual(result, {
                id: GROUP,
                outs: { ...state([{ skuId: RA, disabledPlans: [TEAMS1] }]) },
            });
        });

        it("records SKUs already on the group as others, without touching them", async () => {
            graph.groups.set(GROUP, [{ skuId: EXCHANGE_KIOSK, disabledPlans: [] }]);
            const result = await provider().create(inputs([{ skuId: RA, disabledPlans: [] }]));

            assert.deepEqual(graph.assignments(), [
                { addLicenses: [{ skuId: RA, disabledPlans: [] }], removeLicenses: [] },
            ]);
            assert.deepEqual(result.outs?.otherSkuIds, [EXCHANGE_KIOSK]);
            assert.deepEqual(result.outs?.managedSkuIds, [RA]);
        });

        it("does not claim a bundle SKU that was already on the group, so delete leaves it there", async () => {
            graph.groups.set(GROUP, [{ skuId: RA, disabledPlans: [] }]);
            const p = provider();
            const result = await p.create(
                inputs([
                    { skuId: RA, disabledPlans: [] },
                    { skuId: RA_HOLOLENS, disabledPlans: [] },
                ]),
            );
            assert.deepEqual(result.outs?.managedSkuIds, [RA_HOLOLENS]);
            assert.deepEqual(result.outs?.otherSkuIds, []);

            await p.delete(GROUP, result.outs!);
            assert.deepEqual(graph.assignments(), [
                { addLicenses: [{ skuId: RA_HOLOLENS, disabledPlans: [] }], removeLicenses: [] },
                { addLicenses: [], removeLicenses: [RA_HOLOLENS] },
            ]);
            assert.deepEqual(graph.groups.get(GROUP), [{ skuId: RA, disabledPlans: [] }]);
        });

        it("waits for a group that Entra ID has not replicated yet", async () => {
            graph.groups.set(GROUP, []);
            graph.script.push(NOT_FOUND);
            await provider({ replicationWaitSeconds: 0.2 }).create(inputs([{ skuId: RA, disabledPlans: [] }]));

            assert.deepEqual(
                graph.requests.map((r) => r.method),
                ["GET", "GET", "POST"],
            );
            assert.deepEqual(graph.groups.get(GROUP), [{ skuId: RA, disabledPlans: [] }]);
        });

        it("retries the assignLicense when the replica it reaches does not know the group yet", async () => {
            graph.groups.set(GROUP, []);
            graph.script.push({ status: 200 }, NOT_FOUND);
            await provider({ replicationWaitSeconds: 0.2 }).create(inputs([{ skuId: RA, disabledPlans: [] }]));

            assert.deepEqual(
                graph.requests.map((r) => r.method),
                ["GET", "POST", "POST"],
            );
            assert.deepEqual(graph.groups.get(GROUP), [{ skuId: RA, disabledPlans: [] }]);
        });

        it("waits for replication once per create: the read and the assignLicense share the bound", async () => {
            graph.groups.set(GROUP, []);
            graph.script.push(NOT_FOUND, { status: 200 }, NOT_FOUND);
            await assert.rejects(
                provider({ replicationWaitSeconds: 0.2 }).create(inputs([{ skuId: RA, disabledPlans: [] }])),
                {
                    message: `Microsoft Graph could not assign MICROSOFT_REMOTE_ASSIST (${RA}) to license group ${GROUP}: 404 Request_ResourceNotFound: Resource '${GROUP}' does not exist. ${REQUEST_ID}. The group does not exist: if it was deleted by hand, run pulumi refresh and pulumi up to recreate it; if it was created moments ago, Entra ID may not have replicated it yet, so run pulumi up again.`,
                },
            );
            assert.deepEqual(
                graph.requests.map((r) => r.method),
                ["GET", "GET", "POST"],
            );
        });

        it("keeps the token out of state", async () => {
            graph.groups.set(GROUP, []);
            const result = await provider().create(inputs([{ skuId: RA, disabledPlans: [] }]));
            assert.ok(!JSON.stringify(result).includes(FAKE_TOKEN));
        });
    });

    describe("diff", () => {
        const olds = () => state([{ skuId: RA, disabledPlans: [] }]);

        it("reports no change for the same SKUs written in another order and case", async () => {
            const two = state([
                { skuId: RA, disabledPlans: [TEAMS1, OTHER_PLAN] },
                { skuId: RA_HOLOLENS, disabledPlans: [] },
            ]);
            const news = inputs([
                { skuId: RA_HOLOLENS.toUpperCase(), disabledPlans: [] },
                { skuId: RA, disabledPlans: [OTHER_PLAN, TEAMS1.toUpperCase()] },
            ]);
            const checked = (await provider().check(two, news)).inputs as GroupLicenseInputs;
            assert.deepEqual(await provider().diff(GROUP, two, checked), {
                changes: false,
                replaces: [],
                deleteBeforeReplace: false,
            });
        });

        it("updates in place when a SKU is added, removed or its disabled plans change", async () => {
            const p = provider();
            for (const news of [
                inputs([
                    { skuId: RA, disabledPlans: [] },
                    { skuId: RA_HOLOLENS, disabledPlans: [] },
                ]),
                inputs([]),
                inputs([{ skuId: RA, disabledPlans: [TEAMS1] }]),
            ]) {
                assert.deepEqual(await p.diff(GROUP, olds(), news), {
                    changes: true,
                    replaces: [],
                    deleteBeforeReplace: false,
                });
            }
        });

        it("replaces the assignment when the group changes", async () => {
            const news = inputs([{ skuId: RA, disabledPlans: [] }], "22222222-2222-4222-8222-222222222222");
            assert.deepEqual(await provider().diff(GROUP, olds(), news), {
                changes: true,
                replaces: ["groupId"],
                deleteBeforeReplace: false,
            });
        });
    });

    describe("update", () => {
        it("adds only the SKU that was added", async () => {
            graph.groups.set(GROUP, [{ skuId: RA, disabledPlans: [] }]);
            const news = inputs([
                { skuId: RA, disabledPlans: [] },
                { skuId: RA_HOLOLENS, disabledPlans: [] },
            ]);
            const result = await provider().update(GROUP, state([{ skuId: RA, disabledPlans: [] }]), news);

            assert.deepEqual(graph.assignments(), [
                { addLicenses: [{ skuId: RA_HOLOLENS, disabledPlans: [] }], removeLicenses: [] },
            ]);
            assert.deepEqual(result.outs?.managedSkuIds, [RA, RA_HOLOLENS]);
        });

        it("removes only the SKU that was dropped", async () => {
            graph.groups.set(GROUP, [
                { skuId: RA, disabledPlans: [] },
                { skuId: RA_HOLOLENS, disabledPlans: [] },
            ]);
            const olds = state([
                { skuId: RA, disabledPlans: [] },
                { skuId: RA_HOLOLENS, disabledPlans: [] },
            ]);
            await provider().update(GROUP, olds, inputs([{ skuId: RA, disabledPlans: [] }]));

            assert.deepEqual(graph.assignments(), [{ addLicenses: [], removeLicenses: [RA_HOLOLENS] }]);
            assert.deepEqual(graph.groups.get(GROUP), [{ skuId: RA, disabledPlans: [] }]);
        });

        it("re-assigns a SKU whose disabled plans changed, in place", async () => {
            graph.groups.set(GROUP, [{ skuId: RA, disabledPlans: [] }]);
            await provider().update(
                GROUP,
                state([{ skuId: RA, disabledPlans: [] }]),
                inputs([{ skuId: RA, disabledPlans: [TEAMS1] }]),
            );

            assert.deepEqual(graph.assignments(), [
                { addLicenses: [{ skuId: RA, disabledPlans: [TEAMS1] }], removeLicenses: [] },
            ]);
            assert.deepEqual(graph.groups.get(GROUP), [{ skuId: RA, disabledPlans: [TEAMS1] }]);
        });

        it("does not claim a SKU the bundle gains while the group already has it, so delete leaves it there", async () => {
            graph.groups.set(GROUP, [
                { skuId: RA, disabledPlans: [] },
                { skuId: EXCHANGE_KIOSK, disabledPlans: [] },
            ]);
            const p = provider();
            const result = await p.update(
                GROUP,
                state([{ skuId: RA, disabledPlans: [] }], [EXCHANGE_KIOSK]),
                inputs([
                    { skuId: RA, disabledPlans: [] },
                    { skuId: EXCHANGE_KIOSK, disabledPlans: [] },
                ]),
            );
            assert.deepEqual(result.outs?.managedSkuIds, [RA]);

            await p.delete(GROUP, result.outs!);
            assert.deepEqual(graph.assignments(), [{ addLicenses: [], removeLicenses: [RA] }]);
            assert.deepEqual(graph.groups.get(GROUP), [{ skuId: EXCHANGE_KIOSK, disabledPlans: [] }]);
        });

        it("claims a bundle SKU it puts back after it was removed by hand, though someone else first assigned it", async () => {
            graph.groups.set(GROUP, []);
            const result = await provider().update(
                GROUP,
                state([{ skuId: RA, disabledPlans: [] }], [], []),
                inputs([{ skuId: RA, disabledPlans: [] }]),
            );
            assert.deepEqual(graph.assignments(), [
                { addLicenses: [{ skuId: RA, disabledPlans: [] }], removeLicenses: [] },
            ]);
            assert.deepEqual(result.outs?.managedSkuIds, [RA]);
        });

        it("never removes a bundle SKU it did not assign, even when the bundle drops it", async () => {
            graph.groups.set(GROUP, [
                { skuId: RA, disabledPlans: [] },
                { skuId: RA_HOLOLENS, disabledPlans: [] },
            ]);
            const p = provider();
            const olds = state(
                [
                    { skuId: RA, disabledPlans: [] },
                    { skuId: RA_HOLOLENS, disabledPlans: [] },
                ],
                [],
                [RA],
            );
            const news = inputs([{ skuId: RA, disabledPlans: [] }]);
            assert.equal((await p.diff(GROUP, olds, news)).changes, true);
            const result = await p.update(GROUP, olds, news);

            assert.deepEqual(graph.assignments(), []);
            assert.deepEqual(result.outs?.otherSkuIds, [RA_HOLOLENS]);
        });
        it("forgets a SKU it added that is gone from the group once the bundle drops it too", async () => {
            graph.groups.set(GROUP, [{ skuId: RA, disabledPlans: [] }]);
            const p = provider();
            // After a refresh that found RA_HOLOLENS removed by hand.
            const olds = state([{ skuId: RA, disabledPlans: [] }], [], [RA, RA_HOLOLENS]);
            const news = inputs([{ skuId: RA, disabledPlans: [] }]);
            assert.equal((await p.diff(GROUP, olds, news)).changes, true);
            const result = await p.update(GROUP, olds, news);

            assert.deepEqual(graph.assignments(), []);
            assert.deepEqual(result.outs?.managedSkuIds, [RA]);
        });
    });

    describe("delete", () => {
        it("removes exactly the SKUs it assigned and leaves other licenses on the group", async () => {
            graph.groups.set(GROUP, [
                { skuId: RA, disabledPlans: [] },
                { skuId: EXCHANGE_KIOSK, disabledPlans: [] },
            ]);
            await provider().delete(GROUP, state([{ skuId: RA, disabledPlans: [] }], [EXCHANGE_KIOSK]));

            assert.deepEqual(graph.assignments(), [{ addLicenses: [], removeLicenses: [RA] }]);
            assert.deepEqual(graph.groups.get(GROUP), [{ skuId: EXCHANGE_KIOSK, disabledPlans: [] }]);
        });

        it("does nothing when the group is already gone", async () => {
            await provider().delete(GROUP, state([{ skuId: RA, disabledPlans: [] }]));
            assert.deepEqual(graph.assignments(), []);
        });
    });

    describe("read (pulumi refresh)", () => {
        it("shows a SKU added to the group by hand as drift, and leaves it alone", async () => {
            graph.groups.set(GROUP, [
                { skuId: RA, disabledPlans: [] },
                { skuId: EXCHANGE_KIOSK, disabledPlans: [] },
            ]);
            const olds = state([{ skuId: RA, disabledPlans: [] }]);
            const p = provider();
            const result = await p.read(GROUP, olds);

            assert.deepEqual(result, { id: GROUP, props: { ...olds, otherSkuIds: [EXCHANGE_KIOSK] } });
            assert.deepEqual(await p.diff(GROUP, result.props!, inputs(olds.licenses)), {
                changes: false,
                replaces: [],
                deleteBeforeReplace: false,
            });
        });

        it("shows a SKU removed by hand as missing, so the next update assigns it again", async () => {
            graph.groups.set(GROUP, []);
            const olds = state([{ skuId: RA, disabledPlans: [] }]);
            const p = provider();
            const result = await p.read(GROUP, olds);

            assert.deepEqual(result.props?.licenses, []);
            assert.equal((await p.diff(GROUP, result.props!, inputs(olds.licenses))).changes, true);
        });

        it("shows disabled plans changed by hand", async () => {
            graph.groups.set(GROUP, [{ skuId: RA, disabledPlans: [TEAMS1] }]);
            const result = await provider().read(GROUP, state([{ skuId: RA, disabledPlans: [] }]));
            assert.deepEqual(result.props?.licenses, [{ skuId: RA, disabledPlans: [TEAMS1] }]);
        });

        it("shows a bundle SKU it did not assign, removed by hand, as missing too", async () => {
            graph.groups.set(GROUP, []);
            const result = await provider().read(GROUP, state([{ skuId: RA, disabledPlans: [] }], [], []));
            assert.deepEqual(result.props?.licenses, []);
            assert.deepEqual(result.props?.otherSkuIds, []);
        });

        it("reports the assignment gone when the group was deleted", async () => {
            assert.deepEqual(await provider().read(GROUP, state([{ skuId: RA, disabledPlans: [] }])), { id: "" });
        });
    });

    describe("Graph errors", () => {
        it("names the missing permission on 403", async () => {
            graph.groups.set(GROUP, []);
            graph.script.push(
                { status: 200 },
                {
                    status: 403,
                    error: {
                        code: "Authorization_RequestDenied",
                        message: "Insufficient privileges to complete the operation.",
                    },
                },
            );
            await assert.rejects(provider().create(inputs([{ skuId: RA, disabledPlans: [] }])), {
                message: `Microsoft Graph could not assign MICROSOFT_REMOTE_ASSIST (${RA}) to license group ${GROUP}: 403 Authorization_RequestDenied: Insufficient privileges to complete the operation. ${REQUEST_ID}. The identity running the stack needs the Microsoft Graph application permission LicenseAssignment.ReadWrite.All with admin consent (Group.ReadWrite.All or Directory.ReadWrite.All also allow it); a signed-in user needs at least the License Administrator role.`,
            });
        });

        it("says the group does not exist on 404", async () => {
            await assert.rejects(
                provider({ replicationWaitSeconds: 0 }).create(inputs([{ skuId: RA, disabledPlans: [] }])),
                {
                    message: `Microsoft Graph could not read the licenses of license group ${GROUP}: 404 Request_ResourceNotFound: Resource '${GROUP}' does not exist or one of its queried reference-property objects are not present. ${REQUEST_ID}. The group does not exist: if it was deleted by hand, run pulumi refresh and pulumi up to recreate it; if it was created moments ago, Entra ID may not have replicated it yet, so run pulumi up again.`,
                },
            );
        });

        it("says the tenant has no subscription for an unknown skuId", async () => {
            graph.groups.set(GROUP, []);
            const unknown = "99999999-9999-4999-8999-999999999999";
            await assert.rejects(provider().create(inputs([{ skuId: unknown, disabledPlans: [] }])), {
                message: `Microsoft Graph could not assign ${unknown} to license group ${GROUP}: 400 Request_BadRequest: License ${unknown} does not correspond to a valid company License. ${REQUEST_ID}. The tenant has no subscription with this skuId: check the SKU in licenses, and the tenant's products in the Microsoft 365 admin center (Billing > Your products) or GET /v1.0/subscribedSkus.`,
            });
        });
    });

    describe("throttling and transient failures", () => {
        it("retries a 429 after the Retry-After Graph sent, then succeeds", async () => {
            graph.groups.set(GROUP, []);
            graph.script.push({
                status: 429,
                headers: { "Retry-After": "1" },
                error: { code: "TooManyRequests", message: "Too many requests." },
            });
            const started = performance.now();
            await provider().create(inputs([{ skuId: RA, disabledPlans: [] }]));
            const elapsed = performance.now() - started;

            assert.deepEqual(retries, [{ status: 429, retry: 1, waitSeconds: 1 }]);
            // The library really slept: not only did this module compute a wait of 1 s.
            assert.ok(elapsed >= 1000, `create took ${elapsed} ms after a Retry-After of 1 s`);
            assert.ok(graph.requests[1].receivedAt - graph.requests[0].receivedAt >= 990);
            assert.deepEqual(graph.groups.get(GROUP), [{ skuId: RA, disabledPlans: [] }]);
        });

        it("gives up at once when Retry-After would pass the bound on a request's total time", async () => {
            graph.groups.set(GROUP, []);
            graph.always = {
                status: 503,
                headers: { "Retry-After": "120" },
                error: { code: "serviceNotAvailable", message: "Service unavailable." },
            };
            await assert.rejects(
                provider({ maxRequestSeconds: 60 }).create(inputs([{ skuId: RA, disabledPlans: [] }])),
                {
                    message: `Microsoft Graph kept failing to read the licenses of license group ${GROUP}: 503 serviceNotAvailable: Service unavailable. ${REQUEST_ID}. Gave up after 1 attempt and 0 s of waiting (waiting 120 s more would pass the bound of 60 s on a request's total time); run pulumi up again later.`,
                },
            );
            assert.deepEqual(retries, []);
            assert.equal(graph.requests.length, 1);
        });

        it("counts the time attempts take toward the bound, not only the waits", async () => {
            graph.groups.set(GROUP, []);
            graph.always = {
                status: 504,
                headers: { "Retry-After": "1" },
                error: { code: "UnknownError", message: "Gateway timeout." },
                delayMs: 600,
            };
            // 0.6 s for the answer plus 1 s of waiting passes 1.5 s, though the wait alone would not.
            await assert.rejects(
                provider({ maxRequestSeconds: 1.5 }).create(inputs([{ skuId: RA, disabledPlans: [] }])),
                {
                    message: `Microsoft Graph kept failing to read the licenses of license group ${GROUP}: 504 UnknownError: Gateway timeout. ${REQUEST_ID}. Gave up after 1 attempt and 0 s of waiting (waiting 1 s more would pass the bound of 1.5 s on a request's total time); run pulumi up again later.`,
                },
            );
            assert.equal(graph.requests.length, 1);
        });

        it("abandons an attempt that has no answer when the bound on total time passes", async () => {
            graph.groups.set(GROUP, []);
            graph.script.push({
                status: 504,
                headers: { "Retry-After": "0" },
                error: { code: "UnknownError", message: "Gateway timeout." },
            });
            graph.always = { status: 200, delayMs: 10_000 };
            await assert.rejects(
                provider({ maxRequestSeconds: 0.5 }).create(inputs([{ skuId: RA, disabledPlans: [] }])),
                {
                    message: `Microsoft Graph did not answer in time to read the licenses of license group ${GROUP}: attempt 2 had no answer when the bound of 0.5 s on a request's total time passed (the attempt before answered 504). Gave up after 2 attempts and 0 s of waiting; run pulumi up again later.`,
                },
            );
            assert.equal(graph.requests.length, 2);
        });

        it("gives up after the bound on retries", async () => {
            graph.groups.set(GROUP, []);
            graph.always = {
                status: 504,
                headers: { "Retry-After": "0" },
                error: { code: "UnknownError", message: "Gateway timeout." },
            };
            await assert.rejects(provider({ maxRetries: 2 }).create(inputs([{ skuId: RA, disabledPlans: [] }])), {
                message: `Microsoft Graph kept failing to read the licenses of license group ${GROUP}: 504 UnknownError: Gateway timeout. ${REQUEST_ID}. Gave up after 3 attempts and 0 s of waiting (the bound is 2 retries); run pulumi up again later.`,
            });
            assert.equal(graph.requests.length, 3);
        });
    });
});

describe("the wait for a new group to replicate", () => {
    const cases: { total: number; delays: number[] }[] = [
        { total: 60, delays: [1, 2, 4, 8, 16, 29] },
        { total: 31, delays: [1, 2, 4, 8, 16] },
        { total: 32, delays: [1, 2, 4, 8, 16, 1] },
        { total: 0.5, delays: [0.5] },
        { total: 0, delays: [] },
    ];
    for (const c of cases) {
        it(`waits ${c.total} s in all, doubling from 1 s: ${c.delays.join(", ") || "not at all"}`, () => {
            assert.deepEqual(replicationDelays(c.total), c.delays);
        });
    }
});
