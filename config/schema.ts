/**
 * Field-level shape of each config section (zod). Rules that need more than one field or
 * section (duplicates, references, seats) live in `crossChecks.ts`. Every message about a value
 * shows the value (quoted and escaped) and says what would be right.
 */
import { getAlpha2Codes } from "i18n-iso-countries";
import { z } from "zod";
import { balancedFilter } from "../barriers/opath";
import { DEFAULT_GRAPH_ENDPOINT } from "../licensing/groupLicense";
import { KNOWN_SKUS, resolveSkuId } from "../licensing/skuCatalogue";
import { describeValue } from "./messages";
import { quote } from "./quote";

/** Longest information-barrier segment name Microsoft Purview accepts. */
export const MAX_SEGMENT_LENGTH = 64;

/** A message about a bad value: given the value as shown (`"jo.fabrikam.com"`) and the value itself. */
type Wording = string | ((shown: string, input: unknown) => string);

/**
 * Keeps zod's own wording for a wrong type or a missing value, ours otherwise. A message given as
 * a function gets the bad value, quoted, to show it: `"jo.fabrikam.com" is not an email address`.
 */
function says(message: Wording) {
    return {
        error: (issue: { code: string; input?: unknown }) => {
            if (issue.code === "invalid_type" || issue.input === undefined) {
                return undefined;
            }
            if (typeof message === "string") {
                return message;
            }
            const shown = typeof issue.input === "string" ? quote(issue.input) : describeValue(issue.input);
            return message(shown, issue.input);
        },
    };
}

/** `"Contoso…" is too long (70 characters): <why>`. */
function tooLong(why: string): Wording {
    return (shown, input) => `${shown} is too long (${String(input).length} characters): ${why}`;
}

/**
 * Names end up in directory attributes, OPATH filters and PowerShell; line breaks belong in none of
 * them, nor other control characters (C0, DEL, C1) or Unicode's line and paragraph separators.
 */
const SINGLE_LINE = /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029]*$/;

const ONE_LINE: Wording = (shown) => `${shown} must be one line without control characters; remove them`;

const COUNTRIES = new Set(Object.keys(getAlpha2Codes()));

const slug = z.string().regex(
    /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/,
    says((v) => `${v} is not a slug: use lowercase letters, digits and "-", e.g. "contoso1"`),
);

const domain = z
    .string()
    .regex(
        /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i,
        says((v) => `${v} is not a domain name, e.g. contoso1.com`),
    )
    .transform((d) => d.toLowerCase());

const email = z
    .email(says((v) => `${v} is not an email address, e.g. bob@contoso1.com`))
    .transform((e) => e.toLowerCase());

const guid = z
    .guid(says((v) => `${v} is not a GUID, e.g. 7a551360-26c4-4f61-84e6-ef715673e083`))
    .transform((g) => g.toLowerCase());

const usageLocation = z
    .string()
    .refine(
        (c) => COUNTRIES.has(c.toUpperCase()),
        says((v) => `${v} is not an ISO 3166-1 alpha-2 country code, e.g. US or DE`),
    )
    .transform((c) => c.toUpperCase());

const httpsUrl = z.url({
    protocol: /^https$/,
    ...says((v) => `${v} is not an https URL, e.g. https://teams.microsoft.com`),
});

/** An information-barrier segment name. */
export const segmentNameSchema = z
    .string()
    .trim()
    .min(1, says("must not be empty"))
    .max(
        MAX_SEGMENT_LENGTH,
        says(tooLong(`information-barrier segment names are limited to ${MAX_SEGMENT_LENGTH} characters`)),
    )
    .regex(SINGLE_LINE, says(ONE_LINE))
    // PowerShell reads typographic single quotes as quotes, the OPATH filters of segments do not.
    .regex(
        /^[^\u2018\u2019\u201a\u201b]*$/,
        says((v) => `${v} must not contain typographic quotes (‘ ’); use ' instead`),
    );

/** Longest vendor id: it becomes part of group mail nicknames (`ra-license-<id>`, 64 at most) and UPNs. */
export const MAX_VENDOR_ID_LENGTH = 40;

/**
 * Longest vendor name: it becomes each service account's `companyName`, which Entra ID limits to 64 characters
 * (Microsoft Graph, user resource type: "companyName ... The maximum length is 64 characters").
 */
export const MAX_VENDOR_NAME_LENGTH = 64;

/** A display name of at most `max` characters, on one line. */
function displayNameOf(max: number, why: string) {
    return z
        .string()
        .trim()
        .min(1, says("must not be empty"))
        .max(max, says(tooLong(why)))
        .regex(SINGLE_LINE, says(ONE_LINE));
}

const displayName = displayNameOf(256, "at most 256 characters");

/** `remote-assist-tenancy:tenant` */
export const tenantSchema = z.strictObject({
    domain,
    domains: z.array(domain).optional(),
    usageLocation,
    name: displayName.optional(),
});

const knownPartNumbers = Object.keys(KNOWN_SKUS).join(", ");

const licenseSku = z.strictObject({
    sku: z.string().refine(
        (s) => resolveSkuId(s) !== undefined,
        says((v) => `unknown SKU part number ${v}; use a skuId GUID or one of: ${knownPartNumbers}`),
    ),
    disabledPlans: z.array(guid).default([]),
});

/** One bundle under `remote-assist-tenancy:licenses`. */
export const licenseBundleSchema = z.strictObject({
    skus: z.array(licenseSku).min(1, says("list at least one SKU")),
    seats: z
        .int(says((v) => `${v} is not a whole number of seats`))
        .min(
            0,
            says((_, n) => `${String(n)} seats: must not be negative`),
        )
        .optional(),
});

/**
 * `remote-assist-tenancy:licenses`: bundles by name. The validator reads the names itself (as own
 * keys, into a Map), since a record schema would drop a bundle named `__proto__` without a word.
 */
export const licensesSchema = z.record(z.string(), licenseBundleSchema);

/** `remote-assist-tenancy:experts` */
export const expertsSchema = z.strictObject({
    segment: segmentNameSchema.default("Experts"),
    segmentFilter: z
        .string()
        .trim()
        .min(1, says("must not be empty"))
        .regex(SINGLE_LINE, says(ONE_LINE))
        // The stack puts the filter in parentheses to join clauses to it (barriers/design.ts).
        .refine(
            balancedFilter,
            says(
                (v) =>
                    `${v} has a parenthesis without its partner or a quoted value without its closing quote; the stack puts the filter in parentheses to keep service accounts out of it, so close each ( and ' in it`,
            ),
        )
        .optional(),
    team: guid.optional(),
    members: z.array(email).default([]),
});

/** `remote-assist-tenancy:federation` */
export const federationSchema = z.strictObject({
    mode: z.enum(["open", "allowList", "blockList", "disabled"]).default("allowList"),
    management: z.enum(["merge", "replace"]).default("merge"),
    blockedDomains: z.array(domain).optional(),
    extraAllowedDomains: z.array(domain).default([]),
    peerStacks: z
        .array(
            z.string().regex(
                /^[^/\s]+\/[^/\s]+\/[^/\s]+$/,
                says(
                    (v) =>
                        `${v} is not a stack reference of the form organization/project/stack, e.g. acme/remote-assist-tenancy/plant2`,
                ),
            ),
        )
        .default([]),
});

/** Default name of the catch-all segment of internal users who are neither experts nor service accounts. */
export const DEFAULT_INTERNAL_SEGMENT = "Internal";

/** `remote-assist-tenancy:informationBarriers` */
export const informationBarriersSchema = z.strictObject({
    legacy: z.boolean().default(false),
    internalSegment: z
        .union(
            [segmentNameSchema, z.literal(false)],
            says((v) => `expected a segment name, or false to turn it off; got ${v}`),
        )
        .default(DEFAULT_INTERNAL_SEGMENT),
    teamsServicePrincipal: z.boolean().default(true),
});

/** `remote-assist-tenancy:credentials` */
export const credentialsSchema = z.strictObject({
    resourceGroupName: z.string().min(1, says("must not be empty")),
    vaultName: z.string().regex(
        /^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/,
        says((v) => `${v} is not a Key Vault name: 3-24 letters, digits and dashes, starting with a letter`),
    ),
});

/** `remote-assist-tenancy:graphEndpoint` */
export const graphEndpointSchema = httpsUrl.transform((u) => u.replace(/\/+$/, "")).default(DEFAULT_GRAPH_ENDPOINT);

/**
 * A user principal name kept exactly as the tenant has it: the case too, since the azuread
 * provider compares it as written and would otherwise rename the account on the first update.
 * Its part before the `@` is what Entra ID allows: "Only the following characters are allowed A -
 * Z, a - z, 0 - 9, ' . - _ ! # ^ ~" (Microsoft Graph, user resource type, userPrincipalName); up
 * to 64 of them, and no "period character "." immediately preceding the "@" symbol" (Microsoft
 * Entra ID, "Password policies and account restrictions in Microsoft Entra ID", Username policies).
 */
const userPrincipalName = z.string().regex(
    /^[A-Za-z0-9'._!#^~-]{1,64}(?<!\.)@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i,
    says(
        (v) =>
            `${v} is not a user principal name: up to 64 of A-Z a-z 0-9 ' . - _ ! # ^ ~ before the @, not ending in a period, then a domain, e.g. sa1@abc.onmicrosoft.com`,
    ),
);

/**
 * A mail nickname kept exactly as the tenant has it; Graph limits it to 64 characters (Microsoft
 * Graph, user resource, mailNickname), and none it returns holds a blank.
 */
const mailNickname = z.string().regex(
    /^\S{1,64}$/,
    says((v) => `${v} is not a mail nickname: 1 to 64 characters, no blanks`),
);

/** `serviceAccounts[].existing`: the account already exists in the tenant and is adopted as it is. */
export const existingServiceAccountSchema = z.strictObject({
    userPrincipalName,
    mailNickname: mailNickname.optional(),
});

const serviceAccount = z.strictObject({
    id: slug,
    holder: email,
    usageLocation: usageLocation.optional(),
    rotation: z
        .union(
            [z.string(), z.number()],
            says((v) => `expected a string such as "2026-11", got ${v}`),
        )
        .transform(String)
        .optional(),
    displayName: displayName.optional(),
    existing: existingServiceAccountSchema.optional(),
});

/** `guests[].existing`: the guest user already exists in the tenant; it is adopted, never invited again. */
export const existingGuestSchema = z.strictObject({
    userId: guid,
});

const guest = z.strictObject({
    email,
    name: displayName,
    redirectUrl: httpsUrl.default("https://teams.microsoft.com"),
    existing: existingGuestSchema.optional(),
});

/** `vendors[].existing`: objects of the vendor that already exist in the tenant and are adopted as they are. */
export const existingVendorSchema = z.strictObject({
    licenseGroup: z
        .strictObject({
            id: guid,
            displayName,
            mailNickname,
        })
        .optional(),
});

/** One entry of `remote-assist-tenancy:vendors`. */
export const vendorSchema = z.strictObject({
    id: slug.max(
        MAX_VENDOR_ID_LENGTH,
        says(tooLong(`at most ${MAX_VENDOR_ID_LENGTH} characters, since group nicknames and UPNs derive from it`)),
    ),
    name: displayNameOf(
        MAX_VENDOR_NAME_LENGTH,
        `at most ${MAX_VENDOR_NAME_LENGTH} characters (Entra ID's limit for companyName, which the stack sets to the vendor's name)`,
    ),
    domains: z.array(domain).default([]),
    license: z.string().optional(),
    segment: segmentNameSchema.optional(),
    canTalkTo: z.array(segmentNameSchema).optional(),
    state: z.enum(["active", "suspended"]).default("active"),
    serviceAccounts: z.array(serviceAccount).default([]),
    guests: z.array(guest).default([]),
    existing: existingVendorSchema.optional(),
});

/** `remote-assist-tenancy:vendors` */
export const vendorsSchema = z
    .array(vendorSchema, {
        error: (issue) =>
            issue.code === "invalid_type" && issue.input !== undefined
                ? `expected a list of vendors, got ${describeValue(issue.input)}`
                : undefined,
    })
    .default([]);

/** The parsed (not yet cross-checked) shape of a vendor. */
export type ParsedVendor = z.output<typeof vendorSchema>;
