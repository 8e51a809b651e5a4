import * as pulumi from "@pulumi/pulumi";
import type { AssignedLicense } from "./graphClient";
import { normaliseLicenses } from "./groupLicenseProvider";
import type { MemberLicenseError } from "./licenseHealth";
import { GROUP_LICENSE_PROVIDER_STUB } from "./providerStub";

/** Microsoft Graph's global endpoint, the `graphEndpoint` default. */
export const DEFAULT_GRAPH_ENDPOINT = "https://graph.microsoft.com";

/**
 * Type token of {@link GroupLicense}. Dynamic resources belong to Pulumi's `pulumi-nodejs`
 * package, whose provider runs the code in their `__provider` property.
 */
export const GROUP_LICENSE_TYPE = "pulumi-nodejs:dynamic/remote-assist-tenancy:GroupLicense";

/** What a GroupLicense knows about its bundle's seats, for the seat warnings. */
export interface GroupLicenseSeats {
    /** The bundle's key under `licenses`. */
    readonly bundle: string;
    /** `licenses.<bundle>.seats`, when declared. */
    readonly seats?: number;
    /** How many members the group has: the vendor's active service accounts. */
    readonly members: pulumi.Input<number>;
}

/** Arguments of a {@link GroupLicense}. */
export interface GroupLicenseArgs {
    /** Object id of the group the licenses are assigned to; changing it replaces the assignment. */
    readonly groupId: pulumi.Input<string>;
    /** The SKUs to assign, each with the service plans switched off. */
    readonly licenses: readonly AssignedLicense[];
    /** Microsoft Graph's base URL, e.g. `https://graph.microsoft.com`. */
    readonly graphEndpoint: string;
    /**
     * The bundle's seats and the group's members: the provider compares them with the tenant's
     * subscriptions and warns. A change of them alone never updates the assignment.
     */
    readonly seats?: GroupLicenseSeats;
}

/**
 * A group-based license assignment: the SKUs of a license bundle assigned to a group through
 * Microsoft Graph, so every member of the group inherits them. Deleting it removes exactly the
 * SKUs it added to the group; other licenses on the group, a bundle SKU that was already there
 * included, are left alone.
 *
 * A dynamic resource, as `pulumi.dynamic.Resource` registers one (type `pulumi-nodejs:dynamic/…`,
 * provider code in `__provider`), but with a small stub as its `__provider` that loads the
 * provider from the project (providerStub.ts) instead of the code Pulumi's closure serializer would
 * capture: that serializer enables the V8 debugger for the rest of the program, and the captured
 * code would stay in state, run by refresh and delete long after the project changed.
 */
export class GroupLicense extends pulumi.CustomResource {
    /** Object id of the group. */
    declare public readonly groupId: pulumi.Output<string>;
    /** The SKUs this resource manages, as last written or read. */
    declare public readonly licenses: pulumi.Output<AssignedLicense[]>;
    /** skuIds this resource added to the group, and removes on delete (not those already there). */
    declare public readonly managedSkuIds: pulumi.Output<string[]>;
    /** SKUs outside the bundle found on the group (assigned outside this stack); never removed by it. */
    declare public readonly otherSkuIds: pulumi.Output<string[]>;
    /** Microsoft Graph's base URL. */
    declare public readonly graphEndpoint: pulumi.Output<string>;
    /** The group's license processing state when last read (`QueuedForProcessing`, ..., `ProcessingComplete`). */
    declare public readonly licenseProcessingState: pulumi.Output<string | undefined>;
    /** Members Entra ID could not license from this group: UPN, SKU and error, when last read. */
    declare public readonly membersWithLicenseErrors: pulumi.Output<MemberLicenseError[]>;

    constructor(name: string, args: GroupLicenseArgs, opts?: pulumi.CustomResourceOptions) {
        super(
            GROUP_LICENSE_TYPE,
            name,
            {
                __provider: GROUP_LICENSE_PROVIDER_STUB,
                groupId: args.groupId,
                licenses: normaliseLicenses(args.licenses),
                graphEndpoint: args.graphEndpoint,
                seatCheck: args.seats,
                managedSkuIds: undefined,
                otherSkuIds: undefined,
                licenseProcessingState: undefined,
                membersWithLicenseErrors: undefined,
            },
            opts,
        );
    }
}
