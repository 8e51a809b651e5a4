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
import { readdirSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bin = (/** @type {string} */ name) => path.join(root, "node_modules", ".bin", name);

/**
 * The spec files that take longest, mostly waiting (Pulumi's dynamic-provider host, Graph's
 * Retry-After timers): mocha's parallel mode hands files to its workers in the order given, so these
 * start first and the short ones fill the other worker meanwhile.
 */
const SLOW_SPECS = ["tests/licensing/providerHost.test.ts", "tests/licensing/graphGate.test.ts"];

/** Every spec file (`tests/**\/*.test.ts`), {@link SLOW_SPECS} first, the others in path order. */
function specs() {
    const all = readdirSync(path.join(root, "tests"), { recursive: true, encoding: "utf8" })
        .filter((file) => file.endsWith(".test.ts"))
        .map((file) => ["tests", ...file.split(path.sep)].join("/"))
        .sort();
    return [...SLOW_SPECS.filter((file) => all.includes(file)), ...all.filter((file) => !SLOW_SPECS.includes(file))];
}

/** @type {{ name: string; command: string; args: string[] }[]} */
const STEPS = [
    // TypeScript 7's compiler (installed as typescript-7; `typescript` stays 5.9 for ts-node and Pulumi).
    {
        name: "type check",
        command: process.execPath,
        args: [path.join(root, "node_modules", "typescript-7", "bin", "tsc"), "--noEmit"],
    },
    // oxlint with the type-aware rules of .oxlintrc.json (oxlint-tsgolint).
    { name: "lint", command: process.execPath, args: [bin("oxlint"), "--type-aware"] },
    { name: "format", command: process.execPath, args: [bin("oxfmt"), "--check", "."] },
    // Two workers: the unit tests spend most of their time waiting, and one process waits in turn.
    { name: "unit tests", command: process.execPath, args: [bin("mocha"), "--parallel", "--jobs", "2", ...specs()] },
    // The PowerShell module's Pester suite; installs PowerShell and Pester into .tools/ the first time.
    {
        name: "PowerShell tests",
        command: process.execPath,
        args: ["-r", "sucrase/register/ts", path.join(root, "scripts", "pester.ts")],
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
