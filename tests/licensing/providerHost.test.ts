/**
 * The GroupLicense provider as `pulumi up` runs it: in Pulumi's own dynamic-provider host, started
 * in the project directory, driven over gRPC, signing in as a managed identity, against a loopback
 * Microsoft Graph. Timings are set small through the provider's RA_GRAPH_* variables.
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { GROUP_LICENSE_PROVIDER_STUB } from "../../licensing/providerStub";
import { EXCHANGE_KIOSK, FAKE_TOKEN, LoopbackGraph, RA, RA_HOLOLENS, REQUEST_ID } from "../../loopback/graph";
import { HostError, ProviderHost } from "../../loopback/providerHost";

const URN =
    "urn:pulumi:dev::remote-assist-tenancy::pulumi-nodejs:dynamic/remote-assist-tenancy:GroupLicense::contoso1-license-assignment";
const GROUP = "11111111-1111-4111-8111-111111111111";

/** The provider code a GroupLicense stored in `__provider` before the stub (31,514 characters). */
const LEGACY_PROVIDER = readFileSync(path.join(__dirname, "fixtures", "provider-bundle-0.1.0.js.txt"), "utf8");

/** Timings for a host whose operations may take long (many parallel creates on a busy machine). */
const PATIENT = {
    RA_GRAPH_BACKOFF: "0.005",
    RA_GRAPH_BACKOFF_MAX: "0.02",
    RA_GRAPH_ATTEMPT_TIMEOUT: "5",
    RA_GRAPH_OPERATION_TIMEOUT: "30",
    RA_GRAPH_REPLICATION_WAIT: "0.3",
    RA_GRAPH_HOLD_JITTER: "0.1",
};
/**
 * Timings for a host whose attempts give up after 0.3 s and operations after 2 s. Two hosts, not
 * one per timing a test wants: each costs about 2 s of CPU time to start and load the provider.
 */
const HASTY = { ...PATIENT, RA_GRAPH_ATTEMPT_TIMEOUT: "0.3", RA_GRAPH_OPERATION_TIMEOUT: "2" };

type Props = Record<string, unknown>;

describe("the GroupLicense provider in Pulumi's dynamic-provider host", function () {
    // Starting the hosts and loading the provider takes seconds on a busy machine.
    this.timeout(60_000);
    let graph: LoopbackGraph;
    let patient: ProviderHost;
    let hasty: ProviderHost;

    before(async () => {
        graph = await LoopbackGraph.start();
        [patient, hasty] = await Promise.all([
            ProviderHost.start({ ...graph.signInEnvironment(), ...PATIENT }),
            ProviderHost.start({ ...graph.signInEnvironment(), ...HASTY }),
        ]);
        await Promise.all([patient.configure(), hasty.configure()]);
    });
    after(async () => {
        await Promise.all([patient?.stop(), hasty?.stop()]);
        await graph?.stop();
    });
    beforeEach(() => {
        graph.reset();
        patient.stderr.length = 0;
        hasty.stderr.length = 0;
    });

    /** Inputs as the program registers them. */
    function news(licenses = [RA], groupId = GROUP, extra: Props = {}): Props {
        return {
            __provider: GROUP_LICENSE_PROVIDER_STUB,
            groupId,
            licenses: licenses.map((skuId) => ({ skuId, disabledPlans: [] })),
            graphEndpoint: graph.endpoint,
            seatCheck: { bundle: "remote-assist", members: 2 },
            ...extra,
        };
    }

    /** Check then Create, as the engine does for a new resource. */
    async function create(host: ProviderHost, inputs: Props): Promise<{ id: string; inputs: Props; outputs: Props }> {
        const checked = await host.check(URN, {}, inputs);
        const created = await host.create(URN, checked);
        return { id: created.id, inputs: checked, outputs: created.properties };
    }

    async function rejection(promise: Promise<unknown>): Promise<HostError> {
        try {
            await promise;
        } catch (e) {
            assert.ok(e instanceof HostError, String(e));
            return e;
        }
        return assert.fail("the call succeeded");
    }

    it("creates, reads, diffs, updates and deletes, signed in as a managed identity, in under 2 KB of state", async () => {
        graph.addGroup(GROUP, [{ skuId: EXCHANGE_KIOSK, disabledPlans: [] }]);
        const created = await create(patient, news());
        assert.equal(created.id, GROUP);
        assert.deepEqual(created.outputs, {
            ...created.inputs,
            managedSkuIds: [RA],
            otherSkuIds: [EXCHANGE_KIOSK],
            licenseProcessingState: "QueuedForProcessing",
            membersWithLicenseErrors: [],
        });
        const size = JSON.stringify({ inputs: created.inputs, outputs: created.outputs }).length;
        assert.ok(size < 2048, `a GroupLicense's state takes ${size} characters`);

        const read = await patient.read(GROUP, URN, created.outputs, created.inputs);
        assert.deepEqual(read, { id: GROUP, properties: created.outputs });
        const more = await patient.check(URN, created.inputs, news([RA, RA_HOLOLENS]));
        assert.deepEqual(await patient.diff(GROUP, URN, read.properties, more), {
            changes: "some",
            replaces: [],
            deleteBeforeReplace: false,
        });
        const updated = await patient.update(GROUP, URN, read.properties, more);
        assert.deepEqual(updated.properties.managedSkuIds, [RA, RA_HOLOLENS]);
        await patient.delete(GROUP, URN, updated.properties);

        assert.deepEqual(graph.assignments(), [
            { addLicenses: [{ skuId: RA, disabledPlans: [] }], removeLicenses: [] },
            { addLicenses: [{ skuId: RA_HOLOLENS, disabledPlans: [] }], removeLicenses: [] },
            { addLicenses: [], removeLicenses: [RA, RA_HOLOLENS] },
        ]);
        assert.deepEqual(graph.groups.get(GROUP)?.licenses, [{ skuId: EXCHANGE_KIOSK, disabledPlans: [] }]);
        assert.ok(graph.requests.every((r) => r.authorization === `Bearer ${FAKE_TOKEN}`));
        assert.ok(!JSON.stringify(updated).includes(FAKE_TOKEN) && !patient.stderr.join("\n").includes(FAKE_TOKEN));
    });

    it("gets 200 parallel creates through a Graph that throttles at 20 requests per 50 ms, without a retry storm", async () => {
        // A Graph of its own: the seats this deployment takes are counted per endpoint and process.
        const throttled = await LoopbackGraph.start();
        try {
            // Graph's shape (429 with Retry-After once 20 requests came within the window), twenty times faster.
            throttled.throttle = { limit: 20, windowMs: 50, retryAfter: "0.05" };
            // A machine too busy to send 20 requests in 50 ms would never meet the throttle: the first
            // 20 requests are answered 429 whatever the pace, so every run meets it.
            throttled.fail({
                times: 20,
                answer: {
                    status: 429,
                    headers: { "Retry-After": "0.05" },
                    error: { code: "TooManyRequests", message: "Throttled." },
                },
            });
            throttled.subscriptions = throttled.subscriptions.map((s) => ({
                ...s,
                prepaidUnits: { ...s.prepaidUnits, enabled: 1000 },
            }));
            const groups = Array.from({ length: 200 }, (_, i) => `g${String(i).padStart(3, "0")}`);
            groups.forEach((g) => throttled.addGroup(g));
            const results = await Promise.allSettled(
                groups.map((g) => create(patient, news([RA], g, { graphEndpoint: throttled.endpoint }))),
            );

            const failed = results.filter((r) => r.status === "rejected").map((r) => String(r.reason));
            assert.deepEqual(failed, []);
            assert.ok(groups.every((g) => throttled.groups.get(g)?.licenses.length === 1));
            const counts = throttled.statusCounts();
            // Per create: read, assign, then the processing state and the members with errors; and the seats once.
            const minimum = 4 * groups.length + 1;
            assert.ok(counts[200] + counts[202] >= minimum, `${counts[200] + counts[202]} answered, ${minimum} needed`);
            assert.ok(counts[429] > 0, "the throttle never answered 429");
            assert.ok(
                throttled.requests.length <= 1.5 * minimum,
                `${throttled.requests.length} requests for ${minimum} needed`,
            );
            assert.ok(throttled.maxInFlight <= 4, `${throttled.maxInFlight} requests were in flight at once`);
        } finally {
            await throttled.stop();
        }
    });

    for (const fault of [
        { name: "a 500", answer: { status: 500, error: { code: "InternalServerError", message: "Oops." } } },
        { name: "a 502", answer: { status: 502, error: { code: "BadGateway", message: "Bad gateway." } } },
        { name: "a connection reset", drop: { how: "reset" as const, when: "before" as const } },
    ]) {
        it(`assigns despite ${fault.name}, retried`, async () => {
            graph.addGroup(GROUP);
            graph.fail({ method: "POST", ...fault });
            const created = await create(patient, news());
            assert.deepEqual(created.outputs.managedSkuIds, [RA]);
            assert.equal(graph.assignments().length, 2);
            assert.deepEqual(graph.groups.get(GROUP)?.licenses, [{ skuId: RA, disabledPlans: [] }]);
        });
    }

    it("abandons an attempt whose connection hangs after the attempt timeout, and retries it", async () => {
        graph.addGroup(GROUP);
        graph.fail({ method: "POST", drop: { how: "hang", when: "before" } });
        // Within the 2 s bound: the hung attempt's 0.3 s, then the retry.
        const created = await create(hasty, news());
        assert.deepEqual(created.outputs.managedSkuIds, [RA]);
        const [hung, retried] = graph.requests.filter((r) => r.method === "POST");
        assert.ok(
            retried.receivedAt - hung.receivedAt >= 290,
            `retried after ${retried.receivedAt - hung.receivedAt} ms`,
        );
    });

    it("claims the SKU when the assignment's first answer was lost after Graph applied it", async () => {
        graph.addGroup(GROUP);
        graph.fail({ method: "POST", drop: { how: "reset", when: "after" } });
        const created = await create(patient, news());
        assert.deepEqual(created.outputs.managedSkuIds, [RA]);
        await patient.delete(GROUP, URN, created.outputs);
        assert.deepEqual(graph.groups.get(GROUP)?.licenses, []);
    });

    it("records a create whose outcome stayed unknown with the SKUs it asked for, and the next update reconciles", async () => {
        graph.addGroup(GROUP);
        graph.fail({ method: "POST", times: Infinity, drop: { how: "reset", when: "after" } });
        // Graph applied it, but the group read back afterwards does not show it (a replica behind, here refused).
        graph.fail({
            method: "GET",
            path: /\$select=assignedLicenses/,
            after: 1,
            times: Infinity,
            answer: { status: 503, error: { code: "serviceNotAvailable", message: "Later." } },
        });
        const inputs = await hasty.check(URN, {}, news());
        const error = await rejection(hasty.create(URN, inputs));
        assert.match(
            error.message,
            new RegExp(
                `^Microsoft Graph did not assign MICROSOFT_REMOTE_ASSIST \\(${RA}\\) to license group ${GROUP} in time: POST /v1\\.0/groups/${GROUP}/assignLicense gave up at the 2 s bound on one operation after [0-9]+ attempts in [0-9.]+ s(; the last one had no answer yet when the bound passed)?; the (last one|one before) failed: ECONNRESET \\(read ECONNRESET\\)\\. Run it again later\\. Graph may have applied it before the answer was lost: the license assignment is recorded with the SKUs it asked for, and the next pulumi up reconciles them with the group\\.$`,
            ),
        );
        // The engine records the resource as the partial failure says, __provider included.
        assert.ok(error.partial, "no partial failure");
        assert.equal(error.partial.id, GROUP);
        assert.deepEqual(error.partial.properties.managedSkuIds, [RA]);
        assert.equal(error.partial.properties.__provider, GROUP_LICENSE_PROVIDER_STUB);
        assert.deepEqual(error.partial.reasons, [error.message]);
        assert.deepEqual(graph.groups.get(GROUP)?.licenses, [{ skuId: RA, disabledPlans: [] }]);

        // Next `pulumi up`: a resource with initialization errors gets an update, even without changes.
        graph.faults.length = 0;
        const posts = graph.assignments().length;
        const updated = await patient.update(GROUP, URN, error.partial.properties, inputs);
        assert.deepEqual(updated.properties.managedSkuIds, [RA]);
        assert.equal(graph.assignments().length, posts, "the update assigned again");
        await patient.delete(GROUP, URN, updated.properties);
        assert.deepEqual(graph.groups.get(GROUP)?.licenses, []);
    });

    it("keeps a SKU it was removing as its own when the removal's outcome stayed unknown", async () => {
        graph.addGroup(GROUP);
        const created = await create(patient, news([RA, RA_HOLOLENS]));
        graph.fail({ method: "POST", times: Infinity, drop: { how: "hang", when: "before" } });
        const smaller = await hasty.check(URN, created.inputs, news([RA]));
        const error = await rejection(hasty.update(GROUP, URN, created.outputs, smaller));
        assert.deepEqual(error.partial?.properties.managedSkuIds, [RA, RA_HOLOLENS]);
        assert.deepEqual(error.partial?.properties.licenses, [{ skuId: RA, disabledPlans: [] }]);

        graph.faults.length = 0;
        const updated = await patient.update(GROUP, URN, error.partial!.properties, smaller);
        assert.deepEqual(updated.properties.managedSkuIds, [RA]);
        assert.deepEqual(graph.groups.get(GROUP)?.licenses, [{ skuId: RA, disabledPlans: [] }]);
    });

    it("waits for a new group to replicate in seconds: 0.3 means 300 ms", async () => {
        setTimeout(() => graph.addGroup(GROUP), 100);
        await create(patient, news());
        const [missing, found] = graph.requests;
        assert.equal(missing.status, 404);
        const gap = found.receivedAt - missing.receivedAt;
        assert.ok(gap >= 290 && gap < 2000, `the read was retried ${gap} ms after the 404`);
    });

    it("updates, never replaces, when graphEndpoint changes", async () => {
        graph.addGroup(GROUP);
        const created = await create(patient, news());
        const moved = await patient.check(
            URN,
            created.inputs,
            news([RA], GROUP, { graphEndpoint: `${graph.endpoint}/` }),
        );
        assert.deepEqual(await patient.diff(GROUP, URN, created.outputs, moved), {
            changes: "some",
            replaces: [],
            deleteBeforeReplace: false,
        });
    });

    it("creates, reads and updates a group for which Graph reports no license processing state", async () => {
        graph.addGroup(GROUP, [{ skuId: RA, disabledPlans: [] }]).processingState = undefined;
        const created = await create(patient, news([RA]));
        assert.equal("licenseProcessingState" in created.outputs, false);
        const read = await patient.read(GROUP, URN, created.outputs, created.inputs);
        assert.deepEqual(read.properties, created.outputs);
        const updated = await patient.update(GROUP, URN, read.properties, created.inputs);
        assert.deepEqual(updated.properties, created.outputs);
    });

    it("sees no change when only the seats or the members change", async () => {
        graph.addGroup(GROUP);
        const created = await create(patient, news());
        const more = await patient.check(
            URN,
            created.inputs,
            news([RA], GROUP, { seatCheck: { bundle: "remote-assist", seats: 9, members: 7 } }),
        );
        assert.equal((await patient.diff(GROUP, URN, created.outputs, more)).changes, "none");
    });

    describe("state written by earlier versions", () => {
        it("reads, diffs, updates and deletes state without managedSkuIds, counting none as its own", async () => {
            graph.addGroup(GROUP, [{ skuId: RA, disabledPlans: [] }]);
            const old: Props = { ...news([RA]), otherSkuIds: [] };
            const read = await patient.read(GROUP, URN, old, news());
            assert.deepEqual(read.properties.managedSkuIds, []);
            const none = await patient.check(URN, news(), news([]));
            assert.equal((await patient.diff(GROUP, URN, old, none)).changes, "some");
            const updated = await patient.update(GROUP, URN, old, none);
            assert.deepEqual(updated.properties.otherSkuIds, [RA]);
            await patient.delete(GROUP, URN, old);
            assert.deepEqual(graph.assignments(), []);
            assert.deepEqual(graph.groups.get(GROUP)?.licenses, [{ skuId: RA, disabledPlans: [] }]);
        });

        it("reads and deletes state carrying the 31 KB provider code with that code, and the first update stores the stub", async () => {
            assert.equal(LEGACY_PROVIDER.length, 31_514);
            graph.addGroup(GROUP, [
                { skuId: RA, disabledPlans: [] },
                { skuId: EXCHANGE_KIOSK, disabledPlans: [] },
            ]);
            const legacy: Props = {
                __provider: LEGACY_PROVIDER,
                groupId: GROUP,
                licenses: [{ skuId: RA, disabledPlans: [] }],
                graphEndpoint: graph.endpoint,
                managedSkuIds: [RA],
                otherSkuIds: [],
            };
            const read = await patient.read(GROUP, URN, legacy, legacy);
            assert.deepEqual(read.properties, { ...legacy, otherSkuIds: [EXCHANGE_KIOSK] });
            // The legacy code asked in its own way, and was answered.
            assert.deepEqual(
                graph.requests.map((r) => `${r.method} ${r.url} ${r.status}`),
                [`GET /v1.0/groups/${GROUP}?$select=assignedLicenses 200`],
            );

            const same = await patient.check(URN, legacy, news());
            assert.deepEqual(await patient.diff(GROUP, URN, read.properties, same), {
                changes: "some",
                replaces: [],
                deleteBeforeReplace: false,
            });
            const updated = await patient.update(GROUP, URN, read.properties, same);
            assert.equal(updated.properties.__provider, GROUP_LICENSE_PROVIDER_STUB);
            assert.deepEqual(updated.properties.managedSkuIds, [RA]);
            assert.deepEqual(graph.assignments(), [], "migrating the stored code assigned something");

            await patient.delete(GROUP, URN, read.properties);
            assert.deepEqual(graph.assignments(), [{ addLicenses: [], removeLicenses: [RA] }]);
        });
    });

    describe("refresh and delete", () => {
        it("report the assignment gone only when Graph says the group does not exist", async () => {
            const state = { ...news(), managedSkuIds: [RA], otherSkuIds: [], membersWithLicenseErrors: [] };
            assert.deepEqual(await patient.read(GROUP, URN, state, news()), {
                id: "",
                properties: { __provider: GROUP_LICENSE_PROVIDER_STUB },
            });
            await patient.delete(GROUP, URN, state);
            assert.deepEqual(graph.assignments(), []);
        });

        for (const [name, fault, message] of [
            [
                "a 403",
                {
                    times: Infinity,
                    answer: {
                        status: 403,
                        error: {
                            code: "Authorization_RequestDenied",
                            message: "Insufficient privileges to complete the operation.",
                        },
                    },
                },
                `^Microsoft Graph could not read the licenses of license group ${GROUP}: GET /v1\\.0/groups/${GROUP}\\?\\$select=assignedLicenses,licenseProcessingState answered 403 Authorization_RequestDenied: Insufficient privileges to complete the operation\\. \\(request-id ${REQUEST_ID}\\)\\. The identity running the stack needs the Microsoft Graph permission Group\\.Read\\.All`,
            ],
            [
                "a 500 that does not clear",
                { times: Infinity, answer: { status: 500, error: { code: "InternalServerError", message: "Oops." } } },
                `^Microsoft Graph did not read the licenses of license group ${GROUP} in time: GET /v1\\.0/groups/${GROUP}\\?\\$select=assignedLicenses,licenseProcessingState gave up at the 2 s bound on one operation after [0-9]+ attempts`,
            ],
        ] as const) {
            it(`fail on ${name}, so that the assignment stays in the stack`, async () => {
                graph.addGroup(GROUP, [{ skuId: RA, disabledPlans: [] }]);
                graph.fail(fault);
                const state = { ...news(), managedSkuIds: [RA], otherSkuIds: [], membersWithLicenseErrors: [] };
                assert.match((await rejection(hasty.read(GROUP, URN, state, news()))).message, new RegExp(message));
                assert.match((await rejection(hasty.delete(GROUP, URN, state))).message, new RegExp(message));
                assert.deepEqual(graph.groups.get(GROUP)?.licenses, [{ skuId: RA, disabledPlans: [] }]);
            });
        }
    });

    describe("license health", () => {
        it("lists members Entra ID could not license as an output, and warns on the host's stderr with the user, SKU and meaning", async () => {
            graph.addGroup(GROUP, [{ skuId: RA, disabledPlans: [] }]).membersWithLicenseErrors = [
                {
                    id: "u1",
                    userPrincipalName: "ra-sa1@abc.onmicrosoft.com",
                    licenseAssignmentStates: [
                        { skuId: RA, assignedByGroup: GROUP, state: "Error", error: "CountViolation" },
                        { skuId: EXCHANGE_KIOSK, assignedByGroup: null, state: "Active", error: null },
                    ],
                },
            ];
            const state = { ...news(), managedSkuIds: [RA], otherSkuIds: [], membersWithLicenseErrors: [] };
            const read = await patient.read(GROUP, URN, state, news());
            assert.deepEqual(read.properties.membersWithLicenseErrors, [
                { userPrincipalName: "ra-sa1@abc.onmicrosoft.com", skuId: RA, error: "CountViolation" },
            ]);
            assert.deepEqual(
                patient.stderr.filter((l) => l.includes(GROUP)),
                [
                    `warning: license group ${GROUP}: ra-sa1@abc.onmicrosoft.com did not get MICROSOFT_REMOTE_ASSIST (${RA}): CountViolation (not enough licenses: every seat of the product is in use; buy more or free some, then reprocess the group).`,
                ],
            );
        });

        it("warns before assigning when the tenant has fewer seats left than the group's members need", async () => {
            // A Graph of its own: the provider reads the tenant's seats once per endpoint and process.
            const tenant = await LoopbackGraph.start();
            try {
                tenant.subscriptions = tenant.subscriptions.map((s) =>
                    s.skuId === RA ? { ...s, consumedUnits: 24, prepaidUnits: { ...s.prepaidUnits, enabled: 25 } } : s,
                );
                tenant.addGroup(GROUP);
                const created = await create(patient, news([RA], GROUP, { graphEndpoint: tenant.endpoint }));
                assert.deepEqual(created.outputs.managedSkuIds, [RA]);
                assert.deepEqual(tenant.groups.get(GROUP)?.licenses, [{ skuId: RA, disabledPlans: [] }]);
                assert.deepEqual(
                    patient.stderr.filter((l) => l.includes(GROUP)),
                    [
                        `warning: license group ${GROUP} (licenses.remote-assist): its 2 active service accounts need at most 2 seats of MICROSOFT_REMOTE_ASSIST (${RA}) (none for an account that holds it already, assigned directly or by another group), but 1 remain (25 enabled, 24 consumed); members beyond that get CountViolation until seats are bought or freed.`,
                    ],
                );
            } finally {
                await tenant.stop();
            }
        });
    });
});
