/**
 * Which members are service accounts, and which vendor each serves. A member is a candidate when
 * the hints name it, it holds Remote Assist, or it has the stack's employeeType or naming. Its
 * vendor is the one its hint names; else a hinted vendor matched by company name, the stack's
 * naming or its holder's domain (certain); else one made up from its company name, department,
 * the stack's naming or its holder's domain (a guess, said in the config). A member of the experts'
 * team is taken for an expert, and what nothing ties to a vendor is left out.
 */
import { SERVICE_ACCOUNT_EMPLOYEE_TYPE } from "../naming";
import type { DirectoryUser } from "../tenant/model";
import { SERVICE_ACCOUNT_NAME_PREFIX } from "../tenant/read";
import { domainOf, isConsumerDomain, slugOf } from "./names";
import { learn, type Grouping, type Vendor, type VendorIndex } from "./vendors";

/** The stack's UPNs, `sa-<vendor id>-<account id>@...`: the vendor's id, then the account's. */
const STACK_NAMING = new RegExp(`^${SERVICE_ACCOUNT_NAME_PREFIX}([a-z0-9-]+)-([a-z0-9]+)@`);

/** A holder nobody recorded; the config marks it TODO. */
const UNKNOWN_HOLDER = "unknown@holder.invalid";

/** What tells an account's vendor besides its company name and department. */
interface Clues {
    /** The vendor id in its UPN, when it is named the way the stack names service accounts. */
    readonly namingVendor: string | undefined;
    /** Its first alternate address outside the host, lower-case: most likely its holder's. */
    readonly otherMail: string | undefined;
}

/** Groups the service accounts into vendors (see the module comment). */
export function groupAccounts(grouping: Grouping): void {
    const { facts, hints } = grouping;
    const candidates = facts.snapshot.users.filter(
        (u) =>
            u.userType === "Member" &&
            (hints.accounts.has(u.userPrincipalName.toLowerCase()) ||
                facts.holdsRemoteAssist(u) ||
                u.employeeType === SERVICE_ACCOUNT_EMPLOYEE_TYPE ||
                u.userPrincipalName.toLowerCase().startsWith(SERVICE_ACCOUNT_NAME_PREFIX)),
    );
    candidates.forEach((user) => groupAccount(grouping, user));
}

/** One candidate into its vendor, unless the hints call it internal, it is an expert, or nothing tells. */
function groupAccount({ facts, hints, vendors, remarks }: Grouping, user: DirectoryUser): void {
    const upn = user.userPrincipalName.toLowerCase();
    const hint = hints.accounts.get(upn);
    if (hints.internal.has(upn)) {
        return;
    }
    if (!hint && facts.teamMembers.has(user.id)) {
        remarks.leave({
            subject: user.userPrincipalName,
            why: "in the experts' team: taken for an expert, not a service account",
        });
        return;
    }
    const naming = STACK_NAMING.exec(upn);
    const otherMail = user.otherMails.map((m) => m.toLowerCase()).find((m) => facts.isExternal(m));
    const clues: Clues = { namingVendor: naming?.[1], otherMail };
    const vendor =
        hint?.vendor === undefined
            ? (hintedVendorOf(vendors, user, clues) ?? guessedVendorOf(vendors, user, clues))
            : vendors.hintedVendor(hint.vendor);
    if (!vendor) {
        remarks.leave({
            subject: user.userPrincipalName,
            why: `${facts.holdsRemoteAssist(user) ? "holds Remote Assist" : "looks like a service account"}, but nothing tells which vendor it serves; name it under accounts (or internal) in the hints file`,
        });
        return;
    }
    const holder = hint?.holder ?? otherMail;
    vendor.accounts.push({
        user,
        id: hint?.id ?? (naming && naming[1] === vendor.id ? naming[2] : slugOf(upn.slice(0, upn.indexOf("@")), "sa")),
        holder: holder ?? UNKNOWN_HOLDER,
        holderSource: hint?.holder !== undefined ? "hint" : holder !== undefined ? "otherMails" : "unknown",
    });
    if (holder !== undefined && !isConsumerDomain(domainOf(holder)) && facts.isExternal(holder)) {
        learn(vendor, domainOf(holder), { kind: "holders" });
    }
}

/** The hinted vendor an account's company name, the stack's naming or its holder's domain names: certain. */
function hintedVendorOf(vendors: VendorIndex, user: DirectoryUser, clues: Clues): Vendor | undefined {
    return (
        (user.companyName === undefined ? undefined : vendors.hintedByCompany(user.companyName)) ??
        (clues.namingVendor === undefined ? undefined : vendors.hintedById(clues.namingVendor)) ??
        (clues.otherMail === undefined ? undefined : vendors.hintedByDomain(domainOf(clues.otherMail)))
    );
}

/**
 * A vendor made up from an account's company name, else its department, the stack's naming or its
 * holder's domain (not a consumer mailbox's, which tells nothing); a guess. Undefined when nothing tells.
 */
function guessedVendorOf(vendors: VendorIndex, user: DirectoryUser, clues: Clues): Vendor | undefined {
    if (user.companyName !== undefined) {
        return vendors.guessed({ kind: "companyName", value: user.companyName }, user.companyName);
    }
    if (user.department !== undefined) {
        return vendors.guessed({ kind: "department", value: user.department }, user.department);
    }
    if (clues.namingVendor !== undefined) {
        return vendors.guessed({ kind: "pattern", value: clues.namingVendor }, clues.namingVendor);
    }
    const domain = clues.otherMail === undefined ? undefined : domainOf(clues.otherMail);
    if (domain !== undefined && !isConsumerDomain(domain)) {
        return vendors.foundByDomain(domain);
    }
    return undefined;
}
