/**
 * Rules that span fields or sections: uniqueness, references between sections, seats and
 * information-barrier symmetry. Each check skips what could not be parsed, so that one
 * broken section does not bury the others' problems under follow-on errors.
 */
import type { z } from "zod";
import { guestResourceName, serviceAccountLocalPart, MAX_LOCAL_PART_LENGTH } from "../naming";
import { ConfigPath, formatPath, Problems } from "./problems";
import { MAX_FEDERATION_DOMAINS } from "../federation/limits";
import { SEGMENT_LIMITS, SEGMENT_LIMIT_SOURCE } from "../barriers/limits";
import { segmentNameSchema } from "./schema";
import type {
    expertsSchema,
    federationSchema,
    informationBarriersSchema,
    licensesSchema,
    ParsedVendor,
    tenantSchema,
} from "./schema";

/** Whatever parsed of each section; `undefined` where the section itself is invalid. */
export interface ParsedSections {
    readonly tenant?: z.output<typeof tenantSchema>;
    readonly licenses?: z.output<typeof licensesSchema>;
    readonly experts?: z.output<typeof expertsSchema>;
    readonly federation?: z.output<typeof federationSchema>;
    readonly informationBarriers?: z.output<typeof informationBarriersSchema>;
    /** Indexed like the config list; `undefined` where that vendor is invalid. */
    readonly vendors: readonly (ParsedVendor | undefined)[];
}

interface Keyed {
    readonly key: string;
    readonly path: ConfigPath;
}

/** Reports every entry whose key (case-insensitive) an earlier entry already has. */
function reportDuplicates(entries: readonly Keyed[], problems: Problems, message: (first: Keyed) => string): void {
    const seen = new Map<string, Keyed>();
    for (const entry of entries) {
        const first = seen.get(entry.key.toLowerCase());
        if (first) {
            problems.add(entry.path, message(first));
        } else {
            seen.set(entry.key.toLowerCase(), entry);
        }
    }
}

/** Vendors that parsed, with their index in the config list. */
function parsedVendors(sections: ParsedSections): { v: ParsedVendor; i: number }[] {
    return sections.vendors.flatMap((v, i) => (v ? [{ v, i }] : []));
}

/** A vendor's segment, which defaults to its name. */
export function segmentOf(v: ParsedVendor): string {
    return v.segment ?? v.name;
}

function checkIdentifiers(sections: ParsedSections, problems: Problems): void {
    const vendors = parsedVendors(sections);
    reportDuplicates(
        vendors.map(({ v, i }) => ({ key: v.id, path: ["vendors", i, "id"] })),
        problems,
        (first) => `duplicate vendor id; ${formatPath(first.path)} already uses it, and ids name resources and UPNs`,
    );
    reportDuplicates(
        vendors.map(({ v, i }) => ({ key: v.name, path: ["vendors", i, "name"] })),
        problems,
        (first) => `duplicate vendor name; ${formatPath(first.path)} already uses it, and group names derive from it`,
    );
    for (const { v, i } of vendors) {
        reportDuplicates(
            v.serviceAccounts.map((sa, j) => ({ key: sa.id, path: ["vendors", i, "serviceAccounts", j, "id"] })),
            problems,
            (first) => `duplicate service account id; ${formatPath(first.path)} already uses it within this vendor`,
        );
        v.serviceAccounts.forEach((sa, j) => {
            const localPart = serviceAccountLocalPart(v.id, sa.id);
            if (localPart.length > MAX_LOCAL_PART_LENGTH) {
                problems.add(
                    ["vendors", i, "serviceAccounts", j, "id"],
                    `makes the user name "${localPart}" ${localPart.length} characters long, over Entra ID's limit of ${MAX_LOCAL_PART_LENGTH}; shorten the vendor or account id`,
                );
            }
        });
    }
    // Ids join with "-", which ids may contain: vendor "contoso" with account "1-sa1" and vendor
    // "contoso-1" with account "sa1" would both be sa-contoso-1-sa1 (and the same resource names).
    reportDuplicates(
        vendors.flatMap(({ v, i }) =>
            v.serviceAccounts
                .map((sa, j) => ({
                    key: serviceAccountLocalPart(v.id, sa.id),
                    path: ["vendors", i, "serviceAccounts", j, "id"] as ConfigPath,
                }))
                // An id repeated within the vendor is reported above as such.
                .filter((entry, j, all) => all.findIndex((e) => e.key === entry.key) === j),
        ),
        problems,
        (first) =>
            `makes the user name "${first.key}", which ${formatPath(first.path).replace(/\.id$/, "")} already makes; change this account id`,
    );
    reportDuplicates(
        vendors.flatMap(({ v, i }) =>
            v.guests.map((g, j) => ({
                key: guestResourceName(v.id, g.email),
                path: ["vendors", i, "guests", j, "email"],
            })),
        ),
        problems,
        (first) =>
            `gives the same resource name "${first.key}" as ${formatPath(first.path)}; change one of the two vendor ids`,
    );
    reportDuplicates(
        vendors.flatMap(({ v, i }) =>
            v.guests.map((g, j) => ({ key: g.email, path: ["vendors", i, "guests", j, "email"] })),
        ),
        problems,
        (first) => `this guest is already invited by ${formatPath(first.path)}; invite each person once`,
    );
    if (sections.experts) {
        reportDuplicates(
            sections.experts.members.map((m, j) => ({ key: m, path: ["experts", "members", j] })),
            problems,
            (first) => `duplicate expert; ${formatPath(first.path)} already lists this user`,
        );
    }
}

function checkLicenses(sections: ParsedSections, problems: Problems): void {
    const { licenses } = sections;
    if (!licenses) {
        return;
    }
    const bundleNames = Object.keys(licenses);
    const defineHint =
        bundleNames.length === 0
            ? "define a bundle under remote-assist-tenancy:licenses and name it here"
            : `use one of: ${bundleNames.join(", ")}`;
    const activeUse = new Map<string, { vendor: string; count: number }[]>();
    for (const { v, i } of parsedVendors(sections)) {
        if (v.license === undefined) {
            if (v.serviceAccounts.length > 0) {
                problems.add(
                    ["vendors", i, "license"],
                    `required because the vendor has service accounts; ${defineHint}`,
                );
            }
            continue;
        }
        if (!(v.license in licenses)) {
            problems.add(
                ["vendors", i, "license"],
                `unknown bundle "${v.license}"; define it under licenses or ${bundleNames.length === 0 ? "remove it" : defineHint}`,
            );
            continue;
        }
        if (v.state === "active" && v.serviceAccounts.length > 0) {
            const uses = activeUse.get(v.license) ?? [];
            uses.push({ vendor: v.id, count: v.serviceAccounts.length });
            activeUse.set(v.license, uses);
        }
    }
    for (const [name, bundle] of Object.entries(licenses)) {
        const uses = activeUse.get(name) ?? [];
        const total = uses.reduce((sum, u) => sum + u.count, 0);
        if (bundle.seats !== undefined && total > bundle.seats) {
            problems.add(
                ["licenses", name, "seats"],
                `${bundle.seats} seats but ${total} active service ${total === 1 ? "account uses" : "accounts use"} this bundle (${uses
                    .map((u) => `${u.vendor}: ${u.count}`)
                    .join(", ")}); buy and declare more seats, or suspend a vendor`,
            );
        }
    }
}

function checkGuestsAndDomains(sections: ParsedSections, problems: Problems): void {
    const vendors = parsedVendors(sections);
    if (sections.tenant) {
        const hostDomains = [sections.tenant.domain, ...(sections.tenant.domains ?? [])];
        const hostDomainOf = (domain: string) => hostDomains.find((h) => domain === h || domain.endsWith(`.${h}`));
        for (const { v, i } of vendors) {
            v.guests.forEach((g, j) => {
                const host = hostDomainOf(g.email.slice(g.email.lastIndexOf("@") + 1));
                if (host) {
                    problems.add(
                        ["vendors", i, "guests", j, "email"],
                        `${g.email} is in the host tenant's domain ${host}; guests are external users, and internal experts belong under experts.members`,
                    );
                }
            });
            v.domains.forEach((d, j) => {
                if (hostDomainOf(d)) {
                    problems.add(
                        ["vendors", i, "domains", j],
                        `${d} is the host tenant's own domain; list only the vendor tenant's domains`,
                    );
                }
            });
        }
    }
    reportDuplicates(
        vendors.flatMap(({ v, i }) => v.domains.map((d, j) => ({ key: d, path: ["vendors", i, "domains", j] }))),
        problems,
        (first) => `this domain is already listed at ${formatPath(first.path)}; a domain belongs to one vendor`,
    );
}

function checkFederation(sections: ParsedSections, problems: Problems): void {
    const { federation } = sections;
    if (!federation) {
        return;
    }
    if (federation.mode !== "blockList" && (federation.blockedDomains?.length ?? 0) > 0) {
        problems.add(
            ["federation", "blockedDomains"],
            `only used when federation.mode is blockList (it is ${federation.mode}); remove the list or set mode: blockList`,
        );
    }
    for (const key of ["extraAllowedDomains", "peerStacks"] as const) {
        if (federation.mode !== "allowList" && federation[key].length > 0) {
            problems.add(
                ["federation", key],
                `only used when federation.mode is allowList (it is ${federation.mode}); remove the list or set mode: allowList`,
            );
        }
    }
    reportDuplicates(
        federation.peerStacks.map((stack, j) => ({ key: stack, path: ["federation", "peerStacks", j] })),
        problems,
        (first) => `duplicate stack; ${formatPath(first.path)} already lists it`,
    );
    checkFederationListSize(sections, problems);
    if (federation.mode === "blockList") {
        const blocked = new Set(federation.blockedDomains ?? []);
        for (const { v, i } of parsedVendors(sections)) {
            v.domains.forEach((d, j) => {
                if (v.state === "active" && blocked.has(d)) {
                    problems.add(
                        ["vendors", i, "domains", j],
                        `${d} is in federation.blockedDomains, so the active vendor ${v.name} could not reach the experts; unblock it or suspend the vendor`,
                    );
                }
            });
        }
    }
}

/**
 * The list the mode makes the stack put on the tenant, within the 4,000 domains Teams accepts.
 * Sibling stacks' domains are known only when the deployment reads them; the stack warns then.
 */
function checkFederationListSize(sections: ParsedSections, problems: Problems): void {
    const { federation } = sections;
    if (!federation || federation.mode === "disabled") {
        return;
    }
    const vendors = parsedVendors(sections).map(({ v }) => v);
    const domainsOf = (state: ParsedVendor["state"]) =>
        vendors.filter((v) => v.state === state).flatMap((v) => v.domains);
    const parts: { source: string; domains: readonly string[] }[] =
        federation.mode === "allowList"
            ? [
                  { source: "active vendors", domains: domainsOf("active") },
                  { source: "federation.extraAllowedDomains", domains: federation.extraAllowedDomains },
              ]
            : [
                  ...(federation.mode === "blockList"
                      ? [{ source: "federation.blockedDomains", domains: federation.blockedDomains ?? [] }]
                      : []),
                  { source: "suspended vendors", domains: domainsOf("suspended") },
              ];
    const total = new Set(parts.flatMap((p) => p.domains)).size;
    if (total > MAX_FEDERATION_DOMAINS) {
        const list = federation.mode === "allowList" ? "allowed" : "blocked";
        const counts = parts
            .filter((p) => p.domains.length > 0)
            .map((p) => `${p.domains.length} from ${p.source}`)
            .join(", ");
        problems.add(
            ["federation", "mode"],
            `${federation.mode} would put ${total} domains on the tenant's ${list} domains list (${counts}), but Teams accepts at most ${MAX_FEDERATION_DOMAINS} (Set-CsTenantFederationConfiguration -${list === "allowed" ? "AllowedDomains" : "BlockedDomains"}); list fewer domains${federation.mode === "allowList" ? " or use mode: open or blockList" : ""}`,
        );
    }
}

function checkSegments(sections: ParsedSections, problems: Problems): void {
    const { experts } = sections;
    if (!experts) {
        return;
    }
    const vendors = parsedVendors(sections);
    const segments: Keyed[] = [
        { key: experts.segment, path: ["experts", "segment"] },
        ...vendors.map(({ v, i }) => ({ key: segmentOf(v), path: ["vendors", i, "segment"] as ConfigPath })),
    ];
    reportDuplicates(
        segments,
        problems,
        (first) =>
            `segment "${first.key}" already belongs to ${formatPath(first.path).replace(/\.segment$/, "")}; each vendor needs its own segment (it defaults to the vendor's name)`,
    );
    for (const { v, i } of vendors.filter(({ v }) => v.segment === undefined)) {
        const asSegment = segmentNameSchema.safeParse(v.name);
        if (!asSegment.success) {
            for (const issue of asSegment.error.issues) {
                problems.add(
                    ["vendors", i, "name"],
                    `the vendor's segment defaults to its name, which ${issue.message}; set segment`,
                );
            }
        }
    }
    const known = new Map(segments.map((s) => [s.key.toLowerCase(), s.key]));
    const byVendorSegment = new Map(vendors.map(({ v, i }) => [segmentOf(v).toLowerCase(), { v, i }]));
    for (const { v, i } of vendors) {
        const own = segmentOf(v);
        (v.canTalkTo ?? []).forEach((target, j) => {
            const path: ConfigPath = ["vendors", i, "canTalkTo", j];
            if (!known.has(target.toLowerCase())) {
                problems.add(path, `unknown segment "${target}"; known segments: ${[...known.values()].join(", ")}`);
                return;
            }
            const peer = byVendorSegment.get(target.toLowerCase());
            if (!peer || peer.v === v) {
                return;
            }
            // Only service accounts are segmented: guests are governed by the experts' team (README,
            // Information barriers design), so a vendor without service accounts has no segment.
            if (v.serviceAccounts.length === 0) {
                problems.add(
                    path,
                    `${v.name} has no service accounts, so it has no information-barrier segment and no policy that could allow ${target} (its guests are governed by the experts' team); remove ${target} here`,
                );
                return;
            }
            if (peer.v.serviceAccounts.length === 0) {
                problems.add(
                    path,
                    `${target} is the segment of ${peer.v.name}, which has no service accounts and so no information-barrier segment (its guests are governed by the experts' team); remove ${target} here`,
                );
                return;
            }
            const peerAllows = (peer.v.canTalkTo ?? [experts.segment]).some(
                (s) => s.toLowerCase() === own.toLowerCase(),
            );
            if (!peerAllows) {
                problems.add(
                    path,
                    `${own} may talk to ${segmentOf(peer.v)}, but vendors[${peer.i}].canTalkTo does not list ${own}; information-barrier policies must be mutual: add ${own} there or remove ${segmentOf(peer.v)} here`,
                );
            }
        });
    }
}

/**
 * The catch-all internal segment: a name of its own, and a segment count within Purview's limit
 * (the experts', the internal one and one per vendor with service accounts).
 */
function checkBarriers(sections: ParsedSections, problems: Problems): void {
    const { informationBarriers: barriers, experts } = sections;
    if (!barriers) {
        return;
    }
    const vendors = parsedVendors(sections);
    const internal = barriers.internalSegment === false ? undefined : barriers.internalSegment;
    if (internal !== undefined && experts) {
        const owner =
            internal.toLowerCase() === experts.segment.toLowerCase()
                ? "experts.segment"
                : vendors.find(({ v }) => segmentOf(v).toLowerCase() === internal.toLowerCase());
        if (owner) {
            problems.add(
                ["informationBarriers", "internalSegment"],
                `segment "${internal}" is already ${typeof owner === "string" ? "the experts' segment (experts.segment)" : `the segment of vendors[${owner.i}]`}; name the catch-all segment of the other internal users differently, e.g. "Internal users"`,
            );
        }
    }
    const limit = barriers.legacy ? SEGMENT_LIMITS.legacy : SEGMENT_LIMITS.current;
    const segmented = vendors.filter(({ v }) => v.serviceAccounts.length > 0).length;
    const count = 1 + (internal === undefined ? 0 : 1) + segmented;
    if (count > limit) {
        problems.add(
            ["vendors"],
            `${segmented} vendors with service accounts make ${count} information-barrier segments with the experts'${internal === undefined ? "" : " and the internal one"}, over the ${limit} Purview allows in a tenant that enabled information barriers ${barriers.legacy ? "before" : "after"} 15 February 2023 (${SEGMENT_LIMIT_SOURCE}); offboard vendors, or let vendors reach the experts as guests only (guests need no segment)`,
        );
    }
}

/** Runs every cross-section rule, recording what it finds in `problems`. */
export function crossCheck(sections: ParsedSections, problems: Problems): void {
    checkIdentifiers(sections, problems);
    checkLicenses(sections, problems);
    checkGuestsAndDomains(sections, problems);
    checkFederation(sections, problems);
    checkSegments(sections, problems);
    checkBarriers(sections, problems);
}
