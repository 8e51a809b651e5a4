/**
 * Per-test coverage that credits a describe's `before` hook to the tests it serves, for StrykerJS
 * (`npm run mutation`). Without it, mutants reached only from a `before` hook survive unseen.
 *
 * Stryker's mocha runner records which tests reach each mutant by setting the instrumenter's
 * `currentTestId` in a root `beforeEach` and never clearing it (@stryker-mutator/mocha-runner 9.6,
 * `MochaTestRunner.dryRun`). A describe's `before` hook runs before that `beforeEach` of its first
 * test, so what the hook reaches (here: most program runs, in `before(() => runProgram(...))`) is
 * credited to whichever test ran last, often in another file. Stryker then tests such a mutant
 * with that one test, the hook never runs, and the mutant "survives".
 *
 * So while a suite's `beforeAll` hooks run, coverage goes to a placeholder id, and when they are
 * done it is added to every test of the suite (nested ones included). Mocha's `Runner#hook` is
 * where those hooks run (mocha 11 `lib/runner.js`). Outside Stryker (`__stryker__` holds no
 * coverage) nothing changes.
 */
import Mocha from "mocha";

interface StrykerContext {
    currentTestId?: string;
    mutantCoverage?: { perTest: Record<string, Record<string, number>> };
}

type HookCallback = (...args: unknown[]) => unknown;

const runner = Mocha.Runner.prototype as unknown as {
    hook(this: { suite: Mocha.Suite }, name: string, fn: HookCallback): unknown;
};
const original = runner.hook;

function testsOf(suite: Mocha.Suite): Mocha.Test[] {
    return [...suite.tests, ...suite.suites.flatMap(testsOf)];
}

runner.hook = function (name, fn) {
    const stryker = (globalThis as { __stryker__?: StrykerContext }).__stryker__;
    if (name !== "beforeAll" || stryker?.mutantCoverage === undefined) {
        return original.call(this, name, fn);
    }
    const suite = this.suite;
    const placeholder = `before hooks of ${suite.fullTitle()}`;
    const previous = stryker.currentTestId;
    stryker.currentTestId = placeholder;
    return original.call(this, name, (...args: unknown[]) => {
        const perTest = stryker.mutantCoverage?.perTest ?? {};
        const reached = perTest[placeholder];
        delete perTest[placeholder];
        if (reached) {
            for (const test of testsOf(suite)) {
                const coverage = (perTest[test.fullTitle()] ??= {});
                for (const [mutant, hits] of Object.entries(reached)) {
                    coverage[mutant] = (coverage[mutant] ?? 0) + hits;
                }
            }
        }
        stryker.currentTestId = previous;
        return fn(...args);
    });
};
