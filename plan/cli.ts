/**
 * `npm run plan`: arguments, files and exit codes around {@link planStack}. `scripts/plan.ts`
 * only wires this to the process; tests drive it with their own tenant and streams.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { ConfigError } from "../config/problems";
import type { OfflineTenant } from "../offline/mocks";
import { readStackConfigFile } from "../offline/stackFile";
import { resolvePeerStacks } from "./peers";
import { planStack } from "./run";

/** The files `--out DIR` writes. */
export const PLAN_FILES = {
    markdown: "plan.md",
    json: "plan.json",
} as const;

/** Usage text of `npm run plan`. */
export const PLAN_USAGE = `Usage: npm run plan -- [--stack NAME | --config-file PATH] [--json] [--out DIR]

Runs the stack program offline under Pulumi's mocks (no credentials, no CLI, no network) and
prints what it would create in the host tenant.

  --stack NAME        read Pulumi.NAME.yaml (default: dev)
  --config-file PATH  read any stack config file instead
  --json              print machine-readable JSON instead of Markdown
  --out DIR           write ${Object.values(PLAN_FILES).join(", ")} into DIR
  --help              print this text
`;

/** Parsed arguments of `npm run plan`. */
export interface PlanOptions {
    readonly stack: string;
    /** Absolute path of the stack config file. */
    readonly configFile: string;
    readonly json: boolean;
    /** Absolute path of the output directory, when given. */
    readonly outDir?: string;
    readonly help: boolean;
}

/** Wrong arguments; the message says which. */
export class UsageError extends Error {}

/**
 * Parses `npm run plan` arguments, relative paths against `cwd`. With `--config-file` and no
 * `--stack`, a file named `Pulumi.NAME.yaml` names the stack NAME; anything else is `dev`.
 */
export function parsePlanArgs(argv: readonly string[], cwd: string): PlanOptions {
    let values;
    try {
        ({ values } = parseArgs({
            args: [...argv],
            options: {
                stack: { type: "string" },
                "config-file": { type: "string" },
                json: { type: "boolean", default: false },
                out: { type: "string" },
                help: { type: "boolean", default: false },
            },
            strict: true,
            allowPositionals: false,
        }));
    } catch (e) {
        throw new UsageError((e as Error).message);
    }
    if (values.stack !== undefined && values["config-file"] !== undefined) {
        throw new UsageError("Pass either --stack or --config-file, not both");
    }
    const configFile = path.resolve(cwd, values["config-file"] ?? `Pulumi.${values.stack ?? "dev"}.yaml`);
    const fromFileName = /^Pulumi\.(.+)\.ya?ml$/.exec(path.basename(configFile))?.[1];
    return {
        stack: values.stack ?? fromFileName ?? "dev",
        configFile,
        json: values.json,
        ...(values.out === undefined ? {} : { outDir: path.resolve(cwd, values.out) }),
        help: values.help,
    };
}

/** A path as messages show it: relative below the current directory, absolute elsewhere. */
function displayPath(cwd: string, target: string): string {
    const relative = path.relative(cwd, target);
    return relative === "" ? "." : relative.startsWith("..") || path.isAbsolute(relative) ? target : relative;
}

/** Where `npm run plan` reads, writes and gets its mock tenant. */
export interface PlanCliEnvironment {
    readonly cwd: string;
    readonly stdout: (text: string) => void;
    readonly stderr: (text: string) => void;
    /** The mock tenant to run the program against, for the named stack. */
    readonly tenantFor: (stack: string) => OfflineTenant;
}

/**
 * Runs `npm run plan` and returns its exit code: 0 when planned, 1 when the config is missing
 * or invalid (nothing is written then), 2 for wrong arguments.
 */
export async function runPlanCli(argv: readonly string[], env: PlanCliEnvironment): Promise<number> {
    let options: PlanOptions;
    try {
        options = parsePlanArgs(argv, env.cwd);
    } catch (e) {
        if (!(e instanceof UsageError)) {
            throw e;
        }
        env.stderr(`${e.message}\n\n${PLAN_USAGE}`);
        return 2;
    }
    if (options.help) {
        env.stdout(PLAN_USAGE);
        return 0;
    }
    const shown = displayPath(env.cwd, options.configFile);
    if (!existsSync(options.configFile)) {
        env.stderr(
            `No stack config file ${shown}; pass --stack NAME to read Pulumi.NAME.yaml, or --config-file PATH\n`,
        );
        return 1;
    }

    const configMap = readStackConfigFile(options.configFile);
    const peers = resolvePeerStacks(configMap, options.configFile);
    const tenant = env.tenantFor(options.stack);
    tenant.setStackOutputs(peers.outputs);
    let run;
    try {
        run = await planStack(tenant, options.stack, configMap);
    } catch (e) {
        if (e instanceof ConfigError) {
            env.stderr(`${shown}: ${e.message}\n`);
            return 1;
        }
        throw e;
    }
    for (const note of peers.notes) {
        env.stderr(`Peer stack ${note}\n`);
    }

    if (options.outDir !== undefined) {
        mkdirSync(options.outDir, { recursive: true });
        const files: [string, string][] = [
            [PLAN_FILES.markdown, run.markdown],
            [PLAN_FILES.json, `${JSON.stringify(run.json, null, 2)}\n`],
        ];
        for (const [name, content] of files) {
            writeFileSync(path.join(options.outDir, name), content);
        }
        if (!options.json) {
            const dir = displayPath(env.cwd, options.outDir);
            env.stdout(files.map(([name]) => `Wrote ${path.join(dir, name)}\n`).join(""));
            return 0;
        }
    }
    env.stdout(options.json ? `${JSON.stringify(run.json, null, 2)}\n` : run.markdown);
    return 0;
}
