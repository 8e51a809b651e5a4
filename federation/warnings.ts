/**
 * Federation warnings that need the sibling stacks' domains, known only when the deployment reads
 * them (the config-only limits are validation errors, `config/crossChecks.ts`).
 */
import type { StackConfig } from "../config/types";
import { MAX_FEDERATION_DOMAINS } from "./limits";
import type { PeerStackDomains } from "./peers";
import { federationPlan } from "./plan";

/**
 * One warning per sibling stack that exports no domains, one per suspended vendor's domain a sibling
 * stack keeps allowed, and one when the list passes Teams' limit.
 */
export function federationWarnings(config: StackConfig, peers: readonly PeerStackDomains[]): string[] {
    const plan = federationPlan(config, peers);
    const warnings = plan.unresolvedPeers.map(
        (stack) =>
            `federation.peerStacks: ${stack} exports no tenantDomains, so its domains are not in the federation output's add list; deploy that stack with this project, then deploy this one again`,
    );
    // Validation keeps suspended vendors' domains out of extraAllowedDomains; a sibling stack's are known only now.
    for (const d of plan.mode === "allowList" ? plan.suspendedDomains : []) {
        const allowed = plan.add.find((a) => a.domain === d.domain);
        if (allowed !== undefined) {
            warnings.push(
                `federation: ${d.domain} (${d.source}) stays on the allowed domains list because ${allowed.source} exports it, so the suspended vendor stays federated; a sibling tenant's domain is no vendor's: remove it from the vendor's domains`,
            );
        }
    }
    if (plan.add.length > MAX_FEDERATION_DOMAINS) {
        warnings.push(
            `federation: with the sibling stacks' domains the tenant's ${plan.mode === "allowList" ? "allowed" : "blocked"} domains list would hold ${plan.add.length} domains, over the ${MAX_FEDERATION_DOMAINS} Teams accepts (Set-CsTenantFederationConfiguration), and Teams refuses a longer list: list fewer sibling stacks or domains`,
        );
    }
    return warnings;
}
