/**
 * `npm run unprotect -- <vendorId> [--suspend | --guest EMAIL] [--stack S] [--dry-run]`: clears
 * Pulumi's `protect` bit on one vendor's resources, deliberately, before the `pulumi up` that
 * removes (or suspends) it. Since Pulumi 3.149 a refused delete of a protected resource no longer
 * stops the other deletes ("Deployments continue past delete errors due to protect", pulumi/pulumi
 * `changelog/v3.149.0.md`, #18396), so protection stays on everything and comes off
 * only here, for exactly one vendor (README, Offboarding). `npm run unprotect --
 * --service-accounts-group` does the same for `RA Service Accounts`, which belongs to no vendor
 * and goes when no filter needs it any more (README, Offboarding).
 *
 * Reads the state with `pulumi stack export` and unprotects with `pulumi state unprotect --yes
 * <urn>` ("This command clears the 'protect' bit on one or more resources, allowing those resources
 * to be deleted", Pulumi CLI reference); one call per resource, so every CLI version accepts it.
 */
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { shellLine } from "../cli/args";
import {
    lastVendorWithServiceAccounts,
    type Selection,
    selectProtected,
    type StateResource,
    stateResources,
} from "./selection";

/** Usage text. */
export const UNPROTECT_USAGE = `Usage: npm run unprotect -- <vendorId> [--suspend | --guest EMAIL] [--stack NAME] [--dry-run]
       npm run unprotect -- --service-accounts-group [--stack NAME] [--dry-run]

Clears Pulumi's protect bit on the resources of one vendor in the stack's state, so that the next
pulumi up may delete them. Run it right before the pulumi up that removes the vendor from config;
a pulumi up that still has the vendor protects its resources again.

  --suspend      only what suspending the vendor deletes: its guests' memberships of the experts' team
  --guest EMAIL  only the resources of this guest of the vendor (its invitation and team membership)
  --service-accounts-group
                 instead of a vendor's, the resources of the RA Service Accounts group, before the
                 pulumi up that deletes it (informationBarriers.internalSegment: false, or the last
                 vendor with service accounts removed)
  --stack NAME   the stack to operate on (default: the current stack)
  --dry-run      print the pulumi commands instead of running them
  --help         print this text
`;

/** Parsed arguments: what to unprotect, and how. */
export type UnprotectOptions = Selection & {
    readonly stack?: string;
    readonly dryRun: boolean;
};

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
                "service-accounts-group": { type: "boolean", default: false },
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
    const how = {
        dryRun: values["dry-run"],
        ...(values.stack === undefined ? {} : { stack: values.stack }),
    };
    if (values["service-accounts-group"]) {
        if (positionals.length > 0 || values.suspend || values.guest !== undefined) {
            throw new UnprotectUsageError(
                "--service-accounts-group selects the RA Service Accounts group, which belongs to no vendor: pass no vendor id, --suspend or --guest with it",
            );
        }
        return { kind: "serviceAccountsGroup", ...how };
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
        kind: "vendor",
        vendorId: positionals[0],
        suspend: values.suspend,
        ...(values.guest === undefined ? {} : { guest: values.guest }),
        ...how,
    };
}

/** How messages name a selection: whose resources, which ones, and what to do once they are unprotected. */
function wordsFor(selection: Selection): { owner: string; what: string; next: string } {
    if (selection.kind === "serviceAccountsGroup") {
        return {
            owner: "the RA Service Accounts group",
            what: "resources",
            next: "run the pulumi up that deletes it (informationBarriers.internalSegment: false, or the last vendor with service accounts removed)",
        };
    }
    const owner = `vendor ${selection.vendorId}`;
    if (selection.suspend) {
        return { owner, what: "team memberships", next: "set its state: suspended and run pulumi up" };
    }
    if (selection.guest !== undefined) {
        return { owner, what: "resources of the guest", next: "remove the guest from config and run pulumi up" };
    }
    return { owner, what: "resources", next: "remove the vendor from config and run pulumi up" };
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
    let resources: StateResource[];
    let selected;
    try {
        resources = stateResources(JSON.parse(exported.stdout));
        selected = selectProtected(resources, options);
    } catch (e) {
        io.stderr(`pulumi stack export printed something unexpected: ${(e as Error).message}\n`);
        return 1;
    }
    if ("error" in selected) {
        io.stderr(`${selected.error}\n`);
        return 1;
    }
    const words = wordsFor(options);
    if (selected.urns.length === 0) {
        io.stdout(`Nothing to unprotect: ${words.owner} has no protected ${words.what} in the stack's state.\n`);
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
        io.stdout(
            `Unprotected ${selected.urns.length} ${words.what} of ${words.owner}; now ${words.next} (a pulumi up that still has them protects them again).\n`,
        );
        // Removing the vendor also deletes the group, which would fail that pulumi up.
        if (
            options.kind === "vendor" &&
            !options.suspend &&
            options.guest === undefined &&
            lastVendorWithServiceAccounts(resources, options.vendorId)
        ) {
            io.stdout(
                `Vendor ${options.vendorId} has the last service accounts in the stack's state, so that pulumi up also deletes the RA Service Accounts group, which is protected: run ${shellLine(["npm", "run", "unprotect", "--", "--service-accounts-group", ...stackArgs])} first.\n`,
            );
        }
    }
    return 0;
}
