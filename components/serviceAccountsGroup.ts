import * as pulumi from "@pulumi/pulumi";
import { SERVICE_ACCOUNTS_GROUP_NAME, SERVICE_ACCOUNTS_GROUP_NICKNAME } from "../naming";
import { segmentGroup } from "./segmentGroup";

/** Arguments of a {@link ServiceAccountsGroup}. */
export interface ServiceAccountsGroupArgs {
    /** Object ids of every service account of every vendor, suspended or not. */
    readonly members: pulumi.Input<pulumi.Input<string>[]>;
}

/**
 * The Microsoft 365 group of every service account, which the internal segment excludes
 * (`MemberOf -ne '<its mail>'`): service accounts belong to their vendor's segment, never to the
 * internal one, and no user may be in two segments. A suspended vendor's accounts stay in it.
 */
export class ServiceAccountsGroup extends pulumi.ComponentResource {
    /** Object id of the group. */
    public readonly groupId: pulumi.Output<string>;
    /** E-mail address of the group, which the internal segment's filter names. */
    public readonly groupMail: pulumi.Output<string>;

    constructor(name: string, args: ServiceAccountsGroupArgs, opts?: pulumi.ComponentResourceOptions) {
        super("remote-assist-tenancy:barriers:ServiceAccountsGroup", name, {}, opts);

        const group = segmentGroup(
            `${name}-group`,
            {
                displayName: SERVICE_ACCOUNTS_GROUP_NAME,
                mailNickname: SERVICE_ACCOUNTS_GROUP_NICKNAME,
                description:
                    "Every Remote Assist service account leased to a vendor; the internal information-barrier segment excludes its members. Managed by the remote-assist-tenancy stack.",
                members: args.members,
            },
            { parent: this },
        );

        this.groupId = group.objectId;
        this.groupMail = group.mail;
        this.registerOutputs({ groupId: this.groupId, groupMail: this.groupMail });
    }
}
