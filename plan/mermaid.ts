/**
 * A Mermaid flowchart of the planned tenant, in the spirit of the figures of Microsoft's
 * Remote Assist cross-tenant articles: the host tenant with its experts' and internal segments,
 * each vendor's segment of service accounts and, apart from every segment, the guests; the
 * vendors' tenants outside with the people who sign in, Teams federation between tenants, and the
 * segment pairs information barriers allow.
 * GitHub renders it in Markdown files (the README, a plan.md opened on GitHub).
 */
import type { PlannedVendor, TenantPlan } from "./model";

/** Vendors drawn in full; a larger tenant is summarised so that the chart stays readable. */
export const MAX_DIAGRAM_VENDORS = 12;

/** Accounts or guests drawn per vendor before the rest are counted. */
export const MAX_DIAGRAM_PEOPLE = 6;

/**
 * Text for a quoted Mermaid label: Mermaid's entity codes stand in for characters that
 * would end the label or read as HTML, and line breaks become spaces.
 */
export function mermaidText(value: string): string {
    return value
        .replace(/#/g, "#35;")
        .replace(/"/g, "#quot;")
        .replace(/</g, "#lt;")
        .replace(/>/g, "#gt;")
        .replace(/\s+/g, " ")
        .trim();
}

function label(...lines: string[]): string {
    return `"${lines.map(mermaidText).join("<br/>")}"`;
}

function capped<T>(items: readonly T[]): { shown: readonly T[]; more: number } {
    return items.length > MAX_DIAGRAM_PEOPLE
        ? { shown: items.slice(0, MAX_DIAGRAM_PEOPLE - 1), more: items.length - (MAX_DIAGRAM_PEOPLE - 1) }
        : { shown: items, more: 0 };
}

interface VendorLines {
    /** Inside the host tenant: the vendor's segment with its service accounts. */
    readonly segment: string[];
    /** Inside the host tenant's guests box: the vendor's guests. */
    readonly guests: string[];
    /** The vendor's own tenant, outside the host. */
    readonly outside: string[];
    readonly links: string[];
}

function vendorLines(v: PlannedVendor, i: number): VendorLines {
    const id = `v${i}`;
    const suspended = v.state === "suspended";
    const segment: string[] = [];
    const guestNodes: string[] = [];
    const outside = [
        `    subgraph ${id}ext[${label(v.domains.length > 0 ? `${v.name} · ${v.domains.join(", ")}` : `${v.name} · no tenant`)}]`,
    ];
    const links: string[] = [];
    const accounts = capped(v.serviceAccounts);
    if (v.segment !== undefined) {
        segment.push(`        subgraph ${id}seg[${label(`${v.segment} segment${suspended ? " (suspended)" : ""}`)}]`);
        accounts.shown.forEach((a, j) => {
            const state = a.license ? `${a.license} license` : a.enabled ? "no license" : "disabled, no license";
            segment.push(`            ${id}sa${j}[${label(a.upn, state)}]`);
            outside.push(`        ${id}h${j}([${label(a.holder)}])`);
            links.push(`    ${id}h${j} -- "signs in as" --> ${id}sa${j}`);
        });
        if (accounts.more > 0) {
            segment.push(`            ${id}samore[${label(`… ${accounts.more} more service accounts`)}]`);
        }
        segment.push("        end");
    }
    const guests = capped(v.guests);
    guests.shown.forEach((g, j) => {
        guestNodes.push(`            ${id}g${j}[${label(`${g.email} (guest of ${v.name})`)}]`);
        outside.push(`        ${id}e${j}([${label(g.email)}])`);
        links.push(`    ${id}e${j} -. "invited as guest" .-> ${id}g${j}`);
    });
    if (guests.more > 0) {
        guestNodes.push(`            ${id}gmore[${label(`… ${guests.more} more guests of ${v.name}`)}]`);
    }
    if (v.serviceAccounts.length === 0 && v.guests.length === 0) {
        outside.push(`        ${id}people([${label(v.name)}])`);
    }
    outside.push("    end");
    if (v.federated) {
        links.push(`    ${id}ext <-. "Teams federation" .-> experts`);
    }
    if (suspended) {
        links.push(`    class ${v.segment === undefined ? `${id}ext` : `${id}seg,${id}ext`} suspended`);
    }
    return { segment, guests: guestNodes, outside, links };
}

/** The plan as a Mermaid flowchart (without the Markdown fence). */
export function renderMermaid(plan: TenantPlan): string {
    const drawn = plan.vendors.slice(0, MAX_DIAGRAM_VENDORS);
    const parts = drawn.map((v, i) => vendorLines(v, i));
    const index = new Map(drawn.flatMap((v, i) => (v.segment === undefined ? [] : [[v.segment.toLowerCase(), i]])));
    const expertsKey = plan.experts.segment.toLowerCase();
    const pairs: string[] = [];
    drawn.forEach((v, i) => {
        for (const other of v.mayTalkTo) {
            const key = other.toLowerCase();
            if (key === expertsKey) {
                pairs.push(`    v${i}seg <== "may talk" ==> experts`);
            } else {
                const j = index.get(key);
                if (j !== undefined && j > i) {
                    pairs.push(`    v${i}seg <== "may talk" ==> v${j}seg`);
                }
            }
        }
    });
    const internal = plan.barriers.segments.find((s) => s.kind === "internal");
    const guests = parts.flatMap((p) => p.guests);
    const inTeam = drawn.some((v) => v.guests.some((g) => g.joinsTeam));
    const rest = plan.vendors.length - drawn.length;
    const lines = [
        "flowchart LR",
        "    classDef suspended stroke-dasharray: 5 5",
        `    subgraph host[${label(plan.tenant.name === plan.tenant.domain ? plan.tenant.name : `${plan.tenant.name} · ${plan.tenant.domain}`)}]`,
        `        experts[${label(`${plan.experts.segment} segment`, ...plan.experts.members.slice(0, MAX_DIAGRAM_PEOPLE))}]`,
        ...(internal ? [`        internal[${label(`${internal.name} segment`, "every other internal user")}]`] : []),
        ...parts.flatMap((p) => p.segment),
        ...(guests.length > 0
            ? [`        subgraph guests[${label("Guests · in no vendor segment")}]`, ...guests, "        end"]
            : []),
        ...(rest > 0
            ? [`        more[${label(`… ${rest} more ${rest === 1 ? "vendor" : "vendors"}: see the tables`)}]`]
            : []),
        "    end",
        ...parts.flatMap((p) => p.outside),
        ...plan.peers.map(
            (p, k) =>
                `    peer${k}[${label(`Sibling tenant ${p.stack}`, p.domains ? p.domains.join(", ") : "domains not known yet")}]`,
        ),
        ...parts.flatMap((p) => p.links),
        ...plan.peers.map((_, k) => `    peer${k} <-. "Teams federation" .-> experts`),
        ...(guests.length > 0 && inTeam ? [`    guests -. "experts' Teams team" .- experts`] : []),
        ...pairs,
    ];
    return `${lines.join("\n")}\n`;
}
