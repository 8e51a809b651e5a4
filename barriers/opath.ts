/**
 * OPATH filters for `-UserGroupFilter` (New-/Set-OrganizationSegment), as text. Purview documents
 * `-eq`, `-ne`, `-and`, `-or` and parentheses, and names groups by e-mail address:
 * `MemberOf -eq 'group1@contoso.com' -and MemberOf -ne 'group3@contoso.com'`, and
 * `(MemberOf -eq 'group1@contoso.com' -or MemberOf -eq 'group2@contoso.com') -and MemberOf -ne
 * 'group3@contoso.com'` ("You can also define complex group filters using logical AND and OR
 * operators", Microsoft Purview, "Get started with information barriers", Using "equals" and "not
 * equals"). `-not` is OPATH's
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

/** Whether a character is read as a single quote (see {@link SINGLE_QUOTES}). */
function isSingleQuote(c: string | undefined): boolean {
    return c !== undefined && /^['\u2018\u2019\u201a\u201b]$/.test(c);
}

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

/** The filter in parentheses, so that clauses joined to it apply to the whole of it: `(filter)`. */
export function grouped(filter: string): string {
    return `(${filter})`;
}

/**
 * Whether a filter written by hand can be put in parentheses and joined to other clauses without
 * changing what it means: every quoted value is closed, and outside them every `)` closes a `(`
 * and none is left open. `a) -or (b` in parentheses would be `(a) -or (b)`, which is not `a -or b`
 * in parentheses at all. Quotes are those {@link opathString} doubles.
 */
export function balancedFilter(filter: string): boolean {
    let depth = 0;
    let quoted = false;
    for (let i = 0; i < filter.length; i++) {
        const c = filter[i];
        if (quoted) {
            if (isSingleQuote(c)) {
                // A doubled quote is one quote inside the value.
                if (isSingleQuote(filter[i + 1])) {
                    i++;
                } else {
                    quoted = false;
                }
            }
        } else if (isSingleQuote(c)) {
            quoted = true;
        } else if (c === "(") {
            depth++;
        } else if (c === ")" && --depth < 0) {
            return false;
        }
    }
    return !quoted && depth === 0;
}
