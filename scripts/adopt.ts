/** `npm run adopt`: reads the tenant and writes a stack config and import file (see adopt/cli.ts, README "Adopting an existing tenant"). */
import { OfflineTenant } from "../offline/mocks";
import { dropPromiseLeakTracking } from "../offline/tuning";
import { runAdoptCli } from "../adopt/cli";
import { invocationDir } from "../cli/args";
import { exitWith } from "../cli/exit";
import { readingProgress } from "../tenant/progress";

/** Where `npm run adopt` writes its messages: the process's stdout and stderr. */
export interface ScriptOutput {
    stdout(text: string): void;
    stderr(text: string): void;
}

/**
 * Runs `npm run adopt` with `argv` (the words after `--`); resolves to its exit code.
 * The program runs once, under mocks, for the import file, and the SDK's leaked-promise tracking
 * would only slow it down (offline/tuning.ts). Stack traces stay: tuneProcessForOfflineRuns drops
 * them, which suits plan and bench alone, while adopt reads the live tenant through Graph.
 * A function, run below only when this file is the process's script, so that a spec can run it
 * in its own process (tests/adopt/adopt.test.ts) instead of starting a Node process that loads
 * every module again (2 s of CPU time).
 */
export function main(argv: readonly string[], output: ScriptOutput): Promise<number> {
    dropPromiseLeakTracking();
    return runAdoptCli(argv, {
        cwd: invocationDir(process.env, process.cwd()),
        env: process.env,
        stdout: (text) => output.stdout(text),
        stderr: (text) => output.stderr(text),
        tenantFor: (stack) => OfflineTenant.install(stack),
        progress: () => readingProgress(process.stderr),
    });
}

if (require.main === module) {
    void exitWith(
        main(process.argv.slice(2), {
            stdout: (text) => process.stdout.write(text),
            stderr: (text) => process.stderr.write(text),
        }),
    );
}
