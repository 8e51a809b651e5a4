/**
 * `npm run summarize`: reads Pulumi's JSON output from a file or stdin and prints the Markdown report.
 * The entry point in `scripts/summarize.ts` only wires this to the process.
 */
import * as path from "node:path";
import { parseArgs } from "node:util";
import { DigestError, parseDigest, PreviewDigest } from "./digest";
import { driftReport, previewReport, RunFailure } from "./report";

/** What the command reads and writes; the process in production, strings in tests. */
export interface SummarizeIo {
    /** The directory the user typed the command in: FILE and --log are relative to it (cli/args.ts, `invocationDir`). */
    readonly cwd: string;
    /** Reads a file, given its absolute path; throws when it cannot. */
    readonly readFile: (path: string) => string;
    /** Reads all of stdin. */
    readonly readStdin: () => string;
    readonly stdout: (text: string) => void;
    readonly stderr: (text: string) => void;
}

/** Exit code drift checks use for "changes found" (`--expect-no-changes`, Pulumi CLI ≥ 3.226.1). */
export const DRIFT_EXIT_CODE = 7;

export const USAGE = `Usage: npm run summarize -- [--drift] [--stack NAME] [--exit-code N] [--log FILE] [FILE]

Prints a Markdown report of Pulumi's JSON output, read from FILE or, when FILE is absent or "-", stdin:
  pulumi preview --json                      what a change would do to the tenant (the default)
  pulumi refresh --preview-only --json       with --drift: what changed outside the stack

  --drift          read a refresh digest and report drift
  --stack NAME     stack name for the heading (default: the stack in the resources' URNs)
  --exit-code N    the Pulumi CLI's exit code; a failure is reported first (7 is drift, not a failure, with --drift)
  --log FILE       the CLI's human-readable output, quoted when the run failed

Both FILEs are relative to the directory you run the command in.
`;

/** Runs the command; returns the process exit code (0 report printed, 2 bad usage or input). */
export function runSummarize(argv: readonly string[], io: SummarizeIo): number {
    let parsed;
    try {
        parsed = parseArgs({
            args: [...argv],
            allowPositionals: true,
            options: {
                drift: { type: "boolean", default: false },
                stack: { type: "string" },
                "exit-code": { type: "string" },
                log: { type: "string" },
                help: { type: "boolean", short: "h", default: false },
            },
        });
    } catch (e) {
        io.stderr(`summarize: ${(e as Error).message}\n\n${USAGE}`);
        return 2;
    }
    const { values, positionals } = parsed;
    if (values.help) {
        io.stdout(USAGE);
        return 0;
    }
    if (positionals.length > 1) {
        io.stderr(`summarize: expected at most one input file, got ${positionals.length}\n\n${USAGE}`);
        return 2;
    }
    const exitCode = values["exit-code"] === undefined ? 0 : Number(values["exit-code"]);
    if (!Number.isInteger(exitCode) || exitCode < 0) {
        io.stderr(`summarize: --exit-code must be a whole number, got "${values["exit-code"]}"\n`);
        return 2;
    }
    const failed = exitCode !== 0 && !(values.drift && exitCode === DRIFT_EXIT_CODE);

    let failure: RunFailure | undefined;
    let input: string;
    try {
        const file = positionals[0];
        input = file === undefined || file === "-" ? io.readStdin() : io.readFile(path.resolve(io.cwd, file));
        failure = failed
            ? { exitCode, log: values.log === undefined ? undefined : io.readFile(path.resolve(io.cwd, values.log)) }
            : undefined;
    } catch (e) {
        io.stderr(`summarize: ${(e as Error).message}\n`);
        return 2;
    }

    let digest: PreviewDigest;
    try {
        digest = parseDigest(input);
    } catch (e) {
        if (!(e instanceof DigestError) || !failure) {
            io.stderr(`summarize: ${(e as Error).message}\n`);
            return 2;
        }
        // A failed run may print no JSON at all; the report then says why the run failed.
        digest = {};
    }
    const options = { stack: values.stack, failure };
    io.stdout(values.drift ? driftReport(digest, options) : previewReport(digest, options));
    return 0;
}
