import { strict as assert } from "node:assert";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { groupNotRoleAssignable } from "../../policy/rules/groupNotRoleAssignable";
import { groupPreventDuplicateNames } from "../../policy/rules/groupPreventDuplicateNames";
import { groupSecurityOnly } from "../../policy/rules/groupSecurityOnly";
import { invitationHttpsRedirect } from "../../policy/rules/invitationHttpsRedirect";
import { noDirectoryRoleGrant } from "../../policy/rules/noDirectoryRoleGrant";
import { userDepartment } from "../../policy/rules/userDepartment";
import { userForcePasswordChange } from "../../policy/rules/userForcePasswordChange";
import { userProtected } from "../../policy/rules/userProtected";
import { userUpnInHostTenant } from "../../policy/rules/userUpnInHostTenant";
import { userUsageLocation } from "../../policy/rules/userUsageLocation";
import { Candidate, validate } from "./harness";

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
            department: "Contoso1",
            employeeType: "Remote Assist service account",
            accountEnabled: true,
            forcePasswordChange: true,
            ...props,
        },
    };
}

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

function invitation(redirectUrl: unknown): Candidate {
    return {
        type: INVITATION,
        name: "contoso1-guest-carol@contoso1.com-invitation",
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
                'userPrincipalName "bob@contoso1.com" is in contoso1.com, not in the host tenant\'s domain abc.onmicrosoft.com; service accounts must be users of the host tenant (naming.serviceAccountUpn builds them from tenant.domain)',
            ],
        },
        {
            name: "a UPN in a look-alike domain that merely ends with the host's",
            candidate: user({ userPrincipalName: "sa-contoso1-sa1@evil-abc.onmicrosoft.com" }),
            violations: [
                'userPrincipalName "sa-contoso1-sa1@evil-abc.onmicrosoft.com" is in evil-abc.onmicrosoft.com, not in the host tenant\'s domain abc.onmicrosoft.com; service accounts must be users of the host tenant (naming.serviceAccountUpn builds them from tenant.domain)',
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
    ],
    group(),
);

table(
    userDepartment,
    [
        {
            name: "a user whose department is blank",
            candidate: user({ department: "  " }),
            violations: [
                'department "  " is empty; it must name the vendor\'s segment, or information barriers leave the account unsegmented',
            ],
        },
        {
            name: "a user without a department",
            candidate: user({ department: undefined }),
            violations: [
                "department undefined is empty; it must name the vendor's segment, or information barriers leave the account unsegmented",
            ],
        },
        { name: "a segment name with spaces", candidate: user({ department: "Field contractors" }), violations: [] },
    ],
    group(),
);

table(
    userProtected,
    [
        {
            name: "an unprotected user",
            candidate: user({}, false),
            violations: [
                "the user is not protected; deleting it deletes its mailbox, files and chats, so it must carry protect: true (offboard with `pulumi state unprotect`, see the README)",
            ],
        },
        { name: "a protected user", candidate: user({}, true), violations: [] },
    ],
    { ...group(), protect: false },
);

table(
    groupSecurityOnly,
    [
        {
            name: "a Microsoft 365 group",
            candidate: group({ securityEnabled: false, mailEnabled: true, types: ["Unified"] }),
            violations: [
                "securityEnabled is false; license and segment groups must be security groups",
                "mailEnabled is true; a mail-enabled group can receive mail from outside the tenant",
                'types includes "Unified": a Microsoft 365 group brings a mailbox, a site and self-service joining',
            ],
        },
        {
            name: "a mail-enabled security group",
            candidate: group({ mailEnabled: true }),
            violations: ["mailEnabled is true; a mail-enabled group can receive mail from outside the tenant"],
        },
        {
            name: "a security group with dynamic membership",
            candidate: group({ types: ["DynamicMembership"] }),
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
