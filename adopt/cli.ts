/**
 * `npm run adopt`: reads the tenant (read-only), writes the stack config, the bulk import file and
 * a report (README, Adopting an existing tenant). `scripts/adopt.ts` only wires this to the process;
 * tests drive it with a loopback Graph, their own mock tenant and streams.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { displayPath, shortStackName, stackFileName } from "../cli/args";
import { rawConfigFromMap } from "../config/load";
import { ConfigError } from "../config/problems";
import { validateConfig } from "../config/validate";
import { DEFAULT_GRAPH_ENDPOINT } from "../licensing/groupLicense";
import type { OfflineTenant } from "../offline/mocks";
import { runProgram } from "../offline/runProgram";
import { readStackFile, StackFileError } from "../offline/stackFile";
import { DirectoryReadError } from "../tenant/reader";
import { readForCommand, SignInSettingsError, type ReadingEnvironment } from "../tenant/session";
import { classify } from "./classify";
import { HintsError, NO_HINTS, parseHints } from "./hints";
import { importPlan } from "./importFile";
import { adoptionReport } from "./report";
import { adoptionYaml } from "./yaml";

/** Usage text of `npm run adopt`. */
export const ADOPT_USAGE = `Usage: npm run adopt -- --domain DOMAIN [--team GROUP_ID] [--hints FILE] [--stack NAME] [--out DIR]
                        [--usage-location CC] [--graph-endpoint URL] [--config-file PATH] [--quiet]

Reads the host tenant's Remote Assist set-up through Microsoft Graph (read-only) and writes, into DIR:
Pulumi.NAME.yaml (the stack config, every guess commented), import.json (for pulumi import --file)
and adoption.md (what is imported, what the first pulumi up creates, what is left out).

  --domain DOMAIN        the tenant's domain for new service accounts (tenant.domain), e.g. abc.onmicrosoft.com
  --team GROUP_ID        object id of the group behind the experts' Teams team
  --hints FILE           what Graph cannot tell: vendors, accounts, guests, internal users (README)
  --stack NAME           the stack the config is for (default: prod); org/NAME works too
  --out DIR              where the files go (default: adopt-out)
  --usage-location CC    tenant.usageLocation (default: the one most adopted accounts have)
  --graph-endpoint URL   Microsoft Graph's endpoint (default: ${DEFAULT_GRAPH_ENDPOINT})
  --config-file PATH     a stack config file whose azuread:* settings say how to sign in
  --quiet                show no progress on stderr
  --help                 print this text

It signs in as the azuread provider does (ARM_* variables, or az login) and needs User.Read.All,
Group.Read.All and Organization.Read.All (README, Permissions). FILE, DIR and PATH are relative to
the directory you run the command in.
`;

/** Wrong arguments; the message says which. */
export class AdoptUsageError extends Error {}

/** Parsed arguments of `npm run adopt`. */
export interface AdoptArgs {
    readonly domain: string;
    readonly team?: string;
    /** Absolute path. */
    readonly hints?: string;
    readonly stack: string;
    /** Absolute path. */
    readonly out: string;
    readonly usageLocation?: string;
    readonly graphEndpoint: string;
    /** Absolute path. */
    readonly configFile?: string;
    readonly quiet: boolean;
}

/** Parses the arguments; `undefined` for --help. Paths are relative to `cwd`. */
export function parseAdoptArgs(argv: readonly string[], cwd: string): AdoptArgs | undefined {
    let values;
    try {
        ({ values } = parseArgs({
            args: [...argv],
            options: {
                domain: { type: "string" },
                team: { type: "string" },
                hints: { type: "string" },
                stack: { type: "string", default: "prod" },
                out: { type: "string", default: "adopt-out" },
                "usage-location": { type: "string" },
                "graph-endpoint": { type: "string", default: DEFAULT_GRAPH_ENDPOINT },
                "config-file": { type: "string" },
                quiet: { type: "boolean", default: false },
                help: { type: "boolean", default: false },
            },
            strict: true,
            allowPositionals: false,
        }));
    } catch (e) {
        throw new AdoptUsageError((e as Error).message);
    }
    if (values.help) {
        return undefined;
    }
    if (values.domain === undefined) {
        throw new AdoptUsageError("Name the tenant's domain for new service accounts with --domain");
    }
    return {
        domain: values.domain,
        ...(values.team === undefined ? {} : { team: values.team.toLowerCase() }),
        ...(values.hints === undefined ? {} : { hints: path.resolve(cwd, values.hints) }),
        stack: values.stack,
        out: path.resolve(cwd, values.out),
        ...(values["usage-location"] === undefined ? {} : { usageLocation: values["usage-location"] }),
        graphEndpoint: values["graph-endpoint"],
        ...(values["config-file"] === undefined ? {} : { configFile: path.resolve(cwd, values["config-file"]) }),
        quiet: values.quiet,
    };
}

/** Where `npm run adopt` reads (`readFrom` instead of --graph-endpoint), writes and runs the program. */
export interface AdoptCliEnvironment extends ReadingEnvironment {
    /** The directory the user typed the command in: relative paths start here. */
    readonly cwd: string;
    /** The mock tenant the program runs against, offline, for the import file. */
    readonly tenantFor: (stack: string) => OfflineTenant;
}

/**
 * Runs `npm run adopt`; returns its exit code: 0 written, 1 a read or a file failed (the message
 * says which), 2 wrong arguments.
 */
export async function runAdoptCli(argv: readonly string[], io: AdoptCliEnvironment): Promise<number> {
    let args: AdoptArgs | undefined;
    try {
        args = parseAdoptArgs(argv, io.cwd);
    } catch (e) {
        if (!(e instanceof AdoptUsageError)) {
            throw e;
        }
        io.stderr(`${e.message}\n\n${ADOPT_USAGE}`);
        return 2;
    }
    if (!args) {
        io.stdout(ADOPT_USAGE);
        return 0;
    }
    try {
        const hints =
            args.hints === undefined
                ? NO_HINTS
                : parseHints(readFileSync(args.hints, "utf8"), displayPath(io.cwd, args.hints));
        const stackConfig = args.configFile === undefined ? {} : readStackFile(args.configFile).config;
        const snapshot = await readForCommand(io, {
            endpoint: args.graphEndpoint,
            stackConfig,
            options: args.team === undefined ? {} : { teamGroupId: args.team },
            quiet: args.quiet,
        });
        const adoption = classify(snapshot, {
            domain: args.domain,
            hints,
            graphEndpoint: args.graphEndpoint,
            ...(args.usageLocation === undefined ? {} : { usageLocation: args.usageLocation }),
            ...(args.team === undefined ? {} : { teamGroupId: args.team }),
        });

        mkdirSync(args.out, { recursive: true });
        const configFile = path.join(args.out, stackFileName(args.stack));
        writeFileSync(configFile, adoptionYaml(adoption, { source: args.graphEndpoint, readAt: snapshot.readAt }));
        const configMap = readStackFile(configFile).config;
        const config = validateConfig(rawConfigFromMap(configMap));

        // The program itself says which resources stand for the objects found, with their names.
        const tenant = io.tenantFor(shortStackName(args.stack));
        await runProgram(tenant, configMap);
        const plan = importPlan(tenant.resources, config, snapshot);
        const importFile = path.join(args.out, "import.json");
        writeFileSync(importFile, `${JSON.stringify(plan.file, null, 2)}\n`);
        const reportFile = path.join(args.out, "adoption.md");
        writeFileSync(
            reportFile,
            adoptionReport(
                adoption,
                plan,
                {
                    stack: args.stack,
                    config: displayPath(io.cwd, configFile),
                    importFile: displayPath(io.cwd, importFile),
                },
                snapshot.readAt,
            ),
        );
        io.stdout(
            [
                `Wrote ${displayPath(io.cwd, configFile)} (${adoption.guesses === 1 ? "1 guess" : `${adoption.guesses} guesses`} to review)`,
                `Wrote ${displayPath(io.cwd, importFile)} (${plan.imported.length} resources to import, ${plan.created.length} created by the first pulumi up)`,
                `Wrote ${displayPath(io.cwd, reportFile)}`,
                "",
            ].join("\n"),
        );
        return 0;
    } catch (e) {
        if (
            e instanceof HintsError ||
            e instanceof DirectoryReadError ||
            e instanceof StackFileError ||
            e instanceof SignInSettingsError
        ) {
            io.stderr(`${e.message}\n`);
            return 1;
        }
        if (e instanceof ConfigError) {
            io.stderr(
                `npm run adopt wrote a config that does not validate, which is a bug; please report it:\n${e.message}\n`,
            );
            return 1;
        }
        throw e;
    }
}
