import * as pulumi from "@pulumi/pulumi";
import {
    hasSegment,
    INFORMATION_BARRIERS_OUTPUT,
    informationBarriersDesign,
    needsServiceAccountsGroup,
} from "./barriers";
import { ExpertsSegment, ServiceAccountsGroup, TeamsBarriersApp, Vendor } from "./components";
import { configWarnings, loadConfig } from "./config/load";
import { bundleNamed } from "./config/validate";
import {
    FEDERATION_OUTPUT,
    federationOutput,
    peerStackDomains,
    tenantDomains,
    TENANT_DOMAINS_OUTPUT,
} from "./federation";
import { stackWarnings, WARNINGS_OUTPUT } from "./warnings";

/**
 * The stack: validated config in; one component per vendor, the experts' segment, the group of
 * every service account and Microsoft's information-barriers app for Teams out; information
 * barriers and Teams federation as data for the PowerShell module. An async program, so that it
 * can yield between vendors (see below).
 */
export = async () => {
    const config = loadConfig();

    const experts = new ExpertsSegment("experts", { segment: config.experts.segment, members: config.experts.members });

    const built: { config: (typeof config.vendors)[number]; component: Vendor }[] = [];
    for (const v of config.vendors) {
        built.push({
            config: v,
            component: new Vendor(v.id, {
                vendor: v,
                tenant: config.tenant,
                license: v.license === undefined ? undefined : bundleNamed(config.licenses, v.license),
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

    // Only filters that must keep service accounts out need it (the internal segment's, an
    // experts.segmentFilter override's), and only while there are service accounts. It is protected:
    // the deploy that stops needing it must follow `npm run unprotect -- --service-accounts-group`.
    const segmented = built.filter((b) => hasSegment(b.config));
    const serviceAccounts = needsServiceAccountsGroup(config)
        ? new ServiceAccountsGroup("service-accounts", {
              members: pulumi.all(segmented.map((b) => b.component.serviceAccountIds)).apply((ids) => ids.flat()),
          })
        : undefined;
    if (config.informationBarriers.teamsServicePrincipal) {
        new TeamsBarriersApp("teams-information-barriers");
    }

    // Sibling stacks are this project's stacks for the company's other tenants (multi-tenant scenario).
    const peers = pulumi.all(
        config.federation.peerStacks.map((stack) =>
            new pulumi.StackReference(stack)
                .getOutput(TENANT_DOMAINS_OUTPUT)
                .apply((domains) => peerStackDomains(stack, domains)),
        ),
    );
    const unread = configWarnings();
    const warnings = peers.apply((resolved) => [...unread, ...stackWarnings(config, resolved)]);
    warnings.apply((list) => list.forEach((w) => void pulumi.log.warn(w)));

    const vendorMails = pulumi.all(
        Object.fromEntries(segmented.map((b) => [b.config.id, b.component.segmentGroupMail as pulumi.Output<string>])),
    );

    return {
        /** This tenant's own domains; a sibling stack that lists this stack in federation.peerStacks allows them. */
        [TENANT_DOMAINS_OUTPUT]: tenantDomains(config),
        /** Information-barrier segments and policies as data; Set-RAInformationBarriers applies them. */
        [INFORMATION_BARRIERS_OUTPUT]: pulumi
            .all([experts.groupMail, serviceAccounts?.groupMail, vendorMails])
            .apply(([expertsMail, serviceAccountsMail, vendors]) =>
                informationBarriersDesign(config, {
                    experts: expertsMail,
                    ...(serviceAccountsMail === undefined ? {} : { serviceAccounts: serviceAccountsMail }),
                    vendors,
                }),
            ),
        /** Teams federation as data; Set-RATeamsFederation applies it, the pull-request summary compares it. */
        [FEDERATION_OUTPUT]: peers.apply((resolved) => federationOutput(config, resolved)),
        /** What the program warned about: unread config namespaces, licences, information barriers, federation (warnings.ts). */
        [WARNINGS_OUTPUT]: warnings,
        /** The experts' information-barrier segment group. */
        expertsSegmentGroupId: experts.groupId,
        /** The group of every service account, which the internal segment and an experts.segmentFilter override exclude; absent without one. */
        serviceAccountsGroupId: serviceAccounts?.groupId,
        /** Per vendor id: what the stack created for it. Holds no credential. */
        vendors: pulumi.output(
            Object.fromEntries(
                built.map(({ config: v, component: c }) => [
                    v.id,
                    {
                        name: v.name,
                        state: v.state,
                        segment: hasSegment(v) ? v.segment : undefined,
                        serviceAccounts: c.serviceAccounts,
                        licenseGroupId: c.licenseGroupId,
                        /** Service accounts Entra ID could not license (UPN, SKU, error), as of the last up or refresh. */
                        membersWithLicenseErrors: c.membersWithLicenseErrors,
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
