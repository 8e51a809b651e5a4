/**
 * Process settings for running the stack program offline at scale (`npm run plan`, `npm run
 * bench`): set once, at the start of those processes only.
 *
 * Where the time and memory went (cpu profiles and heap snapshots of 100 to 1,000 vendors;
 * README, "Scale"): the program keeps every resource alive until it ends (a component holds its
 * children, and the outputs hold the components), and the Pulumi SDK pays for each resource
 * in promises and stack traces:
 *
 * - It captures a stack trace for every promise it creates (`debuggablePromise` stores
 *   `new Error().stack`) and formats one per resource (`Resource.callsites()`, for source
 *   positions). Under ts-node every trace also goes through the source-map hook ts-node
 *   installs as `Error.prepareStackTrace`: about 5 ms per resource, most of the run. Without
 *   the hook, and with `Error.stackTraceLimit = 0`, the per-promise traces are empty and cheap;
 *   `Resource.callsites()` raises the limit itself while it reads positions, so resources still
 *   record where they were created.
 * - `debuggablePromise` also wraps every promise in two more (`then`/`catch`) to track "leaked"
 *   promises for a report at exit. Replacing it with the identity function cut peak memory at
 *   1,000 vendors from 1.48 GB to 1.1 GB and time by about 40%. It is an SDK-internal module
 *   (`@pulumi/pulumi/runtime/debuggable`), patched here only because the memory target
 *   (1.5 GB) was otherwise met by a few percent; all an offline plan loses is the leak report.
 *   If a future SDK moves the function, the patch is skipped and the plan only runs slower.
 *
 * The price is that errors thrown in these processes carry no stack trace: fine for a plan,
 * whose errors are config problems reported by path. Tests keep their stack traces (see
 * `dropPromiseLeakTracking`); `pulumi up` uses none of this.
 */

/** The parts of the SDK's `runtime/debuggable` module the tuning and the leak check use. */
export interface DebuggableModule {
    debuggablePromise?: unknown;
    /** The promises still pending and the message `pulumi up` prints about them; clears the list. */
    leakedPromises?: () => [Set<Promise<unknown>>, string];
}

/** The SDK module whose `debuggablePromise` the tuning replaces, when it has one. */
export function debuggableModule(): DebuggableModule | undefined {
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- an internal module without typings
        return require("@pulumi/pulumi/runtime/debuggable") as DebuggableModule;
    } catch {
        return undefined;
    }
}

/** The SDK's own `debuggablePromise`, kept while it is replaced. */
let trackingPromise: unknown;

/**
 * Drops the SDK's leaked-promise tracking (the `debuggablePromise` wrapping described above),
 * keeping stack traces. `npm run adopt`, which runs the program once but works against the live
 * tenant, uses this alone, and so does the test suite: it runs the program dozens of times,
 * and with the tracking on the suite's mocha run took 23 s instead of 12 s (measured on the
 * 2-core machine, medians of two runs; README, Development). One spec turns it back on around a
 * run of the program, to check that the program leaks no promise (see
 * {@link restorePromiseLeakTracking}).
 */
export function dropPromiseLeakTracking(): void {
    const debuggable = debuggableModule();
    if (debuggable && typeof debuggable.debuggablePromise === "function") {
        trackingPromise ??= debuggable.debuggablePromise;
        debuggable.debuggablePromise = <T>(promise: Promise<T>) => promise;
    }
}

/** Puts the SDK's leaked-promise tracking back after {@link dropPromiseLeakTracking}. */
export function restorePromiseLeakTracking(): void {
    const debuggable = debuggableModule();
    if (debuggable && trackingPromise !== undefined) {
        debuggable.debuggablePromise = trackingPromise;
    }
}

/** Applies all the settings above to this process. */
export function tuneProcessForOfflineRuns(): void {
    // ts-node's source-map hook; Node's own formatting applies without it.
    delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
    Error.stackTraceLimit = 0;
    dropPromiseLeakTracking();
}
