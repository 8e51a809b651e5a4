/**
 * The vendors kept, once every account and guest is grouped: a vendor with nothing in it is
 * dropped; the rest are sorted by id, each id made unique. A vendor whose accounts are all disabled
 * is suspended (a guess unless hinted); a disabled account of an active vendor is left out, since
 * the stack would enable it.
 */
import { uniqueName } from "./names";
import type { Remarks } from "./remarks";
import type { Vendor } from "./vendors";

/** The vendors kept, sorted by id; sets each one's final id and state (see the module comment). */
export function settleVendors(found: readonly Vendor[], remarks: Remarks): Vendor[] {
    const kept = found
        .filter((x) => x.accounts.length > 0 || x.guests.length > 0)
        .sort((a, b) => a.id.localeCompare(b.id));
    const ids = new Set<string>();
    for (const x of kept) {
        x.id = uniqueName(x.id, ids);
        settleState(x, remarks);
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
