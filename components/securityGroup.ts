import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";

/** Arguments of {@link securityGroup}. */
export interface SecurityGroupArgs {
    /** Display name, e.g. `RA License - Contoso1`. */
    readonly displayName: string;
    /** Mail nickname (required by Graph even for groups that are not mail-enabled). */
    readonly mailNickname: string;
    /** What the group is for, shown in the Entra admin center. */
    readonly description: string;
    /** Object ids of exactly the members the group must have. */
    readonly members: pulumi.Input<pulumi.Input<string>[]>;
}

/**
 * A security group with authoritative membership: `members` lists exactly who belongs, so a
 * member added by hand shows up as drift on `pulumi refresh` and is removed by `pulumi up`.
 */
export function securityGroup(
    name: string,
    args: SecurityGroupArgs,
    opts: pulumi.CustomResourceOptions,
): azuread.Group {
    return new azuread.Group(
        name,
        {
            displayName: args.displayName,
            mailNickname: args.mailNickname,
            description: args.description,
            securityEnabled: true,
            mailEnabled: false,
            // Role-assignable groups can be given directory roles; these groups never need one.
            assignableToRole: false,
            preventDuplicateNames: true,
            members: args.members,
        },
        // protect: a license group's members lose their licenses, and a deleted security group may be
        // gone for good: "security groups cannot be restored" (Microsoft Graph, "Restore deleted item
        // (directory object)"), "Security groups and Distribution groups ... are permanently deleted
        // immediately" (Microsoft Graph PowerShell, Remove-MgGroup). The newest v1.0 "Delete group"
        // page says security groups too are kept for 30 days; never count on it.
        { ...opts, protect: true },
    );
}
