/**
 * The plan as GitHub-flavoured Markdown: readable in a terminal, rendered on GitHub (with its
 * Mermaid diagram) in the README and in pull-request comments.
 */
import type { BarrierSegment, FederatedDomain } from "../runbooks";
import type { PlannedGroup, PlannedVendor, TenantPlan } from "./model";
import { renderMermaid } from "./mermaid";

/**
 * Text with Markdown's inline syntax escaped, on one line; safe in a table cell. An underscore
 * between two letters or digits (`MICROSOFT_REMOTE_ASSIST`) starts no emphasis in GitHub
 * Markdown and stays as it is, so the plan also reads well in a terminal.
 */
export function mdText(value: string): string {
    return value
        .replace(/\s+/g, " ")
        .replace(/[\\`*_[\]<>|~]/g, (c, offset: number, all: string) =>
            c === "_" && /[\p{L}\p{N}]/u.test(all[offset - 1] ?? "") && /[\p{L}\p{N}]/u.test(all[offset + 1] ?? "")
                ? c
                : `\\${c}`,
        );
}

/**
 * A code span holding exactly `value`, on one line: the fence is longer than any backtick
 * run inside, and `|` is escaped so that the span can sit in a table cell.
 */
export function mdCode(value: string): string {
    const flat = value.replace(/\s+/g, " ");
    const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
    const fence = "`".repeat(longestRun + 1);
    const pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
    return `${fence}${pad}${flat.replace(/\|/g, "\\|")}${pad}${fence}`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
    return [
        `| ${header.join(" | ")} |`,
        `| ${header.map(() => "---").join(" | ")} |`,
        ...rows.map((r) => `| ${r.join(" | ")} |`),
    ];
}

function list(items: readonly string[], none = "nobody"): string {
    return items.length === 0 ? none : items.join(", ");
}

function groupLine(g: PlannedGroup): string {
    const assignment = g.licenseAssignment === undefined ? "" : ` (${mdText(g.licenseAssignment)})`;
    return `- **${mdText(g.displayName)}**${assignment}: ${list(g.members.map(mdCode), "no members")}`;
}

function accountState(a: PlannedVendor["serviceAccounts"][number]): string {
    const parts = [a.enabled ? "enabled" : "disabled", a.license ? "licensed" : "unlicensed"];
    if (a.rotation !== undefined) {
        parts.push(`rotation ${mdText(a.rotation)}`);
    }
    return parts.join(", ");
}

function vendorSection(v: PlannedVendor): string[] {
    const lines = [
        `### ${mdText(v.name)} (${mdCode(v.id)}), ${v.state}`,
        "",
        `- Access: ${v.access.length === 0 ? "none" : v.access.join(", ")}`,
        `- Domains: ${v.domains.length === 0 ? "none" : v.domains.map(mdCode).join(", ")}${
            v.domains.length > 0 ? (v.federated ? " (federated with the experts)" : " (not federated)") : ""
        }`,
        `- Segment: ${mdText(v.segment)}; may talk to ${list(v.mayTalkTo.map(mdText), "nobody outside its segment")}`,
        `- License bundle: ${v.license === undefined ? "none" : mdText(v.license)}`,
        "",
    ];
    if (v.serviceAccounts.length > 0) {
        lines.push(
            ...table(
                ["Service account", "Holder", "Usage location", "License bundle", "State", "Password"],
                v.serviceAccounts.map((a) => [
                    mdCode(a.upn),
                    mdCode(a.holder),
                    a.usageLocation,
                    a.license === undefined ? "none" : mdText(a.license),
                    accountState(a),
                    mdText(a.credential),
                ]),
            ),
            "",
        );
    }
    if (v.guests.length > 0) {
        lines.push(
            ...table(
                ["Guest", "Name", "Experts' team"],
                v.guests.map((g) => [mdCode(g.email), mdText(g.name), g.joinsTeam ? "joins" : "does not join"]),
            ),
            "",
        );
    }
    lines.push(...v.groups.map(groupLine), "");
    return lines;
}

function segmentRow(s: BarrierSegment): string[] {
    return [
        mdText(s.name),
        s.owner.kind === "experts" ? "experts" : `${mdText(s.owner.name)}${s.suspended ? " (suspended)" : ""}`,
        mdCode(s.filter),
        mdText(s.policy),
        list(s.allowed.slice(1).map(mdText), "nobody outside it"),
    ];
}

/** A table of domains with why each is listed, preceded by a blank line; nothing when there are none. */
function domainTable(heading: string, domains: readonly FederatedDomain[]): string[] {
    return domains.length === 0
        ? []
        : [
              "",
              ...table(
                  [heading, "Why"],
                  domains.map((d) => [mdCode(d.domain), mdText(d.source)]),
              ),
          ];
}

function federationSection(plan: TenantPlan): string[] {
    const f = plan.federation;
    const lines: string[] = [];
    switch (f.mode) {
        case "open":
            lines.push(
                f.blocked.length === 0
                    ? "Mode `open`: every external domain may talk to the tenant."
                    : "Mode `open`: every external domain may talk to the tenant except suspended vendors':",
                ...domainTable("Blocked domain", f.blocked),
            );
            break;
        case "disabled":
            lines.push(
                "Mode `disabled`: Teams federation is off; vendors reach the experts only as guests or service accounts.",
            );
            break;
        case "blockList":
            lines.push(
                "Mode `blockList`: every external domain may talk to the tenant except:",
                ...domainTable("Blocked domain", f.blocked),
            );
            break;
        case "allowList":
            lines.push(
                f.allowed.length === 0
                    ? "Mode `allowList`: no domain may talk to the tenant."
                    : "Mode `allowList`: only these domains may talk to the tenant:",
                ...domainTable("Allowed domain", f.allowed),
            );
            break;
    }
    for (const stack of f.unresolvedPeers) {
        lines.push("", `Peer stack ${mdCode(stack)} exports no domains yet; the runbook refuses to run until it does.`);
    }
    if (f.mode === "allowList" && f.suspendedDomains.length > 0) {
        lines.push(
            "",
            `Left out: ${f.suspendedDomains.map((d) => `${mdCode(d.domain)} (${mdText(d.source)})`).join(", ")}.`,
        );
    }
    return lines;
}

/** The whole plan as Markdown. */
export function renderPlanMarkdown(plan: TenantPlan): string {
    const t = plan.totals;
    const suspended = t.vendors - t.activeVendors;
    const lines = [
        `# Plan: stack ${mdCode(plan.stack)}, ${mdText(plan.tenant.name)} (${mdCode(plan.tenant.domain)})`,
        "",
        "What `pulumi up` creates in the host tenant, from the real program run offline under Pulumi's mocks: no credentials, no network, nothing changed.",
        "",
        "## Totals",
        "",
        ...table(
            ["Planned", "Count"],
            [
                ["Vendors", `${t.vendors} (${t.activeVendors} active, ${suspended} suspended)`],
                [
                    "Service accounts",
                    `${t.serviceAccounts} (${t.enabledServiceAccounts} enabled, ${t.licensedServiceAccounts} licensed)`,
                ],
                ["Guests", `${t.guests}`],
                ["Groups", `${t.groups}`],
                ["Resources", `${t.resources}`],
            ],
        ),
        "",
        ...table(
            ["License bundle", "SKUs", "Seats used", "Seats"],
            plan.seats.map((s) => [
                mdText(s.bundle),
                s.skus.map(mdCode).join(", "),
                `${s.used}`,
                s.seats === undefined ? "not declared" : `${s.seats}${s.used > s.seats ? " (over)" : ""}`,
            ]),
        ),
        "",
        "## Tenant",
        "",
        "```mermaid",
        renderMermaid(plan).trimEnd(),
        "```",
        "",
        "## Experts",
        "",
        `- Segment: ${mdText(plan.experts.segment)}`,
        `- Members (existing users, looked up): ${list(plan.experts.members.map(mdCode))}`,
        `- Teams team (guests of active vendors join it): ${plan.experts.team === undefined ? "none" : mdCode(plan.experts.team)}`,
        ...(plan.experts.group ? [groupLine(plan.experts.group)] : []),
        "",
        "## Vendors",
        "",
        ...(plan.vendors.length === 0 ? ["No vendors.", ""] : plan.vendors.flatMap(vendorSection)),
        "## Information barriers",
        "",
        "Segments and allow policies, applied by `information-barriers.ps1` (stack output `informationBarriersScript`).",
        "",
        ...table(["Segment", "Of", "Members filter", "Policy", "May talk to"], plan.segments.map(segmentRow)),
        "",
        "## Teams federation",
        "",
        "Set by `teams-federation.ps1` (stack output `teamsFederationScript`).",
        "",
        ...federationSection(plan),
        "",
        "## Resources",
        "",
        ...table(
            ["Type", "Count"],
            Object.entries(t.resourcesByType)
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([type, n]) => [mdCode(type), `${n}`]),
        ),
    ];
    return `${lines.join("\n")}\n`;
}
