import { strict as assert } from "node:assert";
import type { AccessToken, TokenCredential } from "@azure/identity";
import {
    AssignmentOutcomeUnknown,
    createGroupLicenseProvider,
    GroupLicenseInputs,
    GroupLicenseOutputs,
    licenseChange,
    recordedState,
    replicationDelays,
} from "../../licensing/groupLicenseProvider";
import type { ProviderSettings } from "../../licensing/providerSettings";
import { GROUP_LICENSE_PROVIDER_STUB } from "../../licensing/providerStub";
import { EXCHANGE_KIOSK, FAKE_TOKEN, LoopbackGraph, OTHER_PLAN, RA, RA_HOLOLENS, TEAMS1 } from "../../loopback/graph";

const GROUP = "11111111-1111-4111-8111-111111111111";
const REQUEST_ID = "(request-id 8d5f0a52-0000-4000-8000-000000000abc)";

const fakeCredential: TokenCredential = {
    async getToken(): Promise<AccessToken> {
        return { token: FAKE_TOKEN, expiresOnTimestamp: Date.now() + 3600_000 };
    },
};

/** Small timings, so that retries and waits take milliseconds. */
const FAST: ProviderSettings = {
    concurrency: 4,
    attemptTimeoutSeconds: 1,
    backoffSeconds: 0.005,
    maxBackoffSeconds: 0.02,
    holdJitter: 0,
    operationSeconds: 5,
    replicationWaitSeconds: 0.2,
};

describe("the GroupLicense provider against a local Microsoft Graph", () => {
    let graph: LoopbackGraph;
    let warnings: string[];

    before(async () => {
        graph = await LoopbackGraph.start();
    });
    after(async () => {
        await graph.stop();
    });
    beforeEach(() => {
        graph.reset();
        warnings = [];
    });

    function provider(settings: Partial<ProviderSettings> = {}) {
        const p = createGroupLicenseProvider({
            credential: () => fakeCredential,
            environment: {},
            settings: { ...FAST, ...settings },
            warn: (m) => warnings.push(m),
        });
        // Every method exists on this provider; the interface marks them optional.
        return p as Required<typeof p>;
    }

    function inputs(licenses: GroupLicenseInputs["licenses"], groupId = GROUP): GroupLicenseInputs {
        return { groupId, licenses, graphEndpoint: graph.endpoint };
    }

    /**
     * State after this resource assigned `licenses` (all of them, unless `managedSkuIds` says
     * otherwise), as the host records it: with the stub in `__provider`.
     */
    function state(
        licenses: GroupLicenseInputs["licenses"],
        otherSkuIds: string[] = [],
        managedSkuIds = licenses.map((l) => l.skuId),
    ): GroupLicenseOutputs {
        return {
            ...inputs(licenses),
            managedSkuIds,
            otherSkuIds,
            membersWithLicenseErrors: [],
            __provider: GROUP_LICENSE_PROVIDER_STUB,
        } as GroupLicenseOutputs;
    }

    /** Sets a group's licenses. */
    function groupHas(licenses: { skuId: string; disabledPlans: string[] }[]): void {
        graph.addGroup(GROUP, licenses);
    }

    /** What create returns for a new assignment of `licenses`. */
    function created(
        licenses: GroupLicenseInputs["licenses"],
        otherSkuIds: string[] = [],
        managedSkuIds = licenses.map((l) => l.skuId),
    ): GroupLicenseOutputs {
        return {
            ...inputs(licenses),
            managedSkuIds,
            otherSkuIds,
            licenseProcessingState: "QueuedForProcessing",
            membersWithLicenseErrors: [],
        };
    }

    const NOT_FOUND = {
        answer: {
            status: 404,
            error: {
                code: "Request_ResourceNotFound",
                message: `Resource '${GROUP}' does not exist or one of its queried reference-property objects are not present.`,
            },
        },
    };
    const requestLines = () =>
        graph.requests.map((r) => `${r.method} ${r.url.replace(GROUP, "{id}")} ${r.status ?? "-"}`);

    describe("create", () => {
        it("assigns the bundle's SKUs with their disabled plans in one assignLicense, sending the bearer token", async () => {
            groupHas([]);
            const result = await provider().create(inputs([{ skuId: RA, disabledPlans: [TEAMS1] }]));

            assert.deepEqual(graph.assignments(), [
                { addLicenses: [{ skuId: RA, disabledPlans: [TEAMS1] }], removeLicenses: [] },
            ]);
            assert.deepEqual(graph.groups.get(GROUP)?.licenses, [{ skuId: RA, disabledPlans: [TEAMS1] }]);
            assert.ok(graph.requests.every((r) => r.authorization === `Bearer ${FAKE_TOKEN}`));
            assert.deepEqual(result, { id: GROUP, outs: created([{ skuId: RA, disabledPlans: [TEAMS1] }]) });
        });

        it("reads, assigns, then reads the processing state and the members with license errors: nothing more", async () => {
            groupHas([]);
            await provider().create(inputs([{ skuId: RA, disabledPlans: [] }]));
            assert.deepEqual(requestLines(), [
                "GET /v1.0/groups/{id}?$select=assignedLicenses,licenseProcessingState 200",
                "POST /v1.0/groups/{id}/assignLicense 202",
                "GET /v1.0/groups/{id}?$select=assignedLicenses,licenseProcessingState 200",
                "GET /v1.0/groups/{id}/membersWithLicenseErrors?$select=id,userPrincipalName,licenseAssignmentStates 200",
            ]);
        });

        it("records SKUs already on the group as others, without touching them", async () => {
            groupHas([{ skuId: EXCHANGE_KIOSK, disabledPlans: [] }]);
            const result = await provider().create(inputs([{ skuId: RA, disabledPlans: [] }]));

            assert.deepEqual(graph.assignments(), [
                { addLicenses: [{ skuId: RA, disabledPlans: [] }], removeLicenses: [] },
            ]);
            assert.deepEqual(result.outs?.otherSkuIds, [EXCHANGE_KIOSK]);
            assert.deepEqual(result.outs?.managedSkuIds, [RA]);
        });

        it("does not claim a bundle SKU that was already on the group, so delete leaves it there", async () => {
            groupHas([{ skuId: RA, disabledPlans: [] }]);
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
            assert.deepEqual(graph.groups.get(GROUP)?.licenses, [{ skuId: RA, disabledPlans: [] }]);
        });

        it("waits for a group that Entra ID has not replicated yet", async () => {
            groupHas([]);
            graph.fail({ method: "GET", ...NOT_FOUND });
            await provider({ replicationWaitSeconds: 0.2 }).create(inputs([{ skuId: RA, disabledPlans: [] }]));

            assert.deepEqual(requestLines().slice(0, 3), [
                "GET /v1.0/groups/{id}?$select=assignedLicenses,licenseProcessingState 404",
                "GET /v1.0/groups/{id}?$select=assignedLicenses,licenseProcessingState 200",
                "POST /v1.0/groups/{id}/assignLicense 202",
            ]);
            assert.deepEqual(graph.groups.get(GROUP)?.licenses, [{ skuId: RA, disabledPlans: [] }]);
        });

        it("retries the assignLicense when the replica it reaches does not know the group yet", async () => {
            groupHas([]);
            graph.fail({ method: "POST", ...NOT_FOUND });
            await provider({ replicationWaitSeconds: 0.2 }).create(inputs([{ skuId: RA, disabledPlans: [] }]));

            assert.deepEqual(requestLines().slice(0, 3), [
                "GET /v1.0/groups/{id}?$select=assignedLicenses,licenseProcessingState 200",
                "POST /v1.0/groups/{id}/assignLicense 404",
                "POST /v1.0/groups/{id}/assignLicense 202",
            ]);
            assert.deepEqual(graph.groups.get(GROUP)?.licenses, [{ skuId: RA, disabledPlans: [] }]);
        });

        it("waits for replication once per create: the read and the assignLicense share the bound", async () => {
            groupHas([]);
            graph.fail({ method: "GET", ...NOT_FOUND });
            graph.fail({ method: "POST", ...NOT_FOUND });
            await assert.rejects(
                provider({ replicationWaitSeconds: 0.2 }).create(inputs([{ skuId: RA, disabledPlans: [] }])),
                {
                    message: `Microsoft Graph could not assign MICROSOFT_REMOTE_ASSIST (${RA}) to license group ${GROUP}: POST /v1.0/groups/${GROUP}/assignLicense answered 404 Request_ResourceNotFound: Resource '${GROUP}' does not exist or one of its queried reference-property objects are not present. ${REQUEST_ID}. The group does not exist: if it was deleted by hand, run pulumi refresh and pulumi up to recreate it; if it was created moments ago, Entra ID may not have replicated it yet, so run pulumi up again.`,
                },
            );
            assert.deepEqual(
                graph.requests.map((r) => r.method),
                ["GET", "GET", "POST"],
            );
        });

        it("waits the replication wait in seconds: 0.2 means 200 ms between the 404 and the retry", async () => {
            groupHas([]);
            graph.fail({ method: "GET", ...NOT_FOUND });
            await provider({ replicationWaitSeconds: 0.2 }).create(inputs([{ skuId: RA, disabledPlans: [] }]));
            const [notFound, retry] = graph.requests;
            assert.equal(notFound.status, 404);
            assert.ok(retry.receivedAt - notFound.receivedAt >= 190, `${retry.receivedAt - notFound.receivedAt} ms`);
        });

        it("gives up on a group that is not there yet at once when the next wait would pass the operation's bound", async () => {
            graph.fail({ method: "GET", times: Infinity, ...NOT_FOUND });
            const started = Date.now();
            await assert.rejects(
                provider({ replicationWaitSeconds: 5, operationSeconds: 0.5 }).create(
                    inputs([{ skuId: RA, disabledPlans: [] }]),
                ),
                /^GraphLicenseError: Microsoft Graph could not read the licenses of license group .* answered 404 /,
            );
            assert.equal(graph.requests.length, 1);
            assert.ok(Date.now() - started < 400, `took ${Date.now() - started} ms`);
        });

        it("sends no assignLicense when the group already has the whole bundle, and reads it only once", async () => {
            groupHas([{ skuId: RA, disabledPlans: [TEAMS1] }]);
            const result = await provider().create(inputs([{ skuId: RA, disabledPlans: [TEAMS1] }]));
            assert.deepEqual(requestLines(), [
                "GET /v1.0/groups/{id}?$select=assignedLicenses,licenseProcessingState 200",
                "GET /v1.0/groups/{id}/membersWithLicenseErrors?$select=id,userPrincipalName,licenseAssignmentStates 200",
            ]);
            assert.deepEqual(result.outs?.managedSkuIds, []);
        });

        it("keeps the bundle's seats in state, so that a refresh can warn about them", async () => {
            groupHas([]);
            const seatCheck = { bundle: "remote-assist", seats: 3, members: 2 };
            const result = await provider().create({ ...inputs([{ skuId: RA, disabledPlans: [] }]), seatCheck });
            assert.deepEqual(result.outs?.seatCheck, seatCheck);
        });

        it("uses one credential for every operation of the process", async () => {
            groupHas([]);
            graph.addGroup("g2");
            let calls = 0;
            const counting: TokenCredential = {
                async getToken(): Promise<AccessToken> {
                    calls += 1;
                    return { token: FAKE_TOKEN, expiresOnTimestamp: Date.now() + 3600_000 };
                },
            };
            const p = createGroupLicenseProvider({
                credential: () => counting,
                environment: {},
                settings: FAST,
                warn: (m) => warnings.push(m),
            }) as Required<ReturnType<typeof createGroupLicenseProvider>>;
            await p.create(inputs([{ skuId: RA, disabledPlans: [] }]));
            await p.create(inputs([{ skuId: RA, disabledPlans: [] }], "g2"));
            assert.equal(calls, 1);
        });

        it("refuses to start with an invalid RA_GRAPH_* variable in its environment, naming it", () => {
            assert.throws(
                () => createGroupLicenseProvider({ environment: { RA_GRAPH_CONCURRENCY: "many" } }),
                /^Error: The license assignment's Graph settings are invalid: RA_GRAPH_CONCURRENCY must be a whole number/,
            );
        });

        it("keeps the token out of state", async () => {
            groupHas([]);
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

        it("updates when a disabled plan is swapped for another, though the number of plans stays", async () => {
            const olds = state([{ skuId: RA, disabledPlans: [TEAMS1] }]);
            const news = inputs([{ skuId: RA, disabledPlans: [OTHER_PLAN] }]);
            assert.equal((await provider().diff(GROUP, olds, news)).changes, true);
        });

        it("checks inputs into one form: SKUs and their plans lower-cased, de-duplicated and sorted", async () => {
            const news = inputs([
                { skuId: RA_HOLOLENS.toUpperCase(), disabledPlans: [] },
                { skuId: RA, disabledPlans: [TEAMS1.toUpperCase(), OTHER_PLAN, TEAMS1] },
            ]);
            const checked = (await provider().check(news, news)).inputs as GroupLicenseInputs;
            assert.deepEqual(checked.licenses, [
                { skuId: RA, disabledPlans: [OTHER_PLAN, TEAMS1] },
                { skuId: RA_HOLOLENS, disabledPlans: [] },
            ]);
        });

        it("replaces the assignment when the group changes", async () => {
            const news = inputs([{ skuId: RA, disabledPlans: [] }], "22222222-2222-4222-8222-222222222222");
            assert.deepEqual(await provider().diff(GROUP, olds(), news), {
                changes: true,
                replaces: ["groupId"],
                deleteBeforeReplace: false,
            });
        });

        it("updates in place when graphEndpoint changes", async () => {
            const news = { ...inputs([{ skuId: RA, disabledPlans: [] }]), graphEndpoint: "https://graph.microsoft.us" };
            assert.deepEqual(await provider().diff(GROUP, olds(), news), {
                changes: true,
                replaces: [],
                deleteBeforeReplace: false,
            });
        });

        it("ignores the seats and members, and which stub is recorded", async () => {
            const news = {
                ...inputs([{ skuId: RA, disabledPlans: [] }]),
                seatCheck: { bundle: "ra", seats: 3, members: 2 },
            };
            const anotherStub = { ...olds(), __provider: "// remote-assist-tenancy GroupLicense provider stub 2: ..." };
            assert.equal((await provider().diff(GROUP, anotherStub, news)).changes, false);
        });

        it("updates state recorded with a whole provider's code, so that the stub replaces it", async () => {
            const legacy = { ...olds(), __provider: '"use strict";\nconst __modules = {};' };
            assert.deepEqual(await provider().diff(GROUP, legacy, inputs([{ skuId: RA, disabledPlans: [] }])), {
                changes: true,
                replaces: [],
                deleteBeforeReplace: false,
            });
        });

        it("reads state without managedSkuIds as owning none, instead of failing", async () => {
            const { managedSkuIds, ...withoutManaged } = olds();
            assert.deepEqual(managedSkuIds, [RA]);
            const p = provider();
            assert.equal((await p.diff(GROUP, withoutManaged as GroupLicenseOutputs, inputs([]))).changes, true);
            assert.equal(
                (await p.diff(GROUP, withoutManaged as GroupLicenseOutputs, inputs(olds().licenses))).changes,
                false,
            );
            assert.deepEqual(recordedState(withoutManaged).managedSkuIds, []);
        });

        it("reads state written before the other SKUs and license errors were recorded as having none", () => {
            const { otherSkuIds, membersWithLicenseErrors, ...older } = olds();
            assert.deepEqual([otherSkuIds, membersWithLicenseErrors], [[], []]);
            const read = recordedState({
                ...older,
                otherSkuIds: undefined,
                membersWithLicenseErrors: undefined,
            } as never);
            assert.deepEqual(read.otherSkuIds, []);
            assert.deepEqual(read.membersWithLicenseErrors, []);
        });

        it("reads state without licenses, or a license without disabled plans, as none", () => {
            const read = recordedState({ ...olds(), licenses: undefined } as never);
            assert.deepEqual(read.licenses, []);
            const bare = recordedState({ ...olds(), licenses: [{ skuId: RA.toUpperCase() }] } as never);
            assert.deepEqual(bare.licenses, [{ skuId: RA, disabledPlans: [] }]);
        });

        it("checks inputs without licenses as none, and compares them as none", async () => {
            const p = provider();
            const checked = await p.check({} as never, { groupId: GROUP, graphEndpoint: graph.endpoint } as never);
            assert.deepEqual(checked.inputs?.licenses, []);
            const diff = await p.diff(GROUP, state([]), { groupId: GROUP, graphEndpoint: graph.endpoint } as never);
            assert.equal(diff.changes, false);
        });
    });

    describe("update", () => {
        it("adds only the SKU that was added", async () => {
            groupHas([{ skuId: RA, disabledPlans: [] }]);
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
            groupHas([
                { skuId: RA, disabledPlans: [] },
                { skuId: RA_HOLOLENS, disabledPlans: [] },
            ]);
            const olds = state([
                { skuId: RA, disabledPlans: [] },
                { skuId: RA_HOLOLENS, disabledPlans: [] },
            ]);
            await provider().update(GROUP, olds, inputs([{ skuId: RA, disabledPlans: [] }]));

            assert.deepEqual(graph.assignments(), [{ addLicenses: [], removeLicenses: [RA_HOLOLENS] }]);
            assert.deepEqual(graph.groups.get(GROUP)?.licenses, [{ skuId: RA, disabledPlans: [] }]);
        });

        it("re-assigns a SKU whose disabled plans changed, in place", async () => {
            groupHas([{ skuId: RA, disabledPlans: [] }]);
            await provider().update(
                GROUP,
                state([{ skuId: RA, disabledPlans: [] }]),
                inputs([{ skuId: RA, disabledPlans: [TEAMS1] }]),
            );

            assert.deepEqual(graph.assignments(), [
                { addLicenses: [{ skuId: RA, disabledPlans: [TEAMS1] }], removeLicenses: [] },
            ]);
            assert.deepEqual(graph.groups.get(GROUP)?.licenses, [{ skuId: RA, disabledPlans: [TEAMS1] }]);
        });

        it("does not claim a SKU the bundle gains while the group already has it, so delete leaves it there", async () => {
            groupHas([
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
            assert.deepEqual(graph.groups.get(GROUP)?.licenses, [{ skuId: EXCHANGE_KIOSK, disabledPlans: [] }]);
        });

        it("claims a bundle SKU it puts back after it was removed by hand, though someone else first assigned it", async () => {
            groupHas([]);
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
            groupHas([
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
            groupHas([{ skuId: RA, disabledPlans: [] }]);
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

    describe("update, what it records", () => {
        it("records SKUs outside the bundle as others, never the bundle's own", async () => {
            groupHas([
                { skuId: RA, disabledPlans: [] },
                { skuId: EXCHANGE_KIOSK, disabledPlans: [] },
            ]);
            const seatCheck = { bundle: "remote-assist", members: 1 };
            const result = await provider().update(GROUP, state([{ skuId: RA, disabledPlans: [] }]), {
                ...inputs([
                    { skuId: RA, disabledPlans: [] },
                    { skuId: RA_HOLOLENS, disabledPlans: [] },
                ]),
                seatCheck,
            });
            assert.deepEqual(result.outs?.otherSkuIds, [EXCHANGE_KIOSK]);
            assert.deepEqual(result.outs?.seatCheck, seatCheck);
        });

        it("keeps a SKU it was removing as its own when the removal's outcome stays unknown", async () => {
            groupHas([
                { skuId: RA, disabledPlans: [] },
                { skuId: RA_HOLOLENS, disabledPlans: [] },
            ]);
            graph.fail({ method: "POST", times: Infinity, drop: { how: "reset", when: "before" } });
            const olds = state([
                { skuId: RA_HOLOLENS, disabledPlans: [] },
                { skuId: RA, disabledPlans: [] },
            ]);
            const news = { ...inputs([{ skuId: RA, disabledPlans: [] }]), __provider: GROUP_LICENSE_PROVIDER_STUB };
            const failure = await provider({ operationSeconds: 0.3 })
                .update(GROUP, olds, news)
                .then(
                    () => assert.fail("update succeeded"),
                    (e: unknown) => e,
                );
            assert.ok(failure instanceof AssignmentOutcomeUnknown, String(failure));
            assert.deepEqual(failure.properties, {
                ...inputs([{ skuId: RA, disabledPlans: [] }]),
                managedSkuIds: [RA, RA_HOLOLENS],
                otherSkuIds: [],
                licenseProcessingState: "ProcessingComplete",
                membersWithLicenseErrors: [],
                __provider: GROUP_LICENSE_PROVIDER_STUB,
            });
        });
    });

    describe("a write whose answer was lost after Graph applied it", () => {
        /** The group's read, Graph applying a write and losing the answer, the retry, and the read that finds it made. */
        const RETRIED_REMOVAL = [
            "GET /v1.0/groups/{id}?$select=assignedLicenses,licenseProcessingState 200",
            "POST /v1.0/groups/{id}/assignLicense -",
            "POST /v1.0/groups/{id}/assignLicense 400",
            "GET /v1.0/groups/{id}?$select=assignedLicenses,licenseProcessingState 200",
        ];

        it("counts a removal as done when its retry is refused because the first attempt removed the SKU", async () => {
            groupHas([
                { skuId: RA, disabledPlans: [] },
                { skuId: EXCHANGE_KIOSK, disabledPlans: [] },
            ]);
            graph.fail({ method: "POST", drop: { how: "reset", when: "after" } });
            await provider().delete(GROUP, state([{ skuId: RA, disabledPlans: [] }], [EXCHANGE_KIOSK]));

            assert.deepEqual(requestLines(), RETRIED_REMOVAL);
            assert.deepEqual(graph.groups.get(GROUP)?.licenses, [{ skuId: EXCHANGE_KIOSK, disabledPlans: [] }]);
        });

        it("updates without an unknown outcome when the retried removal is refused because the first removed it", async () => {
            groupHas([
                { skuId: RA, disabledPlans: [] },
                { skuId: RA_HOLOLENS, disabledPlans: [] },
            ]);
            graph.fail({ method: "POST", drop: { how: "reset", when: "after" } });
            const olds = state([
                { skuId: RA, disabledPlans: [] },
                { skuId: RA_HOLOLENS, disabledPlans: [] },
            ]);
            const result = await provider().update(GROUP, olds, inputs([{ skuId: RA, disabledPlans: [] }]));

            assert.deepEqual(requestLines().slice(0, 4), RETRIED_REMOVAL);
            assert.deepEqual(result.outs?.managedSkuIds, [RA]);
            assert.deepEqual(graph.groups.get(GROUP)?.licenses, [{ skuId: RA, disabledPlans: [] }]);
        });

        it("counts a removal as done when the group is gone by the time it reads it back", async () => {
            groupHas([{ skuId: RA, disabledPlans: [] }]);
            graph.fail({ method: "POST", times: Infinity, drop: { how: "reset", when: "before" } });
            graph.fail({ method: "GET", after: 1, times: Infinity, ...NOT_FOUND });
            await provider({ operationSeconds: 0.3 }).delete(GROUP, state([{ skuId: RA, disabledPlans: [] }]));

            assert.equal(
                requestLines().at(-1),
                "GET /v1.0/groups/{id}?$select=assignedLicenses,licenseProcessingState 404",
            );
        });

        it("keeps a removal of unknown outcome when reading the group back is refused", async () => {
            groupHas([{ skuId: RA, disabledPlans: [] }]);
            graph.fail({ method: "POST", times: Infinity, drop: { how: "reset", when: "before" } });
            graph.fail({
                method: "GET",
                after: 1,
                times: Infinity,
                answer: {
                    status: 403,
                    error: { code: "Authorization_RequestDenied", message: "Insufficient privileges." },
                },
            });
            await assert.rejects(
                provider({ operationSeconds: 0.3 }).delete(GROUP, state([{ skuId: RA, disabledPlans: [] }])),
                { message: /Graph may have removed them before the answer was lost/ },
            );
            assert.equal(
                requestLines().at(-1),
                "GET /v1.0/groups/{id}?$select=assignedLicenses,licenseProcessingState 403",
            );
        });

        it("keeps an assignment of unknown outcome when the group is gone by the time it reads it back", async () => {
            groupHas([]);
            graph.fail({ method: "POST", times: Infinity, drop: { how: "reset", when: "before" } });
            graph.fail({ method: "GET", after: 1, times: Infinity, ...NOT_FOUND });
            const failure = await provider({ operationSeconds: 0.3 })
                .create(inputs([{ skuId: RA, disabledPlans: [] }]))
                .then(
                    () => assert.fail("create succeeded"),
                    (e: unknown) => e,
                );
            assert.ok(failure instanceof AssignmentOutcomeUnknown, String(failure));
        });

        it("counts an assignment as done when the bound passed waiting for its answer, and the group has it", async () => {
            groupHas([]);
            graph.fail({ method: "POST", drop: { how: "hang", when: "after" } });
            const result = await provider({ operationSeconds: 0.3 }).create(inputs([{ skuId: RA, disabledPlans: [] }]));

            assert.deepEqual(result.outs?.managedSkuIds, [RA]);
            assert.deepEqual(graph.groups.get(GROUP)?.licenses, [{ skuId: RA, disabledPlans: [] }]);
            assert.deepEqual(requestLines().slice(0, 3), [
                "GET /v1.0/groups/{id}?$select=assignedLicenses,licenseProcessingState 200",
                "POST /v1.0/groups/{id}/assignLicense -",
                "GET /v1.0/groups/{id}?$select=assignedLicenses,licenseProcessingState 200",
            ]);
        });
    });

    describe("delete", () => {
        it("removes exactly the SKUs it assigned and leaves other licenses on the group", async () => {
            groupHas([
                { skuId: RA, disabledPlans: [] },
                { skuId: EXCHANGE_KIOSK, disabledPlans: [] },
            ]);
            await provider().delete(GROUP, state([{ skuId: RA, disabledPlans: [] }], [EXCHANGE_KIOSK]));

            assert.deepEqual(graph.assignments(), [{ addLicenses: [], removeLicenses: [RA] }]);
            assert.deepEqual(graph.groups.get(GROUP)?.licenses, [{ skuId: EXCHANGE_KIOSK, disabledPlans: [] }]);
        });

        it("does nothing when the group is already gone", async () => {
            await provider().delete(GROUP, state([{ skuId: RA, disabledPlans: [] }]));
            assert.deepEqual(graph.assignments(), []);
        });

        it("sends nothing when the SKUs it assigned are already off the group", async () => {
            groupHas([{ skuId: EXCHANGE_KIOSK, disabledPlans: [] }]);
            await provider().delete(GROUP, state([{ skuId: RA, disabledPlans: [] }], [EXCHANGE_KIOSK]));
            assert.deepEqual(requestLines(), [
                "GET /v1.0/groups/{id}?$select=assignedLicenses,licenseProcessingState 200",
            ]);
        });

        it("succeeds when the group is deleted between its read and the removal", async () => {
            groupHas([{ skuId: RA, disabledPlans: [] }]);
            graph.fail({ method: "POST", ...NOT_FOUND });
            await provider().delete(GROUP, state([{ skuId: RA, disabledPlans: [] }]));
            assert.deepEqual(
                graph.requests.map((r) => `${r.method} ${r.status}`),
                ["GET 200", "POST 404"],
            );
        });

        it("fails with Graph's refusal, not as an unknown outcome, when the removal is refused", async () => {
            groupHas([{ skuId: RA, disabledPlans: [] }]);
            graph.fail({
                method: "POST",
                answer: { status: 403, error: { code: "Authorization_RequestDenied", message: "No." } },
            });
            await assert.rejects(provider().delete(GROUP, state([{ skuId: RA, disabledPlans: [] }])), {
                message: `Microsoft Graph could not remove MICROSOFT_REMOTE_ASSIST (${RA}) from license group ${GROUP}: POST /v1.0/groups/${GROUP}/assignLicense answered 403 Authorization_RequestDenied: No. ${REQUEST_ID}. The identity running the stack needs the Microsoft Graph application permission LicenseAssignment.ReadWrite.All with admin consent (Group.ReadWrite.All or Directory.ReadWrite.All also allow it); a signed-in user needs at least the License Administrator role.`,
            });
        });
    });

    describe("read (pulumi refresh)", () => {
        it("shows a SKU added to the group by hand as drift, and leaves it alone", async () => {
            groupHas([
                { skuId: RA, disabledPlans: [] },
                { skuId: EXCHANGE_KIOSK, disabledPlans: [] },
            ]);
            const olds = state([{ skuId: RA, disabledPlans: [] }]);
            const p = provider();
            const result = await p.read(GROUP, olds);

            assert.deepEqual(result, {
                id: GROUP,
                props: { ...olds, otherSkuIds: [EXCHANGE_KIOSK], licenseProcessingState: "ProcessingComplete" },
            });
            assert.deepEqual(await p.diff(GROUP, result.props!, inputs(olds.licenses)), {
                changes: false,
                replaces: [],
                deleteBeforeReplace: false,
            });
        });

        it("shows a SKU removed by hand as missing, so the next update assigns it again", async () => {
            groupHas([]);
            const olds = state([{ skuId: RA, disabledPlans: [] }]);
            const p = provider();
            const result = await p.read(GROUP, olds);

            assert.deepEqual(result.props?.licenses, []);
            assert.equal((await p.diff(GROUP, result.props!, inputs(olds.licenses))).changes, true);
        });

        it("shows disabled plans changed by hand", async () => {
            groupHas([{ skuId: RA, disabledPlans: [TEAMS1] }]);
            const result = await provider().read(GROUP, state([{ skuId: RA, disabledPlans: [] }]));
            assert.deepEqual(result.props?.licenses, [{ skuId: RA, disabledPlans: [TEAMS1] }]);
        });

        it("shows a bundle SKU it did not assign, removed by hand, as missing too", async () => {
            groupHas([]);
            const result = await provider().read(GROUP, state([{ skuId: RA, disabledPlans: [] }], [], []));
            assert.deepEqual(result.props?.licenses, []);
            assert.deepEqual(result.props?.otherSkuIds, []);
        });

        it("reads the group and its members with license errors: nothing more", async () => {
            groupHas([{ skuId: RA, disabledPlans: [] }]);
            await provider().read(GROUP, state([{ skuId: RA, disabledPlans: [] }]));
            assert.deepEqual(requestLines(), [
                "GET /v1.0/groups/{id}?$select=assignedLicenses,licenseProcessingState 200",
                "GET /v1.0/groups/{id}/membersWithLicenseErrors?$select=id,userPrincipalName,licenseAssignmentStates 200",
            ]);
        });

        it("refuses to refresh a resource without recorded state, naming it", async () => {
            await assert.rejects(provider().read(GROUP, undefined), {
                message: `GroupLicense ${GROUP} has no recorded state to refresh from.`,
            });
        });

        it("warns when the recorded seats promise more than the tenant owns", async () => {
            groupHas([{ skuId: RA, disabledPlans: [] }]);
            await provider().read(GROUP, {
                ...state([{ skuId: RA, disabledPlans: [] }]),
                seatCheck: { bundle: "remote-assist", seats: 30, members: 2 },
            });
            assert.deepEqual(warnings, [
                `licenses.remote-assist.seats is 30, but the tenant has 25 seats of MICROSOFT_REMOTE_ASSIST (${RA}) (subscription Enabled); buy more, or lower seats to what the tenant owns.`,
            ]);
        });

        it("reports the assignment gone when the group was deleted", async () => {
            assert.deepEqual(await provider().read(GROUP, state([{ skuId: RA, disabledPlans: [] }])), { id: "" });
        });

        it("fails, naming the URL, on a 404 that is not Graph's, instead of forgetting the assignment", async () => {
            groupHas([{ skuId: RA, disabledPlans: [] }]);
            graph.fail({ times: 2, answer: { status: 404, body: "<html>Not Found</html>" } });
            const p = provider();
            const url = `${graph.endpoint}/v1.0/groups/${GROUP}?$select=assignedLicenses,licenseProcessingState`;
            const message = `Microsoft Graph could not read the licenses of license group ${GROUP}: GET /v1.0/groups/${GROUP}?$select=assignedLicenses,licenseProcessingState answered 404. A 404 without Graph's error code Request_ResourceNotFound does not say that the object is gone: check that ${url} reaches Microsoft Graph (graphEndpoint ${graph.endpoint}), not a proxy or another service.`;
            await assert.rejects(p.read(GROUP, state([{ skuId: RA, disabledPlans: [] }])), { message });
            await assert.rejects(p.delete(GROUP, state([{ skuId: RA, disabledPlans: [] }])), { message });
            assert.deepEqual(graph.groups.get(GROUP)?.licenses, [{ skuId: RA, disabledPlans: [] }]);
        });
    });

    describe("Graph errors", () => {
        const DENIED = {
            status: 403,
            error: {
                code: "Authorization_RequestDenied",
                message: "Insufficient privileges to complete the operation.",
            },
        };

        it("names the request and the missing permission on 403, and records nothing", async () => {
            groupHas([]);
            graph.fail({ method: "POST", answer: DENIED });
            const failure = await provider()
                .create(inputs([{ skuId: RA, disabledPlans: [] }]))
                .then(
                    () => assert.fail("create succeeded"),
                    (e: unknown) => e,
                );
            assert.ok(!(failure instanceof AssignmentOutcomeUnknown), "a refused assignment was recorded");
            assert.equal(
                (failure as Error).message,
                `Microsoft Graph could not assign MICROSOFT_REMOTE_ASSIST (${RA}) to license group ${GROUP}: POST /v1.0/groups/${GROUP}/assignLicense answered 403 Authorization_RequestDenied: Insufficient privileges to complete the operation. ${REQUEST_ID}. The identity running the stack needs the Microsoft Graph application permission LicenseAssignment.ReadWrite.All with admin consent (Group.ReadWrite.All or Directory.ReadWrite.All also allow it); a signed-in user needs at least the License Administrator role.`,
            );
        });

        it("says the group does not exist on 404", async () => {
            await assert.rejects(
                provider({ replicationWaitSeconds: 0 }).create(inputs([{ skuId: RA, disabledPlans: [] }])),
                {
                    message: `Microsoft Graph could not read the licenses of license group ${GROUP}: GET /v1.0/groups/${GROUP}?$select=assignedLicenses,licenseProcessingState answered 404 Request_ResourceNotFound: Resource '${GROUP}' does not exist or one of its queried reference-property objects are not present. ${REQUEST_ID}. The group does not exist: if it was deleted by hand, run pulumi refresh and pulumi up to recreate it; if it was created moments ago, Entra ID may not have replicated it yet, so run pulumi up again.`,
                },
            );
        });

        it("says the tenant has no subscription for an unknown skuId", async () => {
            groupHas([]);
            const unknown = "99999999-9999-4999-8999-999999999999";
            await assert.rejects(provider().create(inputs([{ skuId: unknown, disabledPlans: [] }])), {
                message: `Microsoft Graph could not assign ${unknown} to license group ${GROUP}: POST /v1.0/groups/${GROUP}/assignLicense answered 400 Request_BadRequest: License ${unknown} does not correspond to a valid company License. ${REQUEST_ID}. The tenant has no subscription with this skuId: check the SKU in licenses, and the tenant's products in the Microsoft 365 admin center (Billing > Your products) or GET /v1.0/subscribedSkus.`,
            });
        });

        it("fails a refresh and a delete on 403 instead of forgetting the assignment", async () => {
            groupHas([{ skuId: RA, disabledPlans: [] }]);
            graph.fail({ times: 2, answer: DENIED });
            const p = provider();
            await assert.rejects(
                p.read(GROUP, state([{ skuId: RA, disabledPlans: [] }])),
                /answered 403 Authorization_RequestDenied/,
            );
            await assert.rejects(
                p.delete(GROUP, state([{ skuId: RA, disabledPlans: [] }])),
                /answered 403 Authorization_RequestDenied/,
            );
            assert.deepEqual(graph.groups.get(GROUP)?.licenses, [{ skuId: RA, disabledPlans: [] }]);
        });

        it("fails a delete whose removal's outcome stayed unknown, saying the next run removes what is left", async () => {
            groupHas([{ skuId: RA, disabledPlans: [] }]);
            graph.fail({ method: "POST", times: Infinity, drop: { how: "reset", when: "before" } });
            await assert.rejects(
                provider({ operationSeconds: 0.3 }).delete(GROUP, state([{ skuId: RA, disabledPlans: [] }])),
                {
                    message: new RegExp(
                        `^Microsoft Graph did not remove MICROSOFT_REMOTE_ASSIST \\(${RA}\\) from license group ${GROUP} in time: POST .* Graph may have removed them before the answer was lost: the license assignment stays in the stack, and the next pulumi destroy or up reads the group again and removes what is left\\.$`,
                    ),
                },
            );
        });
    });

    describe("an assignment whose outcome stays unknown", () => {
        it("fails carrying the id and the state to record: the SKUs it asked for, and the stub", async () => {
            groupHas([{ skuId: EXCHANGE_KIOSK, disabledPlans: [] }]);
            // Every connection reset once the request was sent, and the group read back without the SKU.
            graph.fail({ method: "POST", times: Infinity, drop: { how: "reset", when: "before" } });
            const news = { ...inputs([{ skuId: RA, disabledPlans: [] }]), __provider: GROUP_LICENSE_PROVIDER_STUB };
            const failure = await provider({ operationSeconds: 0.3 })
                .create(news)
                .then(
                    () => assert.fail("create succeeded"),
                    (e: unknown) => e,
                );
            assert.ok(failure instanceof AssignmentOutcomeUnknown, String(failure));
            assert.match(
                String(failure),
                new RegExp(
                    `^AssignmentOutcomeUnknown: Microsoft Graph did not assign MICROSOFT_REMOTE_ASSIST \\(${RA}\\) to license group ${GROUP} in time: .* Graph may have applied it before the answer was lost: the license assignment is recorded with the SKUs it asked for, and the next pulumi up reconciles them with the group\\.$`,
                ),
            );
            assert.equal(failure.id, GROUP);
            assert.deepEqual(failure.properties, {
                ...inputs([{ skuId: RA, disabledPlans: [] }]),
                managedSkuIds: [RA],
                otherSkuIds: [EXCHANGE_KIOSK],
                licenseProcessingState: "ProcessingComplete",
                membersWithLicenseErrors: [],
                __provider: GROUP_LICENSE_PROVIDER_STUB,
            });
            assert.deepEqual(failure.reasons, [failure.message]);
        });
    });

    describe("license health", () => {
        it("lists the members Entra ID could not license from this group, ignoring other groups' and direct licenses", async () => {
            graph.addGroup(GROUP, [{ skuId: RA, disabledPlans: [] }]).membersWithLicenseErrors = [
                {
                    id: "u2",
                    userPrincipalName: "sa2@abc.onmicrosoft.com",
                    licenseAssignmentStates: [
                        {
                            skuId: RA,
                            assignedByGroup: GROUP,
                            state: "Error",
                            error: "ProhibitedInUsageLocationViolation",
                        },
                        {
                            skuId: RA_HOLOLENS,
                            assignedByGroup: "another-group",
                            state: "Error",
                            error: "CountViolation",
                        },
                    ],
                },
                {
                    id: "u1",
                    userPrincipalName: "sa1@abc.onmicrosoft.com",
                    licenseAssignmentStates: [
                        {
                            skuId: RA.toUpperCase(),
                            assignedByGroup: GROUP,
                            state: "ActiveWithError",
                            error: "MutuallyExclusiveViolation",
                        },
                        { skuId: EXCHANGE_KIOSK, assignedByGroup: null, state: "Error", error: "CountViolation" },
                        { skuId: EXCHANGE_KIOSK, assignedByGroup: GROUP, state: "Active", error: "None" },
                    ],
                },
            ];
            const result = await provider().read(GROUP, state([{ skuId: RA, disabledPlans: [] }]));
            assert.deepEqual(result.props?.membersWithLicenseErrors, [
                { userPrincipalName: "sa1@abc.onmicrosoft.com", skuId: RA, error: "MutuallyExclusiveViolation" },
                {
                    userPrincipalName: "sa2@abc.onmicrosoft.com",
                    skuId: RA,
                    error: "ProhibitedInUsageLocationViolation",
                },
            ]);
            assert.deepEqual(warnings, [
                `license group ${GROUP}: sa1@abc.onmicrosoft.com did not get MICROSOFT_REMOTE_ASSIST (${RA}): MutuallyExclusiveViolation (conflicting service plans: a plan of the product conflicts with one the user already has from another product; disable one of them (disabledPlans) or remove the other license).`,
                `license group ${GROUP}: sa2@abc.onmicrosoft.com did not get MICROSOFT_REMOTE_ASSIST (${RA}): ProhibitedInUsageLocationViolation (the product is not available in the user's usage location; give the service account a usageLocation where it is sold).`,
            ]);
        });

        it("names the read of the processing state when that is what fails, and still lists the members with errors", async () => {
            groupHas([]);
            graph.fail({
                method: "GET",
                path: /\$select=assignedLicenses/,
                after: 1,
                answer: { status: 403, error: { code: "Authorization_RequestDenied", message: "No." } },
            });
            const result = await provider().create(inputs([{ skuId: RA, disabledPlans: [] }]));
            assert.equal(result.outs?.licenseProcessingState, "ProcessingComplete");
            assert.deepEqual(warnings, [
                `license group ${GROUP}: could not read its license processing state: Microsoft Graph could not read the licenses of license group ${GROUP}: GET /v1.0/groups/${GROUP}?$select=assignedLicenses,licenseProcessingState answered 403 Authorization_RequestDenied: No. ${REQUEST_ID}. The identity running the stack needs the Microsoft Graph permission Group.Read.All (Group.ReadWrite.All, which the license groups already need, includes it).`,
            ]);
            assert.deepEqual(requestLines().slice(2), [
                "GET /v1.0/groups/{id}?$select=assignedLicenses,licenseProcessingState 403",
                "GET /v1.0/groups/{id}/membersWithLicenseErrors?$select=id,userPrincipalName,licenseAssignmentStates 200",
            ]);
        });

        it("keeps what it recorded, and warns, when Graph will not list the members with errors", async () => {
            groupHas([{ skuId: RA, disabledPlans: [] }]);
            graph.fail({
                path: /membersWithLicenseErrors/,
                answer: { status: 403, error: { code: "Authorization_RequestDenied", message: "No." } },
            });
            const recorded = [{ userPrincipalName: "sa1@abc.onmicrosoft.com", skuId: RA, error: "CountViolation" }];
            const result = await provider().read(GROUP, {
                ...state([{ skuId: RA, disabledPlans: [] }]),
                licenseProcessingState: "QueuedForProcessing",
                membersWithLicenseErrors: recorded,
            });
            assert.deepEqual(result.props?.membersWithLicenseErrors, recorded);
            // The processing state it did read is kept, not the one recorded before.
            assert.equal(result.props?.licenseProcessingState, "ProcessingComplete");
            assert.deepEqual(warnings, [
                `license group ${GROUP}: could not check its members' license errors: Microsoft Graph could not list the members with license errors of license group ${GROUP}: GET /v1.0/groups/${GROUP}/membersWithLicenseErrors?$select=id,userPrincipalName,licenseAssignmentStates answered 403 Authorization_RequestDenied: No. ${REQUEST_ID}. The identity running the stack needs GroupMember.Read.All (or Group.Read.All) to list members with license errors, and User.Read.All to read their license states.`,
            ]);
        });
    });

    describe("warnings without a warn option", () => {
        it("go to stderr, one line each, marked as warnings", async () => {
            groupHas([{ skuId: RA, disabledPlans: [] }]);
            graph.fail({
                path: /membersWithLicenseErrors/,
                answer: { status: 403, error: { code: "Authorization_RequestDenied", message: "No." } },
            });
            const p = createGroupLicenseProvider({
                credential: () => fakeCredential,
                environment: {},
                settings: FAST,
            }) as Required<ReturnType<typeof createGroupLicenseProvider>>;
            const written: string[] = [];
            const write = process.stderr.write;
            process.stderr.write = ((chunk: string) => {
                written.push(String(chunk));
                return true;
            }) as typeof process.stderr.write;
            try {
                await p.read(GROUP, state([{ skuId: RA, disabledPlans: [] }]));
            } finally {
                process.stderr.write = write;
            }
            assert.equal(written.length, 1, written.join(""));
            assert.match(
                written[0],
                new RegExp(
                    `^warning: license group ${GROUP}: could not check its members' license errors: .* answered 403 .*\\.\\n$`,
                ),
            );
        });
    });

    describe("seats", () => {
        const seatCheck = { bundle: "remote-assist", seats: 20, members: 10 };
        const withSeats = (groupId = GROUP) => ({ ...inputs([{ skuId: RA, disabledPlans: [] }], groupId), seatCheck });
        function tenantHas(enabled: number, consumed: number): void {
            graph.subscriptions = graph.subscriptions.map((s) =>
                s.skuId === RA ? { ...s, consumedUnits: consumed, prepaidUnits: { ...s.prepaidUnits, enabled } } : s,
            );
        }

        it("does not warn when the tenant has seats enough", async () => {
            tenantHas(25, 15);
            groupHas([]);
            await provider().create(withSeats());
            assert.deepEqual(warnings, []);
        });

        it("counts the seats parallel creates take, and warns for the group that does not fit", async () => {
            tenantHas(25, 10);
            graph.addGroup("g1");
            graph.addGroup("g2");
            const p = provider();
            await Promise.all([p.create(withSeats("g1")), p.create(withSeats("g2"))]);
            assert.equal(warnings.length, 1);
            assert.match(
                warnings[0],
                new RegExp(
                    `^license group g[12] \\(licenses\\.remote-assist\\): its 10 active service accounts need at most 10 seats of MICROSOFT_REMOTE_ASSIST \\(${RA}\\) \\(none for an account that holds it already, assigned directly or by another group\\), but 5 remain \\(25 enabled, 10 consumed, 10 taken by earlier assignments of this deployment\\); members beyond that get CountViolation until seats are bought or freed\\.$`,
                ),
            );
            assert.equal(graph.requests.filter((r) => r.url.startsWith("/v1.0/subscribedSkus")).length, 1);
        });

        it("warns when licenses.<bundle>.seats promises more than the tenant owns, and when it owns none", async () => {
            tenantHas(15, 0);
            graph.subscriptions = graph.subscriptions.filter((s) => s.skuId !== EXCHANGE_KIOSK);
            groupHas([]);
            await provider()
                .create({
                    ...inputs([
                        { skuId: RA, disabledPlans: [] },
                        { skuId: EXCHANGE_KIOSK, disabledPlans: [] },
                    ]),
                    seatCheck: { ...seatCheck, members: 0 },
                })
                .catch(() => undefined);
            assert.deepEqual(warnings, [
                `licenses.remote-assist.seats is 20, but the tenant has 15 seats of MICROSOFT_REMOTE_ASSIST (${RA}) (subscription Enabled); buy more, or lower seats to what the tenant owns.`,
                `licenses.remote-assist: the tenant has no subscription to EXCHANGEDESKLESS (${EXCHANGE_KIOSK}), so assigning it fails; buy it, or take it out of licenses.remote-assist.skus.`,
            ]);
        });

        it("does not count seats for a SKU the group already has when only its disabled plans change", async () => {
            tenantHas(10, 10);
            groupHas([{ skuId: RA, disabledPlans: [] }]);
            const news = {
                ...inputs([{ skuId: RA, disabledPlans: [TEAMS1] }]),
                seatCheck: { bundle: "remote-assist", members: 5 },
            };
            await provider().create(news);
            await provider().update(GROUP, state([{ skuId: RA, disabledPlans: [] }]), {
                ...news,
                licenses: [{ skuId: RA, disabledPlans: [OTHER_PLAN] }],
            });
            assert.deepEqual(graph.assignments().length, 2);
            assert.deepEqual(warnings, []);
        });

        it("warns on refresh about each SKU of the bundle the declared seats exceed, in skuId order", async () => {
            groupHas([
                { skuId: RA_HOLOLENS, disabledPlans: [] },
                { skuId: RA, disabledPlans: [] },
            ]);
            const recorded = state([
                { skuId: RA_HOLOLENS, disabledPlans: [] },
                { skuId: RA, disabledPlans: [] },
            ]);
            await provider().read(GROUP, { ...recorded, seatCheck: { ...seatCheck, seats: 100000 } });
            assert.equal(warnings.length, 2, warnings.join("\n"));
            assert.match(warnings[0], new RegExp(`^licenses\\.remote-assist\\.seats is 100000, but .*\\(${RA}\\)`));
            assert.match(
                warnings[1],
                new RegExp(`^licenses\\.remote-assist\\.seats is 100000, but .*\\(${RA_HOLOLENS}\\)`),
            );
        });

        it("refreshes anyway, warning, when the tenant's seats cannot be read", async () => {
            groupHas([{ skuId: RA, disabledPlans: [] }]);
            graph.fail({
                path: /subscribedSkus/,
                answer: { status: 403, error: { code: "Authorization_RequestDenied", message: "No." } },
            });
            const result = await provider().read(GROUP, { ...state([{ skuId: RA, disabledPlans: [] }]), seatCheck });
            assert.deepEqual(result.props?.managedSkuIds, [RA]);
            assert.equal(warnings.length, 1, warnings.join("\n"));
            assert.match(
                warnings[0],
                /^could not compare the license bundles with the tenant's seats: .* answered 403/,
            );
        });

        it("warns on update about the seats of a SKU it adds to the group", async () => {
            tenantHas(20, 20);
            groupHas([]);
            await provider().update(GROUP, state([]), withSeats());
            assert.equal(warnings.length, 1, warnings.join("\n"));
            assert.match(
                warnings[0],
                new RegExp(
                    `^license group ${GROUP} \\(licenses\\.remote-assist\\): its 10 active service accounts need at most 10 seats of MICROSOFT_REMOTE_ASSIST \\(${RA}\\) .* but 0 remain`,
                ),
            );
        });

        it("reads the tenant's seats again for the next assignment after a read that failed", async () => {
            tenantHas(25, 20);
            graph.addGroup("g1");
            graph.addGroup("g2");
            graph.fail({
                path: /subscribedSkus/,
                answer: { status: 403, error: { code: "Authorization_RequestDenied", message: "No." } },
            });
            const p = provider();
            await p.create(withSeats("g1"));
            await p.create(withSeats("g2"));
            assert.deepEqual(
                graph.requests.filter((r) => r.url.startsWith("/v1.0/subscribedSkus")).map((r) => r.status),
                [403, 200],
            );
            assert.deepEqual(warnings, [
                `could not compare the license bundles with the tenant's seats: Microsoft Graph could not read the tenant's subscribed SKUs: GET /v1.0/subscribedSkus?$select=skuId,skuPartNumber,capabilityStatus,consumedUnits,prepaidUnits answered 403 Authorization_RequestDenied: No. ${REQUEST_ID}. The identity running the stack needs Organization.Read.All (or LicenseAssignment.Read.All) to read the tenant's subscribed SKUs.`,
                `license group g2 (licenses.remote-assist): its 10 active service accounts need at most 10 seats of MICROSOFT_REMOTE_ASSIST (${RA}) (none for an account that holds it already, assigned directly or by another group), but 5 remain (25 enabled, 20 consumed); members beyond that get CountViolation until seats are bought or freed.`,
            ]);
        });

        it("warns once about seats it cannot read, however many assignments try", async () => {
            graph.addGroup("g1");
            graph.addGroup("g2");
            graph.fail({
                path: /subscribedSkus/,
                times: Infinity,
                answer: { status: 403, error: { code: "Authorization_RequestDenied", message: "No." } },
            });
            const p = provider();
            await p.create(withSeats("g1"));
            await p.create(withSeats("g2"));
            assert.equal(graph.requests.filter((r) => r.url.startsWith("/v1.0/subscribedSkus")).length, 2);
            assert.equal(warnings.length, 1, warnings.join("\n"));
        });

        it("warns once, and assigns anyway, when the tenant's seats cannot be read", async () => {
            groupHas([]);
            graph.fail({
                path: /subscribedSkus/,
                answer: { status: 403, error: { code: "Authorization_RequestDenied", message: "No." } },
            });
            const result = await provider().create(withSeats());
            assert.deepEqual(result.outs?.managedSkuIds, [RA]);
            assert.equal(warnings.length, 1);
            assert.equal(
                warnings[0],
                `could not compare the license bundles with the tenant's seats: Microsoft Graph could not read the tenant's subscribed SKUs: GET /v1.0/subscribedSkus?$select=skuId,skuPartNumber,capabilityStatus,consumedUnits,prepaidUnits answered 403 Authorization_RequestDenied: No. ${REQUEST_ID}. The identity running the stack needs Organization.Read.All (or LicenseAssignment.Read.All) to read the tenant's subscribed SKUs.`,
            );
        });
    });
});

describe("the change to a group's licenses", () => {
    it("removes each SKU it may remove once, in skuId order, whatever the letter case it was recorded in", () => {
        const current = [RA, RA_HOLOLENS, EXCHANGE_KIOSK].map((skuId) => ({ skuId, disabledPlans: [] }));
        assert.deepEqual(licenseChange(current, [], [RA_HOLOLENS.toUpperCase(), RA, RA_HOLOLENS, "not-on-the-group"]), {
            add: [],
            remove: [RA, RA_HOLOLENS],
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
