/**
 * What the admin knows and Graph cannot tell: which vendor an account or a guest serves, who
 * holds an account, which licensed users are internal. A small YAML file for `npm run adopt`
 * (and `npm run audit`, for `internal`); every key is optional.
 *
 * ```yaml
 * vendors:                       # vendors as they should be named; matched by domain and company name
 *   - id: obrien
 *     name: O'Brien & Söhne
 *     domains: [obrien-soehne.de]
 *     companyNames: ["O'Brien & Söhne GmbH"]
 *     state: active              # or suspended
 * accounts:                      # by UPN: its vendor, its id in config, its holder
 *   SA3@abc.com: { vendor: contractors, id: sa3, holder: user@outlook.com }
 * guests:                        # by email: its vendor
 *   nina@contoson.com: { vendor: contoson }
 * internal: [ines.tech@abc.onmicrosoft.com]   # licensed users that are no service accounts
 * ```
 */
import { parseDocument } from "yaml";
import { z } from "zod";
import { configErrorMap } from "../config/messages";
import { formatPath } from "../config/problems";
import { vendorSchema } from "../config/schema";

const email = z.email().transform((e) => e.toLowerCase());

/** The hints file's shape. */
export const hintsSchema = z.strictObject({
    vendors: z
        .array(
            z.strictObject({
                id: vendorSchema.shape.id,
                name: vendorSchema.shape.name.optional(),
                domains: vendorSchema.shape.domains,
                companyNames: z.array(z.string().min(1)).default([]),
                state: z.enum(["active", "suspended"]).optional(),
            }),
        )
        .default([]),
    accounts: z
        .record(
            z.string(),
            z.strictObject({
                vendor: vendorSchema.shape.id.optional(),
                id: z
                    .string()
                    .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/)
                    .optional(),
                holder: email.optional(),
            }),
        )
        .default({}),
    guests: z.record(z.string(), z.strictObject({ vendor: vendorSchema.shape.id })).default({}),
    internal: z.array(z.string().min(3)).default([]),
});

/** The hints, with every address lower-case. */
export interface Hints {
    readonly vendors: readonly {
        readonly id: string;
        readonly name?: string;
        readonly domains: readonly string[];
        readonly companyNames: readonly string[];
        readonly state?: "active" | "suspended";
    }[];
    /** By UPN, lower-case. */
    readonly accounts: ReadonlyMap<
        string,
        { readonly vendor?: string; readonly id?: string; readonly holder?: string }
    >;
    /** By email, lower-case. */
    readonly guests: ReadonlyMap<string, { readonly vendor: string }>;
    /** UPNs, lower-case. */
    readonly internal: ReadonlySet<string>;
}

/** No hints. */
export const NO_HINTS: Hints = { vendors: [], accounts: new Map(), guests: new Map(), internal: new Set() };

/** A hints file that cannot be used; the message lists every problem by path. */
export class HintsError extends Error {}

/** Parses a hints file's text; throws a {@link HintsError} naming the file and every problem. */
export function parseHints(text: string, file: string): Hints {
    const doc = parseDocument(text);
    if (doc.errors.length > 0) {
        throw new HintsError(`${file}: not valid YAML: ${doc.errors[0].message}`);
    }
    const parsed = hintsSchema.safeParse(doc.toJS() ?? {}, { error: configErrorMap });
    if (!parsed.success) {
        const problems = parsed.error.issues.flatMap((i) => {
            const at = i.path.map((k) => (typeof k === "symbol" ? String(k) : k));
            return i.code === "unrecognized_keys"
                ? i.keys.map((key) => `  - ${formatPath([...at, key])}: unknown key`)
                : [`  - ${formatPath(at)}: ${i.message}`];
        });
        throw new HintsError(
            `${file}: invalid hints (${problems.length === 1 ? "1 problem" : `${problems.length} problems`}):\n${problems.join("\n")}`,
        );
    }
    const h = parsed.data;
    return {
        vendors: h.vendors,
        accounts: new Map(Object.entries(h.accounts).map(([upn, a]) => [upn.toLowerCase(), a])),
        guests: new Map(Object.entries(h.guests).map(([mail, g]) => [mail.toLowerCase(), g])),
        internal: new Set(h.internal.map((u) => u.toLowerCase())),
    };
}
