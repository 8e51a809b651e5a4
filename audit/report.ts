/**
 * The audit's findings as Markdown (for a job summary or an issue; the drift workflow posts it on
 * the drift issue) and as JSON (for tools). Names typed into the tenant are escaped, never rendered.
 */
import { mdCode, mdText, table } from "../plan/md";
import { FINDING_KINDS, type Finding, type FindingKind, RULE_TITLES } from "./findings";

/** The audit's JSON. */
export interface AuditJson {
    readonly stack: string;
    /** When the tenant was read (ISO 8601). */
    readonly readAt: string;
    readonly invitationDays: number;
    /** Findings per kind, every kind listed. */
    readonly counts: Readonly<Record<FindingKind, number>>;
    readonly findings: readonly Finding[];
}

/** The JSON document. */
export function auditJson(
    stack: string,
    readAt: string,
    invitationDays: number,
    findings: readonly Finding[],
): AuditJson {
    return {
        stack,
        readAt,
        invitationDays,
        counts: Object.fromEntries(
            FINDING_KINDS.map((k) => [k, findings.filter((f) => f.kind === k).length]),
        ) as Record<FindingKind, number>,
        findings,
    };
}

/** The Markdown report. */
export function auditMarkdown(report: AuditJson): string {
    const total = report.findings.length;
    const lines = [
        `## Tenant audit of stack ${mdCode(report.stack)}: ${total === 0 ? "no findings" : total === 1 ? "1 finding" : `${total} findings`}`,
        "",
        `What \`pulumi refresh\` cannot see, read from Microsoft Graph on ${report.readAt.slice(0, 10)} (invitations count after ${report.invitationDays} days). README, Auditing what the stack cannot see.`,
        "",
    ];
    if (total === 0) {
        return `${lines.join("\n")}`;
    }
    lines.push(
        ...table(
            ["Finding", "Count"],
            FINDING_KINDS.filter((k) => report.counts[k] > 0).map((k) => [RULE_TITLES[k], String(report.counts[k])]),
        ),
        "",
    );
    for (const kind of FINDING_KINDS.filter((k) => report.counts[k] > 0)) {
        lines.push(`### ${RULE_TITLES[kind]}`, "");
        for (const f of report.findings.filter((x) => x.kind === kind)) {
            const vendor = f.vendor === undefined ? "" : ` (vendor ${mdCode(f.vendor)})`;
            const advice = `${f.advice.charAt(0).toUpperCase()}${f.advice.slice(1)}`;
            lines.push(`- ${mdCode(f.subject)}${vendor}: ${mdText(f.detail)}. ${mdText(advice)}.`);
        }
        lines.push("");
    }
    return lines.join("\n");
}
