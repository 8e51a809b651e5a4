import { strict as assert } from "node:assert";
import { runProgram } from "../../offline/runProgram";
import { debuggableModule, dropPromiseLeakTracking, restorePromiseLeakTracking } from "../../offline/tuning";
import { devConfigMap } from "../helpers";
import { tenant } from "../setup";

/**
 * The suite runs with the SDK's leaked-promise tracking off (tests/setup.ts: it doubles the
 * suite's time). `pulumi up` runs with it on, and fails a program that leaves an SDK promise
 * pending when it exits ("The Pulumi runtime detected that N promises were still active",
 * `@pulumi/pulumi/runtime/debuggable`). This spec turns it back on for one run of the program.
 */
describe("the program's promises", () => {
    const sdk = debuggableModule();

    /** The promises the SDK would report as leaked now, and its message; clears its list. */
    function leaked(): [number, string] {
        assert.ok(sdk?.leakedPromises, "the SDK no longer has runtime/debuggable's leakedPromises");
        const [leaks, message] = sdk.leakedPromises();
        return [leaks.size, message];
    }

    beforeEach(() => {
        restorePromiseLeakTracking();
        leaked();
    });
    afterEach(() => {
        dropPromiseLeakTracking();
    });

    it("leaves none pending once the dev stack's program has run, so pulumi up does not fail on a leak", async () => {
        // A leaking program never settles (a registration waits forever for its inputs), so the
        // run gets a bound, after which the SDK's report says what is still pending.
        let timer: NodeJS.Timeout | undefined;
        const bound = new Promise<"timed out">((resolve) => (timer = setTimeout(() => resolve("timed out"), 15_000)));
        const outcome = await Promise.race([runProgram(tenant, devConfigMap()), bound]);
        clearTimeout(timer);
        const [count, message] = leaked();
        assert.equal(count, 0, message);
        assert.notEqual(outcome, "timed out", "the program did not settle within 15 s");
    });

    it("would be caught pending by the same check (a promise that never settles is reported)", () => {
        const track = sdk?.debuggablePromise as (p: Promise<unknown>, ctx: string) => Promise<unknown>;
        void track(new Promise(() => {}), "a promise that never settles");
        assert.deepEqual(leaked()[0], 1);
    });
});
