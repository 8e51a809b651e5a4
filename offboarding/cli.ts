/**
 * `npm run unprotect -- <vendorId> [--suspend | --guest EMAIL] [--stack S] [--dry-run]`: clears
 * Pulumi's `protect` bit on one vendor's resources, deliberately, before the `pulumi up` that
 * removes (or suspends) it. Since Pulumi 3.149 a refused delete of a protected resource no longer
 * stops the other deletes (pulumi/pulumi#18396), so protection stays on everything and comes off
 * only here, for exactly one vendor (README, Offboarding).
 *
 * Reads the state with `pulumi stack export` and unprotects with `pulumi state unprotect --yes
 * <urn>` ("This command clears the 'protect' bit on one or more resources, allowing those resources
 * to be deleted", Pulumi CLI reference); one call per resource, so every CLI version accepts it.
 */
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { shellLine } from "../cli/args";
import { selectProtected, stateResources } from "./selection";

/** Usage text. */
export const UNPROTECT_USAGE = `Usage: npm run unprotect -- <vendorId> [--suspend | --guest EMAIL] [--stack NAME] [--dry-run]

Clears Pulumi's protect bit on the resources of one vendor in the stack's state, so that the next
pulumi up may delete them. Run it right before the pulumi up that removes the vendor from config;
a pulumi up that still has the vendor protects its resources again.

  --suspend      only what suspending the vendor deletes: its guests' memberships of the experts' team
  --guest EMAIL  only the resources of this guest of the vendor (its invitation and team membership)
  --stack NAME   the stack to operate on (default: the current stack)
  --dry-run      print the pulumi commands instead of running them
  --help         print this text
`;

/** Parsed arguments. */
export interface UnprotectOptions {
    readonly vendorId: string;
    readonly suspend: boolean;
    readonly guest?: string;
    readonly stack?: string;
    readonly dryRun: boolean;
}

/** Wrong arguments; the message says which. */
export class UnprotectUsageError extends Error {}

/** Parses the arguments; `undefined` for --help. */
export function parseUnprotectArgs(argv: readonly string[]): UnprotectOptions | undefined {
    let parsed;
    try {
        parsed = parseArgs({
            args: [...argv],
            options: {
                suspend: { type: "boolean", default: false },
                guest: { type: "string" },
                stack: { type: "string" },
                "dry-run": { type: "boolean", default: false },
                help: { type: "boolean", default: false },
            },
            strict: true,
            allowPositionals: true,
        });
    } catch (e) {
        throw new UnprotectUsageError((e as Error).message);
    }
    const { values, positionals } = parsed;
    if (values.help) {
        return undefined;
    }
    if (positionals.length !== 1) {
        throw new UnprotectUsageError(
            positionals.length === 0 ? "Name the vendor id to unprotect" : "Name exactly one vendor id",
        );
    }
    if (values.suspend && values.guest !== undefined) {
        throw new UnprotectUsageError("Pass either --suspend or --guest, not both");
    }
    return {
        vendorId: positionals[0],
        suspend: values.suspend,
        dryRun: values["dry-run"],
        ...(values.guest === undefined ? {} : { guest: values.guest }),
        ...(values.stack === undefined ? {} : { stack: values.stack }),
    };
}

/** Where the command runs. */
export interface UnprotectEnvironment {
    readonly stdout: (text: string) => void;
    readonly stderr: (text: string) => void;
    /** Environment of the pulumi processes (PATH finds the CLI). */
    readonly env: NodeJS.ProcessEnv;
}

function pulumi(args: readonly string[], env: NodeJS.ProcessEnv) {
    return spawnSync("pulumi", [...args], { encoding: "utf8", env, maxBuffer: 512 * 1024 * 1024 });
}

/** Runs the command; returns its exit code: 0 done, 1 the CLI or the selection failed, 2 wrong arguments. */
export function runUnprotectCli(argv: readonly string[], io: UnprotectEnvironment): number {
    let options: UnprotectOptions | undefined;
    try {
        options = parseUnprotectArgs(argv);
    } catch (e) {
        if (!(e instanceof UnprotectUsageError)) {
            throw e;
        }
        io.stderr(`${e.message}\n\n${UNPROTECT_USAGE}`);
        return 2;
    }
    if (!options) {
        io.stdout(UNPROTECT_USAGE);
        return 0;
    }
    const stackArgs = options.stack === undefined ? [] : ["--stack", options.stack];
    const exported = pulumi(["stack", "export", ...stackArgs], io.env);
    if (exported.error || exported.status !== 0) {
        io.stderr(
            `pulumi stack export failed${exported.error ? `: ${exported.error.message}` : ` (exit ${exported.status})`}\n${exported.stderr ?? ""}`,
        );
        return 1;
    }
    let selected;
    try {
        selected = selectProtected(stateResources(JSON.parse(exported.stdout)), options);
    } catch (e) {
        io.stderr(`pulumi stack export printed something unexpected: ${(e as Error).message}\n`);
        return 1;
    }
    if ("error" in selected) {
        io.stderr(`${selected.error}\n`);
        return 1;
    }
    const what = options.suspend
        ? "team memberships"
        : options.guest !== undefined
          ? "resources of the guest"
          : "resources";
    if (selected.urns.length === 0) {
        io.stdout(`Nothing to unprotect: vendor ${options.vendorId} has no protected ${what} in the stack's state.\n`);
        return 0;
    }
    for (const urn of selected.urns) {
        const args = ["state", "unprotect", "--yes", ...stackArgs, urn];
        if (options.dryRun) {
            io.stdout(`pulumi ${shellLine(args)}\n`);
            continue;
        }
        const run = pulumi(args, io.env);
        if (run.error || run.status !== 0) {
            io.stderr(
                `pulumi state unprotect failed for ${urn}${run.error ? `: ${run.error.message}` : ` (exit ${run.status})`}\n${run.stderr ?? ""}`,
            );
            return 1;
        }
    }
    if (!options.dryRun) {
        const next = options.suspend
            ? `set its state: suspended and run pulumi up`
            : options.guest !== undefined
              ? `remove the guest from config and run pulumi up`
              : `remove the vendor from config and run pulumi up`;
        io.stdout(
            `Unprotected ${selected.urns.length} ${what} of vendor ${options.vendorId}; now ${next} (a pulumi up that still has them protects them again).\n`,
        );
    }
    return 0;
}
