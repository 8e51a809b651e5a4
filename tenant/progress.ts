/**
 * Progress of a tenant reading on stderr, the way `npm run plan` shows its own (plan/progress.ts):
 * per list, a bar on a terminal, and in a log (CI, a pipe) a line such as
 * `Reading guests: 1200 of 3400` when the first page arrives, every few seconds, and at the end.
 * Graph counts a list on its first page (`@odata.count` of an advanced query); a list it does not
 * count shows what has been read so far as its total.
 */
import { LOG_INTERVAL_MS, progressBar, ProgressStream } from "../plan/progress";
import type { ReadProgress } from "./read";

/** Progress of every list of a reading, on `stream`. */
export function readingProgress(stream: ProgressStream, intervalMs: number = LOG_INTERVAL_MS): ReadProgress {
    return {
        start(label) {
            const bar = progressBar(
                0,
                stream,
                { terminal: `Reading ${label} {bar} {value}/{total}`, log: `Reading ${label}: {value} of {total}` },
                intervalMs,
            );
            return Object.assign((items: number, total: number | undefined) => bar.update(items, total ?? items), {
                stop: () => bar.stop(),
            });
        },
    };
}
