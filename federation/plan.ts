/**
 * Teams federation (external access) as the config describes it, with why each domain is listed.
 * Federation is a tenant-wide Teams setting with no Graph API, set only with Teams PowerShell
 * (`Set-CsTenantFederationConfiguration`); the stack computes it as data (`output.ts`) and the
 * PowerShell module `RemoteAssistTenancy` applies it (README, Teams federation).
 */
import type { FederationManagement, FederationMode, StackConfig, VendorConfig } from "../config/types";
import type { PeerStackDomains } from "./peers";

/** A domain with why it is listed. */
export interface FederatedDomain {
    /** Lower-case. */
    readonly domain: string;
    /** `vendor Contoso1`, `vendor Contoso2, suspended`, `federation.extraAllowedDomains`, `peer stack acme/remote-assist-tenancy/plant2`, `federation.blockedDomains`. */
    readonly source: string;
}

/** The federation settings the config describes. */
export interface FederationPlan {
    readonly mode: FederationMode;
    readonly management: FederationManagement;
    /** allowList: every domain the stack wants on the tenant's allowed list. Empty in other modes. */
    readonly allowed: readonly FederatedDomain[];
    /** open and blockList: every domain the stack wants on the blocked list. Empty in other modes. */
    readonly blocked: readonly FederatedDomain[];
    /** What the module puts on the mode's list: `allowed` (allowList) or `blocked` (open, blockList). */
    readonly add: readonly FederatedDomain[];
    /**
     * merge only: what the module takes off the mode's list. allowList: suspended vendors' domains;
     * open and blockList: active vendors' domains; never a domain in `add`. Validation keeps the
     * config from listing one domain for both (a suspended vendor's in extraAllowedDomains, an
     * active vendor's in blockedDomains); a sibling stack's domain can still be, and is warned about.
     */
    readonly remove: readonly FederatedDomain[];
    /** allowList: sibling stacks that export no domains yet; their domains are missing from `add`. */
    readonly unresolvedPeers: readonly string[];
    /** Domains of suspended vendors: left off the allowed list, or blocked when every other domain is allowed. */
    readonly suspendedDomains: readonly FederatedDomain[];
}

/** Domains in order, each once (lower-case), with the source that listed it first. */
class DomainList {
    private readonly seen = new Set<string>();
    readonly items: FederatedDomain[] = [];

    add(domain: string, source: string): void {
        const key = domain.toLowerCase();
        if (!this.seen.has(key)) {
            this.seen.add(key);
            this.items.push({ domain: key, source });
        }
    }

    has(domain: string): boolean {
        return this.seen.has(domain.toLowerCase());
    }
}

function vendorDomains(vendors: readonly VendorConfig[], state: VendorConfig["state"]): FederatedDomain[] {
    return vendors
        .filter((v) => v.state === state)
        .flatMap((v) =>
            v.domains.map((domain) => ({
                domain: domain.toLowerCase(),
                source: state === "active" ? `vendor ${v.name}` : `vendor ${v.name}, suspended`,
            })),
        );
}

/**
 * The federation settings. allowList: the active vendors' domains, then
 * `federation.extraAllowedDomains`, then the sibling stacks' domains. open: suspended vendors'
 * domains blocked. blockList: `federation.blockedDomains`, then suspended vendors' domains. In
 * merge mode (the default) `remove` holds the stack's own domains that must leave the mode's list;
 * every other domain on the tenant's list is left alone.
 */
export function federationPlan(config: StackConfig, peers: readonly PeerStackDomains[]): FederationPlan {
    const { mode, management } = config.federation;
    const suspendedDomains = vendorDomains(config.vendors, "suspended");
    const activeDomains = vendorDomains(config.vendors, "active");
    const empty = { allowed: [], blocked: [], add: [], remove: [], unresolvedPeers: [] };
    if (mode === "disabled") {
        return { mode, management, ...empty, suspendedDomains };
    }
    const list = new DomainList();
    if (mode === "allowList") {
        activeDomains.forEach((d) => list.add(d.domain, d.source));
        config.federation.extraAllowedDomains.forEach((d) => list.add(d, "federation.extraAllowedDomains"));
        for (const peer of peers) {
            (peer.domains ?? []).forEach((d) => list.add(d, `peer stack ${peer.stack}`));
        }
    } else {
        if (mode === "blockList") {
            config.federation.blockedDomains.forEach((d) => list.add(d, "federation.blockedDomains"));
        }
        // Suspension cuts a vendor off: with every domain allowed, that takes blocking its domains.
        suspendedDomains.forEach((d) => list.add(d.domain, d.source));
    }
    const leaving = mode === "allowList" ? suspendedDomains : activeDomains;
    const remove = new DomainList();
    if (management === "merge") {
        leaving.filter((d) => !list.has(d.domain)).forEach((d) => remove.add(d.domain, d.source));
    }
    return {
        mode,
        management,
        allowed: mode === "allowList" ? list.items : [],
        blocked: mode === "allowList" ? [] : list.items,
        add: list.items,
        remove: remove.items,
        unresolvedPeers: mode === "allowList" ? peers.filter((p) => p.domains === undefined).map((p) => p.stack) : [],
        suspendedDomains,
    };
}
