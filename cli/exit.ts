/** How the `npm run` scripts end: with the exit code their command resolved to, or 1 and the error's message. */

/** The parts of `process` the scripts end through. */
export interface ExitingProcess {
    exitCode?: number | string | null;
    readonly stderr: { write(text: string): unknown };
}

/**
 * Sets `proc.exitCode` to what `run` resolves to; when it rejects, writes the error's message (not
 * its stack) on stderr and sets 1. The process then ends by itself, once nothing is pending.
 */
export function exitWith(run: Promise<number>, proc: ExitingProcess = process): Promise<void> {
    return run.then(
        (code) => {
            proc.exitCode = code;
        },
        (error: unknown) => {
            proc.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
            proc.exitCode = 1;
        },
    );
}
