/** `npm run unprotect -- <vendorId> ...`: unprotects one vendor before offboarding (see offboarding/cli.ts, README "Offboarding"). */
import { runUnprotectCli } from "../offboarding/cli";

process.exitCode = runUnprotectCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
});
