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

    it("writes just the first and the last line when the plan is over within the interval", () => {
        const log = stream(false);
        const progress = vendorProgressBar(4, log, 60_000);
        progress.update(1);
        progress.update(2);
        progress.update(4);
        progress.stop();
        assert.equal(
            log.text,
            "Planning: 1 of 4 vendors registered (25%)\nPlanning: 4 of 4 vendors registered (100%)\n",
        );
    });

    it("draws a bar on a terminal, redrawn in place", () => {
        const terminal = stream(true);
        const progress = vendorProgressBar(4, terminal, 10);
        progress.update(1);
        progress.update(4);
        progress.stop();
        assert.ok(
            terminal.text.includes(`Planning ${"█".repeat(10)}${"░".repeat(30)} 1/4 vendors | 25% |`),
            terminal.text,
        );
        assert.ok(terminal.text.includes(`Planning ${"█".repeat(40)} 4/4 vendors | 100% |`), terminal.text);
        assert.equal(terminal.text.split("\n").length, 2, "a terminal gets one line, ended once");
    });

    it("leaves the cursor shown and Ctrl-C to the plan", () => {
        const terminal = stream(true);
        const sigint = process.listenerCount("SIGINT");
        const progress = vendorProgressBar(4, terminal, 10);
        progress.update(1);
        assert.equal(
            process.listenerCount("SIGINT"),
            sigint,
            "a SIGINT handler would keep Ctrl-C from ending the plan",
        );
        progress.stop();
        assert.ok(!terminal.text.includes("\x1B[?25l"), "the cursor was hidden");
    });

    it("writes nothing until a vendor is registered, so a run that fails first prints only its error", () => {
        const log = stream(false);
        vendorProgressBar(4, log, 10).stop();
        assert.equal(log.text, "");
    });
});
