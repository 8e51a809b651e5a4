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
}

/**
 * A B2B guest: an invitation to an external user and, optionally, their membership in the
 * experts' Teams team. Both are protected: removing the guest from config, or suspending its
 * vendor, is refused until the guest's resources are unprotected on purpose (README, Offboarding).
 */
export class GuestInvitation extends pulumi.ComponentResource {
    /** Object id of the guest user the invitation created. */
    public readonly userId: pulumi.Output<string>;

    constructor(name: string, args: GuestInvitationArgs, opts?: pulumi.ComponentResourceOptions) {
        super("remote-assist-tenancy:vendor:GuestInvitation", name, {}, opts);

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

        if (args.teamGroupId !== undefined) {
            new azuread.GroupMember(
                `${name}-team-member`,
                { groupObjectId: args.teamGroupId, memberObjectId: invitation.userId },
                // protect: deleting the membership takes the guest out of the experts' team and its chats.
                { parent: this, protect: true },
            );
        }

        this.userId = invitation.userId;
        this.registerOutputs({ userId: this.userId });
    }
}
