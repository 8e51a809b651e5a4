/**
 * The Teams federation (external access) runbook. Federation is a tenant-wide Teams setting
 * with no API Pulumi can drive, only Teams PowerShell (`Set-CsTenantFederationConfiguration`);
 * the stack generates the script from the same validated config.
 *
 * Cmdlets (MicrosoftTeams module, learn.microsoft.com/powershell/module/microsoftteams):
 * Get-/Set-CsTenantFederationConfiguration (-AllowFederatedUsers, -AllowedDomains,
 * -BlockedDomains), New-CsEdgeAllowList -AllowedDomain, New-CsEdgeDomainPattern -Domain,
 * New-CsEdgeAllowAllKnownDomains. `-AllowedDomain $null` empties the allow list and
 * `-BlockedDomains $null` empties the block list (the cmdlets' documented examples).
 */
import type { FederationMode, StackConfig } from "../config/types";
import type { RunbookContext } from "./informationBarriers";
import { psComment, psQuote } from "./powershell";

/** A sibling stack of this project (another tenant of the same company) and its domains. */
export interface PeerStackDomains {
    /** `organization/remote-assist-tenancy/<stack>` */
    readonly stack: string;
    /** The domains the sibling exports, or `undefined` when it exports none (not deployed, or too old). */
    readonly domains?: readonly string[];
}

/** Why a domain is on the allow or block list. */
export interface FederatedDomain {
    readonly domain: string;
    /** `vendor Contoso1`, `federation.extraAllowedDomains`, `peer stack acme/remote-assist-tenancy/plant2`, `federation.blockedDomains`. */
    readonly source: string;
}

/** The federation settings the config describes. */
export interface FederationPlan {
    readonly mode: FederationMode;
    /** allowList: exactly these domains may talk to the tenant. Empty in other modes. */
    readonly allowed: readonly FederatedDomain[];
    /** open and blockList: every domain but these (blockList's own, and suspended vendors'). Empty in other modes. */
    readonly blocked: readonly FederatedDomain[];
    /** allowList: sibling stacks that export no domains; the script refuses to run until they do. */
    readonly unresolvedPeers: readonly string[];
    /** Domains of suspended vendors: left out of the allow list, or blocked when every other domain is allowed. */
    readonly suspendedDomains: readonly FederatedDomain[];
}

/**
 * The federation settings: in allowList mode the domains of active vendors, then
 * `federation.extraAllowedDomains`, then the sibling stacks' domains, each domain once; in
 * open and blockList modes every domain but the blocked ones and suspended vendors'.
 */
export function federationPlan(config: StackConfig, peers: readonly PeerStackDomains[]): FederationPlan {
    const { mode } = config.federation;
    const suspendedDomains = config.vendors
        .filter((v) => v.state === "suspended")
        .flatMap((v) => v.domains.map((domain) => ({ domain, source: `vendor ${v.name}, suspended` })));
    if (mode === "open" || mode === "blockList") {
        // Suspension cuts a vendor off: with every domain allowed, that takes blocking its domains.
        const configured = mode === "blockList" ? config.federation.blockedDomains : [];
        const blocked = [
            ...configured.map((domain) => ({ domain, source: "federation.blockedDomains" })),
            ...suspendedDomains.filter((s) => !configured.includes(s.domain)),
        ];
        return { mode, allowed: [], blocked, unresolvedPeers: [], suspendedDomains };
    }
    if (mode === "disabled") {
        return { mode, allowed: [], blocked: [], unresolvedPeers: [], suspendedDomains };
    }
    const seen = new Set<string>();
    const allowed: FederatedDomain[] = [];
    const add = (domain: string, source: string) => {
        const key = domain.toLowerCase();
        if (!seen.has(key)) {
            seen.add(key);
            allowed.push({ domain: key, source });
        }
    };
    for (const v of config.vendors.filter((x) => x.state === "active")) {
        v.domains.forEach((d) => add(d, `vendor ${v.name}`));
    }
    config.federation.extraAllowedDomains.forEach((d) => add(d, "federation.extraAllowedDomains"));
    for (const peer of peers) {
        (peer.domains ?? []).forEach((d) => add(d, `peer stack ${peer.stack}`));
    }
    return {
        mode,
        allowed,
        blocked: [],
        unresolvedPeers: peers.filter((p) => p.domains === undefined).map((p) => p.stack),
        suspendedDomains,
    };
}

function domainList(variable: string, domains: readonly FederatedDomain[]): string[] {
    if (domains.length === 0) {
        return [`${variable} = $null`];
    }
    return [
        `${variable} = @(`,
        ...domains.map((d) => `    New-CsEdgeDomainPattern -Domain ${psQuote(d.domain)} # ${psComment(d.source)}`),
        ")",
    ];
}

function changeLines(plan: FederationPlan): string[] {
    switch (plan.mode) {
        case "open":
            if (plan.blocked.length === 0) {
                return [
                    "# Open federation: every external domain may talk to the tenant.",
                    "Set-CsTenantFederationConfiguration -AllowFederatedUsers $true -AllowedDomains (New-CsEdgeAllowAllKnownDomains) -BlockedDomains $null",
                ];
            }
            return [
                "# Open federation: every external domain may talk to the tenant, but suspended vendors'.",
                ...domainList("$blocked", plan.blocked),
                "Set-CsTenantFederationConfiguration -AllowFederatedUsers $true -AllowedDomains (New-CsEdgeAllowAllKnownDomains) -BlockedDomains @{Replace = $blocked}",
            ];
        case "blockList":
            return [
                "# Block list: every external domain but these may talk to the tenant.",
                ...(plan.blocked.length === 0 ? [] : domainList("$blocked", plan.blocked)),
                `Set-CsTenantFederationConfiguration -AllowFederatedUsers $true -AllowedDomains (New-CsEdgeAllowAllKnownDomains) -BlockedDomains ${plan.blocked.length === 0 ? "$null" : "@{Replace = $blocked}"}`,
            ];
        case "disabled":
            return [
                "# Federation off: nobody outside the tenant may talk to it through Teams external access.",
                "Set-CsTenantFederationConfiguration -AllowFederatedUsers $false",
            ];
        case "allowList":
            return [
                ...plan.unresolvedPeers.map(
                    (stack) =>
                        `throw ${psQuote(`Peer stack ${stack} exports no tenantDomains; deploy it with this project, then regenerate this script`)}`,
                ),
                "# Allow list: only these domains may talk to the tenant (the active vendors' and its sibling tenants').",
                ...domainList("$allowed", plan.allowed),
                "Set-CsTenantFederationConfiguration -AllowFederatedUsers $true -AllowedDomains (New-CsEdgeAllowList -AllowedDomain $allowed) -BlockedDomains $null",
            ];
    }
}

/**
 * The Teams federation runbook. It prints the current configuration, sets the whole
 * configuration the stack wants (so it is safe to re-run), and prints the result.
 */
export function teamsFederationScript(
    config: StackConfig,
    peers: readonly PeerStackDomains[],
    context: RunbookContext,
): string {
    const plan = federationPlan(config, peers);
    const lines = [
        `# Teams federation (external access) for ${psComment(config.tenant.name)} (${config.tenant.domain}), generated by the remote-assist-tenancy stack ${psComment(context.stack)}.`,
        "# Change the stack config and regenerate this script; do not edit it.",
        "#",
        "# Prerequisites: the MicrosoftTeams PowerShell module, the Teams Administrator role, and",
        "# Connect-MicrosoftTeams. Changes can take a few hours to reach every Teams client.",
        ...(plan.mode === "allowList"
            ? plan.suspendedDomains.map((d) => `# Left out: ${d.domain}, ${psComment(d.source)}.`)
            : []),
        "",
        "$ErrorActionPreference = 'Stop'",
        "if (-not (Get-Command Set-CsTenantFederationConfiguration -ErrorAction SilentlyContinue)) {",
        "    throw 'Connect to Teams PowerShell first: Install-Module MicrosoftTeams; Connect-MicrosoftTeams'",
        "}",
        "",
        "Write-Host 'Current Teams federation configuration:'",
        "Get-CsTenantFederationConfiguration | Format-List AllowFederatedUsers, AllowedDomains, BlockedDomains | Out-Host",
        "",
        ...changeLines(plan),
        "",
        "Write-Host 'New Teams federation configuration:'",
        "Get-CsTenantFederationConfiguration | Format-List AllowFederatedUsers, AllowedDomains, BlockedDomains | Out-Host",
    ];
    return `${lines.join("\n")}\n`;
}

/** Name of the stack output holding a tenant's own domains, which its sibling stacks allow. */
export const TENANT_DOMAINS_OUTPUT = "tenantDomains";

/**
 * A sibling stack's exported domains as the runbook takes them: `undefined` unless the output
 * is a list of strings, so a sibling deployed with an older version of this project is named
 * in the script instead of silently allowing nothing.
 */
export function peerStackDomains(stack: string, exported: unknown): PeerStackDomains {
    const valid = Array.isArray(exported) && exported.every((d) => typeof d === "string");
    return valid ? { stack, domains: exported as string[] } : { stack };
}

/** The domains a stack exports for its siblings (output `tenantDomains`): the host tenant's own. */
export function tenantDomains(config: StackConfig): string[] {
    return [...config.tenant.domains];
}
