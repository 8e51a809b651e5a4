import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";

/** Arguments of {@link segmentGroup}. */
export interface SegmentGroupArgs {
    /** Display name, e.g. `RA Segment - Contoso1`. */
    readonly displayName: string;
    /** Mail nickname; the group's e-mail address, which the segment's filter names, starts with it. */
    readonly mailNickname: string;
    /** What the group is for, shown in the Entra admin center. */
    readonly description: string;
    /** Object ids of exactly the members the group must have. */
    readonly members: pulumi.Input<pulumi.Input<string>[]>;
}

/**
 * Behaviors set when the group is created (Microsoft Graph, "Microsoft 365 group behaviors and
 * provisioning options", resourceBehaviorOptions): nobody outside the group posts to it, it is
 * hidden in Outlook, and its members get no welcome mail and no calendar subscriptions. Graph
 * sets them only at creation, so azuread replaces the group when they change.
 */
export const SEGMENT_GROUP_BEHAVIORS: readonly string[] = [
    "AllowOnlyMembersToPost",
    "HideGroupInOutlook",
    "SubscribeMembersToCalendarEventsDisabled",
    "WelcomeEmailDisabled",
];

/**
 * A group an information-barrier segment is defined by (`MemberOf -eq '<its mail>'`). Purview
 * evaluates `MemberOf` only for Microsoft 365 groups ("Only Modern Groups are currently supported
 * in IB and Distribution Lists/Security Groups are treated as non-IB groups", Microsoft Purview,
 * "Get started with information barriers"), so this is a Microsoft 365 group: Unified,
 * mail-enabled (it needs the address) and security-enabled. Private, so nobody joins it on their
 * own; membership is authoritative, so a member added by hand is drift and `pulumi up` removes it.
 *
 * Not set: `hideFromAddressLists`, `hideFromOutlookClients`, `externalSendersAllowed`,
 * `autoSubscribeNewMembers`. azuread can set them only when signed in as a member user, "not ...
 * as a service principal" (@pulumi/azuread 6.9.1, Group, Known Permissions Issue), and the deploy
 * runs as one. Left unset, external senders stay out anyway: `allowExternalSenders` "Indicates if
 * people external to the organization can send messages to the group. The default value is
 * false" (Microsoft Graph, group resource type, allowExternalSenders).
 */
export function segmentGroup(name: string, args: SegmentGroupArgs, opts: pulumi.CustomResourceOptions): azuread.Group {
    return new azuread.Group(
        name,
        {
            displayName: args.displayName,
            mailNickname: args.mailNickname,
            description: args.description,
            types: ["Unified"],
            mailEnabled: true,
            securityEnabled: true,
            visibility: "Private",
            behaviors: [...SEGMENT_GROUP_BEHAVIORS],
            // Role-assignable groups can be given directory roles; these groups never need one.
            assignableToRole: false,
            preventDuplicateNames: true,
            members: args.members,
        },
        // protect: deleting the group empties the segment its address defines. A vendor's service
        // accounts would then be in no segment at all (RA Service Accounts still keeps them out of
        // the internal one), restricted by no policy; the experts would fall into the internal
        // segment; without RA Service Accounts every service account would match the internal
        // segment as well as its vendor's.
        { ...opts, protect: true },
    );
}
