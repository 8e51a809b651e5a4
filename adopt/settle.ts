/**
 * The vendors kept, once every account and guest is grouped, sorted by id, each id made unique. A
 * vendor whose accounts are all disabled is suspended (a guess unless hinted); a disabled account
 * of an active vendor is left out, since the stack would enable it. So are the accounts of a vendor
 * the stack cannot license as they are (licenseGroups.ts, `licenseKnown`), rather than written with
 * a bundle made up for them. A vendor with nothing left in it is dropped.
 */
import { knownHeld, licenseKnown } from "./licenseGroups";
import { uniqueName } from "./names";
import type { Remarks } from "./remarks";
import type { TenantFacts } from "./tenantFacts";
import type { Vendor } from "./vendors";

/** Whether a vendor has anything to adopt. */
const hasPeople = (x: Vendor) => x.accounts.length > 0 || x.guests.length > 0;

/** The vendors kept, sorted by id; sets each one's final id and state (see the module comment). */
export function settleVendors(found: readonly Vendor[], facts: TenantFacts, remarks: Remarks): Vendor[] {
    const sorted = found.filter(hasPeople).sort((a, b) => a.id.localeCompare(b.id));
    for (const x of sorted) {
        settleState(x, remarks);
        settleLicense(x, facts, remarks);
    }
    const kept = sorted.filter(hasPeople);
    const ids = new Set<string>();
    for (const x of kept) {
        x.id = uniqueName(x.id, ids);
    }
    return kept;
}

/** Suspends a vendor whose accounts are all disabled; leaves out an active vendor's disabled accounts. */
function settleState(x: Vendor, remarks: Remarks): void {
    const enabled = x.accounts.filter((a) => a.user.accountEnabled);
    if (x.state === undefined && x.accounts.length > 0 && enabled.length === 0) {
        x.state = "suspended";
        x.stateGuessed = true;
    }
    if (x.state === "suspended") {
        return;
    }
    for (const a of x.accounts.filter((y) => !y.user.accountEnabled)) {
        remarks.leave({
            subject: a.user.userPrincipalName,
            why: `disabled, and ${x.name} is active: the stack would enable it; delete it, or adopt it once it should sign in again`,
        });
    }
    x.accounts = enabled;
}

/**
 * Leaves out the accounts of a vendor the stack cannot license as they are, after {@link settleState}
 * so that exactly the accounts kept are judged; a suspension guessed from them goes with them.
 */
function settleLicense(x: Vendor, facts: TenantFacts, remarks: Remarks): void {
    if (x.accounts.length === 0 || licenseKnown(facts, x)) {
        return;
    }
    for (const a of x.accounts) {
        const held =
            knownHeld(facts, a.user).length === 0
                ? "it holds none of the SKUs the stack knows"
                : `${x.name}'s service accounts have none of the SKUs the stack knows in common`;
        remarks.leave({
            subject: a.user.userPrincipalName,
            why: `a service account of ${x.name} that the stack cannot license as it is: ${held}, and the tenant has no Remote Assist SKU to give it; once the tenant has one, run npm run adopt again`,
        });
    }
    x.accounts = [];
    if (x.stateGuessed) {
        x.state = undefined;
        x.stateGuessed = false;
    }
}
