/**
 * One vendor's entry in `vendors`, with its service accounts and guests adopted by their existing
 * objects, and a comment on every guess and on what each keeps as the tenant has it.
 */
import type { ConfigPath } from "../config/problems";
import { serviceAccountDisplayName } from "../naming";
import { directRemoteAssist, skuWords } from "../tenant/licenses";
import type { DirectoryGroup } from "../tenant/model";
import { vendorLicense, type LicenseContext } from "./licenseGroups";
import { uniqueName } from "./names";
import type { Account, Guest, Vendor, VendorSource } from "./vendors";

/** What writing the vendors' entries reads and adds to. */
export interface EntryContext extends LicenseContext {
    /** `tenant.usageLocation`, which an account's own is compared with. */
    readonly usageLocation: string;
}

/** How a guessed vendor's comment says what found it. */
const FOUND_BY: Readonly<Record<Exclude<VendorSource["kind"], "hint">, (value: string) => string>> = {
    companyName: (value) => `the companyName ${JSON.stringify(value)} of its service accounts`,
    department: (value) =>
        `the department ${JSON.stringify(value)} of its service accounts (an information-barrier attribute of the hand-made set-up)`,
    pattern: (value) => `its service accounts' names, made the way this stack names vendor ${value}'s`,
    domain: (value) => `the domain ${value} of its people's addresses`,
};

/** The entry of `vendor`, the `at`-th of `vendors`. */
export function vendorEntry(ctx: EntryContext, vendor: Vendor, at: number): Record<string, unknown> {
    const path: ConfigPath = ["vendors", at];
    const entry: Record<string, unknown> = { id: vendor.id, name: vendor.name };
    const domains = [...new Set([...vendor.domains, ...vendor.learnt.keys()])].sort();
    if (domains.length > 0) {
        entry.domains = domains;
    }
    const license = vendor.accounts.length > 0 ? vendorLicense(ctx, vendor, path) : undefined;
    if (license) {
        entry.license = license.bundle;
    }
    if (vendor.state !== undefined) {
        entry.state = vendor.state;
        if (vendor.stateGuessed) {
            ctx.remarks.guess([...path, "state"], "every one of its service accounts is disabled");
        }
    }
    if (vendor.source.kind !== "hint") {
        ctx.remarks.guess(
            path,
            `a vendor found by ${FOUND_BY[vendor.source.kind](vendor.source.value)}; check its id (never renamed later) and its name`,
            { before: true },
        );
    }
    const learnt = domains.filter((d) => !vendor.domains.includes(d));
    if (learnt.length > 0) {
        ctx.remarks.guess([...path, "domains"], `from its holders' and guests' addresses: ${learnt.join(", ")}`);
    }
    if (vendor.accounts.length > 0) {
        const ids = new Set<string>();
        entry.serviceAccounts = vendor.accounts.map((account, j) =>
            accountEntry(ctx, {
                account,
                id: uniqueName(account.id, ids),
                vendor,
                path: [...path, "serviceAccounts", j],
            }),
        );
    }
    if (vendor.guests.length > 0) {
        entry.guests = vendor.guests.map((guest, j) =>
            guestEntry(ctx, { guest, active: vendor.state !== "suspended", path: [...path, "guests", j] }),
        );
    }
    if (license?.adopted) {
        entry.existing = { licenseGroup: licenseGroupEntry(license.adopted) };
        ctx.remarks.note(
            [...path, "existing", "licenseGroup"],
            "adopted as it is: its members are exactly the vendor's service accounts",
            { before: true },
        );
    }
    return entry;
}

/** `existing.licenseGroup`: the group adopted as it is, by id and names. */
function licenseGroupEntry(group: DirectoryGroup): Record<string, unknown> {
    return { id: group.id, displayName: group.displayName, mailNickname: group.mailNickname ?? "" };
}

/** A service account where its entry goes. */
interface AccountAt {
    readonly account: Account;
    /** Its id, unique within the vendor. */
    readonly id: string;
    readonly vendor: Vendor;
    readonly path: ConfigPath;
}

/** One service account's entry, with what it keeps as the tenant has it. */
function accountEntry(ctx: EntryContext, { account, id, vendor, path }: AccountAt): Record<string, unknown> {
    const u = account.user;
    const entry: Record<string, unknown> = { id, holder: account.holder };
    if (u.usageLocation !== undefined && u.usageLocation !== ctx.usageLocation) {
        entry.usageLocation = u.usageLocation;
    }
    if (u.displayName !== serviceAccountDisplayName(vendor.name, id)) {
        entry.displayName = u.displayName;
    }
    const localPart = u.userPrincipalName.slice(0, u.userPrincipalName.lastIndexOf("@"));
    entry.existing = {
        userPrincipalName: u.userPrincipalName,
        ...(u.mailNickname !== undefined && u.mailNickname !== localPart ? { mailNickname: u.mailNickname } : {}),
    };
    if (account.holderSource === "otherMails") {
        ctx.remarks.guess([...path, "holder"], "its alternate email address");
    } else if (account.holderSource === "unknown") {
        ctx.remarks.guess(
            [...path, "holder"],
            "TODO: nobody recorded who holds this account; put the holder's address here",
        );
    }
    if (u.usageLocation === undefined) {
        ctx.remarks.note(
            [...path, "id"],
            `has no usage location: the first pulumi up sets ${ctx.usageLocation} (group-based licensing needs one)`,
        );
    }
    const direct = directRemoteAssist(u, ctx.facts.ra);
    if (direct.length > 0) {
        ctx.remarks.note(
            [...path, "existing", "userPrincipalName"],
            `also holds ${direct.map((s) => skuWords(ctx.facts.snapshot, s.skuId)).join(", ")} directly: remove that once the license group licenses it (npm run audit reports it)`,
        );
    }
    const kept = [
        ...(u.companyName !== undefined && u.companyName !== vendor.name
            ? [`companyName ${JSON.stringify(u.companyName)}`]
            : []),
        ...(u.department !== undefined ? [`department ${JSON.stringify(u.department)}`] : []),
    ];
    if (kept.length > 0) {
        ctx.remarks.note(
            [...path, "existing"],
            `keeps its ${kept.join(" and ")}: the stack leaves an adopted account's attributes alone`,
            { before: true },
        );
    }
    return entry;
}

/** A guest where its entry goes. */
interface GuestAt {
    readonly guest: Guest;
    /** Whether its vendor is active. */
    readonly active: boolean;
    readonly path: ConfigPath;
}

/** One guest's entry: adopted by its object id, with its invitation and memberships said. */
function guestEntry(ctx: EntryContext, { guest, active, path }: GuestAt): Record<string, unknown> {
    const { team, teamMembers, snapshot } = ctx.facts;
    if (guest.guess !== undefined) {
        ctx.remarks.guess(path, guest.guess, { before: true });
    }
    const u = guest.user;
    if (u.externalUserState === "PendingAcceptance") {
        ctx.remarks.note(
            [...path, "email"],
            `invited ${u.externalUserStateChangeDateTime?.slice(0, 10) ?? "at an unknown date"}, not redeemed yet; the stack will not invite again`,
        );
    }
    if (team && !teamMembers.has(u.id) && active) {
        ctx.remarks.note([...path, "email"], "not in the experts' team yet: the first pulumi up adds it");
    }
    if (teamMembers.has(u.id) && !active) {
        ctx.remarks.note(
            [...path, "email"],
            "in the experts' team, though its vendor is suspended; the stack does not take it out (npm run audit reports it)",
        );
    }
    const elsewhere = snapshot.groups.filter((g) => g.id !== team?.id && g.members.some((m) => m.id === u.id));
    if (elsewhere.length > 0) {
        ctx.remarks.note(
            [...path, "existing", "userId"],
            `also a member of ${elsewhere.map((g) => JSON.stringify(g.displayName)).join(", ")}, which the stack does not manage`,
        );
    }
    return { email: guest.email, name: u.displayName, existing: { userId: u.id } };
}
