/**
 * Markdown reports for a pull-request comment (what a preview would change) and for a drift alert
 * (what changed outside the stack), grouped by vendor with destructive changes first.
 */
import { CATEGORIES, Change, previewChanges } from "./changes";
import { PreviewDigest } from "./digest";
import { countedDrift, driftChanges } from "./drift";
import { federationChanges } from "./federation";
import { code, fitComment, plural, text } from "./markdown";
import { Section, subjectsOf, VendorDirectory } from "./model";
import { parseUrn } from "./urn";

/** How the Pulumi CLI run that produced the digest ended, when it did not succeed. */
export interface RunFailure {
    /** The CLI's exit code. */
    readonly exitCode: number;
    /** The end of the CLI's human-readable output, for the reader to see why. */
    readonly log?: string;
}

/** Options of both reports. */
export interface ReportOptions {
    /** Stack name for the heading; defaults to the stack in the digest's URNs. */
    readonly stack?: string;
    /** Set when the CLI failed; the report says so before anything else. */
    readonly failure?: RunFailure;
}

/**
 * Meaning of the Pulumi CLI's exit codes, which are stable from v3.226.1 on
 * (https://www.pulumi.com/docs/iac/cli/exit-codes/).
 */
export const EXIT_CODES: Readonly<Record<number, string>> = {
    1: "a generic error",
    2: "invalid configuration or arguments",
    3: "the CLI could not authenticate or is not authorized",
    4: "a resource operation failed",
    5: "a policy blocked the operation",
    6: "the stack was not found",
    7: "changes were found where none were expected",
    8: "the run was canceled",
};

/** Lines of CLI output quoted in a failure note. */
const LOG_TAIL_LINES = 40;

function stackOf(digest: PreviewDigest, options: ReportOptions): string | undefined {
    if (options.stack) {
        return options.stack;
    }
    for (const step of digest.steps ?? []) {
        const urn = parseUrn(step.urn);
        if (urn) {
            return urn.stack;
        }
    }
    return undefined;
}

function sectionKey(section: Section): string {
    return section.kind === "vendor" ? `vendor:${section.id}` : section.kind;
}

function sectionTitle(section: Section, vendors: VendorDirectory): string {
    switch (section.kind) {
        case "vendor": {
            const name = vendors.displayName(section.id);
            return name === section.id ? code(section.id) : `${text(name)} (${code(section.id)})`;
        }
        case "experts":
            return "The host tenant's experts";
        case "tenant":
            return "Tenant-wide";
    }
}

/** Sections in reading order: vendors by name, then the experts, then tenant-wide changes. */
function orderedSections(changes: readonly Change[], vendors: VendorDirectory): Section[] {
    const seen = new Map<string, Section>();
    for (const c of changes) {
        seen.set(sectionKey(c.section), c.section);
    }
    const rank = (s: Section) => (s.kind === "vendor" ? 0 : s.kind === "experts" ? 1 : 2);
    const name = (s: Section) => (s.kind === "vendor" ? vendors.displayName(s.id).toLowerCase() : "");
    return [...seen.values()].sort((a, b) => rank(a) - rank(b) || name(a).localeCompare(name(b)));
}

/** Sentence case for a list item whose text may start lower-case (destructive lines read as clauses). */
function sentence(value: string): string {
    return value.charAt(0).toUpperCase() + value.slice(1);
}

function renderSections(changes: readonly Change[], vendors: VendorDirectory): string[] {
    const lines: string[] = [];
    for (const section of orderedSections(changes, vendors)) {
        const inSection = changes
            .filter((c) => sectionKey(c.section) === sectionKey(section))
            .sort((a, b) => CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category));
        lines.push(`#### ${sectionTitle(section, vendors)}`, "", ...inSection.map((c) => `- ${sentence(c.text)}`), "");
    }
    return lines;
}

function renderDestructive(changes: readonly Change[], vendors: VendorDirectory, heading: string): string[] {
    if (changes.length === 0) {
        return [];
    }
    const order = orderedSections(changes, vendors).map(sectionKey);
    const sorted = [...changes].sort(
        (a, b) =>
            order.indexOf(sectionKey(a.section)) - order.indexOf(sectionKey(b.section)) ||
            CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category),
    );
    return [
        "> [!CAUTION]",
        `> **${heading}**`,
        ...sorted.map((c) => `> - **${sectionTitle(c.section, vendors)}**: ${c.text}`),
        "",
    ];
}

function renderFailure(failure: RunFailure | undefined, what: string): string[] {
    if (!failure) {
        return [];
    }
    const meaning = Object.hasOwn(EXIT_CODES, failure.exitCode) ? EXIT_CODES[failure.exitCode] : undefined;
    const lines = [
        "> [!WARNING]",
        `> **The ${what} failed** with exit code ${failure.exitCode}${meaning ? ` (${meaning})` : ""}. What follows may be incomplete.`,
        "",
    ];
    const log = (failure.log ?? "").replace(/\u001b\[[0-9;]*m/g, "").trimEnd();
    if (log) {
        const tail = log.split("\n").slice(-LOG_TAIL_LINES).join("\n").replace(/```/g, "'''");
        lines.push(
            "<details><summary>End of the Pulumi output</summary>",
            "",
            "```text",
            tail,
            "```",
            "",
            "</details>",
            "",
        );
    }
    return lines;
}

function renderDiagnostics(digest: PreviewDigest): string[] {
    const notes = (digest.diagnostics ?? []).filter((d) => d.severity === "error" || d.severity === "warning");
    if (notes.length === 0) {
        return [];
    }
    const lines = ["#### Pulumi reported", ""];
    for (const d of notes) {
        const where = d.urn ? ` on ${code(parseUrn(d.urn)?.name ?? d.urn)}` : "";
        const message = (d.message ?? "")
            .trim()
            .replace(/^(error|warning):\s*/i, "")
            .split("\n")[0];
        lines.push(`- **${d.severity}**${where}: ${text(message)}`);
    }
    return [...lines, ""];
}

const SUMMARY_WORDS: Readonly<Record<string, string>> = {
    create: "to create",
    update: "to update",
    replace: "to replace",
    delete: "to delete",
    same: "unchanged",
};

function renderCounts(digest: PreviewDigest): string[] {
    const summary = digest.changeSummary ?? {};
    const order = ["create", "update", "replace", "delete", ...Object.keys(summary).sort(), "same"];
    const parts = [...new Set(order)]
        .filter((op) => (summary[op] ?? 0) > 0)
        .map((op) => `${summary[op]} ${Object.hasOwn(SUMMARY_WORDS, op) ? SUMMARY_WORDS[op] : `to ${op}`}`);
    return parts.length ? [`<sub>Pulumi's count: ${parts.join(", ")}.</sub>`, ""] : [];
}

/** The pull-request comment for a `pulumi preview --json` digest. */
export function previewReport(digest: PreviewDigest, options: ReportOptions = {}): string {
    const stack = stackOf(digest, options);
    const vendors = new VendorDirectory(digest, subjectsOf(digest.steps ?? []));
    const changes = [...previewChanges(digest), ...federationChanges(digest)];
    const destructive = changes.filter((c) => c.destructive);
    const rest = changes.filter((c) => !c.destructive);
    const lines = [`### Tenant changes${stack ? ` in stack ${code(stack)}` : ""}`, ""];
    lines.push(...renderFailure(options.failure, "preview"));
    if (changes.length === 0) {
        lines.push(options.failure ? "No tenant changes could be read from the preview." : "No tenant changes.", "");
    } else {
        lines.push(
            ...renderDestructive(
                destructive,
                vendors,
                `${plural(destructive.length, "destructive change")}: read ${destructive.length === 1 ? "it" : "these"} before approving.`,
            ),
        );
        lines.push(...renderSections(rest, vendors));
    }
    lines.push(...renderDiagnostics(digest), ...renderCounts(digest));
    return fitComment(`${lines.join("\n").trimEnd()}\n`);
}

/** The drift report for a `pulumi refresh --preview-only --json` digest. */
export function driftReport(digest: PreviewDigest, options: ReportOptions = {}): string {
    const stack = stackOf(digest, options);
    const vendors = new VendorDirectory(digest, subjectsOf(digest.steps ?? []));
    const changes = driftChanges(digest);
    const counted = countedDrift(digest);
    const lines = [`### Tenant drift${stack ? ` in stack ${code(stack)}` : ""}`, ""];
    lines.push(...renderFailure(options.failure, "drift check"));
    if (changes.length === 0 && counted === 0) {
        lines.push(
            options.failure
                ? "No drift could be read from the refresh."
                : "No drift: the tenant matches what the stack last deployed.",
            "",
        );
    } else {
        lines.push(
            "> [!WARNING]",
            `> **${plural(Math.max(changes.length, counted), "resource")} changed outside the stack.** For each, revert it (run *Deploy tenant changes* with *refresh* ticked: \`pulumi up --refresh\` puts it back as the config says) or adopt it (change the config in a pull request until its preview, which refreshes, shows no change for it). See the README, What a drift alert means.`,
            "",
        );
        if (counted > changes.length) {
            lines.push(
                `_Pulumi counted ${plural(counted, "changed resource")} but its JSON named only ${changes.length}; run \`pulumi refresh --preview-only --diff\` to see the rest._`,
                "",
            );
        }
        lines.push(
            ...renderDestructive(
                changes.filter((c) => c.destructive),
                vendors,
                "Deleted outside the stack:",
            ),
        );
        lines.push(
            ...renderSections(
                changes.filter((c) => !c.destructive),
                vendors,
            ),
        );
    }
    lines.push(...renderDiagnostics(digest));
    return fitComment(`${lines.join("\n").trimEnd()}\n`);
}
