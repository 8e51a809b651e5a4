import { strict as assert } from "node:assert";
import { ProgressStream, vendorProgressBar } from "../../plan/progress";

/** A stand-in for stderr that keeps what is written. */
function stream(isTTY: boolean): ProgressStream & { text: string } {
    return {
        isTTY,
        text: "",
        write(chunk: string) {
            this.text += chunk;
            return true;
        },
    };
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("progress of a plan's vendors", () => {
    it("writes a line per interval in a log, from the first vendor to the last, ending with a newline", async () => {
        const log = stream(false);
        const progress = vendorProgressBar(4, log, 10);
        progress.update(1);
        await delay(40);
        progress.update(2);
        progress.update(4);
        progress.stop();
        const lines = log.text.split("\n");
        assert.equal(lines.pop(), "", "the output must end with a newline");
        assert.equal(lines[0], "Planning: 1 of 4 vendors registered (25%)");
        assert.equal(lines[lines.length - 1], "Planning: 4 of 4 vendors registered (100%)");
        assert.ok(lines.length >= 3, `no line between the first and the last: ${JSON.stringify(lines)}`);
        for (const line of lines) {
            assert.match(line, /^Planning: [1-4] of 4 vendors registered \(\d+%\)$/);
        }
    });

    it("draws a bar on a terminal", () => {
        const terminal = stream(true);
        const progress = vendorProgressBar(4, terminal, 10);
        progress.update(1);
        progress.update(4);
        progress.stop();
        assert.match(terminal.text, /Planning [█░]+ 4\/4 vendors \| 100% \|/);
    });

    it("writes nothing until a vendor is registered, so a run that fails first prints only its error", () => {
        const log = stream(false);
        vendorProgressBar(4, log, 10).stop();
        assert.equal(log.text, "");
    });
});
