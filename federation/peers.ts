/**
 * Sibling stacks: this project's stacks for the company's other tenants (seed scenario 1). Each
 * stack exports its host tenant's domains; a stack that lists a sibling in `federation.peerStacks`
 * reads them through a stack reference and allows them in Teams federation.
 */
import type { StackConfig } from "../config/types";

/** Name of the stack output holding a tenant's own domains, which its sibling stacks allow. */
export const TENANT_DOMAINS_OUTPUT = "tenantDomains";

/** A sibling stack of this project (another tenant of the same company) and its domains. */
export interface PeerStackDomains {
    /** `organization/remote-assist-tenancy/<stack>` */
    readonly stack: string;
    /** The domains the sibling exports, or `undefined` when it exports none (not deployed, or too old). */
    readonly domains?: readonly string[];
}

/**
 * A sibling stack's exported domains as the federation data takes them: `undefined` unless the
 * output is a list of strings, so a sibling deployed with an older version of this project is
 * reported (a warning) instead of silently allowing nothing.
 */
export function peerStackDomains(stack: string, exported: unknown): PeerStackDomains {
    const valid = Array.isArray(exported) && exported.every((d) => typeof d === "string");
    return valid ? { stack, domains: (exported as string[]).map((d) => d.toLowerCase()) } : { stack };
}

/** The domains a stack exports for its siblings (output `tenantDomains`): the host tenant's own. */
export function tenantDomains(config: StackConfig): string[] {
    return [...config.tenant.domains];
}
