/**
 * Whether a license bundle gives its service accounts an Exchange Online plan. Information-barrier
 * policies only apply to users who have one (Microsoft Purview, "Get started with information
 * barriers", prerequisites), and the Remote Assist SKUs include none: a vendor segment whose
 * service accounts are licensed with Remote Assist alone is defined but not enforced.
 */
import type { LicenseBundle, LicenseSku, VendorConfig } from "../config/types";
import { EXCHANGE_ONLINE_PLANS, knownSkuById } from "./skuCatalogue";

/** What the catalogue can tell about a bundle's Exchange Online plan. */
export type ExchangeOnlineCoverage =
    /** A known SKU of the bundle includes an Exchange Online plan that is not disabled. */
    | { readonly status: "covered"; readonly by: string }
    /** Every SKU is known and none gives an enabled Exchange Online plan. */
    | { readonly status: "missing"; readonly details: readonly string[] }
    /** No known SKU gives one, and some SKUs are not in the catalogue, so they might. */
    | { readonly status: "unknown"; readonly details: readonly string[]; readonly unknownSkuIds: readonly string[] };

function exchangePlanOf(sku: LicenseSku): { name: string; enabled: boolean } | undefined {
    const known = knownSkuById(sku.skuId);
    const plan = known?.servicePlans.map((p) => EXCHANGE_ONLINE_PLANS[p]).find((p) => p !== undefined);
    return plan && { name: plan.name, enabled: !sku.disabledPlans.includes(plan.id) };
}

/** The bundle's Exchange Online coverage, from the catalogue alone. */
export function exchangeOnlineCoverage(bundle: LicenseBundle): ExchangeOnlineCoverage {
    const details: string[] = [];
    const unknownSkuIds: string[] = [];
    for (const sku of bundle.skus) {
        const known = knownSkuById(sku.skuId);
        if (!known) {
            unknownSkuIds.push(sku.skuId);
            continue;
        }
        const exchange = exchangePlanOf(sku);
        if (exchange?.enabled) {
            return { status: "covered", by: `${known.partNumber} (${exchange.name})` };
        }
        details.push(
            exchange
                ? `${known.partNumber} has ${exchange.name} disabled`
                : `${known.partNumber} has ${known.servicePlans.join(", ")}`,
        );
    }
    return unknownSkuIds.length > 0 ? { status: "unknown", details, unknownSkuIds } : { status: "missing", details };
}

/**
 * One warning per license bundle that service accounts hold and that gives them no Exchange
 * Online plan, naming the segments that will not be enforced and how to fix it. Bundles no vendor
 * with service accounts uses are not mentioned.
 */
export function exchangeOnlineWarnings(
    licenses: Readonly<Record<string, LicenseBundle>>,
    vendors: readonly VendorConfig[],
): string[] {
    const warnings: string[] = [];
    for (const [key, bundle] of Object.entries(licenses)) {
        const users = vendors.filter((v) => v.license === key && v.serviceAccounts.length > 0);
        if (users.length === 0) {
            continue;
        }
        const coverage = exchangeOnlineCoverage(bundle);
        if (coverage.status === "covered") {
            continue;
        }
        const segments = [...new Set(users.map((v) => v.segment))];
        const consequence = `information-barrier policies only apply to users with Exchange Online, so segment${segments.length > 1 ? "s" : ""} ${segments.join(", ")} will not be enforced for these service accounts until one is added: add a SKU with an Exchange Online plan to licenses.${key}.skus, e.g. EXCHANGEDESKLESS (Exchange Online Kiosk).`;
        const known = coverage.details.length > 0 ? ` (${coverage.details.join("; ")})` : "";
        warnings.push(
            coverage.status === "missing"
                ? `licenses.${key}: the bundle gives service accounts no Exchange Online plan${known}; ${consequence}`
                : `licenses.${key}: no SKU of the bundle that the catalogue knows gives service accounts an Exchange Online plan${known}, and the catalogue does not know ${coverage.unknownSkuIds.join(", ")}; unless that SKU includes one, ${consequence}`,
        );
    }
    return warnings;
}
