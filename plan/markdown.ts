/**
 * The plan as GitHub-flavoured Markdown: readable in a terminal, rendered on GitHub (with its
 * Mermaid diagram) as a Markdown file, as in the README.
 */
import { barriersSection } from "./barriersSection";
import { federationSection } from "./federationSection";
import { list, mdCode, mdText, table } from "./md";
import { renderMermaid } from "./mermaid";
import type { PlannedGroup, PlannedVendor, TenantPlan } from "./model";

export { mdCode, mdText } from "./md";

function groupLine(g: PlannedGroup): string {
    const notes = [
        ...(g.mail === undefined ? [] : [`Microsoft 365 group ${mdCode(g.mail)}`]),
        ...(g.licenseAssignment === undefined ? [] : [mdText(g.licenseAssignment)]),
    ];
    return `- **${mdText(g.displayName)}**${notes.length ? ` (${notes.join("; ")})` : ""}: ${list(g.members.map(mdCode), "no members")}`;
}

function segmentLine(v: PlannedVendor): string {
    if (v.segment === undefined) {
        return "- Segment: none, since it has no service accounts; its guests are in no vendor segment (see Information barriers)";
    }
    return `- Segment: ${mdText(v.segment)}, its service accounts; may talk to ${list(v.mayTalkTo.map(mdText), "nobody outside its segment")}`;
}

function domainsLine(v: PlannedVendor, hostDomains: readonly string[]): string {
    if (v.domains.length === 0) {
        return "- Domains: none";
    }
    const federation = v.federated
        ? ` (federated with the experts; its tenant must also allow ${hostDomains.map(mdCode).join(", ")} in its own Teams external access, since federation needs both sides)`
        : " (not federated)";
    return `- Domains: ${v.domains.map(mdCode).join(", ")}${federation}`;
}

function accountState(a: PlannedVendor["serviceAccounts"][number]): string {
    const parts = [a.enabled ? "enabled" : "disabled", a.license ? "licensed" : "unlicensed"];
    if (a.rotation !== undefined) {
        parts.push(`rotation ${mdText(a.rotation)}`);
    }
    return parts.join(", ");
}

function vendorSection(v: PlannedVendor, hostDomains: readonly string[]): string[] {
    const lines = [
        `### ${mdText(v.name)} (${mdCode(v.id)}), ${v.state}`,
        "",
        `- Access: ${v.access.length === 0 ? "none" : v.access.join(", ")}`,
        domainsLine(v, hostDomains),
        segmentLine(v),
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
    if (v.groups.length > 0) {
        lines.push(...v.groups.map(groupLine), "");
    }
    return lines;
}

/** What the deployment warns about, first in the plan after the totals; nothing when there is none. */
function warningsSection(warnings: readonly string[]): string[] {
    return warnings.length === 0 ? [] : ["## Warnings", "", ...warnings.map((w) => `- ${mdText(w)}`), ""];
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
        ...warningsSection(plan.warnings),
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
        ...(plan.serviceAccountsGroup
            ? [
                  "",
                  "Every service account, whichever vendor it is leased to, is also in the group the internal segment excludes:",
                  "",
                  groupLine(plan.serviceAccountsGroup),
              ]
            : []),
        "",
        "## Vendors",
        "",
        ...(plan.vendors.length === 0
            ? ["No vendors.", ""]
            : plan.vendors.flatMap((v) => vendorSection(v, plan.tenant.domains))),
        ...barriersSection(plan),
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
