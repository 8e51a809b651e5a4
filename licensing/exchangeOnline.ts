/**
 * Whether a license bundle gives its service accounts what information barriers need: an
 * Exchange Online plan and the INFORMATION_BARRIERS plan. Information barriers apply only to users
 * who hold both (Microsoft Purview, "Get started with information barriers", prerequisites and
 * required subscriptions; Remote Assist's leasing article: "assign the service account an
 * information barrier license"), and the Remote Assist SKUs carry neither: a vendor segment whose
 * service accounts hold Remote Assist alone is defined but not enforced.
 */
import type { LicenseBundle, LicenseSku, VendorConfig } from "../config/types";
import type { KnownServicePlan } from "./skuCatalogue";
import { EXCHANGE_ONLINE_PLANS, INFORMATION_BARRIERS_PLAN, knownSkuById } from "./skuCatalogue";

/** What the catalogue can tell about one kind of service plan in a bundle. */
export type PlanCoverage =
    /** A known SKU of the bundle carries such a plan, and does not disable it. */
    | { readonly status: "covered"; readonly by: string }
    /** Every SKU is known and none gives an enabled plan of that kind. */
    | { readonly status: "missing"; readonly details: readonly string[] }
    /** No known SKU gives one, and some SKUs are not in the catalogue, so they might. */
    | { readonly status: "unknown"; readonly details: readonly string[]; readonly unknownSkuIds: readonly string[] };

function planOf(
    sku: LicenseSku,
    plans: Readonly<Record<string, KnownServicePlan>>,
): { name: string; enabled: boolean } | undefined {
    const plan = knownSkuById(sku.skuId)
        ?.servicePlans.map((p) => plans[p])
        .find((p) => p !== undefined);
    return plan && { name: plan.name, enabled: !sku.disabledPlans.includes(plan.id) };
}

/** The bundle's coverage by any of `plans`, from the catalogue alone. */
function coverage(bundle: LicenseBundle, plans: Readonly<Record<string, KnownServicePlan>>): PlanCoverage {
    const details: string[] = [];
    const unknownSkuIds: string[] = [];
    for (const sku of bundle.skus) {
        const known = knownSkuById(sku.skuId);
        if (!known) {
            unknownSkuIds.push(sku.skuId);
            continue;
        }
        const plan = planOf(sku, plans);
        if (plan?.enabled) {
            return { status: "covered", by: `${known.partNumber} (${plan.name})` };
        }
        details.push(
            plan
                ? `${known.partNumber} has ${plan.name} disabled`
                : `${known.partNumber} has ${known.servicePlans.join(", ")}`,
        );
    }
    return unknownSkuIds.length > 0 ? { status: "unknown", details, unknownSkuIds } : { status: "missing", details };
}

/** The bundle's Exchange Online coverage. */
export function exchangeOnlineCoverage(bundle: LicenseBundle): PlanCoverage {
    return coverage(bundle, EXCHANGE_ONLINE_PLANS);
}

/** The bundle's information-barriers coverage (the INFORMATION_BARRIERS plan). */
export function informationBarriersCoverage(bundle: LicenseBundle): PlanCoverage {
    return coverage(bundle, { [INFORMATION_BARRIERS_PLAN.name]: INFORMATION_BARRIERS_PLAN });
}

/** What a bundle gives, in words: `neither X nor Y`, `X but not Y`, `Y but not X`. */
function givesWords(exchange: PlanCoverage, barriers: PlanCoverage): string {
    const ib = `the information-barriers plan ${INFORMATION_BARRIERS_PLAN.name}`;
    if (exchange.status === "covered") {
        return `Exchange Online (${exchange.by}) but not ${ib}`;
    }
    if (barriers.status === "covered") {
        return `${ib} (${barriers.by}) but no Exchange Online plan`;
    }
    return `neither an Exchange Online plan nor ${ib}`;
}

/** What to add for each missing kind of plan. */
function fixWords(key: string, exchange: PlanCoverage, barriers: PlanCoverage): string {
    const fixes = [
        ...(exchange.status === "covered"
            ? []
            : ["a SKU with an Exchange Online plan, e.g. EXCHANGEDESKLESS (Exchange Online Kiosk)"]),
        ...(barriers.status === "covered"
            ? []
            : [
                  `a SKU with ${INFORMATION_BARRIERS_PLAN.name}, e.g. SPE_F5_COMP (Microsoft 365 F5 Compliance Add-on) or INFORMATION_PROTECTION_COMPLIANCE (Microsoft 365 E5 Compliance)`,
              ]),
    ];
    return `add to licenses.${key}.skus ${fixes.join(", and ")}`;
}

/**
 * One warning per license bundle that service accounts hold and that does not give them both an
 * Exchange Online plan and the information-barriers plan, naming the segments that will not be
 * enforced and what to add. Bundles no vendor with service accounts uses are not mentioned.
 */
export function barrierLicenceWarnings(
    licenses: Readonly<Record<string, LicenseBundle>>,
    vendors: readonly VendorConfig[],
): string[] {
    const warnings: string[] = [];
    for (const [key, bundle] of Object.entries(licenses)) {
        const users = vendors.filter((v) => v.license === key && v.serviceAccounts.length > 0);
        const exchange = exchangeOnlineCoverage(bundle);
        const barriers = informationBarriersCoverage(bundle);
        const lacking = [exchange, barriers].flatMap((c) => (c.status === "covered" ? [] : [c]));
        if (users.length === 0 || lacking.length === 0) {
            continue;
        }
        const segments = [...new Set(users.map((v) => v.segment))];
        const disabled = lacking.flatMap((c) => c.details.filter((d) => d.endsWith(" disabled")));
        const unknown = [...new Set(lacking.flatMap((c) => (c.status === "unknown" ? c.unknownSkuIds : [])))];
        warnings.push(
            [
                `licenses.${key}: `,
                unknown.length > 0
                    ? `the catalogue does not know ${unknown.join(", ")}; unless it makes up for it, `
                    : "",
                `the bundle gives service accounts ${givesWords(exchange, barriers)}`,
                disabled.length > 0 ? ` (${[...new Set(disabled)].join("; ")})` : "",
                `. Information barriers apply only to users with both, so ${segments.length > 1 ? "segments" : "segment"} ${segments.join(", ")} will not be enforced for these service accounts: `,
                `${fixWords(key, exchange, barriers)}.`,
            ].join(""),
        );
    }
    return warnings;
}
