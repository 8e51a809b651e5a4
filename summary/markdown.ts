/**
 * Markdown helpers. Values in a report come from the tenant (a display name someone typed in the
 * Entra admin center can hold anything), so every value is quoted as code or escaped as text and
 * never lands in the comment as live Markdown or HTML.
 */
import { UNKNOWN_VALUE } from "./digest";

/** Longest value shown in full; longer ones are cut with an ellipsis. */
const MAX_VALUE_LENGTH = 80;

/** GitHub rejects comments over 65,536 characters; keep well under it. */
export const MAX_REPORT_LENGTH = 60_000;

/** What a value Pulumi does not know before the deployment reads as. */
export const KNOWN_AFTER_DEPLOYMENT = "(known after deployment)";

/**
 * A value as inline code: one line, no backticks, cut to a readable length. Pulumi's placeholder
 * for a value not known before the deployment reads as such, never as the placeholder itself.
 */
export function code(value: unknown): string {
    if (value === UNKNOWN_VALUE) {
        return KNOWN_AFTER_DEPLOYMENT;
    }
    let text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
    text = text.replace(/[\r\n\t]+/g, " ").replace(/`/g, "'");
    if (text.length > MAX_VALUE_LENGTH) {
        text = `${text.slice(0, MAX_VALUE_LENGTH - 1)}…`;
    }
    return `\`${text === "" ? " " : text}\``;
}

/** Plain text with Markdown and HTML metacharacters escaped. */
export function text(value: string): string {
    return value.replace(/[\r\n]+/g, " ").replace(/[\\`*_{}[\]<>#|!~]/g, (c) => `\\${c}`);
}

/** `a`, `a and b`, `a, b and c`. */
export function joinWords(items: readonly string[]): string {
    if (items.length <= 1) {
        return items.join("");
    }
    return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** `1 service account`, `2 service accounts`. */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
    return `${n} ${n === 1 ? singular : pluralForm}`;
}

/** Cuts a report that would not fit in a PR comment, saying where the rest is. */
export function fitComment(markdown: string, limit = MAX_REPORT_LENGTH): string {
    if (markdown.length <= limit) {
        return markdown;
    }
    const note = "\n\n_The report was cut here to fit a pull-request comment; the job summary has the full preview._\n";
    const cut = markdown.lastIndexOf("\n", limit - note.length);
    return markdown.slice(0, cut > 0 ? cut : limit - note.length) + note;
}
