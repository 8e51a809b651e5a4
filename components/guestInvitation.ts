import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";

/** Arguments of a {@link GuestInvitation}. */
export interface GuestInvitationArgs {
    /** Email address the invitation goes to. */
    readonly email: string;
    /** Display name of the guest user. */
    readonly displayName: string;
    /** https URL the guest lands on after redeeming the invitation. */
    readonly redirectUrl: string;
    /** Body of the invitation email. */
    readonly message: string;
    /** Object id of the group behind the experts' Teams team; the guest joins it when set. */
    readonly teamGroupId?: string;
    /**
     * Object id of a guest user that already exists in the tenant (adopted from config's
     * `existing.userId`): no invitation is made. azuread's Invitation "does not support importing"
     * (@pulumi/azuread 6.9.1, Invitation), and one created now would invite the guest again, while
     * deleting it later would delete the guest user; so an adopted guest never has one.
     */
    readonly existingUserId?: string;
}

/**
 * A B2B guest: an invitation to an external user (or a guest user adopted from the tenant) and,
 * optionally, their membership in the experts' Teams team. Both are protected: removing the guest from config, or suspending its
 * vendor, is refused until the guest's resources are unprotected on purpose (README, Offboarding).
 */
export class GuestInvitation extends pulumi.ComponentResource {
    /** Object id of the guest user: the one the invitation created, or the adopted one. */
    public readonly userId: pulumi.Output<string>;

    constructor(name: string, args: GuestInvitationArgs, opts?: pulumi.ComponentResourceOptions) {
        super("remote-assist-tenancy:vendor:GuestInvitation", name, {}, opts);

        const userId: pulumi.Output<string> =
            args.existingUserId === undefined ? this.invite(name, args) : pulumi.output(args.existingUserId);

        if (args.teamGroupId !== undefined) {
            new azuread.GroupMember(
                `${name}-team-member`,
                { groupObjectId: args.teamGroupId, memberObjectId: userId },
                // protect: deleting the membership takes the guest out of the experts' team and its chats.
                { parent: this, protect: true },
            );
        }

        this.userId = userId;
        this.registerOutputs({ userId: this.userId });
    }

    /** Invites the guest; resolves to the guest user's object id. */
    private invite(name: string, args: GuestInvitationArgs): pulumi.Output<string> {
        const invitation = new azuread.Invitation(
            `${name}-invitation`,
            {
                userEmailAddress: args.email,
                userDisplayName: args.displayName,
                redirectUrl: args.redirectUrl,
                message: { body: args.message },
            },
            {
                parent: this,
                // Every Invitation property forces a replacement, and replacing an invitation deletes
                // the guest user with their chats and team membership; wording edits must not do that.
                ignoreChanges: ["message", "redirectUrl", "userDisplayName"],
                // protect: deleting the invitation deletes the guest user with their chats.
                protect: true,
            },
        );
        return invitation.userId;
    }
}
