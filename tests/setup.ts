/**
 * The one place mocks are installed. Mocha loads this before any spec file (see .mocharc.yml),
 * so no resource is ever created before the mocks exist.
 */
import { OfflineTenant } from "../offline/mocks";
import { dropPromiseLeakTracking } from "../offline/tuning";
import "./strykerCoverage";

dropPromiseLeakTracking();

/** The recording mock tenant every spec shares; specs `reset()` it before each run. */
export const tenant: OfflineTenant = OfflineTenant.install();
