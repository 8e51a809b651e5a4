/** `npm run plan`: the offline plan of a stack (see plan/cli.ts and README, "See the plan, offline"). */
import * as path from "node:path";
import { OfflineTenant } from "../offline/mocks";
import { tuneProcessForOfflineRuns } from "../offline/tuning";
import { invocationDir } from "../cli/args";
import { exitWith } from "../cli/exit";
import { runPlanCli } from "../plan/cli";
import { vendorProgressBar } from "../plan/progress";

tuneProcessForOfflineRuns();
void exitWith(
    runPlanCli(process.argv.slice(2), {
        cwd: invocationDir(process.env, process.cwd()),
        projectDir: path.join(__dirname, ".."),
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
        tenantFor: (stack) => OfflineTenant.install(stack),
        progress: (vendors) => vendorProgressBar(vendors, process.stderr),
    }),
);
