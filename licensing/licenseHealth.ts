/**
 * License health: which members of a license group Entra ID could not license, and why.
 *
 * Group-based licensing is asynchronous: Graph accepts an assignment for the group, then Entra ID
 * licenses each member in the background and records a failure on the member, not the group
 * (Entra, "Identify and resolve license assignment problems for a group",
 * https://learn.microsoft.com/entra/identity/users/licensing-groups-resolve-problems). Graph lists
 * those members under `/groups/{id}/membersWithLicenseErrors`, and each member's
 * `licenseAssignmentStates` says which SKU failed with which `error`: `CountViolation`,
 * `MutuallyExclusiveViolation`, `DependencyViolation`, `ProhibitedInUsageLocationViolation`,
 * `UniquenessViolation` or `Other` (Graph, licenseAssignmentState resource).
 */
import type { MemberWithLicenseErrors } from "./graphClient";

/** One member's failed license from one group, as the `membersWithLicenseErrors` output lists it. */
export interface MemberLicenseError {
    readonly userPrincipalName: string;
    /** The SKU that failed; empty when the member's license states could not be read. */
    readonly skuId: string;
    /** Graph's error code, e.g. `CountViolation`; `Unknown` when the states could not be read. */
    readonly error: string;
}

/** What each error means and what fixes it, from Entra's troubleshooting article. */
export const LICENSE_ERROR_MEANINGS: Readonly<Record<string, string>> = Object.freeze({
    CountViolation:
        "not enough licenses: every seat of the product is in use; buy more or free some, then reprocess the group",
    MutuallyExclusiveViolation:
        "conflicting service plans: a plan of the product conflicts with one the user already has from another product; disable one of them (disabledPlans) or remove the other license",
    DependencyViolation:
        "a service plan of the product depends on another plan the user lacks or has disabled; enable or assign the plan it depends on",
    ProhibitedInUsageLocationViolation:
        "the product is not available in the user's usage location; give the service account a usageLocation where it is sold",
    UniquenessViolation:
        "duplicate proxy addresses: another object already has one of the user's proxy addresses; remove the duplicate, then reprocess the group",
    Other: "another licensing error; see the user's Licenses page in the Microsoft Entra admin center",
    Unknown:
        "the member's license states could not be read (the identity needs User.Read.All); see the group's Licenses page in the Microsoft Entra admin center",
});

/**
 * The failed licenses of a group's members, from that group only, sorted by user and SKU. A member
 * without readable license states counts once, with error `Unknown`.
 */
export function memberLicenseErrors(
    groupId: string,
    members: readonly MemberWithLicenseErrors[],
): MemberLicenseError[] {
    const errors: MemberLicenseError[] = [];
    for (const m of members) {
        const userPrincipalName = m.userPrincipalName ?? m.id;
        if (m.licenseAssignmentStates === undefined) {
            errors.push({ userPrincipalName, skuId: "", error: "Unknown" });
            continue;
        }
        for (const s of m.licenseAssignmentStates) {
            const fromThisGroup = (s.assignedByGroup ?? "").toLowerCase() === groupId.toLowerCase();
            if (fromThisGroup && s.error && s.error !== "None") {
                errors.push({ userPrincipalName, skuId: (s.skuId ?? "").toLowerCase(), error: s.error });
            }
        }
    }
    return errors.sort(
        (a, b) => a.userPrincipalName.localeCompare(b.userPrincipalName) || a.skuId.localeCompare(b.skuId),
    );
}

/** The warning for one failed license: who, which SKU, the error and what it means. */
export function licenseErrorWarning(groupId: string, e: MemberLicenseError, label: (skuId: string) => string): string {
    const meaning = LICENSE_ERROR_MEANINGS[e.error] ?? LICENSE_ERROR_MEANINGS.Other;
    const sku = e.skuId ? ` ${label(e.skuId)}` : " its licenses";
    return `license group ${groupId}: ${e.userPrincipalName} did not get${sku}: ${e.error} (${meaning}).`;
}
