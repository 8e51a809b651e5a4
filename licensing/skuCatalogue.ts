/**
 * Offline catalogue of the license SKUs this stack reasons about, so that config can name a
 * SKU by its part number and the plan can run without asking Microsoft Graph.
 *
 * Source: Microsoft Learn, "Product names and service plan identifiers for licensing"
 * (https://learn.microsoft.com/entra/identity/users/licensing-service-plan-reference),
 * columns String ID (part number), GUID (skuId) and Service plans included.
 */

/** A SKU the catalogue knows by part number. */
export interface KnownSku {
    /** The SKU's part number (`skuPartNumber` in Graph), e.g. `MICROSOFT_REMOTE_ASSIST`. */
    readonly partNumber: string;
    /** The SKU's GUID (`skuId` in Graph). */
    readonly skuId: string;
    /** The product name Microsoft shows in the admin centers. */
    readonly productName: string;
    /**
     * Names of the service plans the SKU includes (`servicePlanName` in Graph). Complete for the
     * Remote Assist SKUs; for the others, the plans this stack reasons about: an Exchange Online
     * plan ({@link EXCHANGE_ONLINE_PLANS}) and {@link INFORMATION_BARRIERS_PLAN}.
     */
    readonly servicePlans: readonly string[];
}

/** A service plan the catalogue knows by name, e.g. to tell whether `disabledPlans` switches it off. */
export interface KnownServicePlan {
    /** The plan's name (`servicePlanName` in Graph), e.g. `EXCHANGE_S_DESKLESS`. */
    readonly name: string;
    /** The plan's GUID (`servicePlanId` in Graph), what `disabledPlans` lists. */
    readonly id: string;
    /** The name Microsoft shows in the admin centers. */
    readonly friendlyName: string;
}

/**
 * Service plans that give a user an Exchange Online mailbox, keyed by name. Information-barrier
 * policies only apply to users with one of these (Microsoft Purview, "Get started with information
 * barriers", prerequisites: https://learn.microsoft.com/purview/information-barriers-policies).
 */
export const EXCHANGE_ONLINE_PLANS: Readonly<Record<string, KnownServicePlan>> = Object.freeze({
    EXCHANGE_S_STANDARD: {
        name: "EXCHANGE_S_STANDARD",
        id: "9aaf7827-d63c-4b61-89c3-182f06f82e5c",
        friendlyName: "Exchange Online (Plan 1)",
    },
    EXCHANGE_S_ENTERPRISE: {
        name: "EXCHANGE_S_ENTERPRISE",
        id: "efb87545-963c-4e0d-99df-69c6916d9eb0",
        friendlyName: "Exchange Online (Plan 2)",
    },
    EXCHANGE_S_DESKLESS: {
        name: "EXCHANGE_S_DESKLESS",
        id: "4a82b400-a79f-41a4-b4e2-e94f5787b113",
        friendlyName: "Exchange Online Kiosk",
    },
    EXCHANGE_S_ESSENTIALS: {
        name: "EXCHANGE_S_ESSENTIALS",
        id: "1126bef5-da20-4f07-b45e-ad25d2581aa8",
        friendlyName: "Exchange Online Essentials",
    },
});

/**
 * The service plan that licenses a user for information barriers. Information barriers apply
 * only to users who hold it and an Exchange Online plan (Remote Assist's leasing article: "assign
 * the service account an information barrier license"; Purview, "Get started with information
 * barriers", Required subscriptions). Same table, "Information Barriers (c4801e8a-...)".
 */
export const INFORMATION_BARRIERS_PLAN: KnownServicePlan = Object.freeze({
    name: "INFORMATION_BARRIERS",
    id: "c4801e8a-cb58-4c35-aca6-f2dcc106f287",
    friendlyName: "Information Barriers",
});

/** Every service plan the catalogue knows by name. */
export const KNOWN_SERVICE_PLANS: Readonly<Record<string, KnownServicePlan>> = Object.freeze({
    ...EXCHANGE_ONLINE_PLANS,
    [INFORMATION_BARRIERS_PLAN.name]: INFORMATION_BARRIERS_PLAN,
});

const REMOTE_ASSIST_PLANS = ["CDS_REMOTE_ASSIST", "MICROSOFT_REMOTE_ASSIST", "TEAMS1"] as const;

/** Every known SKU, keyed by part number. */
export const KNOWN_SKUS: Readonly<Record<string, KnownSku>> = Object.freeze({
    MICROSOFT_REMOTE_ASSIST: {
        partNumber: "MICROSOFT_REMOTE_ASSIST",
        skuId: "7a551360-26c4-4f61-84e6-ef715673e083",
        productName: "Dynamics 365 Remote Assist",
        servicePlans: REMOTE_ASSIST_PLANS,
    },
    MICROSOFT_REMOTE_ASSIST_HOLOLENS: {
        partNumber: "MICROSOFT_REMOTE_ASSIST_HOLOLENS",
        skuId: "e48328a2-8e98-4484-a70f-a99f8ac9ec89",
        productName: "Dynamics 365 Remote Assist HoloLens",
        servicePlans: REMOTE_ASSIST_PLANS,
    },
    EXCHANGEDESKLESS: {
        partNumber: "EXCHANGEDESKLESS",
        skuId: "80b2d799-d2ba-4d2a-8842-fb0d0f3a4b82",
        productName: "Exchange Online Kiosk",
        servicePlans: ["EXCHANGE_S_DESKLESS"],
    },
    EXCHANGESTANDARD: {
        partNumber: "EXCHANGESTANDARD",
        skuId: "4b9405b0-7788-4568-add1-99614e613b69",
        productName: "Exchange Online (Plan 1)",
        servicePlans: ["EXCHANGE_S_STANDARD"],
    },
    // Frontline base SKU, which Microsoft sells the F5 Compliance add-on for; carries Exchange Online Kiosk.
    SPE_F1: {
        partNumber: "SPE_F1",
        skuId: "66b55226-6b4f-492c-910c-a3b7a3c9d993",
        productName: "Microsoft 365 F3",
        servicePlans: ["EXCHANGE_S_DESKLESS", "TEAMS1"],
    },
    // Carries INFORMATION_BARRIERS, and EXCHANGE_S_ARCHIVE_ADDON, which is archiving, not a mailbox.
    SPE_F5_COMP: {
        partNumber: "SPE_F5_COMP",
        skuId: "91de26be-adfa-4a3d-989e-9131cc23dda7",
        productName: "Microsoft 365 F5 Compliance Add-on",
        servicePlans: ["INFORMATION_BARRIERS"],
    },
    // Microsoft 365 E5 Compliance: INFORMATION_BARRIERS, no Exchange Online plan.
    INFORMATION_PROTECTION_COMPLIANCE: {
        partNumber: "INFORMATION_PROTECTION_COMPLIANCE",
        skuId: "184efa21-98c3-4e5d-95ab-d07053a96e67",
        productName: "Microsoft 365 E5 Compliance",
        servicePlans: ["INFORMATION_BARRIERS"],
    },
});

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Resolves a SKU as written in config to its skuId: a GUID passes through (lower-cased, as
 * Graph returns it), a known part number becomes its GUID, anything else is `undefined`.
 */
export function resolveSkuId(sku: string): string | undefined {
    if (GUID.test(sku)) {
        return sku.toLowerCase();
    }
    const partNumber = sku.toUpperCase();
    // An own key only: no config value may find a property of Object.prototype.
    return Object.hasOwn(KNOWN_SKUS, partNumber) ? KNOWN_SKUS[partNumber].skuId : undefined;
}

/** The catalogue entry for a skuId, when the catalogue knows it. */
export function knownSkuById(skuId: string): KnownSku | undefined {
    const id = skuId.toLowerCase();
    return Object.values(KNOWN_SKUS).find((s) => s.skuId === id);
}
