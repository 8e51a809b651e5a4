/** `npm run adopt`: reads the tenant and writes a stack config and import file (see adopt/cli.ts, README "Adopting an existing tenant"). */
import { OfflineTenant } from "../offline/mocks";
import { dropPromiseLeakTracking } from "../offline/tuning";
import { runAdoptCli } from "../adopt/cli";
import { invocationDir } from "../cli/args";
import { readingProgress } from "../tenant/progress";

// The program runs once, under mocks, for the import file, and the SDK's leaked-promise tracking
// would only slow it down (offline/tuning.ts). Stack traces stay: tuneProcessForOfflineRuns drops
// them, which suits plan and bench alone, while adopt reads the live tenant through Graph.
dropPromiseLeakTracking();
runAdoptCli(process.argv.slice(2), {
    cwd: invocationDir(process.env, process.cwd()),
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    tenantFor: (stack) => OfflineTenant.install(stack),
    progress: () => readingProgress(process.stderr),
}).then(
    (code) => {
        process.exitCode = code;
    },
    (error: unknown) => {
        process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = 1;
    },
);
