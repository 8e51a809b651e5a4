/**
 * The one place mocks are installed. Mocha loads this before any spec file (see .mocharc.yml),
 * so no resource is ever created before the mocks exist.
 *
 * Under `mocha --parallel` (npm test) mocha loads it in its main process too, which only hands the
 * spec files to its workers; each worker loads it again, with `MOCHA_WORKER_ID` set (mocha 11,
 * lib/nodejs/buffered-worker-pool.js). The main process skips the mocks: loading the Pulumi SDK
 * there took it from 1.2 s to 2.0 s of CPU time, for nothing.
 */
import type { OfflineTenant } from "../offline/mocks";

/** The main process of `mocha --parallel`, where no spec runs. */
const parallelMain = process.argv.includes("--parallel") && process.env.MOCHA_WORKER_ID === undefined;

function install(): OfflineTenant {
    /* eslint-disable @typescript-eslint/no-require-imports -- loaded only where specs run, see above */
    const { OfflineTenant } = require("../offline/mocks") as typeof import("../offline/mocks");
    const { dropPromiseLeakTracking } = require("../offline/tuning") as typeof import("../offline/tuning");
    require("./strykerCoverage");
    /* eslint-enable @typescript-eslint/no-require-imports */
    dropPromiseLeakTracking();
    return OfflineTenant.install();
}

/** The recording mock tenant every spec shares; specs `reset()` it before each run. */
export const tenant = (parallelMain ? undefined : install()) as OfflineTenant;
