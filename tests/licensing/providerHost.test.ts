/**
 * The GroupLicense provider as `pulumi up` runs it: in Pulumi's own dynamic-provider host, started
 * in the project directory, driven over gRPC, signing in as a managed identity, against a loopback
 * Microsoft Graph (providerHostFixture.ts). Attempts may take 5 s here and operations 30 s; what
 * the provider does when its bounds pass is in providerHostBounds.test.ts.
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { GROUP_LICENSE_PROVIDER_STUB } from "../../licensing/providerStub";
import { EXCHANGE_KIOSK, FAKE_TOKEN, LoopbackGraph, RA, RA_HOLOLENS } from "../../loopback/graph";
import { GROUP, PATIENT, Props, URN, useProviderHost } from "./providerHostFixture";

/** The provider code a GroupLicense stored in `__provider` before the stub (31,514 characters). */
const LEGACY_PROVIDER = readFileSync(path.join(__dirname, "fixtures", "provider-bundle-0.1.0.js.txt"), "utf8");

describe("the GroupLicense provider in Pulumi's dynamic-provider host", function () {
    // 200 parallel creates take seconds on a busy machine.
    this.timeout(60_000);
    const fixture = useProviderHost(PATIENT);
    const { news, create } = fixture;

    it("creates, reads, diffs, updates and deletes, signed in as a managed identity, in under 2 KB of state", async () => {
        fixture.graph.addGroup(GROUP, [{ skuId: EXCHANGE_KIOSK, disabledPlans: [] }]);
        const created = await create(news());
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

        const read = await fixture.host.read(GROUP, URN, created.outputs, created.inputs);
        assert.deepEqual(read, { id: GROUP, properties: created.outputs });
        const more = await fixture.host.check(URN, created.inputs, news([RA, RA_HOLOLENS]));
        assert.deepEqual(await fixture.host.diff(GROUP, URN, read.properties, more), {
            changes: "some",
            replaces: [],
            deleteBeforeReplace: false,
        });
        const updated = await fixture.host.update(GROUP, URN, read.properties, more);
        assert.deepEqual(updated.properties.managedSkuIds, [RA, RA_HOLOLENS]);
        await fixture.host.delete(GROUP, URN, updated.properties);

        assert.deepEqual(fixture.graph.assignments(), [
            { addLicenses: [{ skuId: RA, disabledPlans: [] }], removeLicenses: [] },
            { addLicenses: [{ skuId: RA_HOLOLENS, disabledPlans: [] }], removeLicenses: [] },
            { addLicenses: [], removeLicenses: [RA, RA_HOLOLENS] },
        ]);
        assert.deepEqual(fixture.graph.groups.get(GROUP)?.licenses, [{ skuId: EXCHANGE_KIOSK, disabledPlans: [] }]);
        assert.ok(fixture.graph.requests.every((r) => r.authorization === `Bearer ${FAKE_TOKEN}`));
        assert.ok(
            !JSON.stringify(updated).includes(FAKE_TOKEN) && !fixture.host.stderr.join("\n").includes(FAKE_TOKEN),
        );
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
                groups.map((g) => create(news([RA], g, { graphEndpoint: throttled.endpoint }))),
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
            fixture.graph.addGroup(GROUP);
            fixture.graph.fail({ method: "POST", ...fault });
            const created = await create(news());
            assert.deepEqual(created.outputs.managedSkuIds, [RA]);
            assert.equal(fixture.graph.assignments().length, 2);
            assert.deepEqual(fixture.graph.groups.get(GROUP)?.licenses, [{ skuId: RA, disabledPlans: [] }]);
        });
    }

    it("claims the SKU when the assignment's first answer was lost after Graph applied it", async () => {
        fixture.graph.addGroup(GROUP);
        fixture.graph.fail({ method: "POST", drop: { how: "reset", when: "after" } });
        const created = await create(news());
        assert.deepEqual(created.outputs.managedSkuIds, [RA]);
        await fixture.host.delete(GROUP, URN, created.outputs);
        assert.deepEqual(fixture.graph.groups.get(GROUP)?.licenses, []);
    });

    it("waits for a new group to replicate in seconds: 0.3 means 300 ms", async () => {
        setTimeout(() => fixture.graph.addGroup(GROUP), 100);
        await create(news());
        const [missing, found] = fixture.graph.requests;
        assert.equal(missing.status, 404);
        const gap = found.receivedAt - missing.receivedAt;
        assert.ok(gap >= 290 && gap < 2000, `the read was retried ${gap} ms after the 404`);
    });

    it("updates, never replaces, when graphEndpoint changes", async () => {
        fixture.graph.addGroup(GROUP);
        const created = await create(news());
        const moved = await fixture.host.check(
            URN,
            created.inputs,
            news([RA], GROUP, { graphEndpoint: `${fixture.graph.endpoint}/` }),
        );
        assert.deepEqual(await fixture.host.diff(GROUP, URN, created.outputs, moved), {
            changes: "some",
            replaces: [],
            deleteBeforeReplace: false,
        });
    });

    it("creates, reads and updates a group for which Graph reports no license processing state", async () => {
        fixture.graph.addGroup(GROUP, [{ skuId: RA, disabledPlans: [] }]).processingState = undefined;
        const created = await create(news([RA]));
        assert.equal("licenseProcessingState" in created.outputs, false);
        const read = await fixture.host.read(GROUP, URN, created.outputs, created.inputs);
        assert.deepEqual(read.properties, created.outputs);
        const updated = await fixture.host.update(GROUP, URN, read.properties, created.inputs);
        assert.deepEqual(updated.properties, created.outputs);
    });

    it("sees no change when only the seats or the members change", async () => {
        fixture.graph.addGroup(GROUP);
        const created = await create(news());
        const more = await fixture.host.check(
            URN,
            created.inputs,
            news([RA], GROUP, { seatCheck: { bundle: "remote-assist", seats: 9, members: 7 } }),
        );
        assert.equal((await fixture.host.diff(GROUP, URN, created.outputs, more)).changes, "none");
    });

    describe("state written by earlier versions", () => {
        it("reads, diffs, updates and deletes state without managedSkuIds, counting none as its own", async () => {
            fixture.graph.addGroup(GROUP, [{ skuId: RA, disabledPlans: [] }]);
            const old: Props = { ...news([RA]), otherSkuIds: [] };
            const read = await fixture.host.read(GROUP, URN, old, news());
            assert.deepEqual(read.properties.managedSkuIds, []);
            const none = await fixture.host.check(URN, news(), news([]));
            assert.equal((await fixture.host.diff(GROUP, URN, old, none)).changes, "some");
            const updated = await fixture.host.update(GROUP, URN, old, none);
            assert.deepEqual(updated.properties.otherSkuIds, [RA]);
            await fixture.host.delete(GROUP, URN, old);
            assert.deepEqual(fixture.graph.assignments(), []);
            assert.deepEqual(fixture.graph.groups.get(GROUP)?.licenses, [{ skuId: RA, disabledPlans: [] }]);
        });

        it("reads and deletes state carrying the 31 KB provider code with that code, and the first update stores the stub", async () => {
            assert.equal(LEGACY_PROVIDER.length, 31_514);
            fixture.graph.addGroup(GROUP, [
                { skuId: RA, disabledPlans: [] },
                { skuId: EXCHANGE_KIOSK, disabledPlans: [] },
            ]);
            const legacy: Props = {
                __provider: LEGACY_PROVIDER,
                groupId: GROUP,
                licenses: [{ skuId: RA, disabledPlans: [] }],
                graphEndpoint: fixture.graph.endpoint,
                managedSkuIds: [RA],
                otherSkuIds: [],
            };
            const read = await fixture.host.read(GROUP, URN, legacy, legacy);
            assert.deepEqual(read.properties, { ...legacy, otherSkuIds: [EXCHANGE_KIOSK] });
            // The legacy code asked in its own way, and was answered.
            assert.deepEqual(
                fixture.graph.requests.map((r) => `${r.method} ${r.url} ${r.status}`),
                [`GET /v1.0/groups/${GROUP}?$select=assignedLicenses 200`],
            );

            const same = await fixture.host.check(URN, legacy, news());
            assert.deepEqual(await fixture.host.diff(GROUP, URN, read.properties, same), {
                changes: "some",
                replaces: [],
                deleteBeforeReplace: false,
            });
            const updated = await fixture.host.update(GROUP, URN, read.properties, same);
            assert.equal(updated.properties.__provider, GROUP_LICENSE_PROVIDER_STUB);
            assert.deepEqual(updated.properties.managedSkuIds, [RA]);
            assert.deepEqual(fixture.graph.assignments(), [], "migrating the stored code assigned something");

            await fixture.host.delete(GROUP, URN, read.properties);
            assert.deepEqual(fixture.graph.assignments(), [{ addLicenses: [], removeLicenses: [RA] }]);
        });
    });

    describe("refresh and delete", () => {
        it("report the assignment gone only when Graph says the group does not exist", async () => {
            const state = { ...news(), managedSkuIds: [RA], otherSkuIds: [], membersWithLicenseErrors: [] };
            assert.deepEqual(await fixture.host.read(GROUP, URN, state, news()), {
                id: "",
                properties: { __provider: GROUP_LICENSE_PROVIDER_STUB },
            });
            await fixture.host.delete(GROUP, URN, state);
            assert.deepEqual(fixture.graph.assignments(), []);
        });
    });

    describe("license health", () => {
        it("lists members Entra ID could not license as an output, and warns on the host's stderr with the user, SKU and meaning", async () => {
            fixture.graph.addGroup(GROUP, [{ skuId: RA, disabledPlans: [] }]).membersWithLicenseErrors = [
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
            const read = await fixture.host.read(GROUP, URN, state, news());
            assert.deepEqual(read.properties.membersWithLicenseErrors, [
                { userPrincipalName: "ra-sa1@abc.onmicrosoft.com", skuId: RA, error: "CountViolation" },
            ]);
            assert.deepEqual(
                fixture.host.stderr.filter((l) => l.includes(GROUP)),
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
                const created = await create(news([RA], GROUP, { graphEndpoint: tenant.endpoint }));
                assert.deepEqual(created.outputs.managedSkuIds, [RA]);
                assert.deepEqual(tenant.groups.get(GROUP)?.licenses, [{ skuId: RA, disabledPlans: [] }]);
                assert.deepEqual(
                    fixture.host.stderr.filter((l) => l.includes(GROUP)),
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
