/**
 * The names adoption reads from addresses or makes up: a mail address's domain, whether it is a
 * consumer mailbox's, the label a vendor found by its domain is named after and the name it gets,
 * slugs for ids, and ids made unique by a counter.
 */

/** Mail domains of consumer mailboxes: a holder there tells nothing about a vendor's tenant. */
export const CONSUMER_DOMAINS: readonly string[] = [
    "outlook.com",
    "hotmail.com",
    "live.com",
    "msn.com",
    "gmail.com",
    "googlemail.com",
    "yahoo.com",
    "icloud.com",
    "me.com",
    "aol.com",
    "gmx.de",
    "gmx.net",
    "web.de",
];

/** The domain of a mail address or UPN, lower-case. */
export function domainOf(address: string): string {
    return address.slice(address.lastIndexOf("@") + 1).toLowerCase();
}

/** Whether a (lower-case) domain is a consumer mailbox's: see {@link CONSUMER_DOMAINS}. */
export function isConsumerDomain(domain: string): boolean {
    return CONSUMER_DOMAINS.includes(domain);
}

/** A domain's first label (`contoson` of `contoson.com`), which a vendor found by its domain is named after. */
export function domainLabel(domain: string): string {
    return domain.slice(0, domain.indexOf("."));
}

/**
 * The name of a vendor found by a domain, whichever address gave it (a holder's or a guest's): the
 * domain's first label, capitalised as a company name is (`Contoson` of `contoson.com`).
 */
export function vendorNameOfDomain(domain: string): string {
    const label = domainLabel(domain);
    return label.charAt(0).toUpperCase() + label.slice(1);
}

/** A slug of [a-z0-9-] from any name: accents dropped, other characters turned into single dashes. */
export function slugOf(text: string, fallback: string): string {
    const slug = text
        .normalize("NFKD")
        .replace(/\p{M}/gu, "")
        .toLowerCase()
        .replace(/ß/g, "ss")
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-+|-+$/g, "");
    return slug === "" ? fallback : slug.slice(0, 40).replace(/-+$/, "");
}

/**
 * `base`, or the first of `base-2`, `base-3`, ... that `taken` does not hold yet; added to `taken`.
 * Called in order, so the first of several alike keeps its name unchanged.
 */
export function uniqueName(base: string, taken: Set<string>, separator = "-"): string {
    let name = base;
    for (let n = 2; taken.has(name); n++) {
        name = `${base}${separator}${n}`;
    }
    taken.add(name);
    return name;
}
