/**
 * Which resources of a stack's state belong to one vendor, from `pulumi stack export`: the
 * descendants of the vendor's component (type `remote-assist-tenancy:vendor:Vendor`, named by the
 * vendor id), found by walking each resource's `parent` chain. Or those of the group of every
 * service account (`remote-assist-tenancy:barriers:ServiceAccountsGroup`), which belongs to no
 * vendor: the stack deletes it once no filter needs it (informationBarriers.internalSegment turned
 * off, the last vendor with service accounts removed). Only protected ones need unprotecting.
 */
import { guestResourceName } from "../naming";

/** Type token of a vendor's component. */
export const VENDOR_TYPE = "remote-assist-tenancy:vendor:Vendor";

/** Type token of the component of the group of every service account (`RA Service Accounts`). */
export const SERVICE_ACCOUNTS_GROUP_TYPE = "remote-assist-tenancy:barriers:ServiceAccountsGroup";

/** Type token of a service account's component. */
export const SERVICE_ACCOUNT_TYPE = "remote-assist-tenancy:vendor:ServiceAccount";

/** Type token of a guest's component. */
export const GUEST_TYPE = "remote-assist-tenancy:vendor:GuestInvitation";

/** Type token of a guest's membership of the experts' team, which suspension deletes. */
export const TEAM_MEMBERSHIP_TYPE = "azuread:index/groupMember:GroupMember";

/** A resource as `pulumi stack export` records it (the fields used here). */
export interface StateResource {
    readonly urn: string;
    readonly type: string;
    readonly parent?: string;
    readonly protect?: boolean;
}

/** What to select: one vendor's resources, or those of the group of every service account. */
export type Selection = VendorSelection | ServiceAccountsGroupSelection;

/** The resources of one vendor. */
export interface VendorSelection {
    readonly kind: "vendor";
    readonly vendorId: string;
    /** Only what suspending the vendor deletes: its guests' memberships of the experts' team. */
    readonly suspend: boolean;
    /** Only the resources of this one guest (an email, as in config). */
    readonly guest?: string;
}

/** The resources of `RA Service Accounts`, the group of every service account. */
export interface ServiceAccountsGroupSelection {
    readonly kind: "serviceAccountsGroup";
}

/** The name part of a URN: `urn:pulumi:dev::project::type::name` → `name`. */
export function urnName(urn: string): string {
    return urn.slice(urn.lastIndexOf("::") + 2);
}

/** The resources of a `pulumi stack export` document; throws when it is not one. */
export function stateResources(exported: unknown): StateResource[] {
    const resources = (exported as { deployment?: { resources?: unknown } } | null)?.deployment?.resources;
    if (!Array.isArray(resources)) {
        throw new Error("not the output of pulumi stack export: no deployment.resources");
    }
    return resources.filter(
        (r): r is StateResource =>
            typeof r === "object" && r !== null && typeof r.urn === "string" && typeof r.type === "string",
    );
}

/** The component a selection starts from, or a message saying what exists instead. */
function root(resources: readonly StateResource[], selection: Selection): StateResource | string {
    if (selection.kind === "serviceAccountsGroup") {
        return (
            resources.find((r) => r.type === SERVICE_ACCOUNTS_GROUP_TYPE) ??
            "no RA Service Accounts group in the stack's state; the stack makes it only while some vendor has service accounts and the internal segment is on or experts.segmentFilter is set"
        );
    }
    const vendors = resources.filter((r) => r.type === VENDOR_TYPE);
    const vendor = vendors.find((r) => urnName(r.urn) === selection.vendorId);
    if (!vendor) {
        const known = vendors.map((r) => urnName(r.urn));
        return `no vendor ${selection.vendorId} in the stack's state; vendors there: ${known.length ? known.join(", ") : "none"}`;
    }
    if (selection.guest === undefined) {
        return vendor;
    }
    const name = guestResourceName(selection.vendorId, selection.guest);
    const guest = resources.find((r) => r.type === GUEST_TYPE && r.parent === vendor.urn && urnName(r.urn) === name);
    return guest ?? `no guest ${selection.guest.toLowerCase()} of vendor ${selection.vendorId} in the stack's state`;
}

/**
 * The protected resources a selection covers, in state order, or a message saying why there is
 * nothing to select from.
 */
export function selectProtected(
    resources: readonly StateResource[],
    selection: Selection,
): { readonly urns: readonly string[] } | { readonly error: string } {
    const start = root(resources, selection);
    if (typeof start === "string") {
        return { error: start };
    }
    const inside = new Set([start.urn]);
    // State lists parents before children, so one pass collects every descendant.
    for (const r of resources) {
        if (r.parent !== undefined && inside.has(r.parent)) {
            inside.add(r.urn);
        }
    }
    const suspend = selection.kind === "vendor" && selection.suspend;
    const urns = resources
        .filter((r) => inside.has(r.urn) && r.protect === true)
        .filter((r) => !suspend || r.type === TEAM_MEMBERSHIP_TYPE)
        .map((r) => r.urn);
    return { urns };
}

/**
 * Whether removing this vendor also makes the stack delete `RA Service Accounts`: the state has the
 * group, and every service account in it is this vendor's, so no filter needs the group afterwards.
 */
export function lastVendorWithServiceAccounts(resources: readonly StateResource[], vendorId: string): boolean {
    const vendor = resources.find((r) => r.type === VENDOR_TYPE && urnName(r.urn) === vendorId);
    const accounts = resources.filter((r) => r.type === SERVICE_ACCOUNT_TYPE);
    return (
        vendor !== undefined &&
        resources.some((r) => r.type === SERVICE_ACCOUNTS_GROUP_TYPE) &&
        accounts.length > 0 &&
        accounts.every((r) => r.parent === vendor.urn)
    );
}
