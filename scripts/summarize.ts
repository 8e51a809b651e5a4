/**
 * `npm run summarize -- [--drift] [FILE]`: Pulumi's JSON output as a Markdown report a reviewer can
 * read. See `summary/cli.ts` for the options.
 */
import { readFileSync } from "node:fs";
import { invocationDir } from "../cli/args";
import { runSummarize } from "../summary/cli";

process.exitCode = runSummarize(process.argv.slice(2), {
    cwd: invocationDir(process.env, process.cwd()),
    readFile: (path) => readFileSync(path, "utf8"),
    readStdin: () => readFileSync(0, "utf8"),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
});
