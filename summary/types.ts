/**
 * The resource types and component types the stack registers, by what they mean in the tenant.
 * Kept in one place so the summary and its tests agree with `components/` on every token.
 */

/** Pulumi type tokens of the stack's resources. */
export const TYPES = {
    vendor: "remote-assist-tenancy:vendor:Vendor",
    serviceAccount: "remote-assist-tenancy:vendor:ServiceAccount",
    guestInvitation: "remote-assist-tenancy:vendor:GuestInvitation",
    licenseGroup: "remote-assist-tenancy:vendor:LicenseGroup",
    expertsSegment: "remote-assist-tenancy:experts:ExpertsSegment",
    serviceAccountsGroup: "remote-assist-tenancy:barriers:ServiceAccountsGroup",
    teamsBarriersApp: "remote-assist-tenancy:barriers:TeamsBarriersApp",
    user: "azuread:index/user:User",
    password: "random:index/randomPassword:RandomPassword",
    credential: "azure-native:keyvault:Secret",
    group: "azuread:index/group:Group",
    invitation: "azuread:index/invitation:Invitation",
    groupMember: "azuread:index/groupMember:GroupMember",
    servicePrincipal: "azuread:index/servicePrincipal:ServicePrincipal",
    /** A license group's group-based license assignment (`licensing/groupLicense.ts`), a dynamic resource. */
    licenseAssignment: "pulumi-nodejs:dynamic/remote-assist-tenancy:GroupLicense",
    stack: "pulumi:pulumi:Stack",
} as const;

/** Prefix of every type token the stack's own components use. */
export const COMPONENT_PREFIX = "remote-assist-tenancy:";

/** Prefix of provider resources, which say nothing about the tenant. */
export const PROVIDER_PREFIX = "pulumi:providers:";

/** The config key holding the vendors, as the digest's `config` map names it. */
export const VENDORS_CONFIG_KEY = "remote-assist-tenancy:vendors";
