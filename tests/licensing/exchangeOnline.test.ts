import { strict as assert } from "node:assert";
import type { LicenseBundle, LicenseSku, VendorConfig } from "../../config/types";
import { exchangeOnlineCoverage, exchangeOnlineWarnings } from "../../licensing/exchangeOnline";
import { EXCHANGE_ONLINE_PLANS, KNOWN_SKUS } from "../../licensing/skuCatalogue";

const RA: LicenseSku = {
    sku: "MICROSOFT_REMOTE_ASSIST",
    skuId: KNOWN_SKUS.MICROSOFT_REMOTE_ASSIST.skuId,
    disabledPlans: [],
};
const KIOSK: LicenseSku = { sku: "EXCHANGEDESKLESS", skuId: KNOWN_SKUS.EXCHANGEDESKLESS.skuId, disabledPlans: [] };
const UNKNOWN: LicenseSku = {
    sku: "0f0f0f0f-0000-4000-8000-000000000001",
    skuId: "0f0f0f0f-0000-4000-8000-000000000001",
    disabledPlans: [],
};

function bundle(...skus: LicenseSku[]): LicenseBundle {
    return { name: "remote-assist", skus };
}

function vendor(id: string, segment: string, accounts: number, license = "remote-assist"): VendorConfig {
    return {
        id,
        name: id,
        domains: [],
        license,
        segment,
        canTalkTo: ["Experts"],
        state: "active",
        serviceAccounts: Array.from({ length: accounts }, (_, i) => ({
            id: `sa${i}`,
            holder: `h${i}@example.com`,
            usageLocation: "US",
        })),
        guests: [],
    };
}

describe("whether a license bundle gives service accounts Exchange Online (information barriers need it)", () => {
    it("finds none in Remote Assist alone, listing its plans", () => {
        assert.deepEqual(exchangeOnlineCoverage(bundle(RA)), {
            status: "missing",
            details: ["MICROSOFT_REMOTE_ASSIST has CDS_REMOTE_ASSIST, MICROSOFT_REMOTE_ASSIST, TEAMS1"],
        });
    });

    it("finds it when Exchange Online Kiosk is in the bundle", () => {
        assert.deepEqual(exchangeOnlineCoverage(bundle(RA, KIOSK)), {
            status: "covered",
            by: "EXCHANGEDESKLESS (EXCHANGE_S_DESKLESS)",
        });
    });

    it("finds none when the Exchange Online plan is among the disabled plans", () => {
        const disabled = { ...KIOSK, disabledPlans: [EXCHANGE_ONLINE_PLANS.EXCHANGE_S_DESKLESS.id] };
        assert.deepEqual(exchangeOnlineCoverage(bundle(RA, disabled)), {
            status: "missing",
            details: [
                "MICROSOFT_REMOTE_ASSIST has CDS_REMOTE_ASSIST, MICROSOFT_REMOTE_ASSIST, TEAMS1",
                "EXCHANGEDESKLESS has EXCHANGE_S_DESKLESS disabled",
            ],
        });
    });

    it("cannot tell when a SKU is not in the catalogue", () => {
        assert.deepEqual(exchangeOnlineCoverage(bundle(RA, UNKNOWN)), {
            status: "unknown",
            details: ["MICROSOFT_REMOTE_ASSIST has CDS_REMOTE_ASSIST, MICROSOFT_REMOTE_ASSIST, TEAMS1"],
            unknownSkuIds: [UNKNOWN.skuId],
        });
    });
});

describe("the Exchange Online warning", () => {
    it("warns once for a bundle without Exchange Online, naming every segment it leaves unenforced", () => {
        const warnings = exchangeOnlineWarnings({ "remote-assist": bundle(RA) }, [
            vendor("contoso1", "Contoso1", 2),
            vendor("contoso3", "Contoso1", 1),
            vendor("contractor", "Contractors", 1),
        ]);
        assert.deepEqual(warnings, [
            "licenses.remote-assist: the bundle gives service accounts no Exchange Online plan (MICROSOFT_REMOTE_ASSIST has CDS_REMOTE_ASSIST, MICROSOFT_REMOTE_ASSIST, TEAMS1); information-barrier policies only apply to users with Exchange Online, so segments Contoso1, Contractors will not be enforced for these service accounts until one is added: add a SKU with an Exchange Online plan to licenses.remote-assist.skus, e.g. EXCHANGEDESKLESS (Exchange Online Kiosk).",
        ]);
    });

    it("says it cannot tell when a SKU of the bundle is unknown", () => {
        const warnings = exchangeOnlineWarnings({ "remote-assist": bundle(RA, UNKNOWN) }, [
            vendor("contoso1", "Contoso1", 1),
        ]);
        assert.deepEqual(warnings, [
            `licenses.remote-assist: no SKU of the bundle that the catalogue knows gives service accounts an Exchange Online plan (MICROSOFT_REMOTE_ASSIST has CDS_REMOTE_ASSIST, MICROSOFT_REMOTE_ASSIST, TEAMS1), and the catalogue does not know ${UNKNOWN.skuId}; unless that SKU includes one, information-barrier policies only apply to users with Exchange Online, so segment Contoso1 will not be enforced for these service accounts until one is added: add a SKU with an Exchange Online plan to licenses.remote-assist.skus, e.g. EXCHANGEDESKLESS (Exchange Online Kiosk).`,
        ]);
    });

    it("stays quiet when the bundle includes Exchange Online Kiosk", () => {
        assert.deepEqual(
            exchangeOnlineWarnings({ "remote-assist": bundle(RA, KIOSK) }, [vendor("contoso1", "Contoso1", 1)]),
            [],
        );
    });

    it("stays quiet about a bundle no vendor with service accounts holds", () => {
        const warnings = exchangeOnlineWarnings({ "remote-assist": bundle(RA), unused: bundle(RA) }, [
            vendor("contoson", "ContosoN", 0),
            vendor("contoso1", "Contoso1", 1),
        ]);
        assert.equal(warnings.length, 1);
        assert.ok(warnings[0].startsWith("licenses.remote-assist: "));
    });
});
