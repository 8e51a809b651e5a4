/**
 * A Mermaid flowchart of the planned tenant, in the spirit of the figures of Microsoft's
 * Remote Assist cross-tenant articles: the host tenant with its experts, each vendor's service
 * accounts and guests inside it, the vendors' tenants outside with the people who sign in,
 * Teams federation between tenants, and the segment pairs information barriers allow.
 * GitHub renders it in Markdown (README, pull-request comments).
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

function vendorLines(v: PlannedVendor, i: number): { inside: string[]; outside: string[]; links: string[] } {
    const id = `v${i}`;
    const suspended = v.state === "suspended";
    const inside = [`        subgraph ${id}seg[${label(`${v.segment} segment${suspended ? " (suspended)" : ""}`)}]`];
    const outside = [
        `    subgraph ${id}ext[${label(v.domains.length > 0 ? `${v.name} · ${v.domains.join(", ")}` : `${v.name} · no tenant`)}]`,
    ];
    const links: string[] = [];
    const accounts = capped(v.serviceAccounts);
    accounts.shown.forEach((a, j) => {
        const state = a.license ? `${a.license} license` : a.enabled ? "no license" : "disabled, no license";
        inside.push(`            ${id}sa${j}[${label(a.upn, state)}]`);
        outside.push(`        ${id}h${j}([${label(a.holder)}])`);
        links.push(`    ${id}h${j} -- "signs in as" --> ${id}sa${j}`);
    });
    if (accounts.more > 0) {
        inside.push(`            ${id}samore[${label(`… ${accounts.more} more service accounts`)}]`);
    }
    const guests = capped(v.guests);
    guests.shown.forEach((g, j) => {
        inside.push(`            ${id}g${j}[${label(`${g.email} (guest)`)}]`);
        outside.push(`        ${id}e${j}([${label(g.email)}])`);
        links.push(`    ${id}e${j} -. "invited as guest" .-> ${id}g${j}`);
    });
    if (guests.more > 0) {
        inside.push(`            ${id}gmore[${label(`… ${guests.more} more guests`)}]`);
    }
    if (accounts.shown.length === 0 && guests.shown.length === 0) {
        inside.push(`            ${id}none[${label("no accounts in this tenant")}]`);
    }
    inside.push("        end");
    if (accounts.shown.length === 0 && guests.shown.length === 0) {
        outside.push(`        ${id}people([${label(v.name)}])`);
    }
    outside.push("    end");
    if (v.federated) {
        links.push(`    ${id}ext <-. "Teams federation" .-> experts`);
    }
    if (suspended) {
        links.push(`    class ${id}seg,${id}ext suspended`);
    }
    return { inside, outside, links };
}

/** The plan as a Mermaid flowchart (without the Markdown fence). */
export function renderMermaid(plan: TenantPlan): string {
    const drawn = plan.vendors.slice(0, MAX_DIAGRAM_VENDORS);
    const parts = drawn.map((v, i) => vendorLines(v, i));
    const index = new Map(drawn.map((v, i) => [v.segment.toLowerCase(), i]));
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
    const rest = plan.vendors.length - drawn.length;
    const lines = [
        "flowchart LR",
        "    classDef suspended stroke-dasharray: 5 5",
        `    subgraph host[${label(plan.tenant.name === plan.tenant.domain ? plan.tenant.name : `${plan.tenant.name} · ${plan.tenant.domain}`)}]`,
        `        experts[${label(`${plan.experts.segment} segment`, ...plan.experts.members.slice(0, MAX_DIAGRAM_PEOPLE))}]`,
        ...parts.flatMap((p) => p.inside),
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
        ...pairs,
    ];
    return `${lines.join("\n")}\n`;
}
