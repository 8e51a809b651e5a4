/**
 * `npm run audit`: reads the tenant (read-only) and compares it with the stack config, reporting
 * what `pulumi refresh` cannot see (README, Auditing what the stack cannot see). `scripts/audit.ts`
 * only wires this to the process; tests drive it with a loopback Graph and their own streams.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { HintsError, NO_HINTS, parseHints } from "../adopt/hints";
import { chooseStack, displayPath } from "../cli/args";
import { rawConfigFromMap } from "../config/load";
import { ConfigError } from "../config/problems";
import { validateConfig } from "../config/validate";
import { serviceAccountSignInName } from "../naming";
import { readStackFile, StackFileError } from "../offline/stackFile";
import { DirectoryReadError } from "../tenant/reader";
import { readForCommand, SignInSettingsError, type ReadingEnvironment } from "../tenant/session";
import { audit } from "./findings";
import { auditJson, auditMarkdown } from "./report";

/** The exit code for findings with --fail-on-findings: 7, as `pulumi refresh --expect-no-changes` exits on drift. */
export const FINDINGS_EXIT_CODE = 7;

/** Days after which an unredeemed invitation is a finding, unless --invitation-days says otherwise. */
export const DEFAULT_INVITATION_DAYS = 14;

/** The files `--out DIR` writes. */
export const AUDIT_FILES = { markdown: "audit.md", json: "audit.json" } as const;

/** Usage text of `npm run audit`. */
export const AUDIT_USAGE = `Usage: npm run audit -- [--stack NAME | --config-file PATH] [--hints FILE] [--invitation-days N]
                        [--json] [--out DIR] [--fail-on-findings] [--quiet]

Reads the host tenant through Microsoft Graph (read-only) and reports, against the stack config,
what pulumi refresh cannot see: service accounts and team guests not in config, Remote Assist
licenses assigned directly, license errors, unredeemed invitations, suspended vendors' accounts
still enabled or licensed, and attributes and segment memberships that differ from the stack's.

  --stack NAME          read Pulumi.NAME.yaml beside Pulumi.yaml (default: dev); org/NAME works too
  --config-file PATH    read any stack config file instead
  --hints FILE          the hints file of npm run adopt; its internal users are never reported
  --invitation-days N   report invitations pending for N days or more (default: ${DEFAULT_INVITATION_DAYS})
  --json                print JSON instead of Markdown
  --out DIR             also write ${Object.values(AUDIT_FILES).join(" and ")} into DIR
  --fail-on-findings    exit with ${FINDINGS_EXIT_CODE} when there is a finding
  --quiet               show no progress on stderr
  --help                print this text

Exit codes: 0 done (no finding, or findings without --fail-on-findings), ${FINDINGS_EXIT_CODE} findings with
--fail-on-findings, 1 the audit failed (config, sign-in, permissions, Graph), 2 wrong arguments.
`;

/** Wrong arguments; the message says which. */
export class AuditUsageError extends Error {}

/** Parsed arguments of `npm run audit`. */
export interface AuditArgs {
    /** The stack's name, for the heading. */
    readonly stack: string;
    /** Absolute path of the stack config file. */
    readonly configFile: string;
    readonly hints?: string;
    readonly invitationDays: number;
    readonly json: boolean;
    readonly out?: string;
    readonly failOnFindings: boolean;
    readonly quiet: boolean;
}

/** Parses the arguments; `undefined` for --help. Paths are relative to `cwd`; `--stack` files sit in `projectDir`. */
export function parseAuditArgs(argv: readonly string[], cwd: string, projectDir: string): AuditArgs | undefined {
    let values;
    try {
        ({ values } = parseArgs({
            args: [...argv],
            options: {
                stack: { type: "string" },
                "config-file": { type: "string" },
                hints: { type: "string" },
                "invitation-days": { type: "string" },
                json: { type: "boolean", default: false },
                out: { type: "string" },
                "fail-on-findings": { type: "boolean", default: false },
                quiet: { type: "boolean", default: false },
                help: { type: "boolean", default: false },
            },
            strict: true,
            allowPositionals: false,
        }));
    } catch (e) {
        throw new AuditUsageError((e as Error).message);
    }
    if (values.help) {
        return undefined;
    }
    const { stack, configFile } = chooseStack(
        { stack: values.stack, configFile: values["config-file"] },
        { cwd, projectDir },
        "dev",
        AuditUsageError,
    );
    const days = values["invitation-days"] === undefined ? DEFAULT_INVITATION_DAYS : Number(values["invitation-days"]);
    if (!Number.isInteger(days) || days < 0) {
        throw new AuditUsageError(
            `--invitation-days must be a whole number of days, 0 or more; got "${values["invitation-days"]}"`,
        );
    }
    return {
        stack,
        configFile,
        ...(values.hints === undefined ? {} : { hints: path.resolve(cwd, values.hints) }),
        invitationDays: days,
        json: values.json,
        ...(values.out === undefined ? {} : { out: path.resolve(cwd, values.out) }),
        failOnFindings: values["fail-on-findings"],
        quiet: values.quiet,
    };
}

/** Where `npm run audit` reads (`readFrom` instead of the config's graphEndpoint) and writes. */
export interface AuditCliEnvironment extends ReadingEnvironment {
    /** The directory the user typed the command in. */
    readonly cwd: string;
    /** The directory of `Pulumi.yaml`; default `cwd`. */
    readonly projectDir?: string;
}

/**
 * Runs `npm run audit`; returns its exit code: 0 done, 7 findings with --fail-on-findings, 1 the
 * audit failed, 2 wrong arguments.
 */
export async function runAuditCli(argv: readonly string[], io: AuditCliEnvironment): Promise<number> {
    let args: AuditArgs | undefined;
    try {
        args = parseAuditArgs(argv, io.cwd, io.projectDir ?? io.cwd);
    } catch (e) {
        if (!(e instanceof AuditUsageError)) {
            throw e;
        }
        io.stderr(`${e.message}\n\n${AUDIT_USAGE}`);
        return 2;
    }
    if (!args) {
        io.stdout(AUDIT_USAGE);
        return 0;
    }
    const shown = displayPath(io.cwd, args.configFile);
    if (!existsSync(args.configFile)) {
        io.stderr(`No stack config file ${shown}; pass --stack NAME to read Pulumi.NAME.yaml, or --config-file PATH\n`);
        return 1;
    }
    try {
        const hints =
            args.hints === undefined
                ? NO_HINTS
                : parseHints(readFileSync(args.hints, "utf8"), displayPath(io.cwd, args.hints));
        const stackFile = readStackFile(args.configFile);
        const config = validateConfig(rawConfigFromMap(stackFile.config));
        const snapshot = await readForCommand(io, {
            endpoint: config.graphEndpoint,
            stackConfig: stackFile.config,
            options: {
                ...(config.experts.team === undefined ? {} : { teamGroupId: config.experts.team }),
                userPrincipalNames: [
                    ...config.vendors.flatMap((v) =>
                        v.serviceAccounts.map((a) => serviceAccountSignInName(v.id, a, config.tenant.domain)),
                    ),
                    ...config.experts.members,
                ],
                groupIds: config.vendors.flatMap((v) => (v.existing?.licenseGroup ? [v.existing.licenseGroup.id] : [])),
            },
            quiet: args.quiet,
        });
        const findings = audit(config, snapshot, { invitationDays: args.invitationDays, internal: hints.internal });
        const json = auditJson(args.stack, snapshot.readAt, args.invitationDays, findings);
        const markdown = auditMarkdown(json);
        if (args.out !== undefined) {
            mkdirSync(args.out, { recursive: true });
            writeFileSync(path.join(args.out, AUDIT_FILES.markdown), markdown);
            writeFileSync(path.join(args.out, AUDIT_FILES.json), `${JSON.stringify(json, null, 2)}\n`);
        }
        io.stdout(args.json ? `${JSON.stringify(json, null, 2)}\n` : markdown);
        return findings.length > 0 && args.failOnFindings ? FINDINGS_EXIT_CODE : 0;
    } catch (e) {
        if (e instanceof ConfigError) {
            io.stderr(`${shown}: ${e.message}\n`);
            return 1;
        }
        if (
            e instanceof HintsError ||
            e instanceof DirectoryReadError ||
            e instanceof StackFileError ||
            e instanceof SignInSettingsError
        ) {
            io.stderr(`${e.message}\n`);
            return 1;
        }
        throw e;
    }
}
