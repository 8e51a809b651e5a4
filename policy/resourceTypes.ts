/** Type tokens the guardrails apply to (`@pulumi/azuread` 6.x). */

/** An Entra ID user; every user the stack creates is a leased service account. */
export const USER = "azuread:index/user:User";

/** Entra ID groups, with or without authoritative membership. */
export const GROUPS = ["azuread:index/group:Group", "azuread:index/groupWithoutMembers:GroupWithoutMembers"] as const;

/** A B2B invitation, which creates a guest user. */
export const INVITATION = "azuread:index/invitation:Invitation";

/**
 * Resources that give a principal a directory role: a role assignment (tenant-wide or scoped), the
 * legacy role membership, a PIM eligibility request and a role scoped to an administrative unit.
 */
export const DIRECTORY_ROLE_GRANTS = [
    "azuread:index/directoryRoleAssignment:DirectoryRoleAssignment",
    "azuread:index/directoryRoleMember:DirectoryRoleMember",
    "azuread:index/directoryRoleEligibilityScheduleRequest:DirectoryRoleEligibilityScheduleRequest",
    "azuread:index/administrativeUnitRoleMember:AdministrativeUnitRoleMember",
] as const;

/** A group membership (a guest in the experts' team). */
export const GROUP_MEMBER = "azuread:index/groupMember:GroupMember";

/** A license group's license assignment, the stack's dynamic resource (`licensing/groupLicense.ts`). */
export const GROUP_LICENSE = "pulumi-nodejs:dynamic/remote-assist-tenancy:GroupLicense";

/** A Key Vault secret (a stored service-account password). */
export const KEY_VAULT_SECRET = "azure-native:keyvault:Secret";
