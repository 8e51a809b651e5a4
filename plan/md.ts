/**
 * Markdown helpers of the plan: values from config escaped as text or quoted as code, tables and
 * lists. Safe in a table cell and on one line.
 */

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

/** A Markdown table. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
    return [
        `| ${header.join(" | ")} |`,
        `| ${header.map(() => "---").join(" | ")} |`,
        ...rows.map((r) => `| ${r.join(" | ")} |`),
    ];
}

/** Items joined with commas, or `none` when there are none. */
export function list(items: readonly string[], none = "nobody"): string {
    return items.length === 0 ? none : items.join(", ");
}
