import { onlyFor, resourcePolicy, RuleSubject, Verdict, verdictOf } from "../verdict";
import { USER } from "../resourceTypes";

/** Config of {@link userUpnInHostTenant}, passed with `--policy-pack-config`. */
export interface HostTenantConfig {
    /** The host tenant's verified domain, e.g. `abc.onmicrosoft.com` (the stack's `tenant.domain`). */
    readonly domain: string;
}

/** A user's UPN is in the host tenant's domain: service accounts are host-tenant users, never look-alikes. */
export function checkUpnInHostTenant(subject: RuleSubject, config: Partial<HostTenantConfig>): Verdict {
    const skip = onlyFor(subject, [USER]);
    if (skip) {
        return skip;
    }
    const domain = config.domain?.trim().toLowerCase();
    if (!domain) {
        return verdictOf([
            'no host tenant domain is configured: pass --policy-pack-config with {"user-upn-in-host-tenant": {"domain": "<tenant.domain>"}}',
        ]);
    }
    const upn = subject.props.userPrincipalName;
    if (typeof upn !== "string" || !upn.includes("@")) {
        return verdictOf([`userPrincipalName ${JSON.stringify(upn)} is not a UPN; expected name@${domain}`]);
    }
    const upnDomain = upn.slice(upn.lastIndexOf("@") + 1).toLowerCase();
    return verdictOf(
        upnDomain === domain
            ? []
            : [
                  `userPrincipalName "${upn}" is in ${upnDomain}, not in the host tenant's domain ${domain}; service accounts must be users of the host tenant (naming.serviceAccountUpn builds them from tenant.domain)`,
              ],
    );
}

/** The policy. */
export const userUpnInHostTenant = resourcePolicy<HostTenantConfig>(
    {
        name: "user-upn-in-host-tenant",
        description: "Users the stack creates have a UPN in the host tenant's domain.",
        severity: "high",
        remediationSteps:
            "Build the UPN with naming.serviceAccountUpn from tenant.domain; check that the policy config's domain is the stack's tenant.domain.",
    },
    checkUpnInHostTenant,
    {
        properties: { domain: { type: "string", minLength: 3, description: "The host tenant's verified domain." } },
        required: ["domain"],
    },
);
