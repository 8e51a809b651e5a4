import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import { EXPERTS_SEGMENT_NICKNAME, segmentGroupName } from "../naming";
import { segmentGroup } from "./segmentGroup";

/** Arguments of an {@link ExpertsSegment}. */
export interface ExpertsSegmentArgs {
    /** Information-barrier segment name of the host tenant's experts. */
    readonly segment: string;
    /** UPNs of existing internal experts; they are looked up, never created. */
    readonly members: readonly string[];
}

/**
 * The host tenant's experts as the Microsoft 365 group their information-barrier segment is
 * defined by. The experts are existing users: a UPN that does not exist fails the deployment
 * instead of creating anybody.
 */
export class ExpertsSegment extends pulumi.ComponentResource {
    /** Object id of the experts' segment group. */
    public readonly groupId: pulumi.Output<string>;
    /** E-mail address of the experts' segment group, which the experts' segment filter names. */
    public readonly groupMail: pulumi.Output<string>;
    /** Object ids of the experts, in config order. */
    public readonly memberIds: pulumi.Output<string[]>;

    constructor(name: string, args: ExpertsSegmentArgs, opts?: pulumi.ComponentResourceOptions) {
        super("remote-assist-tenancy:experts:ExpertsSegment", name, {}, opts);

        const memberIds = args.members.map(
            (upn) => azuread.getUserOutput({ userPrincipalName: upn }, { parent: this }).objectId,
        );
        const group = segmentGroup(
            `${name}-segment`,
            {
                displayName: segmentGroupName(args.segment),
                mailNickname: EXPERTS_SEGMENT_NICKNAME,
                description: `Information-barrier segment ${args.segment}: the host tenant's Remote Assist experts. Managed by the remote-assist-tenancy stack.`,
                members: memberIds,
            },
            { parent: this },
        );

        this.groupId = group.objectId;
        this.groupMail = group.mail;
        this.memberIds = pulumi.all(memberIds);
        this.registerOutputs({ groupId: this.groupId, groupMail: this.groupMail, memberIds: this.memberIds });
    }
}
