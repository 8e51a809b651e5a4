import { strict as assert } from "node:assert";
import {
    EXCHANGE_ONLINE_PLANS,
    INFORMATION_BARRIERS_PLAN,
    KNOWN_SERVICE_PLANS,
    KNOWN_SKUS,
    knownSkuById,
    resolveSkuId,
} from "../../licensing/skuCatalogue";

const REMOTE_ASSIST_PLANS = ["CDS_REMOTE_ASSIST", "MICROSOFT_REMOTE_ASSIST", "TEAMS1"];

describe("the offline SKU catalogue", () => {
    it("knows the Exchange Online plans by name, GUID and admin-center name", () => {
        assert.deepEqual(EXCHANGE_ONLINE_PLANS, {
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
    });

    it("knows the Information Barriers plan, and it with the Exchange Online plans as every known plan", () => {
        assert.deepEqual(INFORMATION_BARRIERS_PLAN, {
            name: "INFORMATION_BARRIERS",
            id: "c4801e8a-cb58-4c35-aca6-f2dcc106f287",
            friendlyName: "Information Barriers",
        });
        assert.deepEqual(KNOWN_SERVICE_PLANS, {
            ...EXCHANGE_ONLINE_PLANS,
            INFORMATION_BARRIERS: INFORMATION_BARRIERS_PLAN,
        });
    });

    it("knows each SKU's part number, GUID, product name and service plans", () => {
        assert.deepEqual(KNOWN_SKUS, {
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
            SPE_F1: {
                partNumber: "SPE_F1",
                skuId: "66b55226-6b4f-492c-910c-a3b7a3c9d993",
                productName: "Microsoft 365 F3",
                servicePlans: ["EXCHANGE_S_DESKLESS", "TEAMS1"],
            },
            SPE_F5_COMP: {
                partNumber: "SPE_F5_COMP",
                skuId: "91de26be-adfa-4a3d-989e-9131cc23dda7",
                productName: "Microsoft 365 F5 Compliance Add-on",
                servicePlans: ["INFORMATION_BARRIERS"],
            },
            INFORMATION_PROTECTION_COMPLIANCE: {
                partNumber: "INFORMATION_PROTECTION_COMPLIANCE",
                skuId: "184efa21-98c3-4e5d-95ab-d07053a96e67",
                productName: "Microsoft 365 E5 Compliance",
                servicePlans: ["INFORMATION_BARRIERS"],
            },
        });
    });

    it("resolves part numbers (any case) and GUIDs (lower-cased), and nothing else", () => {
        const resolved = [
            "spe_f1",
            "EXCHANGESTANDARD",
            "Information_Protection_Compliance",
            "7A551360-26C4-4F61-84E6-EF715673E083",
            "x7a551360-26c4-4f61-84e6-ef715673e083",
            "7a551360-26c4-4f61-84e6-ef715673e083x",
            "SPE_F1 ",
            "toString",
        ].map(resolveSkuId);
        assert.deepEqual(resolved, [
            "66b55226-6b4f-492c-910c-a3b7a3c9d993",
            "4b9405b0-7788-4568-add1-99614e613b69",
            "184efa21-98c3-4e5d-95ab-d07053a96e67",
            "7a551360-26c4-4f61-84e6-ef715673e083",
            undefined,
            undefined,
            undefined,
            undefined,
        ]);
    });

    it("finds a SKU by its GUID in any case", () => {
        assert.equal(knownSkuById("184EFA21-98C3-4E5D-95AB-D07053A96E67")?.productName, "Microsoft 365 E5 Compliance");
        assert.equal(knownSkuById("66b55226-6b4f-492c-910c-a3b7a3c9d993")?.partNumber, "SPE_F1");
        assert.equal(knownSkuById("00000000-0000-0000-0000-000000000000"), undefined);
    });
});
