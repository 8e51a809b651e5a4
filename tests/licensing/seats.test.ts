import { strict as assert } from "node:assert";
import { memberLicenseErrors } from "../../licensing/licenseHealth";
import { declaredSeatWarnings, SeatCheck, seatShortageWarnings, SubscribedSku } from "../../licensing/seats";

const RA = "7a551360-26c4-4f61-84e6-ef715673e083";
const label = (skuId: string) => (skuId === RA ? "MICROSOFT_REMOTE_ASSIST" : skuId);
const tenant = (enabled: number, consumed: number): SubscribedSku[] => [
    { skuId: RA, skuPartNumber: "MICROSOFT_REMOTE_ASSIST", capabilityStatus: "Enabled", enabled, consumed },
];

describe("seat warnings for a group about to be licensed", () => {
    const cases: {
        name: string;
        members: number;
        enabled: number;
        consumed: number;
        claimed?: number;
        warns: boolean;
    }[] = [
        { name: "more members than seats remain", members: 3, enabled: 10, consumed: 8, warns: true },
        { name: "exactly as many members as seats remain", members: 2, enabled: 10, consumed: 8, warns: false },
        {
            name: "seats taken by earlier assignments of the run",
            members: 2,
            enabled: 10,
            consumed: 6,
            claimed: 3,
            warns: true,
        },
        { name: "an empty group (a suspended vendor)", members: 0, enabled: 0, consumed: 0, warns: false },
        { name: "more seats consumed than enabled", members: 1, enabled: 5, consumed: 7, warns: true },
    ];
    for (const c of cases) {
        it(`${c.warns ? "warns" : "does not warn"} for ${c.name}`, () => {
            const check: SeatCheck = { bundle: "ra", members: c.members };
            const claimed = new Map(c.claimed ? [[RA, c.claimed]] : []);
            const warnings = seatShortageWarnings("g1", check, [RA], tenant(c.enabled, c.consumed), claimed, label);
            assert.equal(warnings.length, c.warns ? 1 : 0, warnings.join("\n"));
        });
    }
});

describe("seat warnings for a bundle", () => {
    it("warns when seats promises more than the tenant has enabled, and not when it promises exactly that", () => {
        assert.deepEqual(declaredSeatWarnings({ bundle: "ra", seats: 10, members: 1 }, [RA], tenant(10, 0), label), []);
        assert.deepEqual(declaredSeatWarnings({ bundle: "ra", seats: 11, members: 1 }, [RA], tenant(10, 0), label), [
            "licenses.ra.seats is 11, but the tenant has 10 seats of MICROSOFT_REMOTE_ASSIST (subscription Enabled); buy more, or lower seats to what the tenant owns.",
        ]);
    });

    it("does not compare seats that are not declared", () => {
        assert.deepEqual(declaredSeatWarnings({ bundle: "ra", members: 50 }, [RA], tenant(1, 1), label), []);
    });
});

describe("members with license errors", () => {
    it("counts a member whose license states could not be read once, as Unknown", () => {
        assert.deepEqual(memberLicenseErrors("g1", [{ id: "u1", userPrincipalName: "sa1@abc.example" }]), [
            { userPrincipalName: "sa1@abc.example", skuId: "", error: "Unknown" },
        ]);
    });

    it("names a member without a UPN by its object id", () => {
        assert.deepEqual(
            memberLicenseErrors("G1", [
                {
                    id: "u1",
                    licenseAssignmentStates: [{ skuId: RA, assignedByGroup: "g1", state: "Error", error: "Other" }],
                },
            ]),
            [{ userPrincipalName: "u1", skuId: RA, error: "Other" }],
        );
    });
});
