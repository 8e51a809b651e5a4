/** `npm run audit`: what the stack cannot see in the tenant (see audit/cli.ts, README "Auditing what the stack cannot see"). */
import * as path from "node:path";
import { runAuditCli } from "../audit/cli";
import { invocationDir } from "../cli/args";
import { readingProgress } from "../tenant/progress";

runAuditCli(process.argv.slice(2), {
    cwd: invocationDir(process.env, process.cwd()),
    projectDir: path.join(__dirname, ".."),
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
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
