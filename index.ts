import * as pulumi from "@pulumi/pulumi";
import { ExpertsSegment, Vendor } from "./components";
import { loadConfig } from "./config/load";
import { exchangeOnlineWarnings } from "./licensing";
import {
    FEDERATION_OUTPUT,
    federationOutput,
    informationBarriersScript,
    peerStackDomains,
    teamsFederationScript,
    tenantDomains,
    TENANT_DOMAINS_OUTPUT,
} from "./runbooks";

/**
 * The stack: validated config in, one component per vendor plus the experts' segment out.
 * An async program, so that it can yield between vendors (see below).
 */
export = async () => {
    const config = loadConfig();
    for (const warning of exchangeOnlineWarnings(config.licenses, config.vendors)) {
        void pulumi.log.warn(warning);
    }

    const experts = new ExpertsSegment("experts", { segment: config.experts.segment, members: config.experts.members });

    const built: { config: (typeof config.vendors)[number]; component: Vendor }[] = [];
    for (const v of config.vendors) {
        built.push({
            config: v,
            component: new Vendor(v.id, {
                vendor: v,
                tenant: config.tenant,
                license: v.license === undefined ? undefined : config.licenses[v.license],
                expertsTeamId: config.experts.team,
                credentials: config.credentials,
                graphEndpoint: config.graphEndpoint,
            }),
        });
        // Yielding lets this vendor's registrations go out before the next vendor is built. Without
        // it every resource of a large tenant is pending at once, and memory grows with the tenant
        // (1,000 vendors: 4 GB and minutes instead of under 1 GB and seconds; see README, Scale).
        await new Promise((resolve) => setImmediate(resolve));
    }

    // Sibling stacks are this project's stacks for the company's other tenants (multi-tenant scenario).
    const peers = config.federation.peerStacks.map((stack) =>
        new pulumi.StackReference(stack)
            .getOutput(TENANT_DOMAINS_OUTPUT)
            .apply((domains) => peerStackDomains(stack, domains)),
    );

    return {
        /** This tenant's own domains; a sibling stack that lists this stack in federation.peerStacks allows them. */
        [TENANT_DOMAINS_OUTPUT]: tenantDomains(config),
        /** Runbook for Security & Compliance PowerShell: information-barrier segments and policies. */
        informationBarriersScript: informationBarriersScript(config, { stack: pulumi.getStack() }),
        /** Runbook for Teams PowerShell: federation (external access) with the vendors' and sibling tenants' domains. */
        teamsFederationScript: pulumi
            .all(peers)
            .apply((resolved) => teamsFederationScript(config, resolved, { stack: pulumi.getStack() })),
        /** Teams federation as that runbook sets it, as data; the pull-request summary compares it across deployments. */
        [FEDERATION_OUTPUT]: pulumi.all(peers).apply((resolved) => federationOutput(config, resolved)),
        /** The experts' information-barrier segment group. */
        expertsSegmentGroupId: experts.groupId,
        /** Per vendor id: what the stack created for it. Holds no credential. */
        vendors: pulumi.output(
            Object.fromEntries(
                built.map(({ config: v, component: c }) => [
                    v.id,
                    {
                        name: v.name,
                        state: v.state,
                        segment: v.segment,
                        serviceAccounts: c.serviceAccounts,
                        licenseGroupId: c.licenseGroupId,
                        segmentGroupId: c.segmentGroupId,
                        guests: c.guests,
                    },
                ]),
            ),
        ),
        /**
         * Per vendor id, per service-account UPN: the password (this output is a secret; read it
         * with `pulumi stack output credentials --show-secrets`), or the Key Vault secret's id.
         */
        credentials: pulumi.output(
            Object.fromEntries(built.map(({ config: v, component: c }) => [v.id, c.credentials])),
        ),
    };
};
