import { strict as assert } from "node:assert";
import { Change, previewChanges } from "../../summary/changes";
import { PreviewStep, UNKNOWN_VALUE } from "../../summary/digest";
import { previewReport } from "../../summary/report";
import { TYPES } from "../../summary/types";
import { section } from "./fixtures";
import { digestOf, PARENTS, Resource, stateOf, stepOf } from "./steps";

/** A change as one line: where it is listed, what it is about, whether it is called out, and its words. */
function line(c: Change): string {
    const where = c.section.kind === "vendor" ? c.section.id : c.section.kind;
    return `${where} · ${c.category}${c.destructive ? " · destructive" : ""} · ${c.text}`;
}

const VENDORS = [{ id: "contoso1", name: "Contoso1" }];

function changes(steps: readonly PreviewStep[], vendors: { id: string; name?: string }[] = VENDORS): string[] {
    return previewChanges(digestOf(steps, vendors)).map(line);
}

const UPN = "sa-contoso1-sa1@abc.onmicrosoft.com";
const RA = "7a551360-26c4-4f61-84e6-ef715673e083";
const HOLOLENS = "e48328a2-8e98-4484-a70f-a99f8ac9ec89";
const KIOSK = "80b2d799-d2ba-4d2a-8842-fb0d0f3a4b82";
const KIOSK_MAILBOX = "4a82b400-a79f-41a4-b4e2-e94f5787b113";
const BARRIERS = "c4801e8a-cb58-4c35-aca6-f2dcc106f287";

const user: Resource = { parents: PARENTS.serviceAccount, type: TYPES.user, name: "contoso1-sa1-user" };
const password: Resource = { parents: PARENTS.serviceAccount, type: TYPES.password, name: "contoso1-sa1-password" };
const credential: Resource = {
    parents: PARENTS.serviceAccount,
    type: TYPES.credential,
    name: "contoso1-sa1-credential",
};
const invitation: Resource = {
    parents: PARENTS.guest,
    type: TYPES.invitation,
    name: "contoso1-guest-carol@contoso1.com-invitation",
};
const teamMember: Resource = {
    parents: PARENTS.guest,
    type: TYPES.groupMember,
    name: "contoso1-guest-carol@contoso1.com-team-member",
};
const assignment: Resource = {
    parents: PARENTS.licenseGroup,
    type: TYPES.licenseAssignment,
    name: "contoso1-license-assignment",
};
const licenseGroup: Resource = { parents: PARENTS.licenseGroup, type: TYPES.group, name: "contoso1-license-group" };
const segmentGroup: Resource = { parents: PARENTS.vendor, type: TYPES.group, name: "contoso1-segment" };
const expertsGroup: Resource = { parents: PARENTS.expertsSegment, type: TYPES.group, name: "experts-segment" };
const accountsGroup: Resource = {
    parents: PARENTS.serviceAccountsGroup,
    type: TYPES.group,
    name: "service-accounts-group",
};
const otherGroup: Resource = { parents: PARENTS.none, type: TYPES.group, name: "ops-group" };
const servicePrincipal: Resource = {
    parents: PARENTS.teamsBarriersApp,
    type: TYPES.servicePrincipal,
    name: "teams-barriers-sp",
};
const vendor: Resource = { parents: PARENTS.none, type: TYPES.vendor, name: "contoso1" };
const unit: Resource = {
    parents: PARENTS.none,
    type: "azuread:index/administrativeUnit:AdministrativeUnit",
    name: "ra-vendors",
};

const userState = (inputs: Record<string, unknown>, objectId?: string) =>
    stateOf(user, inputs, objectId ? { id: objectId, outputs: { objectId } } : {});
/** The service account sa1 as an unchanged step, so that its object id `u1` reads as its UPN. */
const knownUser = stepOf("same", user, { old: userState({ userPrincipalName: UPN }, "u1") });
const groupState = (r: Resource, inputs: Record<string, unknown>, id?: string) => stateOf(r, inputs, id ? { id } : {});
const bundle = (licenses: unknown, groupId = "g-1") => stateOf(assignment, { groupId, licenses });
const keepers = (rotation: unknown) =>
    stateOf(password, { keepers: rotation === undefined ? undefined : { rotation } });
const secret = (inputs: Record<string, unknown>) => stateOf(credential, inputs);
const guest = (inputs: Record<string, unknown>, userId?: string) =>
    stateOf(invitation, inputs, userId ? { id: userId, outputs: { userId } } : {});

interface Case {
    readonly name: string;
    readonly steps: readonly PreviewStep[];
    readonly vendors?: { id: string; name?: string }[];
    readonly expected: string[];
}

const CASES: Case[] = [
    // Service accounts.
    {
        name: "a new service account",
        steps: [stepOf("create", user, { new: userState({ userPrincipalName: UPN, accountEnabled: true }) })],
        expected: ["contoso1 · account · Service account `sa-contoso1-sa1@abc.onmicrosoft.com` added"],
    },
    {
        name: "an imported service account of a suspended vendor",
        steps: [stepOf("import", user, { new: userState({ userPrincipalName: UPN, accountEnabled: false }) })],
        expected: [
            "contoso1 · account · Service account `sa-contoso1-sa1@abc.onmicrosoft.com` added, disabled while the vendor is suspended",
        ],
    },
    {
        name: "a new service account whose UPN is not known yet",
        steps: [stepOf("create", user, { new: userState({ userPrincipalName: UNKNOWN_VALUE }) })],
        expected: ["contoso1 · account · Service account `contoso1-sa1-user` added"],
    },
    {
        name: "a deleted service account",
        steps: [stepOf("delete", user, { old: userState({ userPrincipalName: UPN }, "u1") })],
        expected: [
            "contoso1 · account · destructive · service account `sa-contoso1-sa1@abc.onmicrosoft.com` (object id `u1`) is **deleted**: the user and its data (mailbox, OneDrive files, Teams chats) are lost, unless the user is restored from Deleted users within 30 days",
        ],
    },
    {
        name: "a service account replaced because its UPN changes",
        steps: [
            stepOf(
                "replace",
                user,
                {
                    old: userState({ userPrincipalName: UPN }, "u1"),
                    new: userState({ userPrincipalName: "sa-x@abc.com" }),
                },
                { replaceReasons: ["userPrincipalName", "mailNickname"] },
            ),
        ],
        expected: [
            "contoso1 · account · destructive · service account `sa-contoso1-sa1@abc.onmicrosoft.com` (object id `u1`) is **replaced** because `userPrincipalName` and `mailNickname` changed: that user is deleted with its mailbox, OneDrive files and Teams chats, and `sa-x@abc.com` is created in its place with a new object id (known after deployment)",
        ],
    },
    {
        name: "a service account replaced whose new UPN is not known yet",
        steps: [
            stepOf(
                "replace",
                user,
                {
                    old: userState({ userPrincipalName: UPN }, "u1"),
                    new: userState({ userPrincipalName: UNKNOWN_VALUE }),
                },
                { replaceReasons: ["userPrincipalName"] },
            ),
        ],
        expected: [
            "contoso1 · account · destructive · service account `sa-contoso1-sa1@abc.onmicrosoft.com` (object id `u1`) is **replaced** because `userPrincipalName` changed: that user is deleted with its mailbox, OneDrive files and Teams chats, and a new user is created in its place with a new object id (known after deployment)",
        ],
    },
    {
        name: "a service account replaced with the same UPN, for the inputs that changed",
        steps: [
            stepOf("replace", user, {
                old: userState({ userPrincipalName: UPN, mail: "a" }, "u1"),
                new: userState({ userPrincipalName: UPN, mail: "b" }),
            }),
        ],
        expected: [
            "contoso1 · account · destructive · service account `sa-contoso1-sa1@abc.onmicrosoft.com` (object id `u1`) is **replaced** because `mail` changed: that user is deleted with its mailbox, OneDrive files and Teams chats, and a new user is created in its place with a new object id (known after deployment)",
        ],
    },
    {
        name: "a service account replaced for no change it can name",
        steps: [
            stepOf("create-replacement", user, {
                old: userState({ userPrincipalName: UPN }, "u1"),
                new: userState({ userPrincipalName: UPN }),
            }),
        ],
        expected: [
            "contoso1 · account · destructive · service account `sa-contoso1-sa1@abc.onmicrosoft.com` (object id `u1`) is **replaced** as the provider requires: that user is deleted with its mailbox, OneDrive files and Teams chats, and a new user is created in its place with a new object id (known after deployment)",
        ],
    },
    {
        name: "a service account disabled, its password changed and two attributes updated",
        steps: [
            stepOf(
                "update",
                user,
                {
                    old: userState({
                        userPrincipalName: UPN,
                        accountEnabled: true,
                        usageLocation: "DE",
                        displayName: "A",
                    }),
                    new: userState({
                        userPrincipalName: UPN,
                        accountEnabled: false,
                        usageLocation: "FR",
                        displayName: "B",
                    }),
                },
                { diffReasons: ["accountEnabled", "usageLocation", "displayName", "password"] },
            ),
        ],
        expected: [
            "contoso1 · account · Service account `sa-contoso1-sa1@abc.onmicrosoft.com` disabled: it can no longer sign in",
            "contoso1 · password · Password of service account `sa-contoso1-sa1@abc.onmicrosoft.com` changed",
            "contoso1 · account · Service account `sa-contoso1-sa1@abc.onmicrosoft.com` updated: `displayName` `A` → `B`; `usageLocation` `DE` → `FR`",
        ],
    },
    {
        name: "a service account re-enabled",
        steps: [
            stepOf(
                "update",
                user,
                {
                    old: userState({ userPrincipalName: UPN, accountEnabled: false }),
                    new: userState({ userPrincipalName: UPN, accountEnabled: true }),
                },
                { diffReasons: ["accountEnabled"] },
            ),
        ],
        expected: [
            "contoso1 · account · Service account `sa-contoso1-sa1@abc.onmicrosoft.com` re-enabled: it can sign in again",
        ],
    },
    // Passwords.
    {
        name: "a rotation told once, by the password resource, not again by the user's password",
        steps: [
            stepOf(
                "update",
                user,
                { old: userState({ userPrincipalName: UPN }), new: userState({ userPrincipalName: UPN }) },
                { diffReasons: ["password"] },
            ),
            stepOf("replace", password, { old: keepers("2026-05"), new: keepers("2026-11") }),
        ],
        expected: [
            "contoso1 · password · Password of service account `sa-contoso1-sa1@abc.onmicrosoft.com` rotated (rotation `2026-05` → `2026-11`): hand the new one to its holder",
        ],
    },
    {
        name: "a user's password changed while its password resource is only updated in place",
        steps: [
            stepOf(
                "update",
                user,
                { old: userState({ userPrincipalName: UPN }), new: userState({ userPrincipalName: UPN }) },
                { diffReasons: ["password"] },
            ),
            stepOf("update", password, { old: keepers("1"), new: keepers("1") }),
        ],
        expected: [
            "contoso1 · password · Password of service account `sa-contoso1-sa1@abc.onmicrosoft.com` rotated: hand the new one to its holder",
        ],
    },
    {
        name: "a user's password changed while its password resource is created",
        steps: [
            stepOf(
                "update",
                user,
                { old: userState({ userPrincipalName: UPN }), new: userState({ userPrincipalName: UPN }) },
                { diffReasons: ["password"] },
            ),
            stepOf("create", password, { new: keepers(undefined) }),
        ],
        expected: [
            "contoso1 · password · New password generated for service account `sa-contoso1-sa1@abc.onmicrosoft.com`",
        ],
    },
    {
        name: "a user's password changed while another account's password rotates",
        steps: [
            stepOf(
                "update",
                user,
                { old: userState({ userPrincipalName: UPN }), new: userState({ userPrincipalName: UPN }) },
                { diffReasons: ["password"] },
            ),
            stepOf("replace", { ...password, name: "contoso1-sa2-password" }, { old: keepers("1"), new: keepers("2") }),
        ],
        expected: [
            "contoso1 · password · Password of service account `sa-contoso1-sa1@abc.onmicrosoft.com` changed",
            "contoso1 · password · Password of service account `sa2` rotated (rotation `1` → `2`): hand the new one to its holder",
        ],
    },
    {
        name: "a new password for an existing account, named by its UPN when the digest has the user",
        steps: [stepOf("import", password, { new: keepers(undefined) }), knownUser],
        expected: [
            "contoso1 · password · New password generated for service account `sa-contoso1-sa1@abc.onmicrosoft.com`",
        ],
    },
    {
        name: "a new password for an account not in the digest",
        steps: [stepOf("create", password, { new: keepers(undefined) })],
        expected: ["contoso1 · password · New password generated for service account `sa1`"],
    },
    {
        name: "no password line for a new account's password",
        steps: [
            stepOf("create", password, { new: keepers(undefined) }),
            stepOf("create", user, { new: userState({ userPrincipalName: UPN }) }),
        ],
        expected: ["contoso1 · account · Service account `sa-contoso1-sa1@abc.onmicrosoft.com` added"],
    },
    {
        name: "a password rotated without a new rotation to name",
        steps: [stepOf("update", password, { old: keepers("1"), new: keepers("1") })],
        expected: ["contoso1 · password · Password of service account `sa1` rotated: hand the new one to its holder"],
    },
    {
        name: "a password rotated to a rotation not known yet",
        steps: [stepOf("update", password, { old: keepers("1"), new: keepers(UNKNOWN_VALUE) })],
        expected: ["contoso1 · password · Password of service account `sa1` rotated: hand the new one to its holder"],
    },
    {
        name: "a password whose keepers are not an object",
        steps: [
            stepOf("update", password, {
                old: stateOf(password, { keepers: null }),
                new: stateOf(password, { keepers: "2026-12" }),
            }),
        ],
        expected: ["contoso1 · password · Password of service account `sa1` rotated: hand the new one to its holder"],
    },
    {
        name: "a password resource removed on its own",
        steps: [stepOf("delete", password, { old: keepers("1") })],
        expected: ["contoso1 · password · Password resource of service account `sa1` removed"],
    },
    {
        name: "a password resource removed while its user is only updated",
        steps: [
            stepOf("delete", password, { old: keepers("1") }),
            stepOf("update", user, {
                old: userState({ userPrincipalName: UPN, a: 1 }),
                new: userState({ userPrincipalName: UPN, a: 2 }),
            }),
        ],
        expected: [
            "contoso1 · password · Password resource of service account `sa-contoso1-sa1@abc.onmicrosoft.com` removed",
            "contoso1 · account · Service account `sa-contoso1-sa1@abc.onmicrosoft.com` updated: `a` `1` → `2`",
        ],
    },
    {
        name: "no password line when the password goes with its user",
        steps: [
            stepOf("delete", password, { old: keepers("1") }),
            stepOf("delete", user, { old: userState({ userPrincipalName: UPN }) }),
        ],
        expected: [
            "contoso1 · account · destructive · service account `sa-contoso1-sa1@abc.onmicrosoft.com` is **deleted**: the user and its data (mailbox, OneDrive files, Teams chats) are lost, unless the user is restored from Deleted users within 30 days",
        ],
    },
    {
        name: "no password line when the password goes with its replaced user",
        steps: [
            stepOf("delete", password, { old: keepers("1") }),
            stepOf(
                "replace",
                user,
                { old: userState({ userPrincipalName: UPN }), new: userState({ userPrincipalName: UPN }) },
                { replaceReasons: ["mailNickname"] },
            ),
        ],
        expected: [
            "contoso1 · account · destructive · service account `sa-contoso1-sa1@abc.onmicrosoft.com` is **replaced** because `mailNickname` changed: that user is deleted with its mailbox, OneDrive files and Teams chats, and a new user is created in its place with a new object id (known after deployment)",
        ],
    },
    // Stored credentials.
    {
        name: "a password stored in Key Vault, for the account its tags name",
        steps: [
            stepOf("create", credential, {
                new: secret({ vaultName: "kv", secretName: "sa-contoso1-sa1", tags: { userPrincipalName: UPN } }),
            }),
        ],
        expected: [
            "contoso1 · credential · Password of service account `sa-contoso1-sa1@abc.onmicrosoft.com` stored in Key Vault `kv/sa-contoso1-sa1`",
        ],
    },
    {
        name: "an imported secret without names or tags",
        steps: [stepOf("import", credential, { new: secret({ tags: "not an object" }) })],
        expected: [
            "contoso1 · credential · Password of service account `sa1` stored in Key Vault `?/contoso1-sa1-credential`",
        ],
    },
    {
        name: "a secret whose tags name a UPN not known yet",
        steps: [
            stepOf("create", credential, {
                new: secret({ vaultName: "kv", secretName: "s", tags: { userPrincipalName: UNKNOWN_VALUE } }),
            }),
        ],
        expected: ["contoso1 · credential · Password of service account `sa1` stored in Key Vault `kv/s`"],
    },
    {
        name: "a secret's other properties updated",
        steps: [
            stepOf(
                "update",
                credential,
                {
                    old: secret({ vaultName: "kv", secretName: "s", tags: { a: 1 } }),
                    new: secret({ vaultName: "kv", secretName: "s", tags: { a: 2 }, contentType: "x" }),
                },
                { diffReasons: ["tags", "contentType"] },
            ),
        ],
        expected: [
            "contoso1 · credential · Key Vault secret `kv/s` of service account `sa1` updated: `contentType` and `tags`",
        ],
    },
    {
        name: "a secret replaced in the same place",
        steps: [
            stepOf(
                "replace",
                credential,
                {
                    old: secret({ vaultName: "kv", secretName: "s", tags: { userPrincipalName: UPN } }),
                    new: secret({ vaultName: "kv", secretName: "s" }),
                },
                { replaceReasons: ["contentType"] },
            ),
        ],
        expected: [
            "contoso1 · credential · destructive · stored password of service account `sa-contoso1-sa1@abc.onmicrosoft.com` in Key Vault `kv/s` is **replaced** because `contentType` changed: that secret is deleted, and the password is stored again",
        ],
    },
    {
        name: "a secret replaced whose new place is not known",
        steps: [
            stepOf(
                "replace",
                credential,
                { old: secret({ vaultName: "kv", secretName: "s" }) },
                { replaceReasons: ["x"] },
            ),
        ],
        expected: [
            "contoso1 · credential · destructive · stored password of service account `sa1` in Key Vault `kv/s` is **replaced** because `x` changed: that secret is deleted, and the password is stored again",
        ],
    },
    {
        name: "a secret deleted whose state names no vault",
        steps: [stepOf("delete", credential, { old: secret({}) })],
        expected: [
            "contoso1 · credential · destructive · stored password of service account `sa1` is **deleted** from Key Vault `?/contoso1-sa1-credential`: the holder's credential is gone from the vault",
        ],
    },
    // Groups, each role in its own words.
    {
        name: "contoso1-license-group created with members",
        steps: [
            stepOf("create", licenseGroup, {
                new: groupState(licenseGroup, { displayName: "N", members: ["u1", UNKNOWN_VALUE] }),
            }),
        ],
        expected: ["contoso1 · license · License group `N` created with 2 members"],
    },
    {
        name: "contoso1-license-group imported with members known only after deployment",
        steps: [
            stepOf("import", licenseGroup, {
                new: groupState(licenseGroup, { displayName: "N", members: UNKNOWN_VALUE }),
            }),
        ],
        expected: ["contoso1 · license · License group `N` created with members (known after deployment)"],
    },
    {
        name: "contoso1-license-group deleted with its members",
        steps: [
            knownUser,
            stepOf("delete", licenseGroup, {
                old: groupState(licenseGroup, { displayName: "Old", members: ["u1", "x9"] }, "g-1"),
            }),
        ],
        expected: [
            "contoso1 · license · destructive · license group `Old` (object id `g-1`) is **deleted**: its members `sa-contoso1-sa1@abc.onmicrosoft.com` and `x9` (not managed by this stack) lose their Remote Assist licenses; security groups are deleted permanently",
        ],
    },
    {
        name: "contoso1-license-group deleted without members",
        steps: [stepOf("delete", licenseGroup, { old: groupState(licenseGroup, { displayName: "Old" }, "g-1") })],
        expected: [
            "contoso1 · license · destructive · license group `Old` (object id `g-1`) is **deleted**: it has no members, so no license is lost; security groups are deleted permanently",
        ],
    },
    {
        name: "contoso1-license-group replaced under a new name",
        steps: [
            stepOf(
                "replace",
                licenseGroup,
                {
                    old: groupState(licenseGroup, { displayName: "Old", members: [] }, "g-1"),
                    new: groupState(licenseGroup, { displayName: "New" }),
                },
                { replaceReasons: ["displayName"] },
            ),
        ],
        expected: [
            "contoso1 · license · destructive · license group `Old` (object id `g-1`) is **replaced** because `displayName` changed: it is deleted and re-created as `New` with a new object id (known after deployment), and until the new group is in place it has no members, so no license is lost",
        ],
    },
    {
        name: "contoso1-license-group updated: a member joins, one leaves, renamed, and other properties",
        steps: [
            knownUser,
            stepOf("update", licenseGroup, {
                old: groupState(
                    licenseGroup,
                    { displayName: "Old", description: "RA License (a)", members: ["x9", "x8"], mailEnabled: false },
                    "g-1",
                ),
                new: groupState(licenseGroup, {
                    displayName: "New",
                    description: "RA License (b)",
                    members: ["u1", "x8"],
                    mailEnabled: true,
                }),
            }),
        ],
        expected: [
            "contoso1 · license · Joining license group `New` (gets a Remote Assist license): `sa-contoso1-sa1@abc.onmicrosoft.com`",
            "contoso1 · license · Leaving license group `New` (frees a seat): `x9` (not managed by this stack)",
            "contoso1 · bundle · License group `New` now grants bundle `b` instead of `a`",
            "contoso1 · license · License group `New` updated: `displayName` `Old` → `New`; `mailEnabled` `false` → `true`",
        ],
    },
    {
        name: "contoso1-segment created with members",
        steps: [
            stepOf("create", segmentGroup, {
                new: groupState(segmentGroup, { displayName: "N", members: ["u1", UNKNOWN_VALUE] }),
            }),
        ],
        expected: ["contoso1 · segment · Segment group `N` created with 2 members"],
    },
    {
        name: "contoso1-segment imported with members known only after deployment",
        steps: [
            stepOf("import", segmentGroup, {
                new: groupState(segmentGroup, { displayName: "N", members: UNKNOWN_VALUE }),
            }),
        ],
        expected: ["contoso1 · segment · Segment group `N` created with members (known after deployment)"],
    },
    {
        name: "contoso1-segment deleted with its members",
        steps: [
            knownUser,
            stepOf("delete", segmentGroup, {
                old: groupState(segmentGroup, { displayName: "Old", members: ["u1", "x9"] }, "g-1"),
            }),
        ],
        expected: [
            "contoso1 · segment · destructive · segment group `Old` (object id `g-1`) is **deleted**: the information-barrier segment built on it matches nobody, so its members `sa-contoso1-sa1@abc.onmicrosoft.com` and `x9` (not managed by this stack) fall out of the segment; a deleted Microsoft 365 group can be restored for 30 days",
        ],
    },
    {
        name: "contoso1-segment deleted without members",
        steps: [stepOf("delete", segmentGroup, { old: groupState(segmentGroup, { displayName: "Old" }, "g-1") })],
        expected: [
            "contoso1 · segment · destructive · segment group `Old` (object id `g-1`) is **deleted**: the information-barrier segment built on it matches nobody; a deleted Microsoft 365 group can be restored for 30 days",
        ],
    },
    {
        name: "contoso1-segment replaced under a new name",
        steps: [
            stepOf(
                "replace",
                segmentGroup,
                {
                    old: groupState(segmentGroup, { displayName: "Old", members: [] }, "g-1"),
                    new: groupState(segmentGroup, { displayName: "New" }),
                },
                { replaceReasons: ["displayName"] },
            ),
        ],
        expected: [
            "contoso1 · segment · destructive · segment group `Old` (object id `g-1`) is **replaced** because `displayName` changed: it is deleted and re-created as `New` with a new object id (known after deployment), and until the new group is in place the information-barrier segment built on it matches nobody",
        ],
    },
    {
        name: "contoso1-segment updated: a member joins, one leaves, renamed, and other properties",
        steps: [
            knownUser,
            stepOf("update", segmentGroup, {
                old: groupState(
                    segmentGroup,
                    { displayName: "Old", description: "RA License (a)", members: ["x9", "x8"], mailEnabled: false },
                    "g-1",
                ),
                new: groupState(segmentGroup, {
                    displayName: "New",
                    description: "RA License (b)",
                    members: ["u1", "x8"],
                    mailEnabled: true,
                }),
            }),
        ],
        expected: [
            "contoso1 · segment · Joining segment group `New` (joins the vendor's information-barrier segment): `sa-contoso1-sa1@abc.onmicrosoft.com`",
            "contoso1 · segment · Leaving segment group `New` (leaves the segment): `x9` (not managed by this stack)",
            "contoso1 · segment · Segment renamed: `Old` → `New`",
            "contoso1 · segment · Segment group `New` updated: `description` `RA License (a)` → `RA License (b)`; `mailEnabled` `false` → `true`",
        ],
    },
    {
        name: "experts-segment created with members",
        steps: [
            stepOf("create", expertsGroup, {
                new: groupState(expertsGroup, { displayName: "N", members: ["u1", UNKNOWN_VALUE] }),
            }),
        ],
        expected: ["experts · segment · Experts' segment group `N` created with 2 members"],
    },
    {
        name: "experts-segment imported with members known only after deployment",
        steps: [
            stepOf("import", expertsGroup, {
                new: groupState(expertsGroup, { displayName: "N", members: UNKNOWN_VALUE }),
            }),
        ],
        expected: ["experts · segment · Experts' segment group `N` created with members (known after deployment)"],
    },
    {
        name: "experts-segment deleted with its members",
        steps: [
            knownUser,
            stepOf("delete", expertsGroup, {
                old: groupState(expertsGroup, { displayName: "Old", members: ["u1", "x9"] }, "g-1"),
            }),
        ],
        expected: [
            "experts · segment · destructive · experts' segment group `Old` (object id `g-1`) is **deleted**: the experts' information-barrier segment matches nobody, so its members `sa-contoso1-sa1@abc.onmicrosoft.com` and `x9` (an existing host-tenant user) fall out of it; a deleted Microsoft 365 group can be restored for 30 days",
        ],
    },
    {
        name: "experts-segment deleted without members",
        steps: [stepOf("delete", expertsGroup, { old: groupState(expertsGroup, { displayName: "Old" }, "g-1") })],
        expected: [
            "experts · segment · destructive · experts' segment group `Old` (object id `g-1`) is **deleted**: the experts' information-barrier segment matches nobody; a deleted Microsoft 365 group can be restored for 30 days",
        ],
    },
    {
        name: "experts-segment replaced under a new name",
        steps: [
            stepOf(
                "replace",
                expertsGroup,
                {
                    old: groupState(expertsGroup, { displayName: "Old", members: [] }, "g-1"),
                    new: groupState(expertsGroup, { displayName: "New" }),
                },
                { replaceReasons: ["displayName"] },
            ),
        ],
        expected: [
            "experts · segment · destructive · experts' segment group `Old` (object id `g-1`) is **replaced** because `displayName` changed: it is deleted and re-created as `New` with a new object id (known after deployment), and until the new group is in place the experts' information-barrier segment matches nobody",
        ],
    },
    {
        name: "experts-segment updated: a member joins, one leaves, renamed, and other properties",
        steps: [
            knownUser,
            stepOf("update", expertsGroup, {
                old: groupState(
                    expertsGroup,
                    { displayName: "Old", description: "RA License (a)", members: ["x9", "x8"], mailEnabled: false },
                    "g-1",
                ),
                new: groupState(expertsGroup, {
                    displayName: "New",
                    description: "RA License (b)",
                    members: ["u1", "x8"],
                    mailEnabled: true,
                }),
            }),
        ],
        expected: [
            "experts · segment · Joining experts' segment group `New` (joins the experts' segment): `sa-contoso1-sa1@abc.onmicrosoft.com`",
            "experts · segment · Leaving experts' segment group `New` (leaves the experts' segment): `x9` (an existing host-tenant user)",
            "experts · segment · Experts' segment group renamed: `Old` → `New`",
            "experts · segment · Experts' segment group `New` updated: `description` `RA License (a)` → `RA License (b)`; `mailEnabled` `false` → `true`",
        ],
    },
    {
        name: "service-accounts-group created with members",
        steps: [
            stepOf("create", accountsGroup, {
                new: groupState(accountsGroup, { displayName: "N", members: ["u1", UNKNOWN_VALUE] }),
            }),
        ],
        expected: ["tenant · segment · Service accounts' group `N` created with 2 members"],
    },
    {
        name: "service-accounts-group imported with members known only after deployment",
        steps: [
            stepOf("import", accountsGroup, {
                new: groupState(accountsGroup, { displayName: "N", members: UNKNOWN_VALUE }),
            }),
        ],
        expected: ["tenant · segment · Service accounts' group `N` created with members (known after deployment)"],
    },
    {
        name: "service-accounts-group deleted with its members",
        steps: [
            knownUser,
            stepOf("delete", accountsGroup, {
                old: groupState(accountsGroup, { displayName: "Old", members: ["u1", "x9"] }, "g-1"),
            }),
        ],
        expected: [
            "tenant · segment · destructive · service accounts' group `Old` (object id `g-1`) is **deleted**: the internal segment no longer excludes its members `sa-contoso1-sa1@abc.onmicrosoft.com` and `x9` (not managed by this stack), which would be in two segments; a deleted Microsoft 365 group can be restored for 30 days",
        ],
    },
    {
        name: "service-accounts-group deleted without members",
        steps: [stepOf("delete", accountsGroup, { old: groupState(accountsGroup, { displayName: "Old" }, "g-1") })],
        expected: [
            "tenant · segment · destructive · service accounts' group `Old` (object id `g-1`) is **deleted**: the internal segment no longer excludes the service accounts, which would be in two segments; a deleted Microsoft 365 group can be restored for 30 days",
        ],
    },
    {
        name: "service-accounts-group replaced under a new name",
        steps: [
            stepOf(
                "replace",
                accountsGroup,
                {
                    old: groupState(accountsGroup, { displayName: "Old", members: [] }, "g-1"),
                    new: groupState(accountsGroup, { displayName: "New" }),
                },
                { replaceReasons: ["displayName"] },
            ),
        ],
        expected: [
            "tenant · segment · destructive · service accounts' group `Old` (object id `g-1`) is **replaced** because `displayName` changed: it is deleted and re-created as `New` with a new object id (known after deployment), and until the new group is in place the internal segment no longer excludes the service accounts, which would be in two segments",
        ],
    },
    {
        name: "service-accounts-group updated: a member joins, one leaves, renamed, and other properties",
        steps: [
            knownUser,
            stepOf("update", accountsGroup, {
                old: groupState(
                    accountsGroup,
                    { displayName: "Old", description: "RA License (a)", members: ["x9", "x8"], mailEnabled: false },
                    "g-1",
                ),
                new: groupState(accountsGroup, {
                    displayName: "New",
                    description: "RA License (b)",
                    members: ["u1", "x8"],
                    mailEnabled: true,
                }),
            }),
        ],
        expected: [
            "tenant · segment · Joining service accounts' group `New` (is kept out of the internal segment): `sa-contoso1-sa1@abc.onmicrosoft.com`",
            "tenant · segment · Leaving service accounts' group `New` (is no longer kept out of the internal segment): `x9` (not managed by this stack)",
            "tenant · segment · Service accounts' group renamed: `Old` → `New`",
            "tenant · segment · Service accounts' group `New` updated: `description` `RA License (a)` → `RA License (b)`; `mailEnabled` `false` → `true`",
        ],
    },
    {
        name: "ops-group created with members",
        steps: [
            stepOf("create", otherGroup, {
                new: groupState(otherGroup, { displayName: "N", members: ["u1", UNKNOWN_VALUE] }),
            }),
        ],
        expected: ["tenant · segment · Group `N` created with 2 members"],
    },
    {
        name: "ops-group imported with members known only after deployment",
        steps: [
            stepOf("import", otherGroup, { new: groupState(otherGroup, { displayName: "N", members: UNKNOWN_VALUE }) }),
        ],
        expected: ["tenant · segment · Group `N` created with members (known after deployment)"],
    },
    {
        name: "ops-group deleted with its members",
        steps: [
            knownUser,
            stepOf("delete", otherGroup, {
                old: groupState(otherGroup, { displayName: "Old", members: ["u1", "x9"] }, "g-1"),
            }),
        ],
        expected: [
            "tenant · segment · destructive · group `Old` (object id `g-1`) is **deleted**: its members `sa-contoso1-sa1@abc.onmicrosoft.com` and `x9` (not managed by this stack) lose what it grants; security groups are deleted permanently",
        ],
    },
    {
        name: "ops-group deleted without members",
        steps: [stepOf("delete", otherGroup, { old: groupState(otherGroup, { displayName: "Old" }, "g-1") })],
        expected: [
            "tenant · segment · destructive · group `Old` (object id `g-1`) is **deleted**: its members lose what it grants; security groups are deleted permanently",
        ],
    },
    {
        name: "ops-group replaced under a new name",
        steps: [
            stepOf(
                "replace",
                otherGroup,
                {
                    old: groupState(otherGroup, { displayName: "Old", members: [] }, "g-1"),
                    new: groupState(otherGroup, { displayName: "New" }),
                },
                { replaceReasons: ["displayName"] },
            ),
        ],
        expected: [
            "tenant · segment · destructive · group `Old` (object id `g-1`) is **replaced** because `displayName` changed: it is deleted and re-created as `New` with a new object id (known after deployment), and until the new group is in place its members lose what it grants",
        ],
    },
    {
        name: "ops-group updated: a member joins, one leaves, renamed, and other properties",
        steps: [
            knownUser,
            stepOf("update", otherGroup, {
                old: groupState(
                    otherGroup,
                    { displayName: "Old", description: "RA License (a)", members: ["x9", "x8"], mailEnabled: false },
                    "g-1",
                ),
                new: groupState(otherGroup, {
                    displayName: "New",
                    description: "RA License (b)",
                    members: ["u1", "x8"],
                    mailEnabled: true,
                }),
            }),
        ],
        expected: [
            "tenant · segment · Joining group `New` (joins): `sa-contoso1-sa1@abc.onmicrosoft.com`",
            "tenant · segment · Leaving group `New` (leaves): `x9` (not managed by this stack)",
            "tenant · segment · Group renamed: `Old` → `New`",
            "tenant · segment · Group `New` updated: `description` `RA License (a)` → `RA License (b)`; `mailEnabled` `false` → `true`",
        ],
    },
    {
        name: "a group named a license group by its name alone, outside a LicenseGroup component",
        steps: [
            stepOf(
                "delete",
                { ...otherGroup, name: "contoso1-license-group" },
                { old: groupState(otherGroup, { displayName: "L" }) },
            ),
        ],
        expected: [
            "tenant · license · destructive · license group `L` is **deleted**: it has no members, so no license is lost; security groups are deleted permanently",
        ],
    },
    {
        name: "a group whose name only starts like a license group",
        steps: [
            stepOf(
                "delete",
                { ...otherGroup, name: "-license-group-old" },
                { old: groupState(otherGroup, { displayName: "L" }) },
            ),
        ],
        expected: [
            "tenant · segment · destructive · group `L` is **deleted**: its members lose what it grants; security groups are deleted permanently",
        ],
    },
    {
        name: "a group replaced under the same name",
        steps: [
            stepOf("replace", segmentGroup, {
                old: groupState(segmentGroup, { displayName: "S" }),
                new: groupState(segmentGroup, { displayName: "S" }),
            }),
        ],
        expected: [
            "contoso1 · segment · destructive · segment group `S` is **replaced** as the provider requires: it is deleted and re-created with a new object id (known after deployment), and until the new group is in place the information-barrier segment built on it matches nobody",
        ],
    },
    {
        name: "a license group's description changed without a bundle in it",
        steps: [
            stepOf("update", licenseGroup, {
                old: groupState(licenseGroup, { description: "plain" }),
                new: groupState(licenseGroup, { description: "plain 2" }),
            }),
        ],
        expected: [
            "contoso1 · license · License group `contoso1-license-group` updated: `description` `plain` → `plain 2`",
        ],
    },
    {
        name: "a license group's description naming a bundle where there was none",
        steps: [
            stepOf("update", licenseGroup, {
                old: groupState(licenseGroup, { description: "plain" }),
                new: groupState(licenseGroup, { description: "RA License (hololens)" }),
            }),
        ],
        expected: [
            "contoso1 · license · License group `contoso1-license-group` updated: `description` `plain` → `RA License (hololens)`",
        ],
    },
    {
        name: "new accounts joining a license group counted when they cannot all be named",
        steps: [
            stepOf("update", licenseGroup, {
                old: groupState(licenseGroup, { displayName: "L", members: ["u1"] }),
                new: groupState(licenseGroup, { displayName: "L", members: ["u1", UNKNOWN_VALUE, UNKNOWN_VALUE] }),
            }),
            stepOf("create", user, { new: userState({ userPrincipalName: UPN }) }),
        ],
        expected: [
            "contoso1 · license · Joining license group `L` (gets a Remote Assist license): 2 accounts created in this change",
            "contoso1 · account · Service account `sa-contoso1-sa1@abc.onmicrosoft.com` added",
        ],
    },
    {
        name: "the vendor's new accounts named as joining its license group",
        steps: [
            stepOf("update", licenseGroup, {
                old: groupState(licenseGroup, { displayName: "L", members: [] }),
                new: groupState(licenseGroup, { displayName: "L", members: [UNKNOWN_VALUE] }),
            }),
            stepOf(
                "create",
                { ...user, name: "fabrikam-sa1-user" },
                { new: userState({ userPrincipalName: "sa-fabrikam-sa1@abc.onmicrosoft.com" }) },
            ),
            stepOf(
                "replace",
                user,
                {
                    old: userState({ userPrincipalName: "old@abc.onmicrosoft.com" }),
                    new: userState({ userPrincipalName: UPN }),
                },
                { replaceReasons: ["userPrincipalName"] },
            ),
            stepOf(
                "update",
                { ...user, name: "contoso1-sa2-user" },
                {
                    old: userState({ userPrincipalName: "sa2@x", a: 1 }),
                    new: userState({ userPrincipalName: "sa2@x", a: 2 }),
                },
            ),
        ],
        vendors: [...VENDORS, { id: "fabrikam", name: "Fabrikam" }],
        expected: [
            "contoso1 · license · Joining license group `L` (gets a Remote Assist license): `sa-contoso1-sa1@abc.onmicrosoft.com` (new)",
            "fabrikam · account · Service account `sa-fabrikam-sa1@abc.onmicrosoft.com` added",
            "contoso1 · account · destructive · service account `old@abc.onmicrosoft.com` is **replaced** because `userPrincipalName` changed: that user is deleted with its mailbox, OneDrive files and Teams chats, and `sa-contoso1-sa1@abc.onmicrosoft.com` is created in its place with a new object id (known after deployment)",
            "contoso1 · account · Service account `sa2@x` updated: `a` `1` → `2`",
        ],
    },
    {
        name: "every vendor's new accounts named as joining the service accounts' group",
        steps: [
            stepOf("update", accountsGroup, {
                old: groupState(accountsGroup, { displayName: "S", members: [] }),
                new: groupState(accountsGroup, { displayName: "S", members: [UNKNOWN_VALUE] }),
            }),
            stepOf(
                "create",
                { ...user, name: "fabrikam-sa1-user" },
                { new: userState({ userPrincipalName: "sa-fabrikam-sa1@abc.onmicrosoft.com" }) },
            ),
            stepOf("create", { ...password, name: "fabrikam-sa1-password" }, { new: keepers(undefined) }),
        ],
        vendors: [...VENDORS, { id: "fabrikam", name: "Fabrikam" }],
        expected: [
            "tenant · segment · Joining service accounts' group `S` (is kept out of the internal segment): `sa-fabrikam-sa1@abc.onmicrosoft.com` (new)",
            "fabrikam · account · Service account `sa-fabrikam-sa1@abc.onmicrosoft.com` added",
        ],
    },
    {
        name: "accounts joining a group of no vendor counted, as their vendor is unknown",
        steps: [
            stepOf("update", otherGroup, {
                old: groupState(otherGroup, { displayName: "O", members: [] }),
                new: groupState(otherGroup, { displayName: "O", members: [UNKNOWN_VALUE] }),
            }),
            stepOf("create", user, { new: userState({ userPrincipalName: UPN }) }),
        ],
        expected: [
            "tenant · segment · Joining group `O` (joins): 1 account created in this change",
            "contoso1 · account · Service account `sa-contoso1-sa1@abc.onmicrosoft.com` added",
        ],
    },
    {
        name: "six experts leaving, every one named, and seven lost with their group, five named",
        steps: [
            stepOf("update", expertsGroup, {
                old: groupState(expertsGroup, { displayName: "E", members: ["a", "b", "c", "d", "e", "f"] }),
                new: groupState(expertsGroup, { displayName: "E", members: [] }),
            }),
            stepOf(
                "delete",
                { ...expertsGroup, name: "experts-segment-2" },
                {
                    old: groupState(
                        expertsGroup,
                        { displayName: "E2", members: ["a", "b", "c", "d", "e", "f", "g"] },
                        "g-2",
                    ),
                },
            ),
        ],
        expected: [
            "experts · segment · Leaving experts' segment group `E` (leaves the experts' segment): `a` (an existing host-tenant user), `b` (an existing host-tenant user), `c` (an existing host-tenant user), `d` (an existing host-tenant user), `e` (an existing host-tenant user) and `f` (an existing host-tenant user)",
            "experts · segment · destructive · experts' segment group `E2` (object id `g-2`) is **deleted**: the experts' information-barrier segment matches nobody, so its members `a` (an existing host-tenant user), `b` (an existing host-tenant user), `c` (an existing host-tenant user), `d` (an existing host-tenant user), `e` (an existing host-tenant user) and 2 more fall out of it; a deleted Microsoft 365 group can be restored for 30 days",
        ],
    },
    // Guests.
    {
        name: "a guest invited",
        steps: [stepOf("create", invitation, { new: guest({ userEmailAddress: "carol@contoso1.com" }) })],
        expected: ["contoso1 · guest · Guest `carol@contoso1.com` invited"],
    },
    {
        name: "a guest imported",
        steps: [stepOf("import", invitation, { new: guest({ userEmailAddress: "carol@contoso1.com" }) })],
        expected: ["contoso1 · guest · Guest `carol@contoso1.com` invited"],
    },
    {
        name: "a guest removed, with their guest user's object id",
        steps: [stepOf("delete", invitation, { old: guest({ userEmailAddress: "carol@contoso1.com" }, "gu-1") })],
        expected: [
            "contoso1 · guest · destructive · guest `carol@contoso1.com` is **removed**: the guest user (object id `gu-1`) is deleted with their chats and team membership (offboarding)",
        ],
    },
    {
        name: "a guest re-invited at the same address",
        steps: [
            stepOf("replace", invitation, {
                old: guest({ userEmailAddress: "carol@contoso1.com", redirectUrl: "a" }, "gu-1"),
                new: guest({ userEmailAddress: "carol@contoso1.com", redirectUrl: "b" }),
            }),
        ],
        expected: [
            "contoso1 · guest · destructive · guest `carol@contoso1.com` is **re-invited** because `redirectUrl` changed: the guest user of `carol@contoso1.com` (object id `gu-1`) is deleted with their chats and team membership, and the same address is invited in their place as a new guest user (known after deployment)",
        ],
    },
    {
        name: "an invitation updated",
        steps: [
            stepOf("update", invitation, {
                old: guest({ userEmailAddress: "carol@contoso1.com", message: { body: "a" }, userDisplayName: "C" }),
                new: guest({
                    userEmailAddress: "carol@contoso1.com",
                    message: { body: "b" },
                    userDisplayName: "Carol",
                }),
            }),
        ],
        expected: [
            'contoso1 · guest · Invitation of guest `carol@contoso1.com` updated: `message` `{"body":"a"}` → `{"body":"b"}`; `userDisplayName` `C` → `Carol`',
        ],
    },
    {
        name: "a guest's team membership: create",
        steps: [
            stepOf("create", teamMember, { old: stateOf(teamMember, { a: 1 }), new: stateOf(teamMember, { a: 2 }) }),
        ],
        expected: ["contoso1 · team · Guest `carol@contoso1.com` joins the experts' Teams team"],
    },
    {
        name: "a guest's team membership: import",
        steps: [
            stepOf("import", teamMember, { old: stateOf(teamMember, { a: 1 }), new: stateOf(teamMember, { a: 2 }) }),
        ],
        expected: ["contoso1 · team · Guest `carol@contoso1.com` joins the experts' Teams team"],
    },
    {
        name: "a guest's team membership: delete",
        steps: [
            stepOf("delete", teamMember, { old: stateOf(teamMember, { a: 1 }), new: stateOf(teamMember, { a: 2 }) }),
        ],
        expected: ["contoso1 · team · Guest `carol@contoso1.com` leaves the experts' Teams team"],
    },
    {
        name: "a guest's team membership: update",
        steps: [
            stepOf("update", teamMember, { old: stateOf(teamMember, { a: 1 }), new: stateOf(teamMember, { a: 2 }) }),
        ],
        expected: ["contoso1 · team · Team membership of guest `carol@contoso1.com` is re-created because `a` changed"],
    },
    {
        name: "a guest's team membership: replace",
        steps: [
            stepOf("replace", teamMember, { old: stateOf(teamMember, { a: 1 }), new: stateOf(teamMember, { a: 2 }) }),
        ],
        expected: ["contoso1 · team · Team membership of guest `carol@contoso1.com` is re-created because `a` changed"],
    },
    {
        name: "a team membership of no known vendor",
        steps: [stepOf("create", { parents: PARENTS.none, type: TYPES.groupMember, name: "stray-team-member" })],
        expected: ["tenant · team · Guest `stray` joins the experts' Teams team"],
    },
    // License bundles.
    {
        name: "a license bundle assigned (create), with the plans it switches off",
        steps: [
            stepOf("create", assignment, {
                new: bundle([
                    { skuId: RA, disabledPlans: [] },
                    { skuId: KIOSK.toUpperCase(), disabledPlans: [KIOSK_MAILBOX.toUpperCase(), "x-plan"] },
                ]),
            }),
        ],
        expected: [
            "contoso1 · bundle · License bundle assigned to the license group: `MICROSOFT_REMOTE_ASSIST` and `EXCHANGEDESKLESS` (without `EXCHANGE_S_DESKLESS` and `x-plan`)",
        ],
    },
    {
        name: "a license bundle assigned (import), with the plans it switches off",
        steps: [
            stepOf("import", assignment, {
                new: bundle([
                    { skuId: RA, disabledPlans: [] },
                    { skuId: KIOSK.toUpperCase(), disabledPlans: [KIOSK_MAILBOX.toUpperCase(), "x-plan"] },
                ]),
            }),
        ],
        expected: [
            "contoso1 · bundle · License bundle assigned to the license group: `MICROSOFT_REMOTE_ASSIST` and `EXCHANGEDESKLESS` (without `EXCHANGE_S_DESKLESS` and `x-plan`)",
        ],
    },
    {
        name: "a license bundle removed from a license group whose members the digest lists",
        steps: [
            stepOf("delete", assignment, { old: bundle([{ skuId: RA, disabledPlans: [] }]) }),
            stepOf("update", licenseGroup, {
                old: groupState(licenseGroup, { displayName: "L", members: ["m1"] }, "g-1"),
                new: groupState(licenseGroup, { displayName: "L", members: ["m1"] }, "g-1"),
            }),
        ],
        expected: [
            "contoso1 · bundle · destructive · license bundle is **removed** from license group `L`: its members `m1` (not managed by this stack) lose `MICROSOFT_REMOTE_ASSIST`",
        ],
    },
    {
        name: "a license bundle removed from a group the digest names but another group's members",
        steps: [
            stepOf("delete", assignment, { old: bundle([{ skuId: RA, disabledPlans: [] }]) }),
            stepOf("same", licenseGroup, { old: groupState(licenseGroup, { displayName: "L" }, "g-1") }),
            stepOf(
                "same",
                { ...licenseGroup, name: "other-license-group" },
                { old: groupState(licenseGroup, { displayName: "M", members: ["m2"] }, "g-2") },
            ),
        ],
        expected: [
            "contoso1 · bundle · destructive · license bundle is **removed** from license group `L`: its members lose `MICROSOFT_REMOTE_ASSIST`",
        ],
    },
    {
        name: "a license bundle removed from a group the digest does not name",
        steps: [stepOf("delete", assignment, { old: bundle([{ skuId: RA, disabledPlans: [] }]) })],
        expected: [
            "contoso1 · bundle · destructive · license bundle is **removed** from the license group: its members lose `MICROSOFT_REMOTE_ASSIST`",
        ],
    },
    {
        name: "a license bundle gaining and losing SKUs and switching plans",
        steps: [
            stepOf("update", assignment, {
                old: bundle([
                    { skuId: RA, disabledPlans: [KIOSK_MAILBOX] },
                    { skuId: HOLOLENS, disabledPlans: [] },
                ]),
                new: bundle([
                    { skuId: RA, disabledPlans: [BARRIERS] },
                    { skuId: KIOSK, disabledPlans: [KIOSK_MAILBOX] },
                    { skuId: "99999999-0000-4000-8000-000000000000", disabledPlans: [] },
                ]),
            }),
        ],
        expected: [
            "contoso1 · bundle · License bundle changes: adds `EXCHANGEDESKLESS` (without `EXCHANGE_S_DESKLESS`) and `99999999-0000-4000-8000-000000000000`; removes `MICROSOFT_REMOTE_ASSIST_HOLOLENS`; for `MICROSOFT_REMOTE_ASSIST` switches off `INFORMATION_BARRIERS` and switches on `EXCHANGE_S_DESKLESS`",
        ],
    },
    {
        name: "a license assignment re-applied to another group",
        steps: [
            stepOf(
                "replace",
                assignment,
                {
                    old: bundle([{ skuId: RA, disabledPlans: [] }]),
                    new: bundle([{ skuId: RA, disabledPlans: [] }], "g-2"),
                },
                { replaceReasons: ["groupId"] },
            ),
        ],
        expected: [
            "contoso1 · bundle · License assignment of the license group is re-applied because `groupId` changed",
        ],
    },
    {
        name: "a license bundle read from entries that are not SKUs",
        steps: [
            stepOf("update", assignment, {
                old: bundle([null, 1, { skuId: 5 }, { skuId: RA, disabledPlans: "none" }]),
                new: bundle("not a list"),
            }),
        ],
        expected: ["contoso1 · bundle · License bundle changes: removes `MICROSOFT_REMOTE_ASSIST`"],
    },
    // The Teams barriers app, vendors, and types the summary does not know.
    {
        name: "the Teams barriers app's service principal: create",
        steps: [
            stepOf("create", servicePrincipal, {
                old: stateOf(servicePrincipal, { a: 1 }),
                new: stateOf(servicePrincipal, { a: 2 }),
            }),
        ],
        expected: [
            "tenant · other · Service principal of Microsoft's information-barriers app for Teams declared (adopted when the tenant has it); grant it admin consent once (README, Permissions and prerequisites)",
        ],
    },
    {
        name: "the Teams barriers app's service principal: import",
        steps: [
            stepOf("import", servicePrincipal, {
                old: stateOf(servicePrincipal, { a: 1 }),
                new: stateOf(servicePrincipal, { a: 2 }),
            }),
        ],
        expected: [
            "tenant · other · Service principal of Microsoft's information-barriers app for Teams declared (adopted when the tenant has it); grant it admin consent once (README, Permissions and prerequisites)",
        ],
    },
    {
        name: "the Teams barriers app's service principal: delete",
        steps: [
            stepOf("delete", servicePrincipal, {
                old: stateOf(servicePrincipal, { a: 1 }),
                new: stateOf(servicePrincipal, { a: 2 }),
            }),
        ],
        expected: [
            "tenant · other · Service principal of Microsoft's information-barriers app for Teams leaves the stack; it stays in the tenant (retainOnDelete)",
        ],
    },
    {
        name: "the Teams barriers app's service principal: update",
        steps: [
            stepOf("update", servicePrincipal, {
                old: stateOf(servicePrincipal, { a: 1 }),
                new: stateOf(servicePrincipal, { a: 2 }),
            }),
        ],
        expected: [],
    },
    {
        name: "the Teams barriers app's service principal: replace",
        steps: [
            stepOf("replace", servicePrincipal, {
                old: stateOf(servicePrincipal, { a: 1 }),
                new: stateOf(servicePrincipal, { a: 2 }),
            }),
        ],
        expected: [],
    },
    {
        name: "a vendor: create",
        steps: [
            stepOf("create", vendor, { old: { urn: "", type: TYPES.vendor }, new: { urn: "", type: TYPES.vendor } }),
        ],
        expected: ["contoso1 · vendor · New vendor in the stack"],
    },
    {
        name: "a vendor: import",
        steps: [
            stepOf("import", vendor, { old: { urn: "", type: TYPES.vendor }, new: { urn: "", type: TYPES.vendor } }),
        ],
        expected: ["contoso1 · vendor · New vendor in the stack"],
    },
    {
        name: "a vendor: delete",
        steps: [
            stepOf("delete", vendor, { old: { urn: "", type: TYPES.vendor }, new: { urn: "", type: TYPES.vendor } }),
        ],
        expected: [
            "contoso1 · vendor · destructive · vendor `contoso1` is **removed** from the stack: everything the stack made for it is deleted",
        ],
    },
    {
        name: "a vendor: update",
        steps: [
            stepOf("update", vendor, { old: { urn: "", type: TYPES.vendor }, new: { urn: "", type: TYPES.vendor } }),
        ],
        expected: [],
    },
    {
        name: "a vendor: replace",
        steps: [
            stepOf("replace", vendor, { old: { urn: "", type: TYPES.vendor }, new: { urn: "", type: TYPES.vendor } }),
        ],
        expected: [],
    },
    {
        name: "a resource of a type it does not know: create",
        steps: [stepOf("create", unit, { new: stateOf(unit, { a: 1 }) })],
        expected: ["tenant · other · `azuread:index/administrativeUnit:AdministrativeUnit` `ra-vendors` created"],
    },
    {
        name: "a resource of a type it does not know: import",
        steps: [stepOf("import", unit, { new: stateOf(unit, { a: 1 }) })],
        expected: ["tenant · other · `azuread:index/administrativeUnit:AdministrativeUnit` `ra-vendors` created"],
    },
    {
        name: "a resource of a type it does not know updated with nothing to name",
        steps: [stepOf("update", unit, { old: stateOf(unit, { a: 1 }), new: stateOf(unit, { a: 1 }) })],
        expected: ["tenant · other · `azuread:index/administrativeUnit:AdministrativeUnit` `ra-vendors` updated"],
    },
    {
        name: "a resource of a type it does not know deleted: its first four known text, number and true/false inputs",
        steps: [
            stepOf("delete", unit, {
                old: stateOf(unit, {
                    __defaults: "x",
                    a: "1",
                    b: 2,
                    c: true,
                    d: null,
                    e: { x: 1 },
                    f: "[secret]",
                    g: UNKNOWN_VALUE,
                    h: "h",
                    i: "i",
                }),
            }),
        ],
        expected: [
            "tenant · other · destructive · `azuread:index/administrativeUnit:AdministrativeUnit` `ra-vendors` is **deleted**: it had `a` `1`, `b` `2`, `c` `true`, `h` `h`",
        ],
    },
    {
        name: "a resource of a type it does not know deleted with nothing to name",
        steps: [stepOf("delete", unit, { old: stateOf(unit, {}, { id: UNKNOWN_VALUE }) })],
        expected: [
            "tenant · other · destructive · `azuread:index/administrativeUnit:AdministrativeUnit` `ra-vendors` is **deleted**",
        ],
    },
    {
        name: "a resource of a type it does not know replaced for no change it can name",
        steps: [
            stepOf("replace", unit, { old: stateOf(unit, { a: 1 }, { id: "[secret]" }), new: stateOf(unit, { a: 1 }) }),
        ],
        expected: [
            "tenant · other · destructive · `azuread:index/administrativeUnit:AdministrativeUnit` `ra-vendors` is **replaced** as the provider requires: it is deleted and re-created with a new id (known after deployment)",
        ],
    },
    {
        name: "a resource of a type it does not know replaced for the inputs that changed",
        steps: [
            stepOf("replace", unit, { old: stateOf(unit, { a: 1, b: "x" }), new: stateOf(unit, { a: 2, b: "y" }) }),
        ],
        expected: [
            "tenant · other · destructive · `azuread:index/administrativeUnit:AdministrativeUnit` `ra-vendors` is **replaced** because `a` changed (`1` → `2`), `b` changed (`x` → `y`): it is deleted and re-created with a new id (known after deployment)",
        ],
    },
    {
        name: "nothing for components, providers, the stack, steps that change nothing, and URNs it cannot read",
        steps: [
            stepOf("create", { parents: PARENTS.vendor, type: TYPES.serviceAccount, name: "contoso1-sa1" }),
            stepOf("create", { parents: PARENTS.none, type: "pulumi:providers:azuread", name: "default" }),
            stepOf("create", { parents: PARENTS.none, type: TYPES.stack, name: "remote-assist-tenancy-dev" }),
            stepOf("same", unit, { old: stateOf(unit, {}) }),
            stepOf("read", unit, { old: stateOf(unit, {}) }),
            stepOf("refresh", unit, { old: stateOf(unit, {}) }),
            { op: "create", urn: "not-a-urn" },
        ],
        expected: [],
    },
];

describe("every tenant change in words", () => {
    for (const c of CASES) {
        it(`tells ${c.name}`, () => {
            assert.deepEqual(changes(c.steps, c.vendors), c.expected);
        });
    }
});

describe("the order of a preview report", () => {
    it("lists a vendor's changes by kind: vendor, account, password, credential, guest, team, license, bundle, segment", () => {
        const steps = [
            stepOf("update", segmentGroup, {
                old: groupState(segmentGroup, { displayName: "S", members: [] }),
                new: groupState(segmentGroup, { displayName: "S", members: ["x1"] }),
            }),
            stepOf("create", assignment, { new: bundle([{ skuId: RA, disabledPlans: [] }]) }),
            stepOf("create", licenseGroup, { new: groupState(licenseGroup, { displayName: "L", members: [] }) }),
            stepOf("create", teamMember),
            stepOf("create", invitation, { new: guest({ userEmailAddress: "carol@contoso1.com" }) }),
            stepOf("create", credential, { new: secret({ vaultName: "kv", secretName: "s" }) }),
            stepOf("update", password, { old: keepers("1"), new: keepers("2") }),
            stepOf(
                "create",
                { ...user, name: "contoso1-sa2-user" },
                { new: userState({ userPrincipalName: "sa2@x" }) },
            ),
            stepOf("create", vendor),
        ];
        assert.deepEqual(section(previewReport(digestOf(steps, VENDORS)), "Contoso1 (`contoso1`)"), [
            "- New vendor in the stack",
            "- Service account `sa2@x` added",
            "- Password of service account `sa1` rotated (rotation `1` → `2`): hand the new one to its holder",
            "- Password of service account `sa1` stored in Key Vault `kv/s`",
            "- Guest `carol@contoso1.com` invited",
            "- Guest `carol@contoso1.com` joins the experts' Teams team",
            "- License group `L` created with 0 members",
            "- License bundle assigned to the license group: `MICROSOFT_REMOTE_ASSIST`",
            "- Joining segment group `S` (joins the vendor's information-barrier segment): `x1` (not managed by this stack)",
        ]);
    });

    it("lists vendors by name whatever its case, then the host's experts, then tenant-wide changes", () => {
        const vendors = [
            { id: "zulu", name: "alpha works" },
            { id: "alpha", name: "Zeta Corp" },
            { id: "mike", name: "Beta" },
        ];
        const steps = [
            stepOf("create", unit, { new: stateOf(unit, {}) }),
            stepOf("create", expertsGroup, { new: groupState(expertsGroup, { displayName: "E", members: [] }) }),
            ...["alpha", "mike", "zulu"].map((id) => stepOf("create", { ...vendor, name: id })),
        ];
        const headings = previewReport(digestOf(steps, vendors))
            .split("\n")
            .filter((l) => l.startsWith("#### "));
        assert.deepEqual(headings, [
            "#### alpha works (`zulu`)",
            "#### Beta (`mike`)",
            "#### Zeta Corp (`alpha`)",
            "#### The host tenant's experts",
            "#### Tenant-wide",
        ]);
    });

    it("calls out destructive changes in the same order: vendors by name, then kind", () => {
        const vendors = [
            { id: "zulu", name: "Alpha" },
            { id: "alpha", name: "Zeta" },
        ];
        const steps = [
            stepOf("delete", { ...unit }, { old: stateOf(unit, {}) }),
            stepOf("delete", { ...vendor, name: "alpha" }),
            stepOf(
                "delete",
                { ...invitation, name: "zulu-guest-g@z.com-invitation" },
                { old: guest({ userEmailAddress: "g@z.com" }) },
            ),
            stepOf("delete", { ...vendor, name: "zulu" }),
        ];
        assert.deepEqual(
            previewReport(digestOf(steps, vendors))
                .split("\n")
                .filter((l) => l.startsWith("> - ")),
            [
                "> - **Alpha (`zulu`)**: vendor `zulu` is **removed** from the stack: everything the stack made for it is deleted",
                "> - **Alpha (`zulu`)**: guest `g@z.com` is **removed**: the guest user is deleted with their chats and team membership (offboarding)",
                "> - **Zeta (`alpha`)**: vendor `alpha` is **removed** from the stack: everything the stack made for it is deleted",
                "> - **Tenant-wide**: `azuread:index/administrativeUnit:AdministrativeUnit` `ra-vendors` is **deleted**",
            ],
        );
    });
});
