// @ts-check
/**
 * `npm test`: every check of the repository, run side by side, each step's output printed in
 * one piece when it ends. The steps are independent, and the unit tests spend seconds waiting
 * (Graph retry timers, actionlint and child processes) that the other steps fill, so on the
 * 2-core machine running them together takes about as long as the longest (README, Development).
 * Exits with 1 when any step fails, after all have ended.
 *
 * To add a step, add an entry to STEPS: a name and the command, run from the repository's root.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bin = (/** @type {string} */ name) => path.join(root, "node_modules", ".bin", name);

/** @type {{ name: string; command: string; args: string[] }[]} */
const STEPS = [
    // tsc --noEmit and eslint ., sharing one TypeScript program (see scripts/check.mjs).
    { name: "type check and lint", command: process.execPath, args: [path.join(root, "scripts", "check.mjs")] },
    { name: "format", command: process.execPath, args: [bin("prettier"), "--check", "."] },
    { name: "unit tests", command: process.execPath, args: [bin("mocha"), "tests/**/*.test.ts"] },
    // The PowerShell module's Pester suite; installs PowerShell and Pester into .tools/ the first time.
    {
        name: "PowerShell tests",
        command: process.execPath,
        args: ["-r", "esbuild-register", path.join(root, "scripts", "pester.ts")],
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
            env: process.stdout.isTTY ? { ...process.env, FORCE_COLOR: "1" } : process.env,
            stdio: ["ignore", "pipe", "pipe"],
        });
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
