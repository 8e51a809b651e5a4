/**
 * OPATH filters for `-UserGroupFilter` (New-/Set-OrganizationSegment), as text. Purview documents
 * `-eq`, `-ne`, `-and`, `-or` and parentheses, and names groups by e-mail address:
 * `MemberOf -eq 'group1@contoso.com' -and MemberOf -ne 'group3@contoso.com'` (Microsoft Purview,
 * "Get started with information barriers", Using "equals" and "not equals"). `-not` is OPATH's
 * negation ("the most commonly used operators are and, or, and not", Exchange Online,
 * "Recipient filters in Exchange Online PowerShell", learn.microsoft.com/exchange/address-books/
 * address-lists/use-recipient-filters-to-create-an-address-list); the stack uses it only to
 * exclude an `experts.segmentFilter` override from the internal segment.
 */

/**
 * Characters read as a single quote: the ASCII apostrophe and U+2018 to U+201B. OPATH filters
 * follow PowerShell's quoting (PowerShell/PowerShell, `CharExtensions.IsSingleQuote`).
 */
const SINGLE_QUOTES = /['\u2018\u2019\u201a\u201b]/g;

/** A single-quoted OPATH string holding exactly `value`: each single quote doubled. */
export function opathString(value: string): string {
    return `'${value.replace(SINGLE_QUOTES, (q) => q + q)}'`;
}

/** `MemberOf -eq 'mail'` or `MemberOf -ne 'mail'`: membership of the group with that e-mail address. */
export function memberOf(operator: "-eq" | "-ne", groupMail: string): string {
    return `MemberOf ${operator} ${opathString(groupMail)}`;
}

/** Every clause must hold: `a -and b`. */
export function allOf(...clauses: readonly string[]): string {
    return clauses.join(" -and ");
}

/** The filter must not hold: `-not(filter)`. */
export function not(filter: string): string {
    return `-not(${filter})`;
}
