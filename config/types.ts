/**
 * The validated, normalised stack config: what `validateConfig` returns and what the
 * components are built from. Defaults are already applied; every name here is final.
 */

/** The Pulumi config namespace every key lives under (`remote-assist-tenancy:vendors`). */
export const CONFIG_NAMESPACE = "remote-assist-tenancy";

/** Lifecycle state of a vendor. */
export type VendorState = "active" | "suspended";

/** Teams external-access (federation) mode of the host tenant. */
export type FederationMode = "open" | "allowList" | "blockList" | "disabled";

/**
 * How the Teams federation domain list is applied: `merge` adds the stack's domains and takes off
 * only the stack's own domains that must leave the mode's list (in allowList mode its suspended
 * vendors' domains, from the allowed list; in open and blockList modes its active vendors' domains,
 * from the blocked list), leaving every other domain on the tenant's list alone; `replace` makes
 * the list exactly the stack's, for a tenant whose list belongs to this stack alone.
 */
export type FederationManagement = "merge" | "replace";

/** The host tenant ("Tenant ABC"). */
export interface TenantConfig {
    /** Verified domain of the host tenant; service-account UPNs use it. */
    readonly domain: string;
    /**
     * Every domain of the host tenant its users sign in with: `domain` first, then the
     * `tenant.domains` config lists. Sibling stacks allow these in Teams federation.
     */
    readonly domains: readonly string[];
    /** ISO 3166-1 alpha-2 country every service account gets unless it overrides it. */
    readonly usageLocation: string;
    /** Name shown to invited guests; defaults to `domain`. */
    readonly name: string;
}

/** One SKU of a license bundle, resolved to its skuId. */
export interface LicenseSku {
    /** The SKU as written in config (a GUID or a part number). */
    readonly sku: string;
    /** The skuId GUID, lower-case. */
    readonly skuId: string;
    /** Service-plan GUIDs switched off for this SKU, lower-case. */
    readonly disabledPlans: readonly string[];
}

/** A named license bundle that vendors reference. */
export interface LicenseBundle {
    /** The bundle's key under `licenses`. */
    readonly name: string;
    /** SKUs assigned together. */
    readonly skus: readonly LicenseSku[];
    /** Purchased seats, when known. */
    readonly seats?: number;
}

/** The host tenant's own experts. */
export interface ExpertsConfig {
    /** Information-barrier segment of the experts. */
    readonly segment: string;
    /** OPATH filter for the experts' segment; when absent it is membership of the experts' segment group. */
    readonly segmentFilter?: string;
    /** Object id of the Microsoft 365 group behind the experts' Teams team; guests join it. */
    readonly team?: string;
    /** UPNs of existing internal experts (looked up, never created). */
    readonly members: readonly string[];
}

/** Teams federation (external access) settings. */
export interface FederationConfig {
    readonly mode: FederationMode;
    readonly management: FederationManagement;
    /** Domains blocked in `blockList` mode. */
    readonly blockedDomains: readonly string[];
    /** Domains allowed in addition to active vendors' domains in `allowList` mode. */
    readonly extraAllowedDomains: readonly string[];
    /** Sibling stacks (`organization/remote-assist-tenancy/<stack>`) whose domains are allowed. */
    readonly peerStacks: readonly string[];
}

/** Information barriers in the host tenant (Microsoft Purview). */
export interface InformationBarriersConfig {
    /** Whether the tenant enabled information barriers before 2023-02-15 (legacy mode: 250 segments). */
    readonly legacy: boolean;
    /** Name of the catch-all segment of every other internal user; absent when turned off. */
    readonly internalSegment?: string;
    /** Whether the stack declares the service principal of Microsoft's information-barriers app for Teams. */
    readonly teamsServicePrincipal: boolean;
}

/** An existing Key Vault that receives the service accounts' passwords. */
export interface CredentialVault {
    readonly resourceGroupName: string;
    readonly vaultName: string;
}

/** A service account created in the host tenant and handed to a vendor's user. */
export interface ServiceAccountConfig {
    /** Slug unique within the vendor. */
    readonly id: string;
    /** Email of the person the credential is handed to (recorded, never a sign-in name). */
    readonly holder: string;
    /** Usage location, override or the tenant default. */
    readonly usageLocation: string;
    /** Changing this value issues a new password. */
    readonly rotation?: string;
    /** Display name in the directory; defaults from the vendor name and account id. */
    readonly displayName?: string;
    /** Set when the account already exists in the tenant and is adopted as it is (`npm run adopt`). */
    readonly existing?: ExistingServiceAccount;
}

/**
 * A service account that existed before the stack: it keeps its sign-in name, mail nickname,
 * password, company name and every attribute the stack does not set (README, Adopting an
 * existing tenant).
 */
export interface ExistingServiceAccount {
    /** Its UPN exactly as the tenant has it (case included); in one of `tenant.domains`. */
    readonly userPrincipalName: string;
    /** Its mail nickname exactly as the tenant has it; defaults to the UPN's local part. */
    readonly mailNickname: string;
}

/** An external user invited as a B2B guest. */
export interface GuestConfig {
    /** Email address the invitation goes to, lower-case. */
    readonly email: string;
    /** Display name of the guest. */
    readonly name: string;
    /** https URL the guest lands on after redeeming. */
    readonly redirectUrl: string;
    /**
     * Set when the guest user already exists in the tenant: it is adopted by its object id and never
     * invited by the stack (azuread's Invitation cannot be imported, and deleting one deletes the guest).
     */
    readonly existing?: { readonly userId: string };
}

/** A license group that existed before the stack, adopted with its id and names as they are. */
export interface ExistingLicenseGroup {
    /** The group's object id. */
    readonly id: string;
    /** Its display name as the tenant has it (instead of `RA License - <vendor name>`). */
    readonly displayName: string;
    /** Its mail nickname as the tenant has it; azuread replaces a group whose nickname changes. */
    readonly mailNickname: string;
}

/** A vendor, contractor or partner tenant. */
export interface VendorConfig {
    /** Stable lowercase slug; resource names and UPNs derive from it. */
    readonly id: string;
    /** Display name. */
    readonly name: string;
    /** The vendor tenant's domains (federation entries), lower-case. */
    readonly domains: readonly string[];
    /** License bundle name for the vendor's service accounts. */
    readonly license?: string;
    /** Information-barrier segment (defaults to `name`). */
    readonly segment: string;
    /**
     * Segments this vendor's service accounts may talk to, as config lists them (default
     * `[experts.segment]`). An active vendor's policy allows its own segment and the experts' whether
     * listed or not, and of the other vendors' segments only those of active vendors with service
     * accounts; a suspended vendor's allows only its own (`barriers/design.ts`, README, Information
     * barriers design).
     */
    readonly canTalkTo: readonly string[];
    readonly state: VendorState;
    readonly serviceAccounts: readonly ServiceAccountConfig[];
    readonly guests: readonly GuestConfig[];
    /** Objects of the vendor that already exist in the tenant and are adopted as they are. */
    readonly existing?: { readonly licenseGroup?: ExistingLicenseGroup };
}

/** The whole validated stack config. */
export interface StackConfig {
    readonly tenant: TenantConfig;
    readonly licenses: Readonly<Record<string, LicenseBundle>>;
    readonly experts: ExpertsConfig;
    readonly federation: FederationConfig;
    readonly informationBarriers: InformationBarriersConfig;
    readonly credentials?: CredentialVault;
    /** Microsoft Graph endpoint (national clouds differ). */
    readonly graphEndpoint: string;
    readonly vendors: readonly VendorConfig[];
}
