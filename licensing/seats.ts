/**
 * Seats: a bundle's SKUs compared with what the tenant owns (`GET /v1.0/subscribedSkus`: per SKU,
 * `prepaidUnits.enabled` seats bought and active, `consumedUnits` seats in use; Graph, "List
 * subscribedSkus" and the subscribedSku resource). Group-based licensing does not refuse an
 * assignment for want of seats: Entra ID records CountViolation on each member it cannot license
 * (Entra, "Identify and resolve license assignment problems for a group"), so the stack warns
 * before that happens.
 */

/** One of the tenant's subscriptions, as the comparison needs it. */
export interface SubscribedSku {
    /** lower-case */
    readonly skuId: string;
    readonly skuPartNumber: string;
    /** `Enabled`, `Warning`, `Suspended`, `Deleted` or `LockedOut`. */
    readonly capabilityStatus: string;
    /** `prepaidUnits.enabled`: seats bought and active. */
    readonly enabled: number;
    /** `consumedUnits`: seats in use. */
    readonly consumed: number;
}

/** What the program knows about a license group's seats; a GroupLicense carries it as `seatCheck`. */
export interface SeatCheck {
    /** The bundle's key under `licenses`. */
    readonly bundle: string;
    /** `licenses.<bundle>.seats`, when declared. */
    readonly seats?: number;
    /** The group's members: the vendor's active service accounts. */
    readonly members: number;
}

/**
 * Warnings for a bundle whose SKUs are about to be assigned, or were read back: SKUs the tenant has
 * no subscription to, and a declared `seats` above what the tenant owns. Each message says what to do.
 */
export function declaredSeatWarnings(
    check: SeatCheck,
    skuIds: readonly string[],
    subscribed: readonly SubscribedSku[],
    label: (skuId: string) => string,
): string[] {
    const warnings: string[] = [];
    for (const skuId of skuIds) {
        const sku = subscribed.find((s) => s.skuId === skuId);
        if (!sku) {
            warnings.push(
                `licenses.${check.bundle}: the tenant has no subscription to ${label(skuId)}, so assigning it fails; buy it, or take it out of licenses.${check.bundle}.skus.`,
            );
        } else if (check.seats !== undefined && check.seats > sku.enabled) {
            warnings.push(
                `licenses.${check.bundle}.seats is ${check.seats}, but the tenant has ${seatCount(sku.enabled)} of ${label(skuId)} (subscription ${sku.capabilityStatus || "status unknown"}); buy more, or lower seats to what the tenant owns.`,
            );
        }
    }
    return warnings;
}

/**
 * A warning for each SKU being newly assigned to a group whose members may need more seats than
 * remain: enabled minus consumed, minus what earlier assignments of this deployment took
 * (`claimed`, by skuId), which Graph's counts do not show yet.
 *
 * The members' count is an upper bound: a member that already holds the SKU, assigned directly
 * (an adopted account licensed by hand) or by another group, keeps using the one seat it has
 * ("the user still uses only one license of the E3 product": Microsoft Entra, "Scenarios,
 * limitations, and known issues using groups to manage licensing", Direct licenses coexist with
 * group licenses; MicrosoftDocs/azure-docs licensing-group-advanced.md). Which members hold it is
 * not known here (the program does not read the tenant), so the warning says "at most".
 */
export function seatShortageWarnings(
    groupId: string,
    check: SeatCheck,
    adding: readonly string[],
    subscribed: readonly SubscribedSku[],
    claimed: ReadonlyMap<string, number>,
    label: (skuId: string) => string,
): string[] {
    const warnings: string[] = [];
    for (const skuId of adding) {
        const sku = subscribed.find((s) => s.skuId === skuId);
        if (!sku || check.members === 0) {
            continue;
        }
        const taken = claimed.get(skuId) ?? 0;
        const remaining = Math.max(0, sku.enabled - sku.consumed - taken);
        if (check.members > remaining) {
            const earlier = taken > 0 ? `, ${taken} taken by earlier assignments of this deployment` : "";
            warnings.push(
                `license group ${groupId} (licenses.${check.bundle}): its ${check.members} active ${check.members === 1 ? "service account needs" : "service accounts need"} at most ${seatCount(check.members)} of ${label(skuId)} (none for an account that holds it already, assigned directly or by another group), but ${remaining} remain (${sku.enabled} enabled, ${sku.consumed} consumed${earlier}); members beyond that get CountViolation until seats are bought or freed.`,
            );
        }
    }
    return warnings;
}

function seatCount(n: number): string {
    return `${n} seat${n === 1 ? "" : "s"}`;
}

/**
 * The seats this provider process has assigned, and the warnings it has given, so that parallel
 * assignments of one deployment are counted together and a bundle's warnings are given once.
 */
export class SeatLedger {
    private readonly claimed = new Map<string, number>();
    private readonly given = new Set<string>();

    constructor(
        private readonly subscribed: readonly SubscribedSku[],
        private readonly label: (skuId: string) => string,
    ) {}

    /** Warnings not given yet for the bundle's SKUs (see {@link declaredSeatWarnings}). */
    declared(check: SeatCheck, skuIds: readonly string[]): string[] {
        return this.once(declaredSeatWarnings(check, skuIds, this.subscribed, this.label));
    }

    /** Warnings for newly assigning `adding` to a group, after which its members' seats count as taken. */
    assign(groupId: string, check: SeatCheck, adding: readonly string[]): string[] {
        const warnings = seatShortageWarnings(groupId, check, adding, this.subscribed, this.claimed, this.label);
        for (const skuId of adding) {
            this.claimed.set(skuId, (this.claimed.get(skuId) ?? 0) + check.members);
        }
        return warnings;
    }

    private once(warnings: readonly string[]): string[] {
        const fresh = warnings.filter((w) => !this.given.has(w));
        fresh.forEach((w) => this.given.add(w));
        return fresh;
    }
}
