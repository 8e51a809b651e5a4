/**
 * Which guests belong to which vendor. A guest is adopted when it is in the experts' team, the hints
 * name it, or it is at a hinted vendor's domain. Its vendor is the hinted one (certain); else, as a
 * guess, the vendor whose accounts' holders or guests share its domain, the vendor named as its
 * company, or one made up from its domain. A consumer mailbox tells no vendor: that guest is left out.
 * A guest grouped by a shared domain is told who shares it; one grouped with the vendor made up from
 * its domain needs no word of its own, since that vendor's comment says what found it.
 */
import type { DirectoryUser } from "../tenant/model";
import { guestEmail } from "../tenant/read";
import { domainOf, isConsumerDomain } from "./names";
import { learn, type Grouping, type LearntFrom, type Vendor, type VendorIndex } from "./vendors";

/** A guest's vendor, and why when that is a guess. */
interface Placed {
    readonly vendor: Vendor;
    readonly guess?: string;
}

/** Groups the guests into vendors (see the module comment). */
export function groupGuests(grouping: Grouping): void {
    const { facts, hints, vendors, remarks } = grouping;
    for (const user of facts.snapshot.users.filter((u) => u.userType === "Guest")) {
        const email = guestEmail(user);
        if (email === undefined) {
            continue;
        }
        const domain = domainOf(email);
        const hint = hints.guests.get(email);
        if (!facts.teamMembers.has(user.id) && !hint && !vendors.hintedByDomain(domain)) {
            continue;
        }
        const placed = hint ? { vendor: vendors.hintedVendor(hint.vendor) } : guestVendor(vendors, user, domain);
        if (!placed) {
            remarks.leave({
                subject: email,
                why: "a guest with a consumer mailbox: nothing tells which vendor it belongs to; name it under guests in the hints file",
            });
            continue;
        }
        placed.vendor.guests.push({ user, email, ...(placed.guess === undefined ? {} : { guess: placed.guess }) });
        if (!isConsumerDomain(domain)) {
            learn(placed.vendor, domain, { kind: "guest", email, hinted: hint !== undefined });
        }
    }
}

/** The vendor of a guest no hint names, at `domain`; undefined for a consumer mailbox nothing else places. */
function guestVendor(vendors: VendorIndex, user: DirectoryUser, domain: string): Placed | undefined {
    const hinted = vendors.hintedByDomain(domain);
    if (hinted) {
        return { vendor: hinted };
    }
    const sharing = vendors.learntAt(domain);
    if (sharing) {
        const guess = sharedDomainGuess(sharing.vendor, domain, sharing.from);
        return { vendor: sharing.vendor, ...(guess === undefined ? {} : { guess }) };
    }
    const company = user.companyName === undefined ? undefined : vendors.named(user.companyName);
    if (company) {
        return { vendor: company, guess: `grouped with ${JSON.stringify(company.name)} by its companyName` };
    }
    if (isConsumerDomain(domain)) {
        return undefined;
    }
    return { vendor: vendors.foundByDomain(domain) };
}

/**
 * Why a guest at `domain` is grouped with `vendor`, which has people there: who taught it the domain
 * (`from`). Undefined when a guest did and the vendor was made up from that very domain: the
 * vendor's own comment says so, as it does for that first guest.
 */
function sharedDomainGuess(vendor: Vendor, domain: string, from: LearntFrom): string | undefined {
    const name = JSON.stringify(vendor.name);
    if (from.kind === "holders") {
        return `grouped with ${name} because its service accounts' holders are at ${domain} too`;
    }
    if (vendor.source.kind === "domain" && vendor.source.value === domain) {
        return undefined;
    }
    const placed = from.hinted ? ", whom the hints file puts there," : "";
    return `grouped with ${name} because its guest ${from.email}${placed} is at ${domain} too`;
}
