import * as pulumi from "@pulumi/pulumi";
import { ExpertsSegment, Vendor } from "./components";
import { loadConfig } from "./config/load";

const config = loadConfig();

const experts = new ExpertsSegment("experts", { segment: config.experts.segment, members: config.experts.members });

const built = config.vendors.map((v) => ({
    config: v,
    component: new Vendor(v.id, {
        vendor: v,
        tenant: config.tenant,
        license: v.license === undefined ? undefined : config.licenses[v.license],
        expertsTeamId: config.experts.team,
        credentials: config.credentials,
    }),
}));

/** The experts' information-barrier segment group. */
export const expertsSegmentGroupId = experts.groupId;

/** Per vendor id: what the stack created for it. Holds no credential. */
export const vendors = pulumi.output(
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
);

/**
 * Per vendor id, per service-account UPN: the password (this output is a secret; read it
 * with `pulumi stack output credentials --show-secrets`), or the Key Vault secret's id.
 */
export const credentials = pulumi.output(
    Object.fromEntries(built.map(({ config: v, component: c }) => [v.id, c.credentials])),
);
