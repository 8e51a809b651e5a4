import { z } from "zod";
import { resolveSkuId } from "../licensing/skuCatalogue";
import { crossCheck, SalvagedSections } from "./crossChecks";
import { describeValue, unknownKeyMessage } from "./messages";
import { ConfigError, ConfigPath, PathRank, Problems } from "./problems";
import { INVALID, Invalid, isMapping, ownValue, salvage, Salvaged, unwrap } from "./salvage";
import {
    credentialsSchema,
    expertsSchema,
    federationSchema,
    graphEndpointSchema,
    informationBarriersSchema,
    licenseBundleSchema,
    licensesSchema,
    ParsedVendor,
    tenantSchema,
    vendorSchema,
    vendorsSchema,
} from "./schema";
import { CONFIG_NAMESPACE, LicenseBundle, StackConfig, VendorConfig } from "./types";

/** Config values by key, without the namespace: `{ vendors: [...], tenant: {...} }`. */
export type RawConfig = Readonly<Record<string, unknown>>;

/** Every key this stack reads under its namespace, in the order problems are reported. */
export const CONFIG_KEYS = [
    "tenant",
    "licenses",
    "experts",
    "federation",
    "informationBarriers",
    "vendors",
    "credentials",
    "graphEndpoint",
] as const;

/** The schema of each top-level key; the order of their fields is the order problems are reported in. */
const SECTION_SCHEMAS: ReadonlyMap<string, z.ZodType> = new Map<string, z.ZodType>([
    ["tenant", tenantSchema],
    ["licenses", licensesSchema],
    ["experts", expertsSchema],
    ["federation", federationSchema],
    ["informationBarriers", informationBarriersSchema],
    ["vendors", vendorsSchema],
    ["credentials", credentialsSchema],
    ["graphEndpoint", graphEndpointSchema],
]);

/** Own keys of a mapping, in the order the config gives them. */
function keysOf(value: unknown): string[] {
    return isMapping(value) ? Object.keys(value) : [];
}

/**
 * Config order for problems: top-level keys as {@link CONFIG_KEYS} lists them (unknown ones last),
 * fields as the schema documents them (unknown keys after the known ones, as written), list entries
 * by index, bundle names as written. The same order whichever tool read the file.
 */
function configRank(raw: RawConfig): PathRank {
    return (path: ConfigPath) => {
        const [top, ...rest] = path;
        const topIndex = CONFIG_KEYS.indexOf(top as (typeof CONFIG_KEYS)[number]);
        const ranks = [topIndex >= 0 ? topIndex : CONFIG_KEYS.length + keysOf(raw).indexOf(String(top))];
        let schema: z.ZodType | undefined = SECTION_SCHEMAS.get(String(top));
        let node: unknown = ownValue(raw, String(top));
        for (const key of rest) {
            const core = schema === undefined ? undefined : unwrap(schema);
            if (typeof key === "number") {
                ranks.push(key);
                schema = core instanceof z.ZodArray ? (core.element as z.ZodType) : undefined;
                node = Array.isArray(node) ? (node as unknown[])[key] : undefined;
                continue;
            }
            if (core instanceof z.ZodObject) {
                const known = Object.keys(core.shape);
                const at = known.indexOf(key);
                ranks.push(at >= 0 ? at : known.length + keysOf(node).indexOf(key));
                schema = at >= 0 ? (core.shape[key] as z.ZodType) : undefined;
            } else if (core instanceof z.ZodRecord) {
                ranks.push(keysOf(node).indexOf(key));
                schema = core.valueType as z.ZodType;
            } else {
                ranks.push(0);
                schema = undefined;
            }
            node = ownValue(node, key);
        }
        return ranks;
    };
}

/** The ids of the vendors whose id is valid, by index, so every path under a vendor names it. */
function vendorLabels(vendors: unknown): Map<number, string> {
    const labels = new Map<number, string>();
    if (Array.isArray(vendors)) {
        vendors.forEach((v: unknown, i) => {
            const id = ownValue(v, "id");
            if (vendorSchema.shape.id.safeParse(id).success) {
                labels.set(i, id as string);
            }
        });
    }
    return labels;
}

/**
 * `licenses`: each bundle by its name, read as own keys into a Map, so that no name is special
 * (a record schema drops a bundle named `__proto__` without a word).
 */
function salvageLicenses(
    value: unknown,
    problems: Problems,
): ReadonlyMap<string, Salvaged<z.output<typeof licenseBundleSchema>> | Invalid> | Invalid {
    if (value === undefined) {
        return new Map();
    }
    if (!isMapping(value)) {
        problems.add(
            ["licenses"],
            `expected a mapping of license bundles by name, got ${describeValue(value)}${value === null ? "; remove the key to leave it out, or give a value" : ""}`,
        );
        return INVALID;
    }
    return new Map(
        Object.keys(value).map((name) => [
            name,
            salvage(licenseBundleSchema, value[name], ["licenses", name], problems),
        ]),
    );
}

/** The bundles, by name, in an object without a prototype: no bundle name can find an inherited property. */
function toBundles(licenses: ReadonlyMap<string, z.output<typeof licenseBundleSchema>>): Record<string, LicenseBundle> {
    const bundles: Record<string, LicenseBundle> = Object.create(null) as Record<string, LicenseBundle>;
    for (const [name, b] of licenses) {
        Object.defineProperty(bundles, name, {
            enumerable: true,
            value: {
                name,
                // resolveSkuId cannot miss here: the schema rejected unknown part numbers.
                skus: b.skus.map((s) => ({
                    sku: s.sku,
                    skuId: resolveSkuId(s.sku) as string,
                    disabledPlans: s.disabledPlans,
                })),
                ...(b.seats === undefined ? {} : { seats: b.seats }),
            },
        });
    }
    return bundles;
}

/** The part of a UPN before its last `@`. */
function localPartOf(upn: string): string {
    return upn.slice(0, upn.lastIndexOf("@"));
}

function toVendor(v: ParsedVendor, expertsSegment: string, tenantUsageLocation: string): VendorConfig {
    return {
        id: v.id,
        name: v.name,
        domains: v.domains,
        license: v.license,
        segment: v.segment ?? v.name,
        canTalkTo: v.canTalkTo ?? [expertsSegment],
        state: v.state,
        serviceAccounts: v.serviceAccounts.map(({ existing, ...sa }) => ({
            ...sa,
            usageLocation: sa.usageLocation ?? tenantUsageLocation,
            ...(existing === undefined
                ? {}
                : {
                      existing: {
                          userPrincipalName: existing.userPrincipalName,
                          mailNickname: existing.mailNickname ?? localPartOf(existing.userPrincipalName),
                      },
                  }),
        })),
        guests: v.guests,
        ...(v.existing === undefined ? {} : { existing: v.existing }),
    };
}

/**
 * Validates the whole stack config and returns it normalised, or throws ONE `ConfigError`
 * listing every problem by its config path, in config order. Every rule runs on whatever parts
 * are valid (see `salvage.ts` and `crossChecks.ts`). `null` (an empty value in YAML) is a problem
 * wherever it appears, never "absent". Pure: no Pulumi engine needed.
 */
export function validateConfig(raw: RawConfig): StackConfig {
    const problems = new Problems(vendorLabels(ownValue(raw, "vendors")));
    const known = new Set<string>(CONFIG_KEYS);
    for (const key of Object.keys(raw).filter((k) => !known.has(k))) {
        problems.add([key], unknownKeyMessage(key, CONFIG_KEYS, `${CONFIG_NAMESPACE}:`));
    }
    const section = (key: (typeof CONFIG_KEYS)[number]) => ownValue(raw, key);
    const rawTenant = section("tenant");
    if (rawTenant === undefined) {
        problems.add(
            ["tenant"],
            `required; set ${CONFIG_NAMESPACE}:tenant with the host tenant's domain and usageLocation`,
        );
    }
    const sections: SalvagedSections = {
        tenant: rawTenant === undefined ? undefined : salvage(tenantSchema, rawTenant, ["tenant"], problems),
        licenses: salvageLicenses(section("licenses"), problems),
        experts: salvage(expertsSchema.prefault({}), section("experts"), ["experts"], problems),
        federation: salvage(federationSchema.prefault({}), section("federation"), ["federation"], problems),
        informationBarriers: salvage(
            informationBarriersSchema.prefault({}),
            section("informationBarriers"),
            ["informationBarriers"],
            problems,
        ),
        vendors: salvage(vendorsSchema, section("vendors"), ["vendors"], problems),
        rawVendors: section("vendors"),
        rawExperts: section("experts"),
    };
    const credentials = salvage(credentialsSchema.optional(), section("credentials"), ["credentials"], problems);
    const graphEndpoint = salvage(graphEndpointSchema, section("graphEndpoint"), ["graphEndpoint"], problems);
    crossCheck(sections, problems);

    if (problems.any) {
        throw new ConfigError(problems.list(configRank(raw)));
    }
    // No problem: nothing is INVALID, and every part is exactly zod's output.
    const tenant = sections.tenant as z.output<typeof tenantSchema>;
    const experts = sections.experts as z.output<typeof expertsSchema>;
    const federation = sections.federation as z.output<typeof federationSchema>;
    const barriers = sections.informationBarriers as z.output<typeof informationBarriersSchema>;
    const vendors = sections.vendors as ParsedVendor[];
    return {
        tenant: {
            domain: tenant.domain,
            domains: [...new Set([tenant.domain, ...(tenant.domains ?? [])])],
            usageLocation: tenant.usageLocation,
            name: tenant.name ?? tenant.domain,
        },
        licenses: toBundles(sections.licenses as ReadonlyMap<string, z.output<typeof licenseBundleSchema>>),
        experts,
        federation: { ...federation, blockedDomains: federation.blockedDomains ?? [] },
        informationBarriers: {
            legacy: barriers.legacy,
            teamsServicePrincipal: barriers.teamsServicePrincipal,
            ...(barriers.internalSegment === false ? {} : { internalSegment: barriers.internalSegment }),
        },
        ...(credentials === undefined ? {} : { credentials: credentials as z.output<typeof credentialsSchema> }),
        graphEndpoint: graphEndpoint as string,
        vendors: vendors.map((v) => toVendor(v, experts.segment, tenant.usageLocation)),
    };
}

/**
 * The license bundle named `name`, looked up as an own property: a name such as `toString` or
 * `constructor` finds nothing rather than something of `Object.prototype`.
 */
export function bundleNamed(
    licenses: Readonly<Record<string, LicenseBundle>>,
    name: string,
): LicenseBundle | undefined {
    return Object.hasOwn(licenses, name) ? licenses[name] : undefined;
}
