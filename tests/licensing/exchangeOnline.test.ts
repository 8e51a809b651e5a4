import { strict as assert } from "node:assert";
import type { LicenseBundle, LicenseSku, VendorConfig } from "../../config/types";
import {
    barrierLicenceWarnings,
    exchangeOnlineCoverage,
    informationBarriersCoverage,
} from "../../licensing/exchangeOnline";
import {
    EXCHANGE_ONLINE_PLANS,
    INFORMATION_BARRIERS_PLAN,
    KNOWN_SKUS,
    resolveSkuId,
} from "../../licensing/skuCatalogue";

function sku(partNumber: string, disabledPlans: string[] = []): LicenseSku {
    return { sku: partNumber, skuId: KNOWN_SKUS[partNumber].skuId, disabledPlans };
}

const RA = sku("MICROSOFT_REMOTE_ASSIST");
const KIOSK = sku("EXCHANGEDESKLESS");
const F5_COMPLIANCE = sku("SPE_F5_COMP");
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

describe("the SKU catalogue, for information barriers", () => {
    it("knows which SKUs carry an Exchange Online plan and which carry INFORMATION_BARRIERS", () => {
        const covered = (coverage: { status: string }) => coverage.status === "covered";
        assert.deepEqual(
            Object.values(KNOWN_SKUS).map((k) => [
                k.partNumber,
                covered(exchangeOnlineCoverage(bundle(sku(k.partNumber)))),
                covered(informationBarriersCoverage(bundle(sku(k.partNumber)))),
            ]),
            [
                ["MICROSOFT_REMOTE_ASSIST", false, false],
                ["MICROSOFT_REMOTE_ASSIST_HOLOLENS", false, false],
                ["EXCHANGEDESKLESS", true, false],
                ["EXCHANGESTANDARD", true, false],
                ["SPE_F1", true, false],
                ["SPE_F5_COMP", false, true],
                ["INFORMATION_PROTECTION_COMPLIANCE", false, true],
            ],
        );
        assert.equal(INFORMATION_BARRIERS_PLAN.id, "c4801e8a-cb58-4c35-aca6-f2dcc106f287");
    });
});

describe("the SKU catalogue, for config", () => {
    it("resolves every part number it knows to Microsoft's skuId, in any letter case", () => {
        const partNumbers: [string, string][] = [
            ["MICROSOFT_REMOTE_ASSIST", "7a551360-26c4-4f61-84e6-ef715673e083"],
            ["microsoft_remote_assist_hololens", "e48328a2-8e98-4484-a70f-a99f8ac9ec89"],
            ["EXCHANGEDESKLESS", "80b2d799-d2ba-4d2a-8842-fb0d0f3a4b82"],
            ["EXCHANGESTANDARD", "4b9405b0-7788-4568-add1-99614e613b69"],
            ["SPE_F1", "66b55226-6b4f-492c-910c-a3b7a3c9d993"],
            ["SPE_F5_COMP", "91de26be-adfa-4a3d-989e-9131cc23dda7"],
            ["INFORMATION_PROTECTION_COMPLIANCE", "184efa21-98c3-4e5d-95ab-d07053a96e67"],
        ];
        assert.deepEqual(
            partNumbers.map(([partNumber]) => resolveSkuId(partNumber)),
            partNumbers.map(([, skuId]) => skuId),
        );
    });

    it("takes a GUID as a skuId, lower-cased, and nothing that only contains one", () => {
        assert.equal(resolveSkuId("0F0F0F0F-0000-4000-8000-00000000000A"), "0f0f0f0f-0000-4000-8000-00000000000a");
        assert.equal(resolveSkuId("x0f0f0f0f-0000-4000-8000-00000000000a"), undefined);
        assert.equal(resolveSkuId("0f0f0f0f-0000-4000-8000-00000000000ax"), undefined);
        assert.equal(resolveSkuId("REMOTE_ASSIST"), undefined);
    });

    it("knows the SKUs' service plans as the licensing reference lists them", () => {
        assert.deepEqual(
            Object.values(KNOWN_SKUS).map((k) => [k.partNumber, k.servicePlans.join(" ")]),
            [
                ["MICROSOFT_REMOTE_ASSIST", "CDS_REMOTE_ASSIST MICROSOFT_REMOTE_ASSIST TEAMS1"],
                ["MICROSOFT_REMOTE_ASSIST_HOLOLENS", "CDS_REMOTE_ASSIST MICROSOFT_REMOTE_ASSIST TEAMS1"],
                ["EXCHANGEDESKLESS", "EXCHANGE_S_DESKLESS"],
                ["EXCHANGESTANDARD", "EXCHANGE_S_STANDARD"],
                ["SPE_F1", "EXCHANGE_S_DESKLESS TEAMS1"],
                ["SPE_F5_COMP", "INFORMATION_BARRIERS"],
                ["INFORMATION_PROTECTION_COMPLIANCE", "INFORMATION_BARRIERS"],
            ],
        );
    });

    it("knows every Exchange Online plan by name and by the id disabledPlans lists", () => {
        assert.deepEqual(
            Object.entries(EXCHANGE_ONLINE_PLANS).map(([key, plan]) => [key, plan.name, plan.id]),
            [
                ["EXCHANGE_S_STANDARD", "EXCHANGE_S_STANDARD", "9aaf7827-d63c-4b61-89c3-182f06f82e5c"],
                ["EXCHANGE_S_ENTERPRISE", "EXCHANGE_S_ENTERPRISE", "efb87545-963c-4e0d-99df-69c6916d9eb0"],
                ["EXCHANGE_S_DESKLESS", "EXCHANGE_S_DESKLESS", "4a82b400-a79f-41a4-b4e2-e94f5787b113"],
                ["EXCHANGE_S_ESSENTIALS", "EXCHANGE_S_ESSENTIALS", "1126bef5-da20-4f07-b45e-ad25d2581aa8"],
            ],
        );
    });
});

describe("whether a license bundle gives service accounts Exchange Online and information barriers", () => {
    it("finds Exchange Online (Plan 1) in EXCHANGESTANDARD, and none when its plan is disabled", () => {
        const plan1 = sku("EXCHANGESTANDARD");
        assert.deepEqual(exchangeOnlineCoverage(bundle(RA, plan1)), {
            status: "covered",
            by: "EXCHANGESTANDARD (EXCHANGE_S_STANDARD)",
        });
        assert.deepEqual(
            exchangeOnlineCoverage(bundle(sku("EXCHANGESTANDARD", ["9aaf7827-d63c-4b61-89c3-182f06f82e5c"]))),
            {
                status: "missing",
                details: ["EXCHANGESTANDARD has EXCHANGE_S_STANDARD disabled"],
            },
        );
    });

    it("finds neither in Remote Assist alone, listing its plans", () => {
        assert.deepEqual(exchangeOnlineCoverage(bundle(RA)), {
            status: "missing",
            details: ["MICROSOFT_REMOTE_ASSIST has CDS_REMOTE_ASSIST, MICROSOFT_REMOTE_ASSIST, TEAMS1"],
        });
        assert.equal(informationBarriersCoverage(bundle(RA)).status, "missing");
    });

    it("finds Exchange Online in Exchange Online Kiosk and information barriers in the F5 Compliance add-on", () => {
        assert.deepEqual(exchangeOnlineCoverage(bundle(RA, KIOSK, F5_COMPLIANCE)), {
            status: "covered",
            by: "EXCHANGEDESKLESS (EXCHANGE_S_DESKLESS)",
        });
        assert.deepEqual(informationBarriersCoverage(bundle(RA, KIOSK, F5_COMPLIANCE)), {
            status: "covered",
            by: "SPE_F5_COMP (INFORMATION_BARRIERS)",
        });
    });

    it("finds none when the plan is among the disabled plans", () => {
        const disabled = sku("EXCHANGEDESKLESS", [EXCHANGE_ONLINE_PLANS.EXCHANGE_S_DESKLESS.id]);
        assert.deepEqual(exchangeOnlineCoverage(bundle(RA, disabled)), {
            status: "missing",
            details: [
                "MICROSOFT_REMOTE_ASSIST has CDS_REMOTE_ASSIST, MICROSOFT_REMOTE_ASSIST, TEAMS1",
                "EXCHANGEDESKLESS has EXCHANGE_S_DESKLESS disabled",
            ],
        });
        const noBarriers = sku("SPE_F5_COMP", [INFORMATION_BARRIERS_PLAN.id]);
        assert.equal(informationBarriersCoverage(bundle(noBarriers)).status, "missing");
    });

    it("cannot tell when a SKU is not in the catalogue", () => {
        assert.deepEqual(exchangeOnlineCoverage(bundle(RA, UNKNOWN)), {
            status: "unknown",
            details: ["MICROSOFT_REMOTE_ASSIST has CDS_REMOTE_ASSIST, MICROSOFT_REMOTE_ASSIST, TEAMS1"],
            unknownSkuIds: [UNKNOWN.skuId],
        });
    });
});

describe("the information-barrier licence warning", () => {
    const EXCHANGE_FIX = "a SKU with an Exchange Online plan, e.g. EXCHANGEDESKLESS (Exchange Online Kiosk)";
    const BARRIERS_FIX =
        "a SKU with INFORMATION_BARRIERS, e.g. SPE_F5_COMP (Microsoft 365 F5 Compliance Add-on) or INFORMATION_PROTECTION_COMPLIANCE (Microsoft 365 E5 Compliance)";

    it("warns once for a bundle with neither, naming every segment it leaves unenforced", () => {
        const warnings = barrierLicenceWarnings({ "remote-assist": bundle(RA) }, [
            vendor("contoso1", "Contoso1", 2),
            vendor("contoso3", "Contoso1", 1),
            vendor("contractor", "Contractors", 1),
        ]);
        assert.deepEqual(warnings, [
            `licenses.remote-assist: the bundle gives service accounts neither an Exchange Online plan nor the information-barriers plan INFORMATION_BARRIERS. Information barriers apply only to users with both, so segments Contoso1, Contractors will not be enforced for these service accounts: add to licenses.remote-assist.skus ${EXCHANGE_FIX}, and ${BARRIERS_FIX}.`,
        ]);
    });

    it("warns for Exchange Online without information barriers", () => {
        assert.deepEqual(
            barrierLicenceWarnings({ "remote-assist": bundle(RA, KIOSK) }, [vendor("c1", "Contoso1", 1)]),
            [
                `licenses.remote-assist: the bundle gives service accounts Exchange Online (EXCHANGEDESKLESS (EXCHANGE_S_DESKLESS)) but not the information-barriers plan INFORMATION_BARRIERS. Information barriers apply only to users with both, so segment Contoso1 will not be enforced for these service accounts: add to licenses.remote-assist.skus ${BARRIERS_FIX}.`,
            ],
        );
    });

    it("warns for information barriers without Exchange Online", () => {
        assert.deepEqual(
            barrierLicenceWarnings({ "remote-assist": bundle(RA, F5_COMPLIANCE) }, [vendor("c1", "Contoso1", 1)]),
            [
                `licenses.remote-assist: the bundle gives service accounts the information-barriers plan INFORMATION_BARRIERS (SPE_F5_COMP (INFORMATION_BARRIERS)) but no Exchange Online plan. Information barriers apply only to users with both, so segment Contoso1 will not be enforced for these service accounts: add to licenses.remote-assist.skus ${EXCHANGE_FIX}.`,
            ],
        );
    });

    it("names a disabled plan as the reason", () => {
        const disabled = sku("EXCHANGEDESKLESS", [EXCHANGE_ONLINE_PLANS.EXCHANGE_S_DESKLESS.id]);
        assert.deepEqual(
            barrierLicenceWarnings({ "remote-assist": bundle(RA, disabled, F5_COMPLIANCE) }, [
                vendor("c1", "Contoso1", 1),
            ]),
            [
                `licenses.remote-assist: the bundle gives service accounts the information-barriers plan INFORMATION_BARRIERS (SPE_F5_COMP (INFORMATION_BARRIERS)) but no Exchange Online plan (EXCHANGEDESKLESS has EXCHANGE_S_DESKLESS disabled). Information barriers apply only to users with both, so segment Contoso1 will not be enforced for these service accounts: add to licenses.remote-assist.skus ${EXCHANGE_FIX}.`,
            ],
        );
    });

    it("says it cannot tell when a SKU of the bundle is unknown", () => {
        const warnings = barrierLicenceWarnings({ "remote-assist": bundle(RA, KIOSK, UNKNOWN) }, [
            vendor("contoso1", "Contoso1", 1),
        ]);
        assert.deepEqual(warnings, [
            `licenses.remote-assist: the catalogue does not know ${UNKNOWN.skuId}; unless it makes up for it, the bundle gives service accounts Exchange Online (EXCHANGEDESKLESS (EXCHANGE_S_DESKLESS)) but not the information-barriers plan INFORMATION_BARRIERS. Information barriers apply only to users with both, so segment Contoso1 will not be enforced for these service accounts: add to licenses.remote-assist.skus ${BARRIERS_FIX}.`,
        ]);
    });

    it("stays quiet when the bundle gives both", () => {
        assert.deepEqual(
            barrierLicenceWarnings({ "remote-assist": bundle(RA, KIOSK, F5_COMPLIANCE) }, [
                vendor("c1", "Contoso1", 1),
            ]),
            [],
        );
    });

    it("stays quiet about a bundle no vendor with service accounts holds", () => {
        const warnings = barrierLicenceWarnings({ "remote-assist": bundle(RA), unused: bundle(RA) }, [
            vendor("contoson", "ContosoN", 0),
            vendor("contoso1", "Contoso1", 1),
        ]);
        assert.equal(warnings.length, 1);
        assert.ok(warnings[0].startsWith("licenses.remote-assist: "));
        assert.match(warnings[0], / so segment Contoso1 will not be enforced /);
    });

    it("stays quiet about a bundle whose only vendor has no service accounts yet", () => {
        assert.deepEqual(
            barrierLicenceWarnings({ "remote-assist": bundle(RA) }, [vendor("contoson", "ContosoN", 0)]),
            [],
        );
    });

    it("names every unknown SKU and every disabled plan, each once", () => {
        const second: LicenseSku = {
            ...UNKNOWN,
            sku: UNKNOWN.sku.replace(/1$/, "2"),
            skuId: UNKNOWN.skuId.replace(/1$/, "2"),
        };
        const kiosk = sku("EXCHANGEDESKLESS", ["4a82b400-a79f-41a4-b4e2-e94f5787b113"]);
        const plan1 = sku("EXCHANGESTANDARD", ["9aaf7827-d63c-4b61-89c3-182f06f82e5c"]);
        const warnings = barrierLicenceWarnings({ "remote-assist": bundle(kiosk, plan1, UNKNOWN, second) }, [
            vendor("contoso1", "Contoso1", 1),
        ]);
        assert.deepEqual(warnings, [
            `licenses.remote-assist: the catalogue does not know ${UNKNOWN.skuId}, ${second.skuId}; unless it makes up for it, the bundle gives service accounts neither an Exchange Online plan nor the information-barriers plan INFORMATION_BARRIERS (EXCHANGEDESKLESS has EXCHANGE_S_DESKLESS disabled; EXCHANGESTANDARD has EXCHANGE_S_STANDARD disabled). Information barriers apply only to users with both, so segment Contoso1 will not be enforced for these service accounts: add to licenses.remote-assist.skus ${EXCHANGE_FIX}, and ${BARRIERS_FIX}.`,
        ]);
    });
});
