/**
 * Sibling stacks offline. A deployed stack reads its siblings' `tenantDomains` through stack
 * references; the offline plan has no backend to ask, so it reads a sibling's own stack config
 * file, `Pulumi.<stack>.yaml` beside this one (a company's tenants are stacks of the same
 * project, usually in the same repository), and computes the same output from it.
 */
import { existsSync } from "node:fs";
import * as path from "node:path";
import { ConfigError } from "../config/problems";
import { CONFIG_NAMESPACE } from "../config/types";
import { validateConfig } from "../config/validate";
import { rawConfigFromMap } from "../config/load";
import { readStackConfigFile, StackFileError } from "../offline/stackFile";
import { tenantDomains, TENANT_DOMAINS_OUTPUT } from "../federation/peers";

/** What the offline plan found for each sibling stack. */
export interface PeerStacks {
    /** Per fully qualified stack name, the outputs its stack reference reads. */
    readonly outputs: ReadonlyMap<string, Record<string, unknown>>;
    /** One line per sibling saying where its domains came from, or why they are unknown. */
    readonly notes: readonly string[];
}

/** The `federation.peerStacks` of a raw config, leniently: validation reports anything malformed. */
function peerStackNames(raw: Record<string, unknown>): string[] {
    const federation = raw.federation as { peerStacks?: unknown } | undefined;
    const names = federation?.peerStacks;
    return Array.isArray(names) ? names.filter((n): n is string => typeof n === "string") : [];
}

/**
 * Finds the sibling stacks of the config in `configMap` beside `configFile`. A sibling whose
 * file is missing or invalid stays unknown; its stack reference then reads no outputs.
 */
export function resolvePeerStacks(configMap: Readonly<Record<string, string>>, configFile: string): PeerStacks {
    const outputs = new Map<string, Record<string, unknown>>();
    const notes: string[] = [];
    for (const name of peerStackNames(rawConfigFromMap(configMap))) {
        const [, project, stack] = name.split("/");
        if (project !== CONFIG_NAMESPACE || stack === undefined) {
            notes.push(`${name}: not a stack of ${CONFIG_NAMESPACE}; its domains are unknown offline`);
            continue;
        }
        const file = path.join(path.dirname(configFile), `Pulumi.${stack}.yaml`);
        if (!existsSync(file)) {
            notes.push(`${name}: no ${path.basename(file)} beside the config file; its domains are unknown offline`);
            continue;
        }
        try {
            const config = validateConfig(rawConfigFromMap(readStackConfigFile(file)));
            outputs.set(name, { [TENANT_DOMAINS_OUTPUT]: tenantDomains(config) });
            notes.push(`${name}: domains from ${path.basename(file)}`);
        } catch (e) {
            // Either is the sibling's problem, not this stack's: its file does not parse (YAML, or a
            // key Pulumi refuses: StackFileError) or its config does not validate (ConfigError). This
            // stack's plan goes on without the sibling's domains and says so, on one line (a YAML
            // error goes on to quote the offending line).
            const problem =
                e instanceof ConfigError
                    ? e.problems[0]
                    : e instanceof StackFileError
                      ? e.detail.split("\n")[0].replace(/:$/, "")
                      : undefined;
            if (problem === undefined) {
                throw e;
            }
            notes.push(`${name}: ${path.basename(file)} is invalid (${problem}); its domains are unknown offline`);
        }
    }
    return { outputs, notes };
}
