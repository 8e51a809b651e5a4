/**
 * Rules that span fields or sections: uniqueness, references between sections, seats and
 * information-barrier symmetry. They run on whatever parsed (see `salvage.ts`), so one vendor's
 * bad holder does not hide its duplicate id. A rule skips what it cannot judge because of a
 * problem already reported, so that no error is only a knock-on of another: a vendor whose id
 * repeats another's is not also told that its accounts' user names collide, and a `canTalkTo`
 * naming a segment whose own name is invalid is not also called unknown.
 */
import type { z } from "zod";
import { MAX_FEDERATION_DOMAINS } from "../federation/limits";
import { SEGMENT_LIMITS, SEGMENT_LIMIT_SOURCE } from "../barriers/limits";
import { guestResourceName, MAX_LOCAL_PART_LENGTH, serviceAccountLocalPart, serviceAccountUpn } from "../naming";
import { didYouMean } from "./messages";
import { ConfigPath, Problems } from "./problems";
import { quote } from "./quote";
import { Invalid, INVALID, isMapping, isValid, ownValue, Salvaged, validEntries } from "./salvage";
import { segmentNameSchema } from "./schema";
import type {
    expertsSchema,
    federationSchema,
    informationBarriersSchema,
    licenseBundleSchema,
    ParsedVendor,
    tenantSchema,
} from "./schema";

/** A section that parsed, with its invalid parts marked, or {@link INVALID} when nothing of it could be read. */
type Section<S extends z.ZodType> = Salvaged<z.output<S>> | Invalid;

/** A salvaged vendor. */
export type SalvagedVendor = Salvaged<ParsedVendor>;

/** Whatever parsed of each section. */
export interface SalvagedSections {
    readonly tenant: Section<typeof tenantSchema> | undefined;
    /** Bundles by name (own keys of the mapping, in config order); {@link INVALID} when `licenses` is no mapping. */
    readonly licenses: ReadonlyMap<string, Section<typeof licenseBundleSchema>> | Invalid;
    readonly experts: Section<typeof expertsSchema>;
    readonly federation: Section<typeof federationSchema>;
    readonly informationBarriers: Section<typeof informationBarriersSchema>;
    /** Indexed like the config list; {@link INVALID} where an entry, or the list, could not be read. */
    readonly vendors: readonly (SalvagedVendor | Invalid)[] | Invalid;
    /** The vendors as written, for names that failed validation but may still be what another entry refers to. */
    readonly rawVendors: unknown;
    /** The experts section as written, for the same reason. */
    readonly rawExperts: unknown;
}

/** What the rules know of one vendor that is a mapping. */
interface VendorFacts {
    readonly i: number;
    readonly v: SalvagedVendor;
    readonly id?: string;
    /** Whether no earlier vendor has the same id; later ones are reported as duplicates. */
    readonly firstWithId: boolean;
    readonly name?: string;
    /** The segment, explicit or defaulted from the name; undefined when either is invalid. */
    readonly segment?: string;
    /** Whether the segment is the default, the vendor's name. */
    readonly segmentFromName: boolean;
    readonly state?: "active" | "suspended";
    /** Entries under `serviceAccounts`, valid or not; undefined when `serviceAccounts` is no list. */
    readonly accountCount?: number;
}

interface Keyed {
    readonly key: string;
    readonly path: ConfigPath;
}

/** Reports every entry whose key (case-insensitive) an earlier entry already has; returns the indexes reported. */
function reportDuplicates(
    entries: readonly Keyed[],
    problems: Problems,
    message: (first: Keyed) => string,
): Set<number> {
    const seen = new Map<string, Keyed>();
    const reported = new Set<number>();
    entries.forEach((entry, k) => {
        const first = seen.get(entry.key.toLowerCase());
        if (first) {
            problems.add(entry.path, message(first));
            reported.add(k);
        } else {
            seen.set(entry.key.toLowerCase(), entry);
        }
    });
    return reported;
}

function value<T>(field: T | Invalid): T | undefined {
    return isValid(field) ? field : undefined;
}

function vendorFacts(sections: SalvagedSections): VendorFacts[] {
    const ids = new Set<string>();
    return validEntries(sections.vendors).map(({ value: v, index: i }) => {
        const id = value(v.id);
        const name = value(v.name);
        const explicit = v.segment;
        const segmentFromName = explicit === undefined;
        let segment: string | undefined;
        if (segmentFromName) {
            segment = name !== undefined && segmentNameSchema.safeParse(name).success ? name : undefined;
        } else {
            segment = value(explicit);
        }
        const firstWithId = id !== undefined && !ids.has(id);
        if (id !== undefined) {
            ids.add(id);
        }
        return {
            i,
            v,
            id,
            firstWithId,
            name,
            segment,
            segmentFromName,
            state: value(v.state),
            accountCount: isValid(v.serviceAccounts) ? v.serviceAccounts.length : undefined,
        };
    });
}

/**
 * Every string a vendor's segment could be once its mistakes are fixed: its segment or name as
 * written, even where invalid. A `canTalkTo` naming one of these is not reported as unknown.
 */
function rawSegmentNames(sections: SalvagedSections): string[] {
    const raw = Array.isArray(sections.rawVendors) ? (sections.rawVendors as unknown[]) : [];
    const vendors = validEntries(sections.vendors);
    const names = raw.flatMap((v, i) => {
        const parsed = vendors.find((e) => e.index === i)?.value;
        // A vendor whose name or segment is invalid (or under a misspelt key) may be meant by any of its strings.
        if (parsed === undefined || !isValid(parsed.name) || parsed.segment === INVALID) {
            return isMapping(v) ? Object.values(v) : [];
        }
        return [ownValue(v, "segment"), ownValue(v, "name")];
    });
    const experts = sections.experts;
    // An experts section that is no mapping would have the default segment once fixed.
    names.push(experts === INVALID ? "Experts" : ownValue(sections.rawExperts, "segment"));
    return names.filter((n): n is string => typeof n === "string").map((n) => n.trim().toLowerCase());
}

/** Context the rules share. */
interface Context {
    readonly sections: SalvagedSections;
    readonly vendors: readonly VendorFacts[];
    readonly problems: Problems;
    /** Indexes of vendors reported as having another vendor's name (their default segment repeats it too). */
    readonly duplicateNames: ReadonlySet<number>;
}

function checkIdentifiers(ctx: Context): Set<number> {
    const { vendors, problems, sections } = ctx;
    const withId = vendors.filter((f) => f.id !== undefined);
    reportDuplicates(
        withId.map((f) => ({ key: f.id!, path: ["vendors", f.i, "id"] })),
        problems,
        (first) =>
            `duplicate vendor id; ${problems.path(first.path)} already uses it, and ids name resources and UPNs: give this vendor an id of its own`,
    );
    const withName = vendors.filter((f) => f.name !== undefined);
    const duplicateNames = reportDuplicates(
        withName.map((f) => ({ key: f.name!, path: ["vendors", f.i, "name"] })),
        problems,
        (first) =>
            `duplicate vendor name; ${problems.path(first.path)} already uses it (case does not count), and group names derive from it: give this vendor a name of its own`,
    );
    for (const f of vendors) {
        const accounts = validEntries(f.v.serviceAccounts);
        reportDuplicates(
            accounts.flatMap(({ value: sa, index: j }) =>
                isValid(sa.id) ? [{ key: sa.id, path: ["vendors", f.i, "serviceAccounts", j, "id"] }] : [],
            ),
            problems,
            (first) =>
                `duplicate service account id; ${problems.path(first.path)} already uses it within this vendor: give each account its own id`,
        );
        if (f.id === undefined) {
            continue;
        }
        for (const { value: sa, index: j } of accounts) {
            // An adopted account keeps its own user name; the derived one is never made.
            const adopted = sa.existing !== undefined;
            const localPart = isValid(sa.id) && !adopted ? serviceAccountLocalPart(f.id, sa.id) : undefined;
            if (localPart !== undefined && localPart.length > MAX_LOCAL_PART_LENGTH) {
                problems.add(
                    ["vendors", f.i, "serviceAccounts", j, "id"],
                    `makes the user name "${localPart}" ${localPart.length} characters long, over Entra ID's limit of ${MAX_LOCAL_PART_LENGTH}; shorten the vendor or account id`,
                );
            }
        }
    }
    // Ids join with "-", which ids may contain: vendor "contoso" with account "1-sa1" and vendor
    // "contoso-1" with account "sa1" would both be sa-contoso-1-sa1 (and the same resource names).
    // A vendor whose id repeats an earlier vendor's is reported as such, not here again.
    const owners = vendors.filter((f) => f.firstWithId);
    reportDuplicates(
        owners.flatMap((f) =>
            validEntries(f.v.serviceAccounts)
                .flatMap(({ value: sa, index: j }) =>
                    isValid(sa.id)
                        ? [
                              {
                                  key: serviceAccountLocalPart(f.id!, sa.id),
                                  path: ["vendors", f.i, "serviceAccounts", j, "id"] as ConfigPath,
                              },
                          ]
                        : [],
                )
                // An id repeated within the vendor is reported above as such.
                .filter((entry, k, all) => all.findIndex((e) => e.key === entry.key) === k),
        ),
        problems,
        (first) =>
            `makes the user name "${first.key}", which ${problems.path(first.path.slice(0, -1))} already makes; change this account id`,
    );
    reportDuplicates(
        owners.flatMap((f) =>
            validEntries(f.v.guests).flatMap(({ value: g, index: j }) =>
                isValid(g.email)
                    ? [{ key: guestResourceName(f.id!, g.email), path: ["vendors", f.i, "guests", j, "email"] }]
                    : [],
            ),
        ),
        problems,
        (first) =>
            `gives the same resource name "${first.key}" as ${problems.path(first.path)}; change one of the two vendor ids`,
    );
    reportDuplicates(
        vendors.flatMap((f) =>
            validEntries(f.v.guests).flatMap(({ value: g, index: j }) =>
                isValid(g.email) ? [{ key: g.email, path: ["vendors", f.i, "guests", j, "email"] }] : [],
            ),
        ),
        problems,
        (first) => `this guest is already invited by ${problems.path(first.path)}; invite each person once`,
    );
    const experts = sections.experts;
    if (experts !== INVALID) {
        reportDuplicates(
            validEntries(experts.members).map(({ value: m, index: j }) => ({
                key: m,
                path: ["experts", "members", j],
            })),
            problems,
            (first) => `duplicate expert; ${problems.path(first.path)} already lists this user: remove one`,
        );
    }
    return new Set([...duplicateNames].map((k) => withName[k].i));
}

/** `a, b, c`, each name quoted when it is not plain. */
function names(list: readonly string[]): string {
    return list.map((n) => (/^[A-Za-z0-9_.-]+$/.test(n) ? n : quote(n))).join(", ");
}

function checkLicenses(ctx: Context): void {
    const { licenses } = ctx.sections;
    const { problems } = ctx;
    if (licenses === INVALID) {
        return;
    }
    const bundleNames = [...licenses.keys()];
    const defineHint =
        bundleNames.length === 0
            ? "define a bundle under remote-assist-tenancy:licenses and name it here"
            : `use one of: ${names(bundleNames)}`;
    const activeUse = new Map<string, { vendor: string; count: number }[]>();
    for (const f of ctx.vendors) {
        const license = f.v.license;
        if (license === INVALID) {
            continue;
        }
        if (license === undefined) {
            if ((f.accountCount ?? 0) > 0) {
                problems.add(
                    ["vendors", f.i, "license"],
                    `required because the vendor has service accounts; ${defineHint}`,
                );
            }
            continue;
        }
        // A Map, never `in` or an index into an object: a bundle named "toString" or "__proto__" is
        // just a name, and a vendor's license of "constructor" must not find Object's constructor.
        if (!licenses.has(license)) {
            const guess = didYouMean(license, bundleNames);
            problems.add(
                ["vendors", f.i, "license"],
                `unknown bundle ${quote(license)}; ${guess === undefined ? "" : `did you mean ${quote(guess)}? `}define it under licenses or ${bundleNames.length === 0 ? "remove it" : defineHint}`,
            );
            continue;
        }
        if (f.state === "active" && f.accountCount !== undefined && f.accountCount > 0) {
            const uses = activeUse.get(license) ?? [];
            uses.push({ vendor: f.id ?? `vendors[${f.i}]`, count: f.accountCount });
            activeUse.set(license, uses);
        }
    }
    for (const [name, bundle] of licenses) {
        const seats = bundle === INVALID ? undefined : value(bundle.seats);
        const uses = activeUse.get(name) ?? [];
        const total = uses.reduce((sum, u) => sum + u.count, 0);
        if (seats !== undefined && total > seats) {
            problems.add(
                ["licenses", name, "seats"],
                `${seats} seats but ${total} active service ${total === 1 ? "account uses" : "accounts use"} this bundle (${uses
                    .map((u) => `${u.vendor}: ${u.count}`)
                    .join(", ")}); buy and declare more seats, or suspend a vendor`,
            );
        }
    }
}

function checkGuestsAndDomains(ctx: Context): void {
    const { tenant } = ctx.sections;
    const { problems } = ctx;
    if (tenant !== undefined && tenant !== INVALID && isValid(tenant.domain)) {
        const hostDomains = [tenant.domain, ...validEntries(value(tenant.domains)).map((d) => d.value)];
        const hostDomainOf = (domain: string) => hostDomains.find((h) => domain === h || domain.endsWith(`.${h}`));
        for (const f of ctx.vendors) {
            for (const { value: g, index: j } of validEntries(f.v.guests)) {
                const email = value(g.email);
                const host = email === undefined ? undefined : hostDomainOf(email.slice(email.lastIndexOf("@") + 1));
                if (host) {
                    problems.add(
                        ["vendors", f.i, "guests", j, "email"],
                        `${email} is in the host tenant's domain ${host}; guests are external users, and internal experts belong under experts.members`,
                    );
                }
            }
            for (const { value: d, index: j } of validEntries(f.v.domains)) {
                if (hostDomainOf(d)) {
                    problems.add(
                        ["vendors", f.i, "domains", j],
                        `${d} is the host tenant's own domain; list only the vendor tenant's domains`,
                    );
                }
            }
        }
    }
    reportDuplicates(
        ctx.vendors.flatMap((f) =>
            validEntries(f.v.domains).map(({ value: d, index: j }) => ({
                key: d,
                path: ["vendors", f.i, "domains", j],
            })),
        ),
        problems,
        (first) =>
            `this domain is already listed at ${problems.path(first.path)}; a domain belongs to one vendor: remove it here or there`,
    );
}

function checkFederation(ctx: Context): void {
    const { federation } = ctx.sections;
    const { problems } = ctx;
    if (federation === INVALID) {
        return;
    }
    const mode = value(federation.mode);
    const blocked = federation.blockedDomains;
    if (mode !== undefined && mode !== "blockList" && isValid(blocked) && (blocked?.length ?? 0) > 0) {
        problems.add(
            ["federation", "blockedDomains"],
            `only used when federation.mode is blockList (it is ${mode}); remove the list or set mode: blockList`,
        );
    }
    for (const key of ["extraAllowedDomains", "peerStacks"] as const) {
        const list = federation[key];
        if (mode !== undefined && mode !== "allowList" && isValid(list) && list.length > 0) {
            problems.add(
                ["federation", key],
                `only used when federation.mode is allowList (it is ${mode}); remove the list or set mode: allowList`,
            );
        }
    }
    reportDuplicates(
        validEntries(value(federation.peerStacks)).map(({ value: stack, index: j }) => ({
            key: stack,
            path: ["federation", "peerStacks", j],
        })),
        problems,
        (first) => `duplicate stack; ${problems.path(first.path)} already lists it: remove one`,
    );
    if (mode === undefined) {
        return;
    }
    checkFederationListSize(ctx, mode, federation);
    if (mode === "allowList") {
        // federation/plan.ts never takes off a domain it also allows: the vendor would stay federated.
        const extraSet = new Set(validEntries(value(federation.extraAllowedDomains)).map((d) => d.value));
        for (const f of ctx.vendors.filter((x) => x.state === "suspended")) {
            for (const { value: d, index: j } of validEntries(f.v.domains)) {
                if (extraSet.has(d)) {
                    problems.add(
                        ["vendors", f.i, "domains", j],
                        `${d} is in federation.extraAllowedDomains, so the suspended vendor ${f.name ?? f.id ?? `vendors[${f.i}]`} would stay federated with the host tenant; remove it from extraAllowedDomains or set the vendor active`,
                    );
                }
            }
        }
    }
    if (mode === "blockList") {
        const blockedSet = new Set(validEntries(value(blocked)).map((d) => d.value));
        for (const f of ctx.vendors.filter((x) => x.state === "active")) {
            for (const { value: d, index: j } of validEntries(f.v.domains)) {
                if (blockedSet.has(d)) {
                    problems.add(
                        ["vendors", f.i, "domains", j],
                        `${d} is in federation.blockedDomains, so the active vendor ${f.name ?? f.id ?? `vendors[${f.i}]`} could not reach the experts; unblock it or suspend the vendor`,
                    );
                }
            }
        }
    }
}

/**
 * The list the mode makes the stack put on the tenant, within the 4,000 domains Teams accepts.
 * Sibling stacks' domains are known only when the deployment reads them; the stack warns then.
 */
function checkFederationListSize(
    ctx: Context,
    mode: string,
    federation: Salvaged<z.output<typeof federationSchema>>,
): void {
    if (mode === "disabled") {
        return;
    }
    const domainsOf = (state: "active" | "suspended") =>
        ctx.vendors.filter((f) => f.state === state).flatMap((f) => validEntries(f.v.domains).map((d) => d.value));
    const listed = (list: readonly (string | Invalid)[] | Invalid | undefined) =>
        validEntries(list).map((d) => d.value);
    const parts: { source: string; domains: readonly string[] }[] =
        mode === "allowList"
            ? [
                  { source: "active vendors", domains: domainsOf("active") },
                  { source: "federation.extraAllowedDomains", domains: listed(federation.extraAllowedDomains) },
              ]
            : [
                  ...(mode === "blockList"
                      ? [{ source: "federation.blockedDomains", domains: listed(federation.blockedDomains) }]
                      : []),
                  { source: "suspended vendors", domains: domainsOf("suspended") },
              ];
    const total = new Set(parts.flatMap((p) => p.domains)).size;
    if (total > MAX_FEDERATION_DOMAINS) {
        const list = mode === "allowList" ? "allowed" : "blocked";
        const counts = parts
            .filter((p) => p.domains.length > 0)
            .map((p) => `${p.domains.length} from ${p.source}`)
            .join(", ");
        ctx.problems.add(
            ["federation", "mode"],
            `${mode} would put ${total} domains on the tenant's ${list} domains list (${counts}), but Teams accepts at most ${MAX_FEDERATION_DOMAINS} (Set-CsTenantFederationConfiguration -${list === "allowed" ? "AllowedDomains" : "BlockedDomains"}); list fewer domains${mode === "allowList" ? " or use mode: open or blockList" : ""}`,
        );
    }
}

/**
 * Whether a vendor has an information-barrier segment: only service accounts are segmented (as
 * `barriers/design.ts` hasSegment). A list that could not be read counts as none.
 */
function isSegmented(f: VendorFacts): boolean {
    return (f.accountCount ?? 0) > 0;
}

function checkSegments(ctx: Context): void {
    const { problems } = ctx;
    const experts = ctx.sections.experts;
    const expertsSegment = experts === INVALID ? undefined : value(experts.segment);
    const segments: Keyed[] = [
        ...(expertsSegment === undefined ? [] : [{ key: expertsSegment, path: ["experts", "segment"] }]),
        ...ctx.vendors
            // A guests-only vendor has no segment, so its segment name (its name, by default) is free.
            // A vendor whose segment defaults to a name reported as another vendor's says so once.
            .filter(
                (f) => f.segment !== undefined && isSegmented(f) && !(f.segmentFromName && ctx.duplicateNames.has(f.i)),
            )
            .map((f) => ({ key: f.segment!, path: ["vendors", f.i, "segment"] as ConfigPath })),
    ];
    reportDuplicates(
        segments,
        problems,
        (first) =>
            `segment "${first.key}" already belongs to ${problems.path(first.path.slice(0, -1))}; each vendor needs its own segment (it defaults to the vendor's name): set segment to another name`,
    );
    for (const f of ctx.vendors.filter((x) => x.segmentFromName && x.name !== undefined)) {
        const asSegment = segmentNameSchema.safeParse(f.name);
        if (!asSegment.success) {
            for (const issue of asSegment.error.issues) {
                problems.add(
                    ["vendors", f.i, "name"],
                    `the vendor's segment defaults to its name, and as a segment name ${issue.message}; set segment`,
                );
            }
        }
    }
    const known = new Map(segments.map((s) => [s.key.toLowerCase(), s.key]));
    for (const f of ctx.vendors) {
        if (f.segment !== undefined && !known.has(f.segment.toLowerCase())) {
            known.set(f.segment.toLowerCase(), f.segment);
        }
    }
    const maybe = new Set(rawSegmentNames(ctx.sections));
    const bySegment = (which: (f: VendorFacts) => boolean) =>
        new Map(
            ctx.vendors.filter((f) => f.segment !== undefined && which(f)).map((f) => [f.segment!.toLowerCase(), f]),
        );
    const segmentOwners = bySegment(isSegmented);
    const guestsOnly = bySegment((f) => !isSegmented(f));
    // A name is a vendor's segment first, then the experts', and only then a guests-only vendor's.
    const peerOf = (target: string) =>
        segmentOwners.get(target) ?? (target === expertsSegment?.toLowerCase() ? undefined : guestsOnly.get(target));
    for (const f of ctx.vendors) {
        const canTalkTo = f.v.canTalkTo;
        if (canTalkTo === INVALID || canTalkTo === undefined) {
            continue;
        }
        for (const { value: target, index: j } of validEntries(canTalkTo)) {
            const path: ConfigPath = ["vendors", f.i, "canTalkTo", j];
            if (!known.has(target.toLowerCase())) {
                // A segment whose own name is invalid is reported there; fixing it may make this right.
                if (!maybe.has(target.toLowerCase())) {
                    const guess = didYouMean(target, [...known.values()]);
                    problems.add(
                        path,
                        `unknown segment ${quote(target)}; ${guess === undefined ? "" : `did you mean ${quote(guess)}? `}known segments: ${[...known.values()].join(", ")}`,
                    );
                }
                continue;
            }
            const peer = peerOf(target.toLowerCase());
            if (!peer || peer === f) {
                continue;
            }
            checkMutual(ctx, f, peer, target, path, expertsSegment);
        }
    }
}

/** `canTalkTo` between two vendors: both need service accounts (a segment), and the peer must list this vendor back. */
function checkMutual(
    ctx: Context,
    f: VendorFacts,
    peer: VendorFacts,
    target: string,
    path: ConfigPath,
    expertsSegment: string | undefined,
): void {
    const { problems } = ctx;
    const who = f.name ?? f.segment ?? `vendors[${f.i}]`;
    // Only service accounts are segmented: guests are governed by the experts' team (README,
    // Information barriers design), so a vendor without service accounts has no segment.
    if (f.accountCount === undefined || peer.accountCount === undefined) {
        return;
    }
    if (f.accountCount === 0) {
        problems.add(
            path,
            `${who} has no service accounts, so it has no information-barrier segment and no policy that could allow ${target} (its guests are governed by the experts' team); remove ${target} here`,
        );
        return;
    }
    if (peer.accountCount === 0) {
        problems.add(
            path,
            `${target} is the segment of ${peer.name ?? peer.id ?? `vendors[${peer.i}]`}, which has no service accounts and so no information-barrier segment (its guests are governed by the experts' team); remove ${target} here`,
        );
        return;
    }
    const own = f.segment;
    const peerList = peer.v.canTalkTo;
    if (own === undefined || peerList === INVALID) {
        return;
    }
    let listed: string[];
    if (peerList === undefined) {
        if (expertsSegment === undefined) {
            return;
        }
        listed = [expertsSegment];
    } else {
        listed = validEntries(peerList).map((e) => e.value);
    }
    // An invalid entry in the peer's list (reported there) may be this vendor's segment once fixed.
    const complete = peerList === undefined || listed.length === peerList.length;
    if (complete && !listed.some((s) => s.toLowerCase() === own.toLowerCase())) {
        problems.add(
            path,
            `${own} may talk to ${peer.segment}, but ${problems.path(["vendors", peer.i, "canTalkTo"])} does not list ${own}; information-barrier policies must be mutual: add ${own} there or remove ${peer.segment} here`,
        );
    }
}

/**
 * The catch-all internal segment: a name of its own, and a segment count within Purview's limit
 * (the experts', the internal one and one per vendor with service accounts).
 */
function checkBarriers(ctx: Context): void {
    const barriers = ctx.sections.informationBarriers;
    const experts = ctx.sections.experts;
    const { problems } = ctx;
    if (barriers === INVALID) {
        return;
    }
    const internalSetting = barriers.internalSegment;
    const internal = isValid(internalSetting) && internalSetting !== false ? internalSetting : undefined;
    const expertsSegment = experts === INVALID ? undefined : value(experts.segment);
    if (internal !== undefined) {
        const owner =
            expertsSegment !== undefined && internal.toLowerCase() === expertsSegment.toLowerCase()
                ? "the experts' segment (experts.segment)"
                : ctx.vendors.find((f) => isSegmented(f) && f.segment?.toLowerCase() === internal.toLowerCase());
        if (owner) {
            problems.add(
                ["informationBarriers", "internalSegment"],
                `segment "${internal}" is already ${typeof owner === "string" ? owner : `the segment of ${problems.path(["vendors", owner.i])}`}; name the catch-all segment of the other internal users differently, e.g. "Internal users"`,
            );
        }
    }
    const legacy = value(barriers.legacy);
    if (legacy === undefined || internalSetting === INVALID) {
        return;
    }
    const limit = legacy ? SEGMENT_LIMITS.legacy : SEGMENT_LIMITS.current;
    // Vendors whose accounts could not be read count as none: the count is then a lower bound.
    const segmented = ctx.vendors.filter(isSegmented).length;
    const count = 1 + (internal === undefined ? 0 : 1) + segmented;
    if (count > limit) {
        problems.add(
            ["vendors"],
            `${segmented} vendors with service accounts make ${count} information-barrier segments with the experts'${internal === undefined ? "" : " and the internal one"}, over the ${limit} Purview allows in a tenant that enabled information barriers ${legacy ? "before" : "after"} 15 February 2023 (${SEGMENT_LIMIT_SOURCE}); offboard vendors, or let vendors reach the experts as guests only (guests need no segment)`,
        );
    }
}

/**
 * Objects adopted from the tenant (`existing`, written by `npm run adopt`): a UPN in one of the host
 * tenant's domains and no user name twice (derived or adopted), one vendor per adopted license group
 * (and only where there is one to adopt), one guest entry per adopted guest user.
 */
function checkExisting(ctx: Context): void {
    const { problems } = ctx;
    const tenant = ctx.sections.tenant;
    const hostDomains =
        tenant !== undefined && tenant !== INVALID && isValid(tenant.domain)
            ? [tenant.domain, ...validEntries(value(tenant.domains)).map((d) => d.value)]
            : undefined;
    const derived: Keyed[] = [];
    const adopted: Keyed[] = [];
    for (const f of ctx.vendors) {
        for (const { value: sa, index: j } of validEntries(f.v.serviceAccounts)) {
            const existing = sa.existing;
            const path: ConfigPath = ["vendors", f.i, "serviceAccounts", j];
            if (existing === undefined || existing === INVALID) {
                if (
                    isValid(sa.id) &&
                    f.firstWithId &&
                    tenant !== undefined &&
                    tenant !== INVALID &&
                    isValid(tenant.domain)
                ) {
                    derived.push({ key: serviceAccountUpn(f.id!, sa.id, tenant.domain), path: [...path, "id"] });
                }
                continue;
            }
            const upn = value(existing.userPrincipalName);
            if (upn === undefined) {
                continue;
            }
            const upnPath: ConfigPath = [...path, "existing", "userPrincipalName"];
            adopted.push({ key: upn, path: upnPath });
            const upnDomain = upn.slice(upn.lastIndexOf("@") + 1).toLowerCase();
            if (hostDomains !== undefined && !hostDomains.includes(upnDomain)) {
                problems.add(
                    upnPath,
                    `${quote(upn)} is not in one of the host tenant's domains (${hostDomains.join(", ")}); add ${upnDomain} to tenant.domains if the tenant has it, or correct the user name`,
                );
            }
        }
    }
    // Derived names that repeat each other are reported as such above; here only adopted ones count.
    const firstDerived = derived.filter((d, k) => derived.findIndex((e) => e.key === d.key) === k);
    reportDuplicates(
        [...firstDerived, ...adopted],
        problems,
        (first) =>
            `the user name ${quote(first.key)} is already ${problems.path(first.path.slice(0, 4))}'s; one account per service account entry`,
    );

    const groups: Keyed[] = [];
    for (const f of ctx.vendors) {
        const existing = f.v.existing;
        if (existing === undefined || existing === INVALID) {
            continue;
        }
        const group = existing.licenseGroup;
        if (group === undefined || group === INVALID) {
            continue;
        }
        const path: ConfigPath = ["vendors", f.i, "existing", "licenseGroup"];
        if (f.accountCount === 0) {
            problems.add(
                path,
                "the vendor has no service accounts, so the stack makes no license group to adopt this one as; remove existing.licenseGroup",
            );
        }
        const id = value(group.id);
        if (id !== undefined) {
            groups.push({ key: id, path: [...path, "id"] });
        }
    }
    reportDuplicates(
        groups,
        problems,
        (first) =>
            `this group is already adopted by ${problems.path(first.path)}; a license group belongs to one vendor`,
    );

    reportDuplicates(
        ctx.vendors.flatMap((f) =>
            validEntries(f.v.guests).flatMap(({ value: g, index: j }) => {
                const existing = g.existing;
                const userId = existing === undefined || existing === INVALID ? undefined : value(existing.userId);
                return userId === undefined
                    ? []
                    : [{ key: userId, path: ["vendors", f.i, "guests", j, "existing", "userId"] as ConfigPath }];
            }),
        ),
        problems,
        (first) => `this guest user is already adopted by ${problems.path(first.path)}; adopt each guest once`,
    );
}

/**
 * No expert is one of the stack's service accounts: a service account is in its vendor's
 * information-barrier segment, and the experts' segment group would put it in a second one, which
 * Purview does not allow (README, Information barriers design).
 */
function checkExperts(ctx: Context): void {
    const { problems } = ctx;
    const { experts, tenant } = ctx.sections;
    if (experts === INVALID) {
        return;
    }
    const tenantDomain = tenant !== undefined && tenant !== INVALID ? value(tenant.domain) : undefined;
    const accounts = new Map<string, ConfigPath>();
    for (const f of ctx.vendors) {
        for (const { value: sa, index: j } of validEntries(f.v.serviceAccounts)) {
            const existing = sa.existing;
            let upn: string | undefined;
            if (existing !== undefined) {
                upn = existing === INVALID ? undefined : value(existing.userPrincipalName);
            } else if (f.id !== undefined && isValid(sa.id) && tenantDomain !== undefined) {
                upn = serviceAccountUpn(f.id, sa.id, tenantDomain);
            }
            // A user name two accounts make is reported as such; the first names it here.
            if (upn !== undefined && !accounts.has(upn.toLowerCase())) {
                accounts.set(upn.toLowerCase(), ["vendors", f.i, "serviceAccounts", j]);
            }
        }
    }
    for (const { value: member, index: j } of validEntries(experts.members)) {
        const account = accounts.get(member.toLowerCase());
        if (account !== undefined) {
            problems.add(
                ["experts", "members", j],
                `${member} is the user name of ${problems.path(account)}; a service account is in its vendor's information-barrier segment and no user may be in two, so it cannot be an expert too: remove it here`,
            );
        }
    }
}

/** Runs every cross-section rule, recording what it finds in `problems`. */
export function crossCheck(sections: SalvagedSections, problems: Problems): void {
    const vendors = vendorFacts(sections);
    const base = { sections, vendors, problems, duplicateNames: new Set<number>() };
    const duplicateNames = checkIdentifiers(base);
    const ctx: Context = { ...base, duplicateNames };
    checkLicenses(ctx);
    checkGuestsAndDomains(ctx);
    checkFederation(ctx);
    checkSegments(ctx);
    checkBarriers(ctx);
    checkExisting(ctx);
    checkExperts(ctx);
}
