/**
 * What the GroupLicense provider's host specs share: one of Pulumi's real dynamic-provider hosts,
 * started in the project directory with the provider's timings set small through its RA_GRAPH_*
 * variables, driven over gRPC against a loopback Microsoft Graph, signing in as a managed identity.
 *
 * Two spec files, one host each: `providerHost.test.ts` runs the provider with room to spare, and
 * `providerHostBounds.test.ts` with bounds that pass in a second or two. Each host costs about 1.5 s
 * of CPU time to start and load the provider, and mocha's two workers run the two files side by
 * side, so the bounds file's waiting no longer holds up the other file's tests.
 */
import { strict as assert } from "node:assert";
import { GROUP_LICENSE_PROVIDER_STUB } from "../../licensing/providerStub";
import { LoopbackGraph, RA } from "../../loopback/graph";
import { HostError, ProviderHost } from "../../loopback/providerHost";

export type Props = Record<string, unknown>;

export const URN =
    "urn:pulumi:dev::remote-assist-tenancy::pulumi-nodejs:dynamic/remote-assist-tenancy:GroupLicense::contoso1-license-assignment";
export const GROUP = "11111111-1111-4111-8111-111111111111";

/** Timings for a host whose operations may take long (many parallel creates on a busy machine). */
export const PATIENT = {
    RA_GRAPH_BACKOFF: "0.005",
    RA_GRAPH_BACKOFF_MAX: "0.02",
    RA_GRAPH_ATTEMPT_TIMEOUT: "5",
    RA_GRAPH_OPERATION_TIMEOUT: "30",
    RA_GRAPH_REPLICATION_WAIT: "0.3",
    RA_GRAPH_HOLD_JITTER: "0.1",
};

/** Timings for a host whose attempts give up after 0.3 s and operations after 2 s. */
export const HASTY = { ...PATIENT, RA_GRAPH_ATTEMPT_TIMEOUT: "0.3", RA_GRAPH_OPERATION_TIMEOUT: "2" };

/** A host and its loopback Graph, both set by the `before` hook {@link useProviderHost} registers. */
export interface HostUnderTest {
    readonly graph: LoopbackGraph;
    readonly host: ProviderHost;
    /** Inputs as the program registers them. */
    news(licenses?: string[], groupId?: string, extra?: Props): Props;
    /** Check then Create, as the engine does for a new resource. */
    create(inputs: Props): Promise<{ id: string; inputs: Props; outputs: Props }>;
}

/**
 * Starts a loopback Graph and a host with `timings` before the calling `describe`'s tests, stops
 * both after them, and gives each test a reset Graph and an empty stderr.
 */
export function useProviderHost(timings: Record<string, string>): HostUnderTest {
    let graph: LoopbackGraph | undefined;
    let host: ProviderHost | undefined;
    before(async function () {
        // Starting the host and loading the provider takes seconds on a busy machine.
        this.timeout(60_000);
        graph = await LoopbackGraph.start();
        // V8 without its optimizing compiler and background threads, as npm test runs the unit tests
        // (scripts/test.mjs): the two hosts took 6.6 s of CPU time instead of 7.4 s (two runs each).
        host = await ProviderHost.start({ ...graph.signInEnvironment(), ...timings }, [
            "--no-opt",
            "--single-threaded",
        ]);
        await host.configure();
    });
    after(async () => {
        await host?.stop();
        await graph?.stop();
    });
    beforeEach(() => {
        fixture.graph.reset();
        fixture.host.stderr.length = 0;
    });
    const fixture: HostUnderTest = {
        get graph() {
            return graph ?? assert.fail("the loopback Graph has not started");
        },
        get host() {
            return host ?? assert.fail("the dynamic-provider host has not started");
        },
        news: (licenses = [RA], groupId = GROUP, extra = {}) => ({
            __provider: GROUP_LICENSE_PROVIDER_STUB,
            groupId,
            licenses: licenses.map((skuId) => ({ skuId, disabledPlans: [] })),
            graphEndpoint: fixture.graph.endpoint,
            seatCheck: { bundle: "remote-assist", members: 2 },
            ...extra,
        }),
        create: async (inputs) => {
            const checked = await fixture.host.check(URN, {}, inputs);
            const created = await fixture.host.create(URN, checked);
            return { id: created.id, inputs: checked, outputs: created.properties };
        },
    };
    return fixture;
}

/** The HostError a call fails with; fails the test when the call succeeds. */
export async function rejection(promise: Promise<unknown>): Promise<HostError> {
    try {
        await promise;
    } catch (e) {
        assert.ok(e instanceof HostError, String(e));
        return e;
    }
    return assert.fail("the call succeeded");
}
