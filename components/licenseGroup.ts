import * as pulumi from "@pulumi/pulumi";
import type { ExistingLicenseGroup, LicenseBundle } from "../config/types";
import { DEFAULT_GRAPH_ENDPOINT, GroupLicense, MemberLicenseError } from "../licensing";
import { licenseGroupName, licenseGroupNickname } from "../naming";
import { ADOPTED_GROUP_UNMANAGED } from "./adopted";
import { securityGroup } from "./securityGroup";

/** Arguments of a {@link LicenseGroup}. */
export interface LicenseGroupArgs {
    /** Vendor id, for the group's mail nickname. */
    readonly vendorId: string;
    /** Vendor display name, for the group's display name. */
    readonly vendorName: string;
    /** Object ids of the service accounts that hold a license now (the vendor's active ones). */
    readonly members: pulumi.Input<pulumi.Input<string>[]>;
    /** The license bundle the group's members get. */
    readonly bundle: LicenseBundle;
    /** Microsoft Graph's base URL (national clouds differ); defaults to {@link DEFAULT_GRAPH_ENDPOINT}. */
    readonly graphEndpoint?: string;
    /**
     * A license group that existed before the stack, adopted as it is: its names stay, and what the
     * stack does not manage is left alone (see {@link ADOPTED_GROUP_UNMANAGED}).
     */
    readonly existing?: ExistingLicenseGroup;
}

/**
 * A vendor's license group: a security group whose members are exactly the vendor's
 * licensed service accounts, with the bundle's SKUs assigned to the group through Microsoft
 * Graph (group-based licensing). Joining or leaving the group is what grants or frees a seat.
 */
export class LicenseGroup extends pulumi.ComponentResource {
    /** Object id of the group. */
    public readonly groupId: pulumi.Output<string>;
    /** skuIds this stack added to the group, and removes with it; a bundle SKU already there is not among them. */
    public readonly assignedSkuIds: pulumi.Output<string[]>;
    /** Members Entra ID could not license from the group (UPN, SKU, error), as last read. */
    public readonly membersWithLicenseErrors: pulumi.Output<MemberLicenseError[]>;

    constructor(name: string, args: LicenseGroupArgs, opts?: pulumi.ComponentResourceOptions) {
        super("remote-assist-tenancy:vendor:LicenseGroup", name, {}, opts);

        const existing = args.existing;
        const group = securityGroup(
            `${name}-group`,
            {
                displayName: existing?.displayName ?? licenseGroupName(args.vendorName),
                mailNickname: existing?.mailNickname ?? licenseGroupNickname(args.vendorId),
                description: `Remote Assist licenses (${args.bundle.name}) for the active service accounts of ${args.vendorName}. Managed by the remote-assist-tenancy stack.`,
                members: args.members,
            },
            // An adopted group keeps what the stack does not manage, its description included.
            { parent: this, ...(existing ? { ignoreChanges: [...ADOPTED_GROUP_UNMANAGED] } : {}) },
        );

        // Assigned even while the group is empty (a suspended vendor): it costs no seat, and
        // members who rejoin are licensed again without another change. On an adopted group that
        // already has the bundle, creating it sends nothing and claims no SKU (groupLicenseProvider.ts).
        const assignment = new GroupLicense(
            `${name}-assignment`,
            {
                groupId: group.objectId,
                licenses: args.bundle.skus.map((s) => ({ skuId: s.skuId, disabledPlans: s.disabledPlans })),
                graphEndpoint: args.graphEndpoint ?? DEFAULT_GRAPH_ENDPOINT,
                seats: {
                    bundle: args.bundle.name,
                    seats: args.bundle.seats,
                    members: Array.isArray(args.members)
                        ? args.members.length
                        : pulumi.output(args.members).apply((m) => m.length),
                },
            },
            // protect: deleting the assignment takes the bundle's licenses from every member.
            { parent: this, protect: true },
        );

        this.groupId = group.objectId;
        this.assignedSkuIds = assignment.managedSkuIds;
        this.membersWithLicenseErrors = assignment.membersWithLicenseErrors;
        this.registerOutputs({
            groupId: this.groupId,
            assignedSkuIds: this.assignedSkuIds,
            membersWithLicenseErrors: this.membersWithLicenseErrors,
        });
    }
}
