/**
 * Quoting for the generated PowerShell runbooks. Every value from config reaches a script only
 * through these functions, so a vendor named `O'Brien & Sons` or a segment with spaces can
 * neither break a script nor inject a command into it.
 */

/**
 * Characters PowerShell reads as a single quote: the ASCII apostrophe and U+2018 to U+201B.
 * Source: PowerShell/PowerShell, `CodeGeneration.EscapeSingleQuotedStringContent` and
 * `CharExtensions.IsSingleQuote` (src/System.Management.Automation/engine/parser/CharTraits.cs).
 */
const SINGLE_QUOTES = /['\u2018\u2019\u201a\u201b]/g;

/**
 * A PowerShell single-quoted string literal holding exactly `value`: each single-quote
 * character is doubled (about_Quoting_Rules), nothing else is special inside single quotes.
 */
export function psQuote(value: string): string {
    return `'${value.replace(SINGLE_QUOTES, (q) => q + q)}'`;
}

/** A PowerShell array literal of single-quoted strings: `@('a', 'b')`. */
export function psArray(values: readonly string[]): string {
    return `@(${values.map(psQuote).join(", ")})`;
}

/**
 * Text safe to put after `#` on one line: line breaks and other control characters become
 * spaces, so a value can never end the comment and start a command.
 */
export function psComment(text: string): string {
    return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").trim();
}

/**
 * An OPATH filter comparing `attribute` with `value`, e.g. `Department -eq 'Contoso1'`. OPATH
 * filters follow PowerShell's expression syntax, so the value is a single-quoted literal with
 * its quotes doubled; the whole filter is quoted again with {@link psQuote} where it is used.
 */
export function opathEquals(attribute: string, value: string): string {
    return `${attribute} -eq ${psQuote(value)}`;
}
