import { strict as assert } from "node:assert";
import { licenseErrorWarning, memberLicenseErrors } from "../../licensing/licenseHealth";
import {
    declaredSeatWarnings,
    SeatCheck,
    SeatLedger,
    seatShortageWarnings,
    SubscribedSku,
} from "../../licensing/seats";

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

describe("the seat shortage warning", () => {
    const check = (members: number): SeatCheck => ({ bundle: "ra", members });

    it("names the group, the bundle, the seats needed and those left", () => {
        assert.deepEqual(seatShortageWarnings("g1", check(3), [RA], tenant(10, 8), new Map(), label), [
            "license group g1 (licenses.ra): its 3 active service accounts need at most 3 seats of MICROSOFT_REMOTE_ASSIST (none for an account that holds it already, assigned directly or by another group), but 2 remain (10 enabled, 8 consumed); members beyond that get CountViolation until seats are bought or freed.",
        ]);
    });

    it("speaks of one account and one seat in the singular", () => {
        assert.deepEqual(seatShortageWarnings("g1", check(1), [RA], tenant(10, 10), new Map([[RA, 0]]), label), [
            "license group g1 (licenses.ra): its 1 active service account needs at most 1 seat of MICROSOFT_REMOTE_ASSIST (none for an account that holds it already, assigned directly or by another group), but 0 remain (10 enabled, 10 consumed); members beyond that get CountViolation until seats are bought or freed.",
        ]);
    });

    it("looks up the SKU being assigned among all the tenant's subscriptions", () => {
        const subscribed: SubscribedSku[] = [
            { skuId: "other", skuPartNumber: "OTHER", capabilityStatus: "Enabled", enabled: 100, consumed: 0 },
            ...tenant(10, 10),
        ];
        assert.equal(seatShortageWarnings("g1", check(1), [RA], subscribed, new Map(), label).length, 1);
    });

    it("leaves a SKU the tenant has no subscription to to the bundle's warning", () => {
        assert.deepEqual(
            seatShortageWarnings("g1", check(3), ["not-subscribed"], tenant(10, 10), new Map(), label),
            [],
        );
    });
});

describe("seat warnings for a bundle", () => {
    it("says the subscription's status is unknown when Graph gives none", () => {
        const subscribed = [{ ...tenant(1, 0)[0], capabilityStatus: "" }];
        assert.deepEqual(declaredSeatWarnings({ bundle: "ra", seats: 2, members: 1 }, [RA], subscribed, label), [
            "licenses.ra.seats is 2, but the tenant has 1 seat of MICROSOFT_REMOTE_ASSIST (subscription status unknown); buy more, or lower seats to what the tenant owns.",
        ]);
    });

    it("are given once per provider process, however many groups hold the bundle", () => {
        const ledger = new SeatLedger(tenant(1, 0), label);
        const bundle: SeatCheck = { bundle: "ra", seats: 2, members: 1 };
        assert.equal(ledger.declared(bundle, [RA]).length, 1);
        assert.deepEqual(ledger.declared(bundle, [RA]), []);
    });

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
    it("counts a failed license state without a skuId under an empty one", () => {
        assert.deepEqual(
            memberLicenseErrors("g1", [
                {
                    id: "u1",
                    userPrincipalName: "sa1@abc.example",
                    licenseAssignmentStates: [{ assignedByGroup: "g1", error: "Other" }],
                },
            ]),
            [{ userPrincipalName: "sa1@abc.example", skuId: "", error: "Other" }],
        );
    });

    it("warns with what each error means and how to fix it, and says its licenses when no SKU is known", () => {
        const errors = [
            "CountViolation",
            "MutuallyExclusiveViolation",
            "DependencyViolation",
            "ProhibitedInUsageLocationViolation",
            "UniquenessViolation",
            "Other",
            "SomethingNew",
        ];
        assert.deepEqual(
            errors.map((error) =>
                licenseErrorWarning("g1", { userPrincipalName: "sa1@abc.example", skuId: RA, error }, label),
            ),
            [
                "license group g1: sa1@abc.example did not get MICROSOFT_REMOTE_ASSIST: CountViolation (not enough licenses: every seat of the product is in use; buy more or free some, then reprocess the group).",
                "license group g1: sa1@abc.example did not get MICROSOFT_REMOTE_ASSIST: MutuallyExclusiveViolation (conflicting service plans: a plan of the product conflicts with one the user already has from another product; disable one of them (disabledPlans) or remove the other license).",
                "license group g1: sa1@abc.example did not get MICROSOFT_REMOTE_ASSIST: DependencyViolation (a service plan of the product depends on another plan the user lacks or has disabled; enable or assign the plan it depends on).",
                "license group g1: sa1@abc.example did not get MICROSOFT_REMOTE_ASSIST: ProhibitedInUsageLocationViolation (the product is not available in the user's usage location; give the service account a usageLocation where it is sold).",
                "license group g1: sa1@abc.example did not get MICROSOFT_REMOTE_ASSIST: UniquenessViolation (duplicate proxy addresses: another object already has one of the user's proxy addresses; remove the duplicate, then reprocess the group).",
                "license group g1: sa1@abc.example did not get MICROSOFT_REMOTE_ASSIST: Other (another licensing error; see the user's Licenses page in the Microsoft Entra admin center).",
                "license group g1: sa1@abc.example did not get MICROSOFT_REMOTE_ASSIST: SomethingNew (another licensing error; see the user's Licenses page in the Microsoft Entra admin center).",
            ],
        );
        assert.equal(
            licenseErrorWarning("g1", { userPrincipalName: "sa1@abc.example", skuId: "", error: "Unknown" }, label),
            "license group g1: sa1@abc.example did not get its licenses: Unknown (the member's license states could not be read (the identity needs User.Read.All); see the group's Licenses page in the Microsoft Entra admin center).",
        );
    });

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
