/**
 * The GroupLicense provider's bounds as `pulumi up` meets them, in Pulumi's own dynamic-provider
 * host against a loopback Microsoft Graph (providerHostFixture.ts): attempts give up after 0.3 s
 * and operations after 2 s, so the hung connections, resets and errors that do not clear below
 * reach those bounds in a second or two.
 */
import { strict as assert } from "node:assert";
import { GROUP_LICENSE_PROVIDER_STUB } from "../../licensing/providerStub";
import { RA, RA_HOLOLENS, REQUEST_ID } from "../../loopback/graph";
import { GROUP, HASTY, rejection, URN, useProviderHost } from "./providerHostFixture";

describe("the GroupLicense provider in Pulumi's dynamic-provider host, at its bounds", function () {
    // Each test waits for a bound or two; on a busy machine more.
    this.timeout(20_000);
    const fixture = useProviderHost(HASTY);
    const { news, create } = fixture;

    it("abandons an attempt whose connection hangs after the attempt timeout, and retries it", async () => {
        fixture.graph.addGroup(GROUP);
        fixture.graph.fail({ method: "POST", drop: { how: "hang", when: "before" } });
        // Within the 2 s bound: the hung attempt's 0.3 s, then the retry.
        const created = await create(news());
        assert.deepEqual(created.outputs.managedSkuIds, [RA]);
        const [hung, retried] = fixture.graph.requests.filter((r) => r.method === "POST");
        assert.ok(
            retried.receivedAt - hung.receivedAt >= 290,
            `retried after ${retried.receivedAt - hung.receivedAt} ms`,
        );
    });

    it("records a create whose outcome stayed unknown with the SKUs it asked for, and the next update reconciles", async () => {
        fixture.graph.addGroup(GROUP);
        fixture.graph.fail({ method: "POST", times: Infinity, drop: { how: "reset", when: "after" } });
        // Graph applied it, but the group read back afterwards does not show it (a replica behind, here refused).
        fixture.graph.fail({
            method: "GET",
            path: /\$select=assignedLicenses/,
            after: 1,
            times: Infinity,
            answer: { status: 503, error: { code: "serviceNotAvailable", message: "Later." } },
        });
        const inputs = await fixture.host.check(URN, {}, news());
        const error = await rejection(fixture.host.create(URN, inputs));
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
        assert.deepEqual(fixture.graph.groups.get(GROUP)?.licenses, [{ skuId: RA, disabledPlans: [] }]);

        // Next `pulumi up`: a resource with initialization errors gets an update, even without changes.
        fixture.graph.faults.length = 0;
        const posts = fixture.graph.assignments().length;
        const updated = await fixture.host.update(GROUP, URN, error.partial.properties, inputs);
        assert.deepEqual(updated.properties.managedSkuIds, [RA]);
        assert.equal(fixture.graph.assignments().length, posts, "the update assigned again");
        await fixture.host.delete(GROUP, URN, updated.properties);
        assert.deepEqual(fixture.graph.groups.get(GROUP)?.licenses, []);
    });

    it("keeps a SKU it was removing as its own when the removal's outcome stayed unknown", async () => {
        fixture.graph.addGroup(GROUP);
        const created = await create(news([RA, RA_HOLOLENS]));
        fixture.graph.fail({ method: "POST", times: Infinity, drop: { how: "hang", when: "before" } });
        const smaller = await fixture.host.check(URN, created.inputs, news([RA]));
        const error = await rejection(fixture.host.update(GROUP, URN, created.outputs, smaller));
        assert.deepEqual(error.partial?.properties.managedSkuIds, [RA, RA_HOLOLENS]);
        assert.deepEqual(error.partial?.properties.licenses, [{ skuId: RA, disabledPlans: [] }]);

        fixture.graph.faults.length = 0;
        const updated = await fixture.host.update(GROUP, URN, error.partial!.properties, smaller);
        assert.deepEqual(updated.properties.managedSkuIds, [RA]);
        assert.deepEqual(fixture.graph.groups.get(GROUP)?.licenses, [{ skuId: RA, disabledPlans: [] }]);
    });

    describe("refresh and delete", () => {
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
                fixture.graph.addGroup(GROUP, [{ skuId: RA, disabledPlans: [] }]);
                fixture.graph.fail(fault);
                const state = { ...news(), managedSkuIds: [RA], otherSkuIds: [], membersWithLicenseErrors: [] };
                assert.match(
                    (await rejection(fixture.host.read(GROUP, URN, state, news()))).message,
                    new RegExp(message),
                );
                assert.match((await rejection(fixture.host.delete(GROUP, URN, state))).message, new RegExp(message));
                assert.deepEqual(fixture.graph.groups.get(GROUP)?.licenses, [{ skuId: RA, disabledPlans: [] }]);
            });
        }
    });
});
