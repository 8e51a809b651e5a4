import { strict as assert } from "node:assert";
import { exitWith, ExitingProcess } from "../../cli/exit";

/** A process stand-in that records what is written on its stderr. */
function fakeProcess(): ExitingProcess & { written: string[] } {
    const written: string[] = [];
    return { exitCode: undefined, written, stderr: { write: (text: string) => written.push(text) } };
}

describe("how an npm run script ends (cli/exit.ts)", () => {
    it("exits with the code its command resolved to, writing nothing", async () => {
        for (const code of [0, 2]) {
            const proc = fakeProcess();
            await exitWith(Promise.resolve(code), proc);
            assert.equal(proc.exitCode, code);
            assert.deepEqual(proc.written, []);
        }
    });

    it("exits with 1 and the error's message, not its stack, when the command fails", async () => {
        const proc = fakeProcess();
        await exitWith(Promise.reject(new Error("Graph answered 403")), proc);
        assert.equal(proc.exitCode, 1);
        assert.deepEqual(proc.written, ["Graph answered 403\n"]);
    });

    it("writes what was thrown when it is not an Error", async () => {
        const proc = fakeProcess();
        await exitWith(Promise.reject("no tenant"), proc);
        assert.equal(proc.exitCode, 1);
        assert.deepEqual(proc.written, ["no tenant\n"]);
    });
});
