/**
 * A vendor's license: the bundle its accounts keep, and the group licensing them that can be
 * adopted as the vendor's license group as it is. Its accounts' license groups give the bundle (the
 * adopted one's, else the first's); accounts licensed only directly give the SKUs they all hold, a
 * guess, since the stack assigns those to a new group. In a tenant without Remote Assist, accounts
 * that share no SKU the stack knows have no license to keep: {@link licenseKnown} says so before
 * their entries are written, and settling the vendors leaves them out.
 */
import type { ConfigPath } from "../config/problems";
import { knownSkuById } from "../licensing/skuCatalogue";
import type { AssignedLicense, DirectoryGroup, DirectoryUser, TenantSnapshot } from "../tenant/model";
import { guestEmail } from "../tenant/read";
import type { Bundles } from "./bundles";
import type { Remarks } from "./remarks";
import type { TenantFacts } from "./tenantFacts";
import type { Vendor } from "./vendors";

/** What deciding a vendor's license reads and adds to. */
export interface LicenseContext {
    readonly facts: TenantFacts;
    readonly bundles: Bundles;
    readonly remarks: Remarks;
    /** Every vendor kept, to say whose a group's other members are. */
    readonly vendors: readonly Vendor[];
}

/** A vendor's license as config gets it. */
export interface VendorLicense {
    /** The bundle's name, for `vendors[].license`. */
    readonly bundle: string;
    /** The group adopted as the vendor's license group, if one is exactly the vendor's. */
    readonly adopted?: DirectoryGroup;
}

/**
 * Whether the vendor's service accounts have a license to keep: a group gives them Remote Assist,
 * or {@link directlyHeld} finds SKUs for them.
 */
export function licenseKnown(facts: TenantFacts, vendor: Vendor): boolean {
    return licensingGroups(facts, vendor).length > 0 || directlyHeld(facts, vendor).length > 0;
}

/** The SKUs of those the stack knows (Remote Assist, and the catalogue's) that a user holds directly. */
export function knownHeld(facts: TenantFacts, user: DirectoryUser): AssignedLicense[] {
    return user.assignedLicenses.filter((l) => facts.ra.has(l.skuId) || knownSkuById(l.skuId) !== undefined);
}

/**
 * The license of a vendor with service accounts, at `path` in the config: see the module comment;
 * undefined when {@link licenseKnown} finds none, which settling the vendors never lets through. A
 * group that cannot be adopted is said, with why: see {@link licenseGroupProblem}.
 */
export function vendorLicense(ctx: LicenseContext, vendor: Vendor, path: ConfigPath): VendorLicense | undefined {
    const groups = licensingGroups(ctx.facts, vendor);
    const adopted = adoptableGroup(ctx, { vendor, groups, path });
    const source = adopted ?? groups[0];
    if (source) {
        const origin = `${vendor.name}'s license group ${JSON.stringify(source.displayName)}${adopted ? " (adopted)" : " (not adopted)"}`;
        return { bundle: ctx.bundles.nameFor(source.assignedLicenses, origin), ...(adopted ? { adopted } : {}) };
    }
    const held = directlyHeld(ctx.facts, vendor);
    if (held.length === 0) {
        return undefined;
    }
    const bundle = ctx.bundles.nameFor(held, `what ${vendor.name}'s service accounts hold directly`);
    ctx.remarks.guess(
        [...path, "license"],
        "the SKUs its service accounts hold directly; the stack assigns them to a new license group (npm run audit then reports the direct assignments to remove)",
    );
    return { bundle };
}

/** The groups a vendor's accounts inherit Remote Assist from, in the order first met. */
function licensingGroups(facts: TenantFacts, vendor: Vendor): DirectoryGroup[] {
    const groupIds = new Set(
        vendor.accounts.flatMap((a) =>
            a.user.licenseAssignmentStates
                .filter((s) => facts.ra.has(s.skuId) && s.assignedByGroup !== null)
                .map((s) => s.assignedByGroup as string),
        ),
    );
    return [...groupIds].flatMap((id) => facts.snapshot.groups.filter((g) => g.id === id));
}

/**
 * The first of `groups` that can be adopted; each other one is noted at `path` with why, one that
 * fits as well included (a vendor has one license group).
 */
function adoptableGroup(
    ctx: LicenseContext,
    {
        vendor,
        groups,
        path,
    }: { readonly vendor: Vendor; readonly groups: readonly DirectoryGroup[]; readonly path: ConfigPath },
): DirectoryGroup | undefined {
    const accountIds = new Set(vendor.accounts.map((a) => a.user.id));
    let adopted: DirectoryGroup | undefined;
    for (const group of groups) {
        const problem =
            licenseGroupProblem({
                group,
                accountIds,
                active: vendor.state !== "suspended",
                snapshot: ctx.facts.snapshot,
                vendors: ctx.vendors,
            }) ??
            (adopted === undefined
                ? undefined
                : `the vendor has one license group, and ${JSON.stringify(adopted.displayName)} (${adopted.id}), which fits as well, is adopted`);
        if (problem === undefined) {
            adopted = group;
        } else {
            ctx.remarks.note(
                path,
                `license group ${JSON.stringify(group.displayName)} (${group.id}) is not adopted: ${problem}; it stays as it is, outside the stack`,
                { before: true },
            );
        }
    }
    return adopted;
}

/**
 * The SKUs every account of the vendor holds directly, of those this stack knows (see
 * {@link knownHeld}); when they share none, the tenant's first Remote Assist SKU alone; none when
 * the tenant has no Remote Assist either.
 */
function directlyHeld(facts: TenantFacts, vendor: Vendor): readonly AssignedLicense[] {
    const [first = [], ...rest] = vendor.accounts.map((a) => knownHeld(facts, a.user));
    const common = first.filter((l) => rest.every((h) => h.some((m) => m.skuId === l.skuId)));
    const [ra] = facts.ra;
    return common.length > 0 || ra === undefined ? common : [{ skuId: ra, disabledPlans: [] }];
}

/** A group licensing a vendor's accounts, and what tells whether it can be that vendor's license group. */
interface LicenseGroupCandidate {
    readonly group: DirectoryGroup;
    /** Object ids of the vendor's service accounts. */
    readonly accountIds: ReadonlySet<string>;
    /** Whether the vendor is active. */
    readonly active: boolean;
    readonly snapshot: TenantSnapshot;
    /** Every vendor kept, to say whose the group's other members are. */
    readonly vendors: readonly Vendor[];
}

/**
 * Why a group licensing a vendor's accounts cannot be adopted as its license group, or undefined
 * when it can: it must be a plain security group (azuread replaces a group whose type changes), its
 * members exactly the vendor's accounts (the stack makes membership authoritative, so any other
 * member would be removed), and the vendor active (a suspended vendor's group is emptied).
 */
function licenseGroupProblem({
    group,
    accountIds,
    active,
    snapshot,
    vendors,
}: LicenseGroupCandidate): string | undefined {
    if (!group.securityEnabled || group.mailEnabled || group.groupTypes.length > 0 || group.isAssignableToRole) {
        return "it is not a plain security group, and the stack's license groups are";
    }
    if (!active) {
        return "the vendor is suspended, and the stack empties a suspended vendor's license group";
    }
    const others = group.members.filter((m) => !accountIds.has(m.id));
    if (others.length > 0) {
        const who = others.map((m) => {
            const owner = vendors.find(
                (x) => x.accounts.some((a) => a.user.id === m.id) || x.guests.some((g) => g.user.id === m.id),
            );
            const user = snapshot.users.find((u) => u.id === m.id);
            const name =
                (user && user.userType === "Guest" ? guestEmail(user) : undefined) ?? m.userPrincipalName ?? m.id;
            return owner ? `${name} (${owner.name}'s)` : name;
        });
        return `it also holds ${who.join(", ")}, whom the stack would remove from it`;
    }
    const missing = [...accountIds].filter((id) => !group.members.some((m) => m.id === id));
    if (missing.length > 0) {
        return "not every one of the vendor's service accounts is in it";
    }
    return undefined;
}
