/** `npm run unprotect -- <vendorId> ...` or `-- --service-accounts-group`: unprotects one vendor, or RA Service Accounts, before the pulumi up that deletes it (see offboarding/cli.ts, README "Offboarding"). */
import { runUnprotectCli } from "../offboarding/cli";

process.exitCode = runUnprotectCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
});
