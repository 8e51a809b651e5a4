/**
 * Progress of long runs on stderr: a bar on a terminal, a line every few seconds in a log (CI, a
 * pipe), drawn with cli-progress. The program knows nothing of it: `npm run plan` counts the Vendor
 * components the mock tenant records (see `OfflineTenant.onRecorded`); `npm run adopt` and
 * `npm run audit` count what they read from Graph (tenant/progress.ts).
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

/** How a count reads: as a bar on a terminal, as a line in a log (cli-progress format strings). */
export interface ProgressFormats {
    /** E.g. `Planning {bar} {value}/{total} vendors | {percentage}% | {eta_formatted} left`. */
    readonly terminal: string;
    /** E.g. `Planning: {value} of {total} vendors registered ({percentage}%)`. */
    readonly log: string;
}

/** Follows a count up to a total. */
export interface CountProgress {
    /** `done` of the total so far; the total may grow (a list whose size is learnt as it is read). */
    update(done: number, total?: number): void;
    /** The work is over (done or failed); ends the display. */
    stop(): void;
}

/**
 * A display of a count up to `total` on `stream`, drawn with cli-progress. Nothing is written until
 * the first update, so a run that fails before it counts anything prints only its error. On a
 * terminal the bar is redrawn in place; elsewhere a line is written at the first update, every
 * `intervalMs`, and once at the end.
 */
export function progressBar(
    total: number,
    stream: ProgressStream,
    formats: ProgressFormats,
    intervalMs: number = LOG_INTERVAL_MS,
): CountProgress {
    const terminal = stream.isTTY === true;
    const bar = new SingleBar({
        stream: stream as NodeJS.WritableStream,
        format: terminal ? formats.terminal : formats.log,
        barCompleteChar: "\u2588",
        barIncompleteChar: "\u2591",
        // Lines, not redraws, where there is no terminal; cli-progress prints nothing there otherwise.
        noTTYOutput: true,
        notTTYSchedule: intervalMs,
        // In a log the last line already ends the output; cli-progress would add an empty line.
        clearOnComplete: !terminal,
        // cli-progress's own SIGINT handler would keep Ctrl-C from ending the run, and a cursor
        // hidden without it would stay hidden; so neither.
        hideCursor: false,
        gracefulExit: false,
    });
    let started = false;
    return {
        update(done, newTotal) {
            if (!started) {
                bar.start(newTotal ?? total, done);
                started = true;
                return;
            }
            if (newTotal !== undefined) {
                bar.setTotal(newTotal);
            }
            bar.update(done);
        },
        stop() {
            if (started) {
                bar.stop();
            }
        },
    };
}

/**
 * A display of `total` vendors on `stream`: on a terminal a bar, elsewhere a line such as
 * `Planning: 120 of 1000 vendors registered (12%)` when the first vendor is registered, every
 * `intervalMs`, and once at the end.
 */
export function vendorProgressBar(
    total: number,
    stream: ProgressStream,
    intervalMs: number = LOG_INTERVAL_MS,
): VendorProgress {
    const bar = progressBar(
        total,
        stream,
        {
            terminal: "Planning {bar} {value}/{total} vendors | {percentage}% | {eta_formatted} left",
            log: "Planning: {value} of {total} vendors registered ({percentage}%)",
        },
        intervalMs,
    );
    return { update: (registered) => bar.update(registered), stop: () => bar.stop() };
}
