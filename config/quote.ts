/**
 * Values from the config in messages. A value is shown as the user wrote it, but escaped: a line
 * break, another control character or a bidirectional override in a value must not be able to
 * start a line of its own in the list of problems (`  - vendors[0].id: ...`) or reorder it.
 */

/** Control characters (C0, DEL, C1), Unicode's line and paragraph separators, bidirectional controls. */
const UNSAFE = /[\p{Cc}\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

const NAMED: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** Text with every unsafe character written as an escape (`\n`, `\u2028`), so it stays on one line. */
export function escapeControls(text: string): string {
    return text.replace(UNSAFE, (c) => NAMED[c] ?? `\\u${c.codePointAt(0)!.toString(16).padStart(4, "0")}`);
}

/** Longest value quoted in full; a longer one is cut with an ellipsis (messages about length say the length). */
const MAX_QUOTED = 80;

/** A value in double quotes, escaped like a JSON string and cut to a readable length: `"jo.fabrikam.com"`. */
export function quote(value: string): string {
    const cut = value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED - 1)}…` : value;
    const escaped = escapeControls(cut.replace(/[\\"]/g, (c) => `\\${c}`));
    return `"${escaped}"`;
}
