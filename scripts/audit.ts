/** `npm run audit`: what the stack cannot see in the tenant (see audit/cli.ts, README "Auditing what the stack cannot see"). */
import * as path from "node:path";
import { runAuditCli } from "../audit/cli";
import { invocationDir } from "../cli/args";
import { exitWith } from "../cli/exit";
import { readingProgress } from "../tenant/progress";

void exitWith(
    runAuditCli(process.argv.slice(2), {
        cwd: invocationDir(process.env, process.cwd()),
        projectDir: path.join(__dirname, ".."),
        env: process.env,
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
        progress: () => readingProgress(process.stderr),
    }),
);
