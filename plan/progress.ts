/**
 * Progress of a long offline plan on stderr: a bar on a terminal, a line every few seconds in a
 * log (CI, a pipe), drawn with cli-progress. The program knows nothing of it: `npm run plan`
 * counts the Vendor components the mock tenant records (see `OfflineTenant.onRecorded`).
 */
import { SingleBar } from "cli-progress";

/** Follows how many of a plan's vendors the program has registered. */
export interface VendorProgress {
    /** `registered` vendors of the total are registered so far. */
    update(registered: number): void;
    /** The run is over (done or failed); ends the display. */
    stop(): void;
}

/** Where progress is written: stderr, or a stand-in with the same two members. */
export interface ProgressStream {
    readonly isTTY?: boolean;
    write(text: string): boolean;
}

/** How often a log gets a progress line. */
export const LOG_INTERVAL_MS = 5000;

/**
 * A display of `total` vendors on `stream`. Nothing is written until the first update, so a run
 * that fails before registering anything (invalid config) prints only its error. On a terminal
 * the bar is redrawn in place; elsewhere a line such as `Planning: 120 of 1000 vendors
 * registered (12%)` is written when the first vendor is registered, every `intervalMs`, and
 * once at the end.
 */
export function vendorProgressBar(
    total: number,
    stream: ProgressStream,
    intervalMs: number = LOG_INTERVAL_MS,
): VendorProgress {
    const terminal = stream.isTTY === true;
    const bar = new SingleBar({
        stream: stream as NodeJS.WritableStream,
        format: terminal
            ? "Planning {bar} {value}/{total} vendors | {percentage}% | {eta_formatted} left"
            : "Planning: {value} of {total} vendors registered ({percentage}%)",
        barCompleteChar: "\u2588",
        barIncompleteChar: "\u2591",
        // Lines, not redraws, where there is no terminal; cli-progress prints nothing there otherwise.
        noTTYOutput: true,
        notTTYSchedule: intervalMs,
        // In a log the last line already ends the output; cli-progress would add an empty line.
        clearOnComplete: !terminal,
        // cli-progress's own SIGINT handler would keep Ctrl-C from ending the plan, and a cursor
        // hidden without it would stay hidden; so neither.
        hideCursor: false,
        gracefulExit: false,
    });
    let started = false;
    return {
        update(registered) {
            if (!started) {
                bar.start(total, registered);
                started = true;
                return;
            }
            bar.update(registered);
        },
        stop() {
            if (started) {
                bar.stop();
            }
        },
    };
}
