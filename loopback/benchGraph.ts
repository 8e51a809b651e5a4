/**
 * `npm run bench:graph`: many GroupLicense creates at once through Pulumi's real dynamic-provider
 * host, with the provider's default settings, against a loopback Graph that throttles the way the
 * directory does (N requests per window, then 429 with `Retry-After`). It measures what a first
 * `pulumi up` of a large tenant would meet: whether every create succeeds, how many requests were
 * sent against the minimum needed, and how long it took against the least the throttle allows.
 */
import * as os from "node:os";
import { performance } from "node:perf_hooks";
import { GROUP_LICENSE_PROVIDER_STUB } from "../licensing/providerStub";
import { EXCHANGE_KIOSK, LoopbackGraph, RA } from "./graph";
import { ProviderHost } from "./providerHost";

/** What to run. */
export interface GraphBenchOptions {
    /** Creates sent at once. */
    readonly creates: number;
    /** Requests the loopback Graph allows per window. */
    readonly limit: number;
    /** The window, in seconds. */
    readonly windowSeconds: number;
    /** The `Retry-After` of its 429s. */
    readonly retryAfter: string;
    /** RA_GRAPH_* variables for the host, e.g. another concurrency; none by default. */
    readonly environment?: Readonly<Record<string, string>>;
}

/** The defaults: 1,000 creates against 20 requests per second, 429 with `Retry-After: 1`. */
export const DEFAULT_GRAPH_BENCH: GraphBenchOptions = Object.freeze({
    creates: 1000,
    limit: 20,
    windowSeconds: 1,
    retryAfter: "1",
});

/** Requests one create needs when nothing fails: read, assign, processing state, members with errors. */
export const REQUESTS_PER_CREATE = 4;

/** What one run measured. */
export interface GraphBenchResult {
    readonly creates: number;
    readonly failures: number;
    /** The first failure's message, when there was one. */
    readonly firstFailure?: string;
    /** Requests the loopback Graph received. */
    readonly requests: number;
    /** Of those, answered 429. */
    readonly throttled: number;
    /** Requests needed without throttling: {@link REQUESTS_PER_CREATE} per create and the tenant's seats once. */
    readonly minimumRequests: number;
    /** From sending the creates to the last answer. */
    readonly wallSeconds: number;
    /** The least time the throttle allows for the minimum requests. */
    readonly minimumWallSeconds: number;
    /** The most Graph requests in flight at once. */
    readonly maxInFlight: number;
}

/** Runs the benchmark once: a fresh loopback Graph and host, then every create at once. */
export async function runGraphBench(
    options: GraphBenchOptions,
    progress: (line: string) => void = () => undefined,
): Promise<GraphBenchResult> {
    const graph = await LoopbackGraph.start();
    const host = await ProviderHost.start({ ...graph.signInEnvironment(), ...options.environment });
    try {
        graph.subscriptions = graph.subscriptions.map((s) => ({
            ...s,
            prepaidUnits: { ...s.prepaidUnits, enabled: 10 * options.creates },
        }));
        const urn = (g: string) =>
            `urn:pulumi:bench::remote-assist-tenancy::pulumi-nodejs:dynamic/remote-assist-tenancy:GroupLicense::${g}-license-assignment`;
        const inputs = (groupId: string) => ({
            __provider: GROUP_LICENSE_PROVIDER_STUB,
            groupId,
            licenses: [
                { skuId: RA, disabledPlans: [] },
                { skuId: EXCHANGE_KIOSK, disabledPlans: [] },
            ],
            graphEndpoint: graph.endpoint,
            seatCheck: { bundle: "remote-assist", members: 5 },
        });
        const width = String(options.creates).length;
        const groups = Array.from({ length: options.creates }, (_, i) => `g${String(i + 1).padStart(width, "0")}`);
        groups.forEach((g) => graph.addGroup(g));

        await host.configure();
        // Loading the provider (transpiling it with sucrase) is not what is measured.
        await host.check(urn("warm-up"), {}, inputs("warm-up"));
        graph.throttle = {
            limit: options.limit,
            windowMs: options.windowSeconds * 1000,
            retryAfter: options.retryAfter,
        };
        progress(`Sending ${options.creates} creates...`);

        const started = performance.now();
        let done = 0;
        const results = await Promise.allSettled(
            groups.map(async (g) => {
                const checked = await host.check(urn(g), {}, inputs(g));
                await host.create(urn(g), checked);
                done += 1;
                if (done % 100 === 0) {
                    progress(`${done} created after ${((performance.now() - started) / 1000).toFixed(0)} s`);
                }
            }),
        );
        const wallSeconds = (performance.now() - started) / 1000;

        const failures = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
        const minimumRequests = REQUESTS_PER_CREATE * options.creates + 1;
        return {
            creates: options.creates,
            failures: failures.length,
            ...(failures.length > 0 ? { firstFailure: String(failures[0].reason) } : {}),
            requests: graph.requests.length,
            throttled: graph.statusCounts()[429] ?? 0,
            minimumRequests,
            wallSeconds,
            minimumWallSeconds: minimumRequests / (options.limit / options.windowSeconds),
            maxInFlight: graph.maxInFlight,
        };
    } finally {
        await host.stop();
        await graph.stop();
    }
}

/** The results as a Markdown table, with the throttle and the machine they ran on. */
export function formatGraphBenchTable(
    results: readonly GraphBenchResult[],
    options: GraphBenchOptions,
    machine = describeMachine(),
): string {
    const n = (x: number) => x.toLocaleString("en-US");
    const rows = results.map((r) => [
        n(r.creates),
        n(r.failures),
        n(r.requests),
        n(r.minimumRequests),
        n(r.throttled),
        `${r.wallSeconds.toFixed(1)} s`,
        `${r.minimumWallSeconds.toFixed(1)} s`,
        `${(r.wallSeconds / r.minimumWallSeconds).toFixed(2)}×`,
    ]);
    return [
        "| Creates | Failures | Requests sent | Minimum needed | 429s | Wall time | Throttle's minimum | Ratio |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ...rows.map((r) => `| ${r.join(" | ")} |`),
        "",
        `Loopback Graph allowing ${options.limit} requests per ${options.windowSeconds} s, then 429 with Retry-After: ${options.retryAfter}; the provider's default settings${describeEnvironment(options)}. ${machine}`,
        "",
    ].join("\n");
}

function describeEnvironment(options: GraphBenchOptions): string {
    const set = Object.entries(options.environment ?? {});
    return set.length === 0 ? "" : ` except ${set.map(([k, v]) => `${k}=${v}`).join(", ")}`;
}

/** One line naming the machine: CPU count and model, memory, Node version. */
export function describeMachine(): string {
    const cpus = os.cpus();
    const gb = Math.round(os.totalmem() / 1024 ** 3);
    return `Measured on ${cpus.length} × ${cpus[0]?.model.trim() ?? "unknown CPU"}, ${gb} GB, Node ${process.version}.`;
}

/** Options from the command line: `--creates N --limit N --window S --retry-after S --concurrency N`. */
export function graphBenchOptionsFrom(args: readonly string[]): GraphBenchOptions {
    const usage =
        "usage: npm run bench:graph [-- --creates N] [--limit N] [--window SECONDS] [--retry-after SECONDS] [--concurrency N]";
    let options: GraphBenchOptions = DEFAULT_GRAPH_BENCH;
    for (let i = 0; i < args.length; i += 2) {
        const [flag, value] = [args[i], args[i + 1]];
        const number = Number(value);
        if (value === undefined || !Number.isFinite(number) || number <= 0) {
            throw new Error(
                `${usage}; ${flag} needs a number above 0, got ${value === undefined ? "nothing" : `"${value}"`}`,
            );
        }
        const whole = () => {
            if (!Number.isInteger(number)) {
                throw new Error(`${usage}; ${flag} needs a whole number, got "${value}"`);
            }
            return number;
        };
        switch (flag) {
            case "--creates":
                options = { ...options, creates: whole() };
                break;
            case "--limit":
                options = { ...options, limit: whole() };
                break;
            case "--window":
                options = { ...options, windowSeconds: number };
                break;
            case "--retry-after":
                options = { ...options, retryAfter: value };
                break;
            case "--concurrency":
                options = {
                    ...options,
                    environment: { ...options.environment, RA_GRAPH_CONCURRENCY: String(whole()) },
                };
                break;
            default:
                throw new Error(`${usage}; unknown option ${flag}`);
        }
    }
    return options;
}
