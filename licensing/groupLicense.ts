import * as pulumi from "@pulumi/pulumi";
import type { AssignedLicense } from "./graphClient";
import { normaliseLicenses } from "./groupLicenseProvider";
import { groupLicenseProviderText } from "./providerBundle";

/** Microsoft Graph's global endpoint, the `graphEndpoint` default. */
export const DEFAULT_GRAPH_ENDPOINT = "https://graph.microsoft.com";

/**
 * Type token of {@link GroupLicense}. Dynamic resources belong to Pulumi's `pulumi-nodejs`
 * package, whose provider runs the code in their `__provider` property.
 */
export const GROUP_LICENSE_TYPE = "pulumi-nodejs:dynamic/remote-assist-tenancy:GroupLicense";

/** Arguments of a {@link GroupLicense}. */
export interface GroupLicenseArgs {
    /** Object id of the group the licenses are assigned to; changing it replaces the assignment. */
    readonly groupId: pulumi.Input<string>;
    /** The SKUs to assign, each with the service plans switched off. */
    readonly licenses: readonly AssignedLicense[];
    /** Microsoft Graph's base URL, e.g. `https://graph.microsoft.com`. */
    readonly graphEndpoint: string;
}

/**
 * A group-based license assignment: the SKUs of a license bundle assigned to a group through
 * Microsoft Graph, so every member of the group inherits them. Deleting it removes exactly the
 * SKUs it added to the group; other licenses on the group, a bundle SKU that was already there
 * included, are left alone.
 *
 * A dynamic resource, as `pulumi.dynamic.Resource` registers one (type `pulumi-nodejs:dynamic/…`,
 * provider code in `__provider`), but with the provider text built by `providerBundle.ts` instead
 * of Pulumi's closure serializer; see there why.
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

    constructor(name: string, args: GroupLicenseArgs, opts?: pulumi.CustomResourceOptions) {
        super(
            GROUP_LICENSE_TYPE,
            name,
            {
                __provider: groupLicenseProviderText(),
                groupId: args.groupId,
                licenses: normaliseLicenses(args.licenses),
                graphEndpoint: args.graphEndpoint,
                managedSkuIds: undefined,
                otherSkuIds: undefined,
            },
            opts,
        );
    }
}
