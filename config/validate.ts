import type { z } from "zod";
import { resolveSkuId } from "../licensing/skuCatalogue";
import { crossCheck, ParsedSections, segmentOf } from "./crossChecks";
import { configErrorMap, describeValue } from "./messages";
import { ConfigError, ConfigPath, Problems } from "./problems";
import {
    credentialsSchema,
    expertsSchema,
    federationSchema,
    graphEndpointSchema,
    informationBarriersSchema,
    licensesSchema,
    ParsedVendor,
    tenantSchema,
    vendorSchema,
} from "./schema";
import { CONFIG_NAMESPACE, LicenseBundle, StackConfig, VendorConfig } from "./types";

/** Config values by key, without the namespace: `{ vendors: [...], tenant: {...} }`. */
export type RawConfig = Readonly<Record<string, unknown>>;

/** Every key this stack reads under its namespace. */
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

function parseSection<S extends z.ZodType>(
    path: ConfigPath,
    schema: S,
    value: unknown,
    problems: Problems,
): z.output<S> | undefined {
    const result = schema.safeParse(value, { error: configErrorMap });
    if (!result.success) {
        problems.addZodIssues(path, result.error.issues);
        return undefined;
    }
    return result.data;
}

function parseVendors(value: unknown, problems: Problems): (ParsedVendor | undefined)[] {
    if (value === undefined) {
        return [];
    }
    if (!Array.isArray(value)) {
        problems.add(["vendors"], `expected a list of vendors, got ${describeValue(value)}`);
        return [];
    }
    return value.map((v, i) => parseSection(["vendors", i], vendorSchema, v, problems));
}

function toBundles(licenses: z.output<typeof licensesSchema>): Record<string, LicenseBundle> {
    return Object.fromEntries(
        Object.entries(licenses).map(([name, b]) => [
            name,
            {
                name,
                // resolveSkuId cannot miss here: the schema rejected unknown part numbers.
                skus: b.skus.map((s) => ({
                    sku: s.sku,
                    skuId: resolveSkuId(s.sku) as string,
                    disabledPlans: s.disabledPlans,
                })),
                ...(b.seats === undefined ? {} : { seats: b.seats }),
            },
        ]),
    );
}

function toVendor(v: ParsedVendor, expertsSegment: string, tenantUsageLocation: string): VendorConfig {
    return {
        id: v.id,
        name: v.name,
        domains: v.domains,
        license: v.license,
        segment: segmentOf(v),
        canTalkTo: v.canTalkTo ?? [expertsSegment],
        state: v.state,
        serviceAccounts: v.serviceAccounts.map((sa) => ({
            ...sa,
            usageLocation: sa.usageLocation ?? tenantUsageLocation,
        })),
        guests: v.guests,
    };
}

/**
 * Validates the whole stack config and returns it normalised, or throws ONE `ConfigError`
 * listing every problem by its config path. Pure: no Pulumi engine needed.
 */
export function validateConfig(raw: RawConfig): StackConfig {
    const problems = new Problems();
    const known = new Set<string>(CONFIG_KEYS);
    for (const key of Object.keys(raw).filter((k) => !known.has(k))) {
        problems.add([key], `unknown key ${CONFIG_NAMESPACE}:${key}; known keys: ${CONFIG_KEYS.join(", ")}`);
    }
    if (raw.tenant === undefined) {
        problems.add(
            ["tenant"],
            `required; set ${CONFIG_NAMESPACE}:tenant with the host tenant's domain and usageLocation`,
        );
    }
    const sections: ParsedSections = {
        tenant: raw.tenant === undefined ? undefined : parseSection(["tenant"], tenantSchema, raw.tenant, problems),
        licenses: parseSection(["licenses"], licensesSchema, raw.licenses ?? {}, problems),
        experts: parseSection(["experts"], expertsSchema, raw.experts ?? {}, problems),
        federation: parseSection(["federation"], federationSchema, raw.federation ?? {}, problems),
        informationBarriers: parseSection(
            ["informationBarriers"],
            informationBarriersSchema,
            raw.informationBarriers ?? {},
            problems,
        ),
        vendors: parseVendors(raw.vendors, problems),
    };
    const credentials =
        raw.credentials === undefined
            ? undefined
            : parseSection(["credentials"], credentialsSchema, raw.credentials, problems);
    const graphEndpoint = parseSection(["graphEndpoint"], graphEndpointSchema, raw.graphEndpoint, problems);
    crossCheck(sections, problems);

    const { tenant, licenses, experts, federation, informationBarriers } = sections;
    if (problems.any || !tenant || !licenses || !experts || !federation || !informationBarriers || !graphEndpoint) {
        throw new ConfigError(problems.list);
    }
    return {
        tenant: {
            domain: tenant.domain,
            domains: [...new Set([tenant.domain, ...(tenant.domains ?? [])])],
            usageLocation: tenant.usageLocation,
            name: tenant.name ?? tenant.domain,
        },
        licenses: toBundles(licenses),
        experts,
        federation: { ...federation, blockedDomains: federation.blockedDomains ?? [] },
        informationBarriers: {
            legacy: informationBarriers.legacy,
            teamsServicePrincipal: informationBarriers.teamsServicePrincipal,
            ...(informationBarriers.internalSegment === false
                ? {}
                : { internalSegment: informationBarriers.internalSegment }),
        },
        ...(credentials ? { credentials } : {}),
        graphEndpoint,
        vendors: sections.vendors.map((v) => toVendor(v as ParsedVendor, experts.segment, tenant.usageLocation)),
    };
}
