/**
 * The `federation` stack output: Teams federation as `teams-federation.ps1` sets it, as data.
 * Federation is no resource (only Teams PowerShell can set it), so a preview shows no step for it;
 * the pull-request summary compares this output of the last deployment with the same value worked
 * out from the config under review (see `summary/federation.ts`).
 */
import type { FederationMode, StackConfig } from "../config/types";
import { federationPlan, PeerStackDomains } from "./teamsFederation";

/** Name of the stack output. */
export const FEDERATION_OUTPUT = "federation";

/** The value of the `federation` output. Holds no secret. */
export interface FederationOutput {
    readonly mode: FederationMode;
    /** allowList: the only domains that may talk to the tenant, lower-case. Empty in other modes. */
    readonly allowedDomains: readonly string[];
    /** open and blockList: the domains that may not. Empty in other modes. */
    readonly blockedDomains: readonly string[];
    /** Each sibling stack's domains as the deployment read them; a sibling that exported none is left out. */
    readonly peerStackDomains: Readonly<Record<string, readonly string[]>>;
}

/** The `federation` output for a config and the sibling stacks' domains: what the runbook sets. */
export function federationOutput(config: StackConfig, peers: readonly PeerStackDomains[]): FederationOutput {
    const plan = federationPlan(config, peers);
    return {
        mode: plan.mode,
        allowedDomains: plan.allowed.map((d) => d.domain),
        blockedDomains: plan.blocked.map((d) => d.domain),
        peerStackDomains: Object.fromEntries(
            peers.flatMap((p) => (p.domains === undefined ? [] : [[p.stack, [...p.domains]]])),
        ),
    };
}
