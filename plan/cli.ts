/**
 * `npm run plan`: arguments, files and exit codes around {@link planStack}. `scripts/plan.ts`
 * only wires this to the process; tests drive it with their own tenant and streams.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { chooseStack, displayPath, shortStackName } from "../cli/args";
import { rawConfigFromMap } from "../config/load";
import { ConfigError } from "../config/problems";
import type { OfflineTenant } from "../offline/mocks";
import { readStackFile, StackFileError } from "../offline/stackFile";
import { RESOURCE_TYPES } from "./model";
import { resolvePeerStacks } from "./peers";
import type { VendorProgress } from "./progress";
import { planStack } from "./run";

/** The files `--out DIR` writes. */
export const PLAN_FILES = {
    markdown: "plan.md",
    json: "plan.json",
} as const;

/** Usage text of `npm run plan`. */
export const PLAN_USAGE = `Usage: npm run plan -- [--stack NAME | --config-file PATH] [--json] [--out DIR] [--quiet]

Runs the stack program offline under Pulumi's mocks (no credentials, no CLI, no network) and
prints what it would create in the host tenant.

  --stack NAME        read Pulumi.NAME.yaml beside Pulumi.yaml (default: dev); org/NAME works too
  --config-file PATH  read any stack config file instead
  --json              print machine-readable JSON instead of Markdown
  --out DIR           write ${Object.values(PLAN_FILES).join(", ")} into DIR
  --quiet             show no progress on stderr
  --help              print this text

PATH and DIR are relative to the directory you run the command in.
`;

/** Parsed arguments of `npm run plan`. */
export interface PlanOptions {
    /** The stack the program runs as (what `pulumi.getStack()` returns, and the URNs hold): no `org/`. */
    readonly stack: string;
    /** Absolute path of the stack config file. */
    readonly configFile: string;
    readonly json: boolean;
    /** Absolute path of the output directory, when given. */
    readonly outDir?: string;
    /** No progress on stderr. */
    readonly quiet: boolean;
    readonly help: boolean;
}

/** Wrong arguments; the message says which. */
export class UsageError extends Error {}

/**
 * Parses `npm run plan` arguments. `--config-file` and `--out` are relative to `cwd`, the
 * directory the user typed the command in; `--stack NAME` (or `org/NAME`) reads
 * `Pulumi.NAME.yaml` in `projectDir`, beside `Pulumi.yaml`, where the Pulumi CLI keeps stack
 * files. With `--config-file`, a file named `Pulumi.NAME.yaml` names the stack NAME; anything
 * else is `dev` (see cli/args.ts, `chooseStack`).
 */
export function parsePlanArgs(argv: readonly string[], cwd: string, projectDir: string = cwd): PlanOptions {
    let values;
    try {
        ({ values } = parseArgs({
            args: [...argv],
            options: {
                stack: { type: "string" },
                "config-file": { type: "string" },
                json: { type: "boolean", default: false },
                out: { type: "string" },
                quiet: { type: "boolean", default: false },
                help: { type: "boolean", default: false },
            },
            strict: true,
            allowPositionals: false,
        }));
    } catch (e) {
        throw new UsageError((e as Error).message);
    }
    const { stack, configFile } = chooseStack(
        { stack: values.stack, configFile: values["config-file"] },
        { cwd, projectDir },
        "dev",
        UsageError,
    );
    return {
        stack: shortStackName(stack),
        configFile,
        json: values.json,
        ...(values.out === undefined ? {} : { outDir: path.resolve(cwd, values.out) }),
        quiet: values.quiet,
        help: values.help,
    };
}

/** Where `npm run plan` reads, writes and gets its mock tenant. */
export interface PlanCliEnvironment {
    /** The directory the user typed the command in: relative paths start here. */
    readonly cwd: string;
    /** The directory of `Pulumi.yaml`, where `--stack NAME` finds `Pulumi.NAME.yaml`; default `cwd`. */
    readonly projectDir?: string;
    readonly stdout: (text: string) => void;
    readonly stderr: (text: string) => void;
    /** The mock tenant to run the program against, for the named stack. */
    readonly tenantFor: (stack: string) => OfflineTenant;
    /** A progress display for a plan of this many vendors; without it (or with --quiet), none. */
    readonly progress?: (vendors: number) => VendorProgress;
}

/** How many vendors a config map declares, before validation (which reports anything malformed). */
function declaredVendors(configMap: Readonly<Record<string, string>>): number {
    const vendors = rawConfigFromMap(configMap).vendors;
    return Array.isArray(vendors) ? vendors.length : 0;
}

/**
 * Runs `npm run plan` and returns its exit code: 0 when planned, 1 when the config is missing
 * or invalid (nothing is written then), 2 for wrong arguments.
 */
export async function runPlanCli(argv: readonly string[], env: PlanCliEnvironment): Promise<number> {
    let options: PlanOptions;
    try {
        options = parsePlanArgs(argv, env.cwd, env.projectDir);
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

    let stackFile;
    try {
        stackFile = readStackFile(options.configFile);
    } catch (e) {
        if (e instanceof StackFileError) {
            env.stderr(`${shown}: ${e.detail}\n`);
            return 1;
        }
        throw e;
    }
    for (const warning of stackFile.warnings) {
        env.stderr(`warning: ${shown}: ${warning}\n`);
    }
    const configMap = stackFile.config;
    const peers = resolvePeerStacks(configMap, options.configFile);
    const tenant = env.tenantFor(options.stack);
    tenant.setStackOutputs(peers.outputs);
    const progress = options.quiet ? undefined : env.progress?.(declaredVendors(configMap));
    let registered = 0;
    const stopCounting = tenant.onRecorded((resource) => {
        if (resource.type === RESOURCE_TYPES.vendor) {
            progress?.update(++registered);
        }
    });
    let run;
    try {
        run = await planStack(tenant, options.stack, configMap);
    } catch (e) {
        if (e instanceof ConfigError) {
            env.stderr(`${shown}: ${e.message}\n`);
            return 1;
        }
        throw e;
    } finally {
        stopCounting();
        progress?.stop();
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
