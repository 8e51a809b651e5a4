/**
 * The `federation` stack output: Teams federation as data, in the shape the PowerShell module
 * `RemoteAssistTenancy` (`Set-RATeamsFederation`) reads (the data contract in the README, Stack
 * outputs). The pull-request summary compares this output of the last deployment with the same
 * value worked out from the config under review (`summary/federation.ts`).
 */
import type { FederationManagement, FederationMode, StackConfig } from "../config/types";
import type { PeerStackDomains } from "./peers";
import { federationPlan } from "./plan";

/** Name of the stack output. */
export const FEDERATION_OUTPUT = "federation";

/** The value of the `federation` output. Every domain is lower-case. Holds no secret. */
export interface FederationOutput {
    readonly mode: FederationMode;
    readonly management: FederationManagement;
    /** allowList: every domain the stack wants on the allowed list. Empty in other modes. */
    readonly allowedDomains: readonly string[];
    /** open and blockList: every domain the stack wants on the blocked list. Empty in other modes. */
    readonly blockedDomains: readonly string[];
    /** The domains the module puts on the mode's list (equals allowedDomains or blockedDomains). */
    readonly add: readonly string[];
    /** merge only: the domains the module takes off the mode's list. */
    readonly remove: readonly string[];
    /** Each sibling stack's domains as the deployment read them; a sibling that exported none is left out. */
    readonly peerStackDomains: Readonly<Record<string, readonly string[]>>;
}

/** The `federation` output for a config and the sibling stacks' domains. */
export function federationOutput(config: StackConfig, peers: readonly PeerStackDomains[]): FederationOutput {
    const plan = federationPlan(config, peers);
    const domains = (list: readonly { domain: string }[]) => list.map((d) => d.domain);
    return {
        mode: plan.mode,
        management: plan.management,
        allowedDomains: domains(plan.allowed),
        blockedDomains: domains(plan.blocked),
        add: domains(plan.add),
        remove: domains(plan.remove),
        peerStackDomains: Object.fromEntries(
            peers.flatMap((p) => (p.domains === undefined ? [] : [[p.stack, [...p.domains]]])),
        ),
    };
}
