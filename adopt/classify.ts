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
    /** Its id in config, before it is made unique within the vendor. */
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
    return new Adopter(snapshot, options).adopt();
}

/** One adoption: the steps of {@link classify}, sharing what they found and the comments they write. */
class Adopter {
    private readonly hints: Hints;
    private readonly ra: ReadonlySet<string>;
    private readonly host: string;
    private readonly hostDomains: ReadonlySet<string>;
    private readonly team?: DirectoryGroup;
    private readonly teamMembers: ReadonlySet<string>;
    /** Vendors by what grouped them: `id:<id>` (hinted, or the stack's naming), `company:`, `department:`, `domain:`. */
    private readonly vendors = new Map<string, Vendor>();
    private readonly hinted: readonly Vendor[];
    private readonly bundles: Bundle[] = [];
    private readonly left: Left[] = [];
    private readonly comments: Comment[] = [];
    private guesses = 0;

    constructor(
        private readonly snapshot: TenantSnapshot,
        private readonly options: AdoptOptions,
    ) {
        this.hints = options.hints;
        this.ra = new Set(snapshot.remoteAssistSkuIds);
        this.host = options.domain.toLowerCase();
        this.hostDomains = new Set([
            this.host,
            ...snapshot.users.filter((u) => u.userType === "Member").map((u) => domainOf(u.userPrincipalName)),
        ]);
        this.team = snapshot.groups.find((g) => g.id === snapshot.teamGroupId);
        this.teamMembers = new Set(this.team?.members.map((m) => m.id) ?? []);
        for (const h of this.hints.vendors) {
            this.vendorFor(`id:${h.id}`, () => ({
                id: h.id,
                name: h.name ?? h.id,
                source: { kind: "hint" },
                domains: [...h.domains],
                ...(h.state === undefined ? {} : { state: h.state }),
            }));
        }
        this.hinted = [...this.vendors.values()];
    }

    adopt(): Adoption {
        this.groupAccounts();
        this.groupGuests();
        const list = this.settleVendors();
        const config: Record<string, unknown> = { tenant: this.tenantSection(list) };
        const usageLocation = (config.tenant as { usageLocation: string }).usageLocation;
        const vendors = list.map((x, at) => this.vendorEntry(x, at, list, usageLocation));
        config.licenses = this.licensesSection();
        const experts = this.expertsSection(list);
        if (experts) {
            config.experts = experts;
        }
        const endpoint = this.options.graphEndpoint?.replace(/\/+$/, "");
        if (endpoint !== undefined && endpoint !== GLOBAL_GRAPH) {
            config.graphEndpoint = endpoint;
        }
        config.vendors = vendors;
        return { config, comments: this.comments, left: this.left, guesses: this.guesses };
    }

    private guess(path: ConfigPath, text: string, before = false): void {
        this.guesses += 1;
        this.comments.push({ path, text: `guess: ${text}`, ...(before ? { before } : {}) });
    }

    private note(path: ConfigPath, text: string, before = false): void {
        this.comments.push({ path, text, ...(before ? { before } : {}) });
    }

    private holdsRemoteAssist(u: DirectoryUser): boolean {
        return (
            u.assignedLicenses.some((l) => this.ra.has(l.skuId)) ||
            u.licenseAssignmentStates.some((s) => this.ra.has(s.skuId))
        );
    }

    private external(address: string): boolean {
        return !this.hostDomains.has(domainOf(address));
    }

    private vendorFor(
        key: string,
        make: () => Omit<Vendor, "key" | "learnt" | "accounts" | "guests" | "stateGuessed">,
    ): Vendor {
        let vendor = this.vendors.get(key);
        if (!vendor) {
            vendor = { key, learnt: new Set(), accounts: [], guests: [], stateGuessed: false, ...make() };
            this.vendors.set(key, vendor);
        }
        return vendor;
    }

    private hintedVendor(id: string): Vendor {
        return this.vendorFor(`id:${id}`, () => ({ id, name: id, source: { kind: "hint" }, domains: [] }));
    }

    private hintedByCompany(company: string | undefined): Vendor | undefined {
        if (company === undefined) {
            return undefined;
        }
        return this.hinted.find((v) => {
            const h = this.hints.vendors.find((x) => x.id === v.id)!;
            return [h.name ?? "", ...h.companyNames].some((n) => n.toLowerCase() === company.toLowerCase());
        });
    }

    private hintedByDomain(domain: string): Vendor | undefined {
        return this.hinted.find((v) => v.domains.includes(domain));
    }

    /** Service accounts: members holding Remote Assist, typed or named as the stack's, or hinted; each to its vendor. */
    private groupAccounts(): void {
        const candidates = this.snapshot.users.filter(
            (u) =>
                u.userType === "Member" &&
                (this.hints.accounts.has(u.userPrincipalName.toLowerCase()) ||
                    this.holdsRemoteAssist(u) ||
                    u.employeeType === SERVICE_ACCOUNT_EMPLOYEE_TYPE ||
                    u.userPrincipalName.toLowerCase().startsWith(SERVICE_ACCOUNT_NAME_PREFIX)),
        );
        for (const user of candidates) {
            const upn = user.userPrincipalName.toLowerCase();
            const hint = this.hints.accounts.get(upn);
            if (this.hints.internal.has(upn)) {
                continue;
            }
            if (!hint && this.teamMembers.has(user.id)) {
                this.left.push({
                    subject: user.userPrincipalName,
                    why: "in the experts' team: taken for an expert, not a service account",
                });
                continue;
            }
            const pattern = new RegExp(`^${SERVICE_ACCOUNT_NAME_PREFIX}([a-z0-9-]+)-([a-z0-9]+)@`).exec(upn);
            const otherMail = user.otherMails.map((m) => m.toLowerCase()).find((m) => this.external(m));
            const vendor = this.accountVendor(user, hint?.vendor, pattern?.[1], otherMail);
            if (!vendor) {
                this.left.push({
                    subject: user.userPrincipalName,
                    why: `${this.holdsRemoteAssist(user) ? "holds Remote Assist" : "looks like a service account"}, but nothing tells which vendor it serves; name it under accounts (or internal) in the hints file`,
                });
                continue;
            }
            const holder = hint?.holder ?? otherMail;
            vendor.accounts.push({
                user,
                id:
                    hint?.id ??
                    (pattern && pattern[1] === vendor.id ? pattern[2] : slugOf(upn.slice(0, upn.indexOf("@")), "sa")),
                holder: holder ?? "unknown@holder.invalid",
                holderSource: hint?.holder !== undefined ? "hint" : holder !== undefined ? "otherMails" : "unknown",
            });
            if (holder !== undefined && !CONSUMER_DOMAINS.includes(domainOf(holder)) && this.external(holder)) {
                vendor.learnt.add(domainOf(holder));
            }
        }
    }

    /**
     * An account's vendor: its hint; a hinted vendor by company name, by the stack's naming, or by its
     * holder's domain (all certain); else, as guesses, one made from its company name, its department,
     * the stack's naming or its holder's domain. Undefined when nothing tells.
     */
    private accountVendor(
        user: DirectoryUser,
        hinted: string | undefined,
        patternVendor: string | undefined,
        otherMail: string | undefined,
    ): Vendor | undefined {
        if (hinted !== undefined) {
            return this.hintedVendor(hinted);
        }
        const certain =
            this.hintedByCompany(user.companyName) ??
            (patternVendor === undefined ? undefined : this.hinted.find((v) => v.id === patternVendor)) ??
            (otherMail === undefined ? undefined : this.hintedByDomain(domainOf(otherMail)));
        if (certain) {
            return certain;
        }
        const made = (kind: "companyName" | "department" | "domain", value: string, name: string, id: string) =>
            this.vendorFor(`${kind === "companyName" ? "company" : kind}:${value.toLowerCase()}`, () => ({
                id: slugOf(id, "vendor"),
                name,
                source: { kind, value },
                domains: [],
            }));
        if (user.companyName !== undefined) {
            return made("companyName", user.companyName, user.companyName, user.companyName);
        }
        if (user.department !== undefined) {
            return made("department", user.department, user.department, user.department);
        }
        if (patternVendor !== undefined) {
            return this.vendorFor(`id:${patternVendor}`, () => ({
                id: patternVendor,
                name: patternVendor,
                source: { kind: "pattern", value: patternVendor },
                domains: [],
            }));
        }
        if (otherMail !== undefined && !CONSUMER_DOMAINS.includes(domainOf(otherMail))) {
            const domain = domainOf(otherMail);
            const label = domain.slice(0, domain.indexOf("."));
            return made("domain", domain, label, label);
        }
        return undefined;
    }

    /** Guests: those of the experts' team, hinted, or at a hinted vendor's domain; each to its vendor. */
    private groupGuests(): void {
        for (const user of this.snapshot.users.filter((u) => u.userType === "Guest")) {
            const email = guestEmail(user);
            if (email === undefined) {
                continue;
            }
            const domain = domainOf(email);
            const hint = this.hints.guests.get(email);
            if (!this.teamMembers.has(user.id) && !hint && !this.hintedByDomain(domain)) {
                continue;
            }
            let vendor: Vendor | undefined;
            let why: string | undefined;
            if (hint) {
                vendor = this.hintedVendor(hint.vendor);
            } else if ((vendor = this.hintedByDomain(domain))) {
                // At a hinted vendor's domain: certain.
            } else if ((vendor = [...this.vendors.values()].find((x) => x.learnt.has(domain)))) {
                why = `grouped with ${v(vendor)} because its service accounts' holders are at ${domain} too`;
            } else if (
                user.companyName !== undefined &&
                (vendor = [...this.vendors.values()].find(
                    (x) => x.name.toLowerCase() === user.companyName!.toLowerCase(),
                ))
            ) {
                why = `grouped with ${v(vendor)} by its companyName`;
            } else if (CONSUMER_DOMAINS.includes(domain)) {
                this.left.push({
                    subject: email,
                    why: "a guest with a consumer mailbox: nothing tells which vendor it belongs to; name it under guests in the hints file",
                });
                continue;
            } else {
                const label = domain.slice(0, domain.indexOf("."));
                vendor = this.vendorFor(`domain:${domain}`, () => ({
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
    }

    /**
     * The vendors kept, sorted by id, each id unique: a vendor with nothing in it is dropped; one whose
     * accounts are all disabled is suspended (a guess unless hinted); a disabled account of an active
     * vendor is left out, since the stack would enable it.
     */
    private settleVendors(): Vendor[] {
        const list = [...this.vendors.values()]
            .filter((x) => x.accounts.length > 0 || x.guests.length > 0)
            .sort((a, b) => a.id.localeCompare(b.id));
        const ids = new Set<string>();
        for (const x of list) {
            let id = x.id;
            for (let n = 2; ids.has(id); n++) {
                id = `${x.id}-${n}`;
            }
            x.id = id;
            ids.add(id);
            const enabled = x.accounts.filter((a) => a.user.accountEnabled);
            if (x.state === undefined && x.accounts.length > 0 && enabled.length === 0) {
                x.state = "suspended";
                x.stateGuessed = true;
            }
            if (x.state !== "suspended") {
                for (const a of x.accounts.filter((y) => !y.user.accountEnabled)) {
                    this.left.push({
                        subject: a.user.userPrincipalName,
                        why: `disabled, and ${x.name} is active: the stack would enable it; delete it, or adopt it once it should sign in again`,
                    });
                }
                x.accounts = enabled;
            }
        }
        return list;
    }

    /** `tenant`: the domain given, the adopted accounts' other domains, the usage location given or most common. */
    private tenantSection(list: readonly Vendor[]): Record<string, unknown> {
        const accounts = list.flatMap((x) => x.accounts);
        const usageLocation =
            this.options.usageLocation ??
            mostCommon(accounts.flatMap((a) => (a.user.usageLocation ? [a.user.usageLocation] : []))) ??
            "US";
        const upnDomains = [...new Set(accounts.map((a) => domainOf(a.user.userPrincipalName)))]
            .filter((d) => d !== this.host)
            .sort();
        if (this.options.usageLocation === undefined) {
            this.guess(
                ["tenant", "usageLocation"],
                "the usage location most adopted service accounts have; new accounts get it",
            );
        }
        if (upnDomains.length > 0) {
            this.note(
                ["tenant", "domains"],
                "the domains the adopted service accounts sign in with; they keep their names",
            );
        }
        return { domain: this.host, ...(upnDomains.length > 0 ? { domains: upnDomains } : {}), usageLocation };
    }

    /** The bundle with exactly these licenses (made when new), its name. */
    private bundleFor(licenses: readonly AssignedLicense[], origin: string): string {
        const key = bundleKey(licenses);
        let b = this.bundles.find((x) => bundleKey(x.licenses) === key);
        if (!b) {
            b = {
                name: this.bundles.length === 0 ? "remote-assist" : `remote-assist-${this.bundles.length + 1}`,
                licenses,
                origins: [],
            };
            this.bundles.push(b);
        }
        b.origins.push(origin);
        return b.name;
    }

    /** One vendor's config entry. */
    private vendorEntry(
        x: Vendor,
        at: number,
        list: readonly Vendor[],
        usageLocation: string,
    ): Record<string, unknown> {
        const path: ConfigPath = ["vendors", at];
        const active = x.state !== "suspended";
        const entry: Record<string, unknown> = { id: x.id, name: x.name };
        const domains = [...new Set([...x.domains, ...x.learnt])].sort();
        if (domains.length > 0) {
            entry.domains = domains;
        }
        const learnt = domains.filter((d) => !x.domains.includes(d));
        const licenseGroup = x.accounts.length > 0 ? this.license(x, path, active, list, entry) : undefined;
        if (x.state !== undefined) {
            entry.state = x.state;
            if (x.stateGuessed) {
                this.guess([...path, "state"], "every one of its service accounts is disabled");
            }
        }
        if (x.source.kind !== "hint") {
            const found = {
                companyName: `the companyName ${JSON.stringify(x.source.value)} of its service accounts`,
                department: `the department ${JSON.stringify(x.source.value)} of its service accounts (an information-barrier attribute of the hand-made set-up)`,
                pattern: `its service accounts' names, made the way this stack names vendor ${x.source.value}'s`,
                domain: `the domain ${x.source.value} of its people's addresses`,
            }[x.source.kind];
            this.guess(path, `a vendor found by ${found}; check its id (never renamed later) and its name`, true);
        }
        if (learnt.length > 0) {
            this.guess([...path, "domains"], `from its holders' and guests' addresses: ${learnt.join(", ")}`);
        }
        if (x.accounts.length > 0) {
            const ids = new Set<string>();
            entry.serviceAccounts = x.accounts.map((a, j) => {
                let id = a.id;
                for (let n = 2; ids.has(id); n++) {
                    id = `${a.id}-${n}`;
                }
                ids.add(id);
                return this.accountEntry(a, id, x, [...path, "serviceAccounts", j], usageLocation);
            });
        }
        if (x.guests.length > 0) {
            entry.guests = x.guests.map((g, j) => this.guestEntry(g, [...path, "guests", j], active));
        }
        if (licenseGroup) {
            entry.existing = {
                licenseGroup: {
                    id: licenseGroup.id,
                    displayName: licenseGroup.displayName,
                    mailNickname: licenseGroup.mailNickname ?? "",
                },
            };
            this.note(
                [...path, "existing", "licenseGroup"],
                "adopted as it is: its members are exactly the vendor's service accounts",
                true,
            );
        }
        return entry;
    }

    /**
     * The vendor's license bundle, set on `entry`, and the license group adopted as it is, if one is
     * exactly this vendor's: see {@link licenseGroupProblem}.
     */
    private license(
        x: Vendor,
        path: ConfigPath,
        active: boolean,
        list: readonly Vendor[],
        entry: Record<string, unknown>,
    ): DirectoryGroup | undefined {
        const groupIds = new Set(
            x.accounts.flatMap((a) =>
                a.user.licenseAssignmentStates
                    .filter((s) => this.ra.has(s.skuId) && s.assignedByGroup !== null)
                    .map((s) => s.assignedByGroup as string),
            ),
        );
        const groups = [...groupIds].flatMap((id) => this.snapshot.groups.filter((g) => g.id === id));
        const accountIds = new Set(x.accounts.map((a) => a.user.id));
        let adopted: DirectoryGroup | undefined;
        for (const g of groups) {
            const problem = licenseGroupProblem(g, accountIds, active, this.snapshot, list);
            if (problem === undefined && adopted === undefined) {
                adopted = g;
            } else if (problem !== undefined) {
                this.note(
                    path,
                    `license group ${JSON.stringify(g.displayName)} (${g.id}) is not adopted: ${problem}; it stays as it is, outside the stack`,
                    true,
                );
            }
        }
        const source = adopted ?? groups[0];
        if (source) {
            entry.license = this.bundleFor(
                source.assignedLicenses,
                `${x.name}'s license group ${JSON.stringify(source.displayName)}${adopted ? " (adopted)" : " (not adopted)"}`,
            );
            return adopted;
        }
        // Licensed directly: the SKUs every account holds, of those this stack reasons about.
        const held = x.accounts.map((a) =>
            a.user.assignedLicenses.filter((l) => this.ra.has(l.skuId) || knownSkuById(l.skuId) !== undefined),
        );
        const common = held[0].filter((l) => held.every((h) => h.some((m) => m.skuId === l.skuId)));
        entry.license = this.bundleFor(
            common.length > 0 ? common : [{ skuId: [...this.ra][0], disabledPlans: [] }],
            `what ${x.name}'s service accounts hold directly`,
        );
        this.guess(
            [...path, "license"],
            "the SKUs its service accounts hold directly; the stack assigns them to a new license group (npm run audit then reports the direct assignments to remove)",
        );
        return undefined;
    }

    /** One service account's config entry, with what it keeps as the tenant has it. */
    private accountEntry(
        a: Account,
        id: string,
        x: Vendor,
        path: ConfigPath,
        usageLocation: string,
    ): Record<string, unknown> {
        const u = a.user;
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
            ...(u.mailNickname !== undefined && u.mailNickname !== localPart ? { mailNickname: u.mailNickname } : {}),
        };
        if (a.holderSource === "otherMails") {
            this.guess([...path, "holder"], "its alternate email address");
        } else if (a.holderSource === "unknown") {
            this.guess(
                [...path, "holder"],
                "TODO: nobody recorded who holds this account; put the holder's address here",
            );
        }
        if (u.usageLocation === undefined) {
            this.note(
                [...path, "id"],
                `has no usage location: the first pulumi up sets ${usageLocation} (group-based licensing needs one)`,
            );
        }
        const direct = u.licenseAssignmentStates.filter((s) => this.ra.has(s.skuId) && s.assignedByGroup === null);
        if (direct.length > 0) {
            this.note(
                [...path, "existing", "userPrincipalName"],
                `also holds ${direct.map((s) => skuWords(this.snapshot, s.skuId)).join(", ")} directly: remove that once the license group licenses it (npm run audit reports it)`,
            );
        }
        const kept = [
            ...(u.companyName !== undefined && u.companyName !== x.name
                ? [`companyName ${JSON.stringify(u.companyName)}`]
                : []),
            ...(u.department !== undefined ? [`department ${JSON.stringify(u.department)}`] : []),
        ];
        if (kept.length > 0) {
            this.note(
                [...path, "existing"],
                `keeps its ${kept.join(" and ")}: the stack leaves an adopted account's attributes alone`,
                true,
            );
        }
        return sa;
    }

    /** One guest's config entry: adopted by its object id, with its invitation and memberships said. */
    private guestEntry(g: Guest, path: ConfigPath, active: boolean): Record<string, unknown> {
        if (g.guess !== undefined) {
            this.guess(path, g.guess, true);
        }
        const u = g.user;
        if (u.externalUserState === "PendingAcceptance") {
            this.note(
                [...path, "email"],
                `invited ${u.externalUserStateChangeDateTime?.slice(0, 10) ?? "at an unknown date"}, not redeemed yet; the stack will not invite again`,
            );
        }
        if (this.team && !this.teamMembers.has(u.id) && active) {
            this.note([...path, "email"], "not in the experts' team yet: the first pulumi up adds it");
        }
        if (this.teamMembers.has(u.id) && !active) {
            this.note(
                [...path, "email"],
                "in the experts' team, though its vendor is suspended; the stack does not take it out (npm run audit reports it)",
            );
        }
        const elsewhere = this.snapshot.groups.filter(
            (grp) => grp.id !== this.team?.id && grp.members.some((m) => m.id === u.id),
        );
        if (elsewhere.length > 0) {
            this.note(
                [...path, "existing", "userId"],
                `also a member of ${elsewhere.map((grp) => JSON.stringify(grp.displayName)).join(", ")}, which the stack does not manage`,
            );
        }
        return { email: g.email, name: u.displayName, existing: { userId: u.id } };
    }

    /** `licenses`: each bundle with its SKUs, and where it came from. */
    private licensesSection(): Record<string, unknown> {
        for (const b of this.bundles) {
            this.note(
                ["licenses", b.name],
                `${b.licenses.map((l) => skuWords(this.snapshot, l.skuId)).join(", ")}: as ${b.origins.join("; ")}`,
                true,
            );
        }
        return Object.fromEntries(
            this.bundles.map((b) => [
                b.name,
                {
                    skus: b.licenses.map((l) => ({
                        sku: skuName(l.skuId),
                        ...(l.disabledPlans.length > 0 ? { disabledPlans: [...l.disabledPlans] } : {}),
                    })),
                },
            ]),
        );
    }

    /** `experts`: the team, and its internal members (a guess). */
    private expertsSection(list: readonly Vendor[]): Record<string, unknown> | undefined {
        if (!this.team) {
            if (this.options.teamGroupId !== undefined) {
                this.left.push({
                    subject: `group ${this.options.teamGroupId}`,
                    why: "named as the experts' team, but it does not exist",
                });
            }
            return undefined;
        }
        const accounts = new Set(list.flatMap((x) => x.accounts.map((a) => a.user.id)));
        const experts = this.team.members.filter(
            (m) =>
                m.kind === "user" && m.userType !== "Guest" && m.userPrincipalName !== undefined && !accounts.has(m.id),
        );
        this.guess(
            ["experts", "members"],
            `every internal member of the team ${JSON.stringify(this.team.displayName)}`,
        );
        return { team: this.team.id, members: experts.map((m) => m.userPrincipalName as string) };
    }
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
