import { GROUP_LICENSE, GROUP_MEMBER, GROUPS, INVITATION, KEY_VAULT_SECRET, USER } from "../resourceTypes";
import { resourcePolicy } from "../verdict";

/** What deleting each protected type loses, for the violation message. */
const LOSES: Readonly<Record<string, string>> = {
    [USER]: "deletes the service account with its mailbox, files and chats",
    [INVITATION]: "deletes the guest user with their chats",
    [GROUP_MEMBER]: "takes the guest out of the experts' team",
    [GROUP_LICENSE]: "takes the bundle's licenses from every member of the license group",
    [KEY_VAULT_SECRET]: "loses the stored credential",
    ...Object.fromEntries(
        GROUPS.map((g) => [g, "deletes the group, and with it a segment or the licenses of its members"]),
    ),
};

/**
 * Every resource whose delete loses access, licences or data is protected. Since Pulumi 3.149 a
 * refused delete of a protected resource no longer stops the run ("[engine] Deployments continue
 * past delete errors due to protect", pulumi/pulumi `changelog/v3.149.0.md`, #18396), so only
 * protection on each such resource keeps a mistaken removal from taking the rest with it.
 */
export const deleteProtected = resourcePolicy(
    {
        name: "delete-protected",
        description:
            "Users, invitations, groups, team memberships, license assignments and stored credentials are protected from deletion.",
        severity: "high",
        remediationSteps:
            "Register the resource with { protect: true } (the components do); offboard deliberately with npm run unprotect (README, Offboarding).",
    },
    {
        appliesTo: Object.keys(LOSES),
        scope: "users, invitations, groups, group members, license assignments and Key Vault secrets",
        problems: ({ type, protect }) =>
            protect
                ? []
                : [
                      `the resource is not protected; deleting it ${LOSES[type]}, so it must carry protect: true (offboard with npm run unprotect, see the README)`,
                  ],
    },
);
