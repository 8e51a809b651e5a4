import { strict as assert } from "node:assert";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { deleteProtected } from "../../policy/rules/deleteProtected";
import { groupKindByRole } from "../../policy/rules/groupKindByRole";
import { groupNotRoleAssignable } from "../../policy/rules/groupNotRoleAssignable";
import { groupPreventDuplicateNames } from "../../policy/rules/groupPreventDuplicateNames";
import { invitationHttpsRedirect } from "../../policy/rules/invitationHttpsRedirect";
import { noDirectoryRoleGrant } from "../../policy/rules/noDirectoryRoleGrant";
import { userForcePasswordChange } from "../../policy/rules/userForcePasswordChange";
import { userUpnInHostTenant } from "../../policy/rules/userUpnInHostTenant";
import { userUsageLocation } from "../../policy/rules/userUsageLocation";
import { Candidate, UNKNOWN, validate } from "./harness";

const USER = "azuread:index/user:User";
const GROUP = "azuread:index/group:Group";
const INVITATION = "azuread:index/invitation:Invitation";
const DOMAIN = { domain: "abc.onmicrosoft.com" };

/** A service account as components/serviceAccount.ts registers it. */
function user(props: Record<string, unknown> = {}, protect = true): Candidate {
    return {
        type: USER,
        name: "contoso1-sa1-user",
        protect,
        config: DOMAIN,
        props: {
            userPrincipalName: "sa-contoso1-sa1@abc.onmicrosoft.com",
            mailNickname: "sa-contoso1-sa1",
            displayName: "Contoso1 Remote Assist (sa1)",
            usageLocation: "DE",
            companyName: "Contoso1",
            employeeType: "Remote Assist service account",
            accountEnabled: true,
            password: "a generated password",
            forcePasswordChange: true,
            ...props,
        },
    };
}

/** The URN of a vendor's license group, as the engine makes it, with the parents' types. */
const ADOPTED_LICENSE_GROUP_URN =
    "urn:pulumi:dev::remote-assist-tenancy::remote-assist-tenancy:vendor:Vendor$remote-assist-tenancy:vendor:LicenseGroup$azuread:index/group:Group::contoso1-license-group";

/** A security group as components/securityGroup.ts registers it. */
function group(props: Record<string, unknown> = {}): Candidate {
    return {
        type: GROUP,
        name: "contoso1-license-group",
        protect: true,
        props: {
            displayName: "RA License - Contoso1",
            mailNickname: "ra-license-contoso1",
            securityEnabled: true,
            mailEnabled: false,
            assignableToRole: false,
            preventDuplicateNames: true,
            members: [],
            ...props,
        },
    };
}

/** A segment group as components/segmentGroup.ts registers it. */
function segmentGroup(props: Record<string, unknown> = {}): Candidate {
    return group({
        displayName: "RA Segment - Contoso1",
        mailNickname: "ra-segment-contoso1",
        types: ["Unified"],
        mailEnabled: true,
        securityEnabled: true,
        visibility: "Private",
        ...props,
    });
}

function invitation(redirectUrl: unknown, protect = true): Candidate {
    return {
        type: INVITATION,
        name: "contoso1-guest-carol@contoso1.com-invitation",
        protect,
        props: { userEmailAddress: "carol@contoso1.com", userDisplayName: "Carol Ng", redirectUrl },
    };
}

interface Case {
    readonly name: string;
    readonly candidate: Candidate;
    /** Exact violations expected; [] for a compliant near-miss. */
    readonly violations: readonly string[];
}

function table(policy: ResourceValidationPolicy, cases: readonly Case[], notApplicableTo: Candidate): void {
    describe(`policy ${policy.name}`, () => {
        it("is mandatory", () => {
            assert.equal(policy.enforcementLevel, "mandatory");
        });
        for (const c of cases) {
            it(c.violations.length ? `rejects ${c.name}` : `accepts ${c.name}`, async () => {
                const outcome = await validate(policy, c.candidate);
                assert.deepEqual(outcome, { violations: c.violations });
            });
        }
        it(`does not apply to ${notApplicableTo.type}`, async () => {
            const outcome = await validate(policy, notApplicableTo);
            assert.deepEqual(outcome.violations, []);
            assert.ok(outcome.notApplicable, "expected the policy to declare itself not applicable");
        });
    });
}

table(
    userUpnInHostTenant,
    [
        {
            name: "a UPN in a vendor's domain",
            candidate: user({ userPrincipalName: "bob@contoso1.com" }),
            violations: [
                "userPrincipalName \"bob@contoso1.com\" is in contoso1.com, not in the host tenant's domains abc.onmicrosoft.com; service accounts must be users of the host tenant (naming.serviceAccountUpn builds them from tenant.domain; an adopted account's domain must be in tenant.domains)",
            ],
        },
        {
            name: "a UPN in a look-alike domain that merely ends with the host's",
            candidate: user({ userPrincipalName: "sa-contoso1-sa1@evil-abc.onmicrosoft.com" }),
            violations: [
                "userPrincipalName \"sa-contoso1-sa1@evil-abc.onmicrosoft.com\" is in evil-abc.onmicrosoft.com, not in the host tenant's domains abc.onmicrosoft.com; service accounts must be users of the host tenant (naming.serviceAccountUpn builds them from tenant.domain; an adopted account's domain must be in tenant.domains)",
            ],
        },
        {
            name: "a user when the configured domain is blanks, which the config schema lets through",
            candidate: { ...user(), config: { domain: "   " } },
            violations: [
                'no host tenant domain is configured: pass --policy-pack-config with {"user-upn-in-host-tenant": {"domain": "<tenant.domain>"}}',
            ],
        },
        {
            name: "a host-tenant UPN written in capitals",
            candidate: user({ userPrincipalName: "SA-CONTOSO1-SA1@ABC.ONMICROSOFT.COM" }),
            violations: [],
        },
        {
            name: "an adopted account's UPN in another of the host tenant's domains, listed in domains",
            candidate: { ...user({ userPrincipalName: "SA1@abc.com" }), config: { ...DOMAIN, domains: ["ABC.com"] } },
            violations: [],
        },
        {
            name: "an adopted account's UPN in a host domain the config does not list",
            candidate: { ...user({ userPrincipalName: "SA1@abc.com" }), config: { ...DOMAIN, domains: ["abc.de"] } },
            violations: [
                "userPrincipalName \"SA1@abc.com\" is in abc.com, not in the host tenant's domains abc.onmicrosoft.com, abc.de; service accounts must be users of the host tenant (naming.serviceAccountUpn builds them from tenant.domain; an adopted account's domain must be in tenant.domains)",
            ],
        },
    ],
    group(),
);

table(
    userUsageLocation,
    [
        {
            name: "a user without a usage location",
            candidate: user({ usageLocation: undefined }),
            violations: [
                "usageLocation undefined is not a two-letter country code; Microsoft 365 refuses to license a user without one",
            ],
        },
        {
            name: "a country name instead of a code",
            candidate: user({ usageLocation: "Germany" }),
            violations: [
                'usageLocation "Germany" is not a two-letter country code; Microsoft 365 refuses to license a user without one',
            ],
        },
        { name: "a two-letter code", candidate: user({ usageLocation: "US" }), violations: [] },
    ],
    invitation("https://teams.microsoft.com"),
);

table(
    userForcePasswordChange,
    [
        {
            name: "a user that keeps the generated password",
            candidate: user({ forcePasswordChange: false }),
            violations: [
                "forcePasswordChange is false; it must be true so the holder replaces the password the stack generated and stored",
            ],
        },
        {
            name: "a user that does not say",
            candidate: user({ forcePasswordChange: undefined }),
            violations: [
                "forcePasswordChange is undefined; it must be true so the holder replaces the password the stack generated and stored",
            ],
        },
        { name: "a user that must change it", candidate: user(), violations: [] },
        {
            name: "an adopted account that keeps its own password (no password, nothing to change)",
            candidate: user({ password: undefined, forcePasswordChange: undefined }),
            violations: [],
        },
    ],
    group(),
);

describe("policy user-force-password-change in a preview, with the password not generated yet", () => {
    it("reports a new or rotated account that keeps the generated password", async () => {
        assert.deepEqual(
            await validate(userForcePasswordChange, user({ password: UNKNOWN, forcePasswordChange: false })),
            {
                violations: [
                    "forcePasswordChange is false; it must be true so the holder replaces the password the stack generated and stored",
                ],
            },
        );
    });

    it("passes a new or rotated account that must change it", async () => {
        assert.deepEqual(await validate(userForcePasswordChange, user({ password: UNKNOWN })), { violations: [] });
    });
});

table(
    deleteProtected,
    [
        {
            name: "an unprotected user",
            candidate: user({}, false),
            violations: [
                "the resource is not protected; deleting it deletes the service account with its mailbox, files and chats, so it must carry protect: true (offboard with npm run unprotect, see the README)",
            ],
        },
        {
            name: "an unprotected invitation",
            candidate: invitation("https://teams.microsoft.com", false),
            violations: [
                "the resource is not protected; deleting it deletes the guest user with their chats, so it must carry protect: true (offboard with npm run unprotect, see the README)",
            ],
        },
        {
            name: "an unprotected team membership",
            candidate: {
                type: "azuread:index/groupMember:GroupMember",
                props: { groupObjectId: "g", memberObjectId: "m" },
                protect: false,
            },
            violations: [
                "the resource is not protected; deleting it takes the guest out of the experts' team, so it must carry protect: true (offboard with npm run unprotect, see the README)",
            ],
        },
        {
            name: "an unprotected license assignment",
            candidate: {
                type: "pulumi-nodejs:dynamic/remote-assist-tenancy:GroupLicense",
                props: { groupId: "g", licenses: [] },
                protect: false,
            },
            violations: [
                "the resource is not protected; deleting it takes the bundle's licenses from every member of the license group, so it must carry protect: true (offboard with npm run unprotect, see the README)",
            ],
        },
        {
            name: "an unprotected stored credential",
            candidate: { type: "azure-native:keyvault:Secret", props: {}, protect: false },
            violations: [
                "the resource is not protected; deleting it loses the stored credential, so it must carry protect: true (offboard with npm run unprotect, see the README)",
            ],
        },
        {
            name: "an unprotected group",
            candidate: { ...segmentGroup(), protect: false },
            violations: [
                "the resource is not protected; deleting it deletes the group, and with it a segment or the licenses of its members, so it must carry protect: true (offboard with npm run unprotect, see the README)",
            ],
        },
        { name: "a protected user", candidate: user({}, true), violations: [] },
        { name: "a protected invitation", candidate: invitation("https://teams.microsoft.com"), violations: [] },
    ],
    // Near-miss: a password resource loses nothing in the tenant when it goes.
    { type: "random:index/randomPassword:RandomPassword", props: {}, protect: false },
);

table(
    groupKindByRole,
    [
        {
            name: "a license group that is a Microsoft 365 group",
            candidate: group({ mailEnabled: true, types: ["Unified"] }),
            violations: [
                "a license group must not be a Microsoft 365 group: it would bring a mailbox, a site and self-service joining",
            ],
        },
        {
            name: "a license group that is not security-enabled",
            candidate: group({ securityEnabled: false }),
            violations: ["securityEnabled is false; a license group must be a security group"],
        },
        {
            name: "a segment group that is a security group, which Purview treats as a non-IB group",
            candidate: segmentGroup({ types: undefined, mailEnabled: false }),
            violations: [
                'a segment group must be a mail-enabled Microsoft 365 group (types ["Unified"], mailEnabled true): Purview treats security groups as non-IB groups, so MemberOf of one matches nobody',
            ],
        },
        {
            name: "a public segment group anyone could join",
            candidate: segmentGroup({ visibility: "Public" }),
            violations: [
                'visibility is "Public"; a segment group must be Private, since anyone may join a Public Microsoft 365 group and so its segment',
            ],
        },
        {
            name: "the experts' segment group without security",
            candidate: segmentGroup({ mailNickname: "ra-experts-segment", securityEnabled: false }),
            violations: ["securityEnabled is false; a segment group must be security-enabled"],
        },
        {
            name: "a group the stack never names",
            candidate: group({ mailNickname: "all-staff" }),
            violations: [
                'mailNickname "all-staff" names no group of this stack (ra-license-…, ra-segment-…, ra-experts-segment, ra-service-accounts); create groups through naming.ts and the components',
            ],
        },
        { name: "a license security group", candidate: group(), violations: [] },
        {
            name: "a license group adopted from the tenant with its own nickname, under a vendor's LicenseGroup",
            candidate: { ...group({ mailNickname: "RemoteAssistContoso1" }), urn: ADOPTED_LICENSE_GROUP_URN },
            violations: [],
        },
        {
            name: "a Microsoft 365 group under a vendor's LicenseGroup, whatever its nickname",
            candidate: {
                ...group({ mailNickname: "RemoteAssistContoso1", mailEnabled: true, types: ["Unified"] }),
                urn: ADOPTED_LICENSE_GROUP_URN,
            },
            violations: [
                "a license group must not be a Microsoft 365 group: it would bring a mailbox, a site and self-service joining",
            ],
        },
        {
            name: "the service accounts' private Microsoft 365 group",
            candidate: segmentGroup({ mailNickname: "ra-service-accounts" }),
            violations: [],
        },
    ],
    user(),
);

table(
    groupNotRoleAssignable,
    [
        {
            name: "a role-assignable group",
            candidate: group({ assignableToRole: true }),
            violations: [
                "assignableToRole is true; a role-assignable group can carry directory roles to the vendor accounts and guests in it",
            ],
        },
        {
            name: "a group that does not set assignableToRole",
            candidate: group({ assignableToRole: undefined }),
            violations: [],
        },
    ],
    user(),
);

table(
    groupPreventDuplicateNames,
    [
        {
            name: "a group that allows a duplicate display name",
            candidate: group({ preventDuplicateNames: undefined }),
            violations: [
                'preventDuplicateNames is undefined; it must be true, or a second "RA License - ..." group with the same name can appear and be licensed by mistake',
            ],
        },
        {
            name: "a group without members that prevents duplicates",
            candidate: { ...group(), type: "azuread:index/groupWithoutMembers:GroupWithoutMembers" },
            violations: [],
        },
    ],
    invitation("https://teams.microsoft.com"),
);

table(
    invitationHttpsRedirect,
    [
        {
            name: "an http redirect",
            candidate: invitation("http://teams.microsoft.com"),
            violations: [
                'redirectUrl "http://teams.microsoft.com" is not an https URL; use e.g. https://teams.microsoft.com',
            ],
        },
        {
            name: "a redirect that is not a URL",
            candidate: invitation("teams.microsoft.com"),
            violations: ['redirectUrl "teams.microsoft.com" is not an https URL; use e.g. https://teams.microsoft.com'],
        },
        {
            name: "an https redirect with a path",
            candidate: invitation("HTTPS://teams.microsoft.com/l/team/x"),
            violations: [],
        },
    ],
    user(),
);

table(
    noDirectoryRoleGrant,
    [
        {
            name: "a directory role assignment",
            candidate: {
                type: "azuread:index/directoryRoleAssignment:DirectoryRoleAssignment",
                props: { roleId: "62e90394-69f5-4237-9190-012177145e10", principalObjectId: "x" },
            },
            violations: [
                "azuread:index/directoryRoleAssignment:DirectoryRoleAssignment grants a directory role; this stack must not create directory role assignments",
            ],
        },
        {
            name: "a role scoped to an administrative unit",
            candidate: { type: "azuread:index/administrativeUnitRoleMember:AdministrativeUnitRoleMember", props: {} },
            violations: [
                "azuread:index/administrativeUnitRoleMember:AdministrativeUnitRoleMember grants a directory role; this stack must not create directory role assignments",
            ],
        },
    ],
    // Near-miss: activating a directory role grants it to nobody.
    { type: "azuread:index/directoryRole:DirectoryRole", props: { displayName: "Helpdesk Administrator" } },
);

describe("policy no-directory-role-assignment", () => {
    it("lets a guest join a group, which grants no role", async () => {
        const outcome = await validate(noDirectoryRoleGrant, {
            type: "azuread:index/groupMember:GroupMember",
            props: { groupObjectId: "g", memberObjectId: "m" },
        });
        assert.deepEqual(outcome, {
            violations: [],
            notApplicable: "applies to resources that grant directory roles only",
        });
    });
});
