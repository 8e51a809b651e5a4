/**
 * From the tenant as read to this project's config: which users are service accounts and of which
 * vendor, which guests belong to which vendor, which license groups can be adopted as they are,
 * and the license bundles that keep every account licensed as it is. Pure: the reading is done
 * before (tenant/read.ts), the writing after (yaml.ts).
 *
 * Every guess is said, as a comment on the value it decided (`guess: ...`): a vendor grouped by
 * company name, department or domain rather than by a hint, a holder taken from an alternate
 * address, a suspended state inferred from disabled accounts, the experts taken from the team.
 * What cannot be told is left out of the config and listed at the top of the file, never guessed
 * silently.
 */
import type { ConfigPath } from "../config/problems";
import { KNOWN_SKUS, knownSkuById } from "../licensing/skuCatalogue";
import { SERVICE_ACCOUNT_EMPLOYEE_TYPE, serviceAccountDisplayName } from "../naming";
import type { AssignedLicense, DirectoryGroup, DirectoryUser, TenantSnapshot } from "../tenant/model";
import { guestEmail, SERVICE_ACCOUNT_NAME_PREFIX } from "../tenant/read";
import type { Hints } from "./hints";

/** A comment the YAML gets at a config path: before the entry, or after the value. */
export interface Comment {
    /** Path in the config, without namespace: `["vendors", 0, "serviceAccounts", 1, "holder"]`. */
    readonly path: ConfigPath;
    readonly text: string;
    /** On its own line before the key (or list entry), rather than after the value. */
    readonly before?: boolean;
}

/** What could not be adopted, and why; listed at the top of the file. */
export interface Left {
    readonly subject: string;
    readonly why: string;
}

/** What adoption found: the config, its comments, and what was left out. */
export interface Adoption {
    /** The config, keys without the namespace, as `validateConfig` takes it. */
    readonly config: Record<string, unknown>;
    readonly comments: readonly Comment[];
    /** Objects that exist but are not in the config. */
    readonly left: readonly Left[];
    /** How many values are guesses. */
    readonly guesses: number;
}

/** What the admin tells `npm run adopt` besides the hints. */
export interface AdoptOptions {
    /** The host tenant's domain for new service accounts (`tenant.domain`). */
    readonly domain: string;
    /** `tenant.usageLocation`; by default the one most adopted accounts have. */
    readonly usageLocation?: string;
    /** Object id of the group behind the experts' Teams team. */
    readonly teamGroupId?: string;
    /** `graphEndpoint`, written when not Graph's global endpoint. */
    readonly graphEndpoint?: string;
    readonly hints: Hints;
}

/** Mail domains of consumer mailboxes: a holder there tells nothing about a vendor's tenant. */
export const CONSUMER_DOMAINS: readonly string[] = [
    "outlook.com",
    "hotmail.com",
    "live.com",
    "msn.com",
    "gmail.com",
    "googlemail.com",
    "yahoo.com",
    "icloud.com",
    "me.com",
    "aol.com",
    "gmx.de",
    "gmx.net",
    "web.de",
];

const GLOBAL_GRAPH = "https://graph.microsoft.com";

const domainOf = (address: string): string => address.slice(address.lastIndexOf("@") + 1).toLowerCase();

/** A slug of [a-z0-9-] from any name: accents dropped, other characters turned into single dashes. */
export function slugOf(text: string, fallback: string): string {
    const slug = text
        .normalize("NFKD")
        .replace(/\p{M}/gu, "")
        .toLowerCase()
        .replace(/ß/g, "ss")
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-+|-+$/g, "");
    return slug === "" ? fallback : slug.slice(0, 40).replace(/-+$/, "");
}

/** Where a vendor came from, for its comment; `hint` is certain, the rest are guesses. */
type VendorSource =
    | { readonly kind: "hint" }
    | { readonly kind: "companyName" | "department" | "domain" | "pattern"; readonly value: string };

interface Account {
    readonly user: DirectoryUser;
    readonly id: string;
    readonly holder: string;
    readonly holderSource: "hint" | "otherMails" | "unknown";
}

interface Guest {
    readonly user: DirectoryUser;
    readonly email: string;
    /** Why it belongs to its vendor, when that is a guess. */
    readonly guess?: string;
}

interface Vendor {
    key: string;
    id: string;
    name: string;
    source: VendorSource;
    domains: string[];
    /** Domains learnt from holders and guests rather than hinted. */
    learnt: Set<string>;
    state?: "active" | "suspended";
    stateGuessed: boolean;
    accounts: Account[];
    guests: Guest[];
}

/** A bundle as config writes it, and where it came from. */
interface Bundle {
    readonly name: string;
    readonly licenses: readonly AssignedLicense[];
    readonly origins: string[];
}

function bundleKey(licenses: readonly AssignedLicense[]): string {
    return licenses
        .map((l) => `${l.skuId}:${[...l.disabledPlans].sort().join("+")}`)
        .sort()
        .join(",");
}

/** A SKU as config names it: its part number when the catalogue knows exactly that skuId, else the GUID. */
function skuName(skuId: string): string {
    const known = knownSkuById(skuId);
    return known && KNOWN_SKUS[known.partNumber]?.skuId === skuId ? known.partNumber : skuId;
}

/** How a SKU reads in a comment: its part number from the tenant or the catalogue, else its GUID. */
function skuWords(snapshot: TenantSnapshot, skuId: string): string {
    return snapshot.skus.find((s) => s.skuId === skuId)?.skuPartNumber ?? knownSkuById(skuId)?.partNumber ?? skuId;
}

/** The most frequent value (ties: the first in alphabetical order). */
function mostCommon(values: readonly string[]): string | undefined {
    const counts = new Map<string, number>();
    values.forEach((v) => counts.set(v, (counts.get(v) ?? 0) + 1));
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

/** Turns the tenant as read into config (see the module comment). */
export function classify(snapshot: TenantSnapshot, options: AdoptOptions): Adoption {
    const hints = options.hints;
    const ra = new Set(snapshot.remoteAssistSkuIds);
    const host = options.domain.toLowerCase();
    const left: Left[] = [];
    const comments: Comment[] = [];
    let guesses = 0;
    const guess = (path: ConfigPath, text: string, before = false) => {
        guesses += 1;
        comments.push({ path, text: `guess: ${text}`, ...(before ? { before } : {}) });
    };
    const note = (path: ConfigPath, text: string, before = false) =>
        comments.push({ path, text, ...(before ? { before } : {}) });

    const team = snapshot.groups.find((g) => g.id === snapshot.teamGroupId);
    const teamMembers = new Set(team?.members.map((m) => m.id) ?? []);
    const holdsRemoteAssist = (u: DirectoryUser) =>
        u.assignedLicenses.some((l) => ra.has(l.skuId)) || u.licenseAssignmentStates.some((s) => ra.has(s.skuId));
    const hostDomains = new Set([
        host,
        ...snapshot.users.filter((u) => u.userType === "Member").map((u) => domainOf(u.userPrincipalName)),
    ]);
    const external = (address: string) => !hostDomains.has(domainOf(address));

    // Vendors: the hinted ones first, then those found, keyed by what grouped them.
    const vendors = new Map<string, Vendor>();
    const vendorFor = (
        key: string,
        make: () => Omit<Vendor, "key" | "learnt" | "accounts" | "guests" | "stateGuessed">,
    ) => {
        let v = vendors.get(key);
        if (!v) {
            v = {
                key,
                learnt: new Set(),
                accounts: [],
                guests: [],
                stateGuessed: false,
                ...make(),
            };
            vendors.set(key, v);
        }
        return v;
    };
    for (const h of hints.vendors) {
        vendorFor(`id:${h.id}`, () => ({
            id: h.id,
            name: h.name ?? h.id,
            source: { kind: "hint" },
            domains: [...h.domains],
            ...(h.state === undefined ? {} : { state: h.state }),
        }));
    }
    const hinted = [...vendors.values()];
    const hintedByCompany = (company: string | undefined) =>
        company === undefined
            ? undefined
            : hinted.find((v) => {
                  const h = hints.vendors.find((x) => x.id === v.id)!;
                  return [h.name ?? "", ...h.companyNames].some((n) => n.toLowerCase() === company.toLowerCase());
              });
    const hintedByDomain = (domain: string) => hinted.find((v) => v.domains.includes(domain));

    // Service accounts: members holding Remote Assist, typed or named as the stack's, or hinted.
    const candidates = snapshot.users.filter(
        (u) =>
            u.userType === "Member" &&
            (hints.accounts.has(u.userPrincipalName.toLowerCase()) ||
                holdsRemoteAssist(u) ||
                u.employeeType === SERVICE_ACCOUNT_EMPLOYEE_TYPE ||
                u.userPrincipalName.toLowerCase().startsWith(SERVICE_ACCOUNT_NAME_PREFIX)),
    );
    for (const user of candidates) {
        const upn = user.userPrincipalName.toLowerCase();
        const hint = hints.accounts.get(upn);
        if (hints.internal.has(upn)) {
            continue;
        }
        if (!hint && teamMembers.has(user.id)) {
            left.push({
                subject: user.userPrincipalName,
                why: "in the experts' team: taken for an expert, not a service account",
            });
            continue;
        }
        const pattern = new RegExp(`^${SERVICE_ACCOUNT_NAME_PREFIX}([a-z0-9-]+)-([a-z0-9]+)@`).exec(upn);
        const otherMail = user.otherMails.map((m) => m.toLowerCase()).find(external);
        let vendor: Vendor | undefined;
        if (hint?.vendor !== undefined) {
            vendor =
                vendors.get(`id:${hint.vendor}`) ??
                vendorFor(`id:${hint.vendor}`, () => ({
                    id: hint.vendor!,
                    name: hint.vendor!,
                    source: { kind: "hint" },
                    domains: [],
                }));
        } else if ((vendor = hintedByCompany(user.companyName))) {
            // A hinted vendor by its company name: certain.
        } else if (pattern && (vendor = hinted.find((v) => v.id === pattern[1]))) {
            // Named as the stack names a hinted vendor's accounts: certain.
        } else if (otherMail !== undefined && (vendor = hintedByDomain(domainOf(otherMail)))) {
            // Its holder's address is in a hinted vendor's domain: certain.
        } else if (user.companyName !== undefined) {
            const company = user.companyName;
            vendor = vendorFor(`company:${company.toLowerCase()}`, () => ({
                id: slugOf(company, "vendor"),
                name: company,
                source: { kind: "companyName", value: company },
                domains: [],
            }));
        } else if (user.department !== undefined) {
            const department = user.department;
            vendor = vendorFor(`department:${department.toLowerCase()}`, () => ({
                id: slugOf(department, "vendor"),
                name: department,
                source: { kind: "department", value: department },
                domains: [],
            }));
        } else if (pattern) {
            const id = pattern[1];
            vendor = vendorFor(`id:${id}`, () => ({
                id,
                name: id,
                source: { kind: "pattern", value: id },
                domains: [],
            }));
        } else if (otherMail !== undefined && !CONSUMER_DOMAINS.includes(domainOf(otherMail))) {
            const domain = domainOf(otherMail);
            vendor = vendorFor(`domain:${domain}`, () => ({
                id: slugOf(domain.slice(0, domain.indexOf(".")), "vendor"),
                name: domain.slice(0, domain.indexOf(".")),
                source: { kind: "domain", value: domain },
                domains: [],
            }));
        } else {
            left.push({
                subject: user.userPrincipalName,
                why: `${holdsRemoteAssist(user) ? "holds Remote Assist" : "looks like a service account"}, but nothing tells which vendor it serves; name it under accounts (or internal) in the hints file`,
            });
            continue;
        }
        const holder = hint?.holder ?? otherMail;
        const account: Account = {
            user,
            id: "",
            holder: holder ?? "unknown@holder.invalid",
            holderSource: hint?.holder !== undefined ? "hint" : holder !== undefined ? "otherMails" : "unknown",
        };
        (account as { id: string }).id =
            hint?.id ??
            (pattern && pattern[1] === vendor.id ? pattern[2] : slugOf(upn.slice(0, upn.indexOf("@")), "sa"));
        vendor.accounts.push(account);
        if (holder !== undefined && !CONSUMER_DOMAINS.includes(domainOf(holder)) && external(holder)) {
            vendor.learnt.add(domainOf(holder));
        }
    }

    // Guests: in the experts' team, hinted, or at a hinted vendor's domain.
    const guestUsers = snapshot.users.filter((u) => u.userType === "Guest");
    for (const user of guestUsers) {
        const email = guestEmail(user);
        if (email === undefined) {
            continue;
        }
        const domain = domainOf(email);
        const hint = hints.guests.get(email);
        const inTeam = teamMembers.has(user.id);
        if (!inTeam && !hint && !hintedByDomain(domain)) {
            continue;
        }
        let vendor: Vendor | undefined;
        let why: string | undefined;
        if (hint) {
            vendor =
                vendors.get(`id:${hint.vendor}`) ??
                vendorFor(`id:${hint.vendor}`, () => ({
                    id: hint.vendor,
                    name: hint.vendor,
                    source: { kind: "hint" },
                    domains: [],
                }));
        } else if ((vendor = hintedByDomain(domain))) {
            // At a hinted vendor's domain: certain.
        } else if ((vendor = [...vendors.values()].find((v) => v.learnt.has(domain)))) {
            why = `grouped with ${v(vendor)} because its service accounts' holders are at ${domain} too`;
        } else if (
            user.companyName !== undefined &&
            (vendor = [...vendors.values()].find((x) => x.name.toLowerCase() === user.companyName!.toLowerCase()))
        ) {
            why = `grouped with ${v(vendor)} by its companyName`;
        } else if (CONSUMER_DOMAINS.includes(domain)) {
            left.push({
                subject: email,
                why: "a guest with a consumer mailbox: nothing tells which vendor it belongs to; name it under guests in the hints file",
            });
            continue;
        } else {
            const label = domain.slice(0, domain.indexOf("."));
            vendor = vendorFor(`domain:${domain}`, () => ({
                id: slugOf(label, "vendor"),
                name: label.charAt(0).toUpperCase() + label.slice(1),
                source: { kind: "domain", value: domain },
                domains: [],
            }));
        }
        vendor.guests.push({ user, email, ...(why === undefined ? {} : { guess: why }) });
        if (!CONSUMER_DOMAINS.includes(domain)) {
            vendor.learnt.add(domain);
        }
    }

    // Vendor ids unique; a vendor with nothing in it is dropped.
    const list = [...vendors.values()].filter((x) => x.accounts.length > 0 || x.guests.length > 0);
    const ids = new Set<string>();
    for (const x of list.sort((a, b) => a.id.localeCompare(b.id))) {
        let id = x.id;
        for (let n = 2; ids.has(id); n++) {
            id = `${x.id}-${n}`;
        }
        x.id = id;
        ids.add(id);
    }

    // The tenant.
    const adoptedAccounts = list.flatMap((x) => x.accounts);
    const usageLocation =
        options.usageLocation ??
        mostCommon(adoptedAccounts.flatMap((a) => (a.user.usageLocation ? [a.user.usageLocation] : []))) ??
        "US";
    const upnDomains = [...new Set(adoptedAccounts.map((a) => domainOf(a.user.userPrincipalName)))]
        .filter((d) => d !== host)
        .sort();
    const config: Record<string, unknown> = {
        tenant: { domain: host, ...(upnDomains.length > 0 ? { domains: upnDomains } : {}), usageLocation },
    };
    if (options.usageLocation === undefined) {
        guess(
            ["tenant", "usageLocation"],
            "the usage location most adopted service accounts have; new accounts get it",
        );
    }
    if (upnDomains.length > 0) {
        note(["tenant", "domains"], "the domains the adopted service accounts sign in with; they keep their names");
    }

    // Bundles and license groups.
    const bundles: Bundle[] = [];
    const bundleFor = (licenses: readonly AssignedLicense[], origin: string): string => {
        const key = bundleKey(licenses);
        let b = bundles.find((x) => bundleKey(x.licenses) === key);
        if (!b) {
            b = {
                name: bundles.length === 0 ? "remote-assist" : `remote-assist-${bundles.length + 1}`,
                licenses,
                origins: [],
            };
            bundles.push(b);
        }
        b.origins.push(origin);
        return b.name;
    };

    const rawVendors: Record<string, unknown>[] = [];
    list.forEach((x) => {
        const at = rawVendors.length;
        const path: ConfigPath = ["vendors", at];
        const enabled = x.accounts.filter((a) => a.user.accountEnabled);
        if (x.state === undefined && x.accounts.length > 0 && enabled.length === 0) {
            x.state = "suspended";
            x.stateGuessed = true;
        }
        const active = x.state !== "suspended";
        // The stack enables every account of an active vendor; a disabled one would be enabled.
        if (active) {
            for (const a of x.accounts.filter((y) => !y.user.accountEnabled)) {
                left.push({
                    subject: a.user.userPrincipalName,
                    why: `disabled, and ${x.name} is active: the stack would enable it; delete it, or adopt it once it should sign in again`,
                });
            }
            x.accounts = enabled;
        }
        const entry: Record<string, unknown> = { id: x.id, name: x.name };
        const domains = [...new Set([...x.domains, ...[...x.learnt].filter((d) => !x.domains.includes(d))])].sort();
        if (domains.length > 0) {
            entry.domains = domains;
        }
        const learnt = domains.filter((d) => !x.domains.includes(d));

        // The license group: adopted when it is exactly this vendor's, as the stack would make it.
        let licenseGroup: DirectoryGroup | undefined;
        let bundle: string | undefined;
        if (x.accounts.length > 0) {
            const groupIds = [
                ...new Set(
                    x.accounts.flatMap((a) =>
                        a.user.licenseAssignmentStates
                            .filter((s) => ra.has(s.skuId) && s.assignedByGroup !== null)
                            .map((s) => s.assignedByGroup as string),
                    ),
                ),
            ];
            const groups = groupIds.flatMap((id) => snapshot.groups.filter((g) => g.id === id));
            const accountIds = new Set(x.accounts.map((a) => a.user.id));
            for (const g of groups) {
                const problem = licenseGroupProblem(g, accountIds, active, snapshot, list);
                if (problem === undefined && licenseGroup === undefined) {
                    licenseGroup = g;
                } else if (problem !== undefined) {
                    note(
                        path,
                        `license group ${JSON.stringify(g.displayName)} (${g.id}) is not adopted: ${problem}; it stays as it is, outside the stack`,
                        true,
                    );
                }
            }
            const source = licenseGroup ?? groups[0];
            if (source) {
                bundle = bundleFor(
                    source.assignedLicenses,
                    `${x.name}'s license group ${JSON.stringify(source.displayName)}${licenseGroup ? " (adopted)" : " (not adopted)"}`,
                );
            } else {
                // Licensed directly: the SKUs every account holds, of those this stack reasons about.
                const held = x.accounts.map((a) =>
                    a.user.assignedLicenses.filter((l) => ra.has(l.skuId) || knownSkuById(l.skuId) !== undefined),
                );
                const common = held[0].filter((l) => held.every((h) => h.some((m) => m.skuId === l.skuId)));
                bundle = bundleFor(
                    common.length > 0 ? common : [{ skuId: [...ra][0], disabledPlans: [] }],
                    `what ${x.name}'s service accounts hold directly`,
                );
                guess(
                    [...path, "license"],
                    `the SKUs its service accounts hold directly; the stack assigns them to a new license group (npm run audit then reports the direct assignments to remove)`,
                );
            }
            entry.license = bundle;
        }
        if (x.state !== undefined) {
            entry.state = x.state;
            if (x.stateGuessed) {
                guess([...path, "state"], "every one of its service accounts is disabled");
            }
        }
        if (x.source.kind !== "hint") {
            const found = {
                companyName: `the companyName ${JSON.stringify(x.source.value)} of its service accounts`,
                department: `the department ${JSON.stringify(x.source.value)} of its service accounts (an information-barrier attribute of the hand-made set-up)`,
                pattern: `its service accounts' names, made the way this stack names vendor ${x.source.value}'s`,
                domain: `the domain ${x.source.value} of its people's addresses`,
            }[x.source.kind];
            guess(path, `a vendor found by ${found}; check its id (never renamed later) and its name`, true);
        }
        if (learnt.length > 0) {
            guess([...path, "domains"], `from its holders' and guests' addresses: ${learnt.join(", ")}`);
        }

        // Accounts.
        const accountIds = new Set<string>();
        entry.serviceAccounts = x.accounts.map((a, j) => {
            let id = a.id;
            for (let n = 2; accountIds.has(id); n++) {
                id = `${a.id}-${n}`;
            }
            accountIds.add(id);
            const u = a.user;
            const at2: ConfigPath = [...path, "serviceAccounts", j];
            const sa: Record<string, unknown> = { id, holder: a.holder };
            if (u.usageLocation !== undefined && u.usageLocation !== usageLocation) {
                sa.usageLocation = u.usageLocation;
            }
            if (u.displayName !== serviceAccountDisplayName(x.name, id)) {
                sa.displayName = u.displayName;
            }
            const localPart = u.userPrincipalName.slice(0, u.userPrincipalName.lastIndexOf("@"));
            sa.existing = {
                userPrincipalName: u.userPrincipalName,
                ...(u.mailNickname !== undefined && u.mailNickname !== localPart
                    ? { mailNickname: u.mailNickname }
                    : {}),
            };
            if (a.holderSource === "otherMails") {
                guess([...at2, "holder"], "its alternate email address");
            } else if (a.holderSource === "unknown") {
                guess(
                    [...at2, "holder"],
                    "TODO: nobody recorded who holds this account; put the holder's address here",
                );
            }
            if (u.usageLocation === undefined) {
                note(
                    [...at2, "id"],
                    `has no usage location: the first pulumi up sets ${usageLocation} (group-based licensing needs one)`,
                );
            }
            const direct = u.licenseAssignmentStates.filter((s) => ra.has(s.skuId) && s.assignedByGroup === null);
            if (direct.length > 0) {
                note(
                    [...at2, "existing", "userPrincipalName"],
                    `also holds ${direct.map((s) => skuWords(snapshot, s.skuId)).join(", ")} directly: remove that once the license group licenses it (npm run audit reports it)`,
                );
            }
            const kept = [
                ...(u.companyName !== undefined && u.companyName !== x.name
                    ? [`companyName ${JSON.stringify(u.companyName)}`]
                    : []),
                ...(u.department !== undefined ? [`department ${JSON.stringify(u.department)}`] : []),
            ];
            if (kept.length > 0) {
                note(
                    [...at2, "existing"],
                    `keeps its ${kept.join(" and ")}: the stack leaves an adopted account's attributes alone`,
                    true,
                );
            }
            return sa;
        });
        if (x.accounts.length === 0) {
            delete entry.serviceAccounts;
        }

        // Guests.
        if (x.guests.length > 0) {
            entry.guests = x.guests.map((g, j) => {
                const at2: ConfigPath = [...path, "guests", j];
                if (g.guess !== undefined) {
                    guess(at2, g.guess, true);
                }
                const u = g.user;
                if (u.externalUserState === "PendingAcceptance") {
                    note(
                        [...at2, "email"],
                        `invited ${u.externalUserStateChangeDateTime?.slice(0, 10) ?? "at an unknown date"}, not redeemed yet; the stack will not invite again`,
                    );
                }
                if (team && !teamMembers.has(u.id) && active) {
                    note([...at2, "email"], "not in the experts' team yet: the first pulumi up adds it");
                }
                const elsewhere = snapshot.groups.filter(
                    (grp) => grp.id !== team?.id && grp.members.some((m) => m.id === u.id),
                );
                if (elsewhere.length > 0) {
                    note(
                        [...at2, "existing", "userId"],
                        `also a member of ${elsewhere.map((grp) => JSON.stringify(grp.displayName)).join(", ")}, which the stack does not manage`,
                    );
                }
                return { email: g.email, name: u.displayName, existing: { userId: u.id } };
            });
        }
        if (licenseGroup) {
            entry.existing = {
                licenseGroup: {
                    id: licenseGroup.id,
                    displayName: licenseGroup.displayName,
                    mailNickname: licenseGroup.mailNickname ?? "",
                },
            };
            note(
                [...path, "existing", "licenseGroup"],
                "adopted as it is: its members are exactly the vendor's service accounts",
                true,
            );
        }
        rawVendors.push(entry);
    });

    config.licenses = Object.fromEntries(
        bundles.map((b) => [
            b.name,
            {
                skus: b.licenses.map((l) => ({
                    sku: skuName(l.skuId),
                    ...(l.disabledPlans.length > 0 ? { disabledPlans: [...l.disabledPlans] } : {}),
                })),
            },
        ]),
    );
    bundles.forEach((b) =>
        note(
            ["licenses", b.name],
            `${b.licenses.map((l) => skuWords(snapshot, l.skuId)).join(", ")}: as ${b.origins.join("; ")}`,
            true,
        ),
    );

    if (team) {
        const experts = team.members.filter(
            (m) =>
                m.kind === "user" &&
                m.userType !== "Guest" &&
                m.userPrincipalName !== undefined &&
                !adoptedAccounts.some((a) => a.user.id === m.id),
        );
        config.experts = { team: team.id, members: experts.map((m) => m.userPrincipalName as string) };
        guess(["experts", "members"], `every internal member of the team ${JSON.stringify(team.displayName)}`);
    } else if (options.teamGroupId !== undefined) {
        left.push({
            subject: `group ${options.teamGroupId}`,
            why: "named as the experts' team, but it does not exist",
        });
    }
    if (options.graphEndpoint !== undefined && options.graphEndpoint.replace(/\/+$/, "") !== GLOBAL_GRAPH) {
        config.graphEndpoint = options.graphEndpoint.replace(/\/+$/, "");
    }
    config.vendors = rawVendors;
    return { config, comments, left, guesses };
}

/** A vendor as comments name it. */
function v(vendor: { name: string }): string {
    return JSON.stringify(vendor.name);
}

/**
 * Why a group licensing a vendor's accounts cannot be adopted as its license group, or undefined
 * when it can: it must be a plain security group (azuread replaces a group whose type changes), its
 * members exactly the vendor's accounts (the stack makes membership authoritative, so any other
 * member would be removed), and the vendor active (a suspended vendor's group is emptied).
 */
function licenseGroupProblem(
    group: DirectoryGroup,
    accountIds: ReadonlySet<string>,
    active: boolean,
    snapshot: TenantSnapshot,
    vendors: readonly {
        name: string;
        accounts: readonly { user: DirectoryUser }[];
        guests: readonly { user: DirectoryUser }[];
    }[],
): string | undefined {
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
