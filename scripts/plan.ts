/** `npm run plan`: the offline plan of a stack (see plan/cli.ts and README, "Plan"). */
import { OfflineTenant } from "../offline/mocks";
import { tuneProcessForOfflineRuns } from "../offline/tuning";
import { runPlanCli } from "../plan/cli";

tuneProcessForOfflineRuns();
runPlanCli(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    tenantFor: (stack) => OfflineTenant.install(stack),
}).then(
    (code) => {
        process.exitCode = code;
    },
    (error: unknown) => {
        process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = 1;
    },
);
