import { resourcePolicy } from "../verdict";
import { USER } from "../resourceTypes";

/** Config of {@link userUpnInHostTenant}, passed with `--policy-pack-config`. */
export interface HostTenantConfig {
    /** The host tenant's verified domain, e.g. `abc.onmicrosoft.com` (the stack's `tenant.domain`). */
    readonly domain: string;
    /**
     * The host tenant's other domains (the stack's `tenant.domains`): a service account adopted from
     * the tenant keeps its UPN, which may be in one of them.
     */
    readonly domains?: readonly string[];
}

/**
 * A user's UPN is in the host tenant's domain: service accounts are host-tenant users, never look-alikes.
 *
 * `required: ["domain"]` makes the CLI refuse to load the pack without the domain ("user-upn-in-host-tenant:
 * domain is required"; it validates every policy's config against its schema when loading a pack,
 * `ReconcilePolicyPackConfig` in pulumi/pulumi pkg/resource/analyzer/config.go). A domain of blanks
 * passes the schema, so the rule still says what to pass.
 */
export const userUpnInHostTenant = resourcePolicy<HostTenantConfig>(
    {
        name: "user-upn-in-host-tenant",
        description: "Users the stack creates have a UPN in the host tenant's domain.",
        severity: "high",
        remediationSteps:
            "Build the UPN with naming.serviceAccountUpn from tenant.domain; check that the policy config's domain is the stack's tenant.domain.",
    },
    {
        appliesTo: [USER],
        problems: ({ props: { userPrincipalName: upn } }, config) => {
            const domain = config.domain?.trim().toLowerCase();
            if (!domain) {
                return [
                    'no host tenant domain is configured: pass --policy-pack-config with {"user-upn-in-host-tenant": {"domain": "<tenant.domain>"}}',
                ];
            }
            if (typeof upn !== "string" || !upn.includes("@")) {
                return [`userPrincipalName ${JSON.stringify(upn)} is not a UPN; expected name@${domain}`];
            }
            const upnDomain = upn.slice(upn.lastIndexOf("@") + 1).toLowerCase();
            const hostDomains = [domain, ...(config.domains ?? []).map((d) => d.trim().toLowerCase())];
            return hostDomains.includes(upnDomain)
                ? []
                : [
                      `userPrincipalName "${upn}" is in ${upnDomain}, not in the host tenant's domains ${hostDomains.join(", ")}; service accounts must be users of the host tenant (naming.serviceAccountUpn builds them from tenant.domain; an adopted account's domain must be in tenant.domains)`,
                  ];
        },
        configSchema: {
            properties: {
                domain: { type: "string", minLength: 3, description: "The host tenant's verified domain." },
                domains: {
                    type: "array",
                    items: { type: "string" },
                    description: "The host tenant's other domains (tenant.domains), where adopted accounts may be.",
                },
            },
            required: ["domain"],
        },
    },
);
