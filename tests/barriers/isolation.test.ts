/**
 * The isolation the seeds promise, checked as properties of the `informationBarriers` output with
 * the barrier model (`evaluator.ts`), for users of every kind, after a real program run.
 */
import { strict as assert } from "node:assert";
import type { InformationBarriersOutput } from "../../barriers/output";
import { runProgram } from "../../offline/runProgram";
import { devRawConfig, toConfigMap, valueOf } from "../helpers";
import { tenant } from "../setup";
import { BarrierModel, type ModelUser } from "./evaluator";
import { emptyTenant, vendor } from "../fixtures/config";
import { TenantUsers } from "./tenantUsers";

type Raw = Record<string, any>;

interface Run {
    readonly model: BarrierModel;
    readonly users: TenantUsers;
    readonly output: InformationBarriersOutput;
}

async function run(raw: Raw): Promise<Run> {
    const outputs = await runProgram(tenant, toConfigMap(raw));
    const output = (await valueOf(outputs.informationBarriers)) as InformationBarriersOutput;
    return { model: new BarrierModel(output), users: new TenantUsers(tenant.resources, tenant.calls), output };
}

/** Asserts who can talk to whom, naming each pair that differs. */
function assertTalk(model: BarrierModel, pairs: readonly [ModelUser, ModelUser, boolean][]): void {
    const wrong = pairs
        .filter(([a, b, expected]) => model.canTalk(a, b) !== expected)
        .map(([a, b, expected]) => `${a.name} ${expected ? "should" : "should not"} reach ${b.name}`);
    assert.deepEqual(wrong, []);
}

const SA1 = "sa-contoso1-sa1@abc.onmicrosoft.com";
const SA2 = "sa-contoso1-sa2@abc.onmicrosoft.com";
const SA3 = "sa-contractor-user-sa3@abc.onmicrosoft.com";
const ERIN = "sa-contoso2-sa1@abc.onmicrosoft.com";
const ALICE = "alice@abc.onmicrosoft.com";
const DAN = "dan@abc.onmicrosoft.com";

describe("information barriers in the seeds' tenant (Pulumi.dev.yaml)", () => {
    let r: Run;
    before(async () => {
        r = await run(devRawConfig());
    });

    it("puts no user in two segments", () => {
        const { users, model } = r;
        const everyone = [
            users.serviceAccount(SA1),
            users.serviceAccount(SA3),
            users.serviceAccount(ERIN),
            users.expert(ALICE),
            users.otherInternal(),
            users.guest("carol@contoso1.com", true),
        ];
        assert.deepEqual(
            everyone.map((u) => [u.name, model.segmentOf(u)]),
            [
                [SA1, "Contoso1"],
                [SA3, "Contractors"],
                [ERIN, "Contoso2"],
                [ALICE, "Experts"],
                ["another internal user", "Internal"],
                ["carol@contoso1.com (guest)", "Internal"],
            ],
        );
    });

    it("lets a vendor's service accounts reach their own vendor's accounts and the experts", () => {
        const { users, model } = r;
        assertTalk(model, [
            [users.serviceAccount(SA1), users.serviceAccount(SA2), true],
            [users.serviceAccount(SA1), users.expert(ALICE), true],
            [users.serviceAccount(SA3), users.expert(DAN), true],
        ]);
    });

    it("keeps a vendor's service accounts from internal users other than the experts", () => {
        const { users, model } = r;
        assertTalk(model, [
            [users.serviceAccount(SA1), users.otherInternal(), false],
            [users.serviceAccount(SA3), users.otherInternal(), false],
        ]);
    });

    it("keeps vendors' service accounts apart when neither lists the other in canTalkTo", () => {
        const { users, model } = r;
        assertTalk(model, [[users.serviceAccount(SA1), users.serviceAccount(SA3), false]]);
    });

    it("lets the experts reach every colleague, every active vendor's accounts and the guests", () => {
        const { users, model } = r;
        const alice = users.expert(ALICE);
        assertTalk(model, [
            [alice, users.expert(DAN), true],
            [alice, users.otherInternal(), true],
            [alice, users.serviceAccount(SA1), true],
            [alice, users.serviceAccount(SA3), true],
            [alice, users.guest("carol@contoso1.com", true), true],
            [alice, users.guest("nina@contoson.com", false), true],
        ]);
    });

    it("cuts a suspended vendor's service accounts off from everyone", () => {
        const { users, model } = r;
        const erin = users.serviceAccount(ERIN);
        assertTalk(model, [
            [erin, users.expert(ALICE), false],
            [erin, users.otherInternal(), false],
            [erin, users.serviceAccount(SA1), false],
        ]);
        // Re-enabled by hand, its policy still allows only its own segment.
        assertTalk(model, [[{ ...erin, disabled: false }, users.expert(ALICE), false]]);
    });

    it("keeps the vendors' service accounts from guests Purview evaluates, and lets them see hidden ones", () => {
        const { users, model } = r;
        assertTalk(model, [
            [users.serviceAccount(SA1), users.guest("nina@contoson.com", true), false],
            [users.serviceAccount(SA1), users.guest("carol@contoso1.com", true), false],
            // Not evaluated: a user in no segment stays visible under allow policies after 2023-02-15.
            [users.serviceAccount(SA1), users.guest("nina@contoson.com", false), true],
        ]);
    });

    it("lets guests of different vendors talk to each other, as members of the one experts' team", () => {
        const { users, model } = r;
        assertTalk(model, [[users.guest("carol@contoso1.com", true), users.guest("nina@contoson.com", true), true]]);
    });
});

describe("information barriers between vendors that list each other in canTalkTo", () => {
    let r: Run;
    before(async () => {
        const raw = emptyTenant();
        raw.vendors = [
            vendor("contoso1", "Contoso1", { canTalkTo: ["Experts", "Contoso3"] }),
            vendor("contoso3", "Contoso3", { canTalkTo: ["Contoso1"] }),
            vendor("fabrikam", "Fabrikam"),
        ];
        r = await run(raw);
    });

    it("lets their service accounts reach each other, and no third vendor's", () => {
        const { users, model } = r;
        const c1 = users.serviceAccount("sa-contoso1-sa1@abc.onmicrosoft.com");
        const c3 = users.serviceAccount("sa-contoso3-sa1@abc.onmicrosoft.com");
        const fab = users.serviceAccount("sa-fabrikam-sa1@abc.onmicrosoft.com");
        assertTalk(model, [
            [c1, c3, true],
            [c1, fab, false],
            [c3, fab, false],
        ]);
    });

    it("always lets a vendor reach the experts, even when its canTalkTo leaves them out", () => {
        const { users, model } = r;
        assertTalk(model, [[users.serviceAccount("sa-contoso3-sa1@abc.onmicrosoft.com"), users.expert(ALICE), true]]);
    });
});

describe("information barriers with no vendors", () => {
    it("segments the experts and everyone else, restricts nobody, and needs no service accounts' group", async () => {
        const r = await run(emptyTenant());
        assert.deepEqual(
            r.output.segments.map((s) => [s.name, s.userGroupFilter]),
            [
                ["Experts", "MemberOf -eq 'ra-experts-segment@abc.onmicrosoft.com'"],
                ["Internal", "MemberOf -ne 'ra-experts-segment@abc.onmicrosoft.com'"],
            ],
        );
        assert.deepEqual(r.output.policies, []);
        assertTalk(r.model, [[r.users.expert(ALICE), r.users.otherInternal(), true]]);
    });
});

describe("information barriers for a vendor with only guests", () => {
    let r: Run;
    before(async () => {
        const raw = emptyTenant();
        raw.vendors = [
            vendor("contoso1", "Contoso1"),
            vendor("contoson", "ContosoN", { serviceAccounts: [], license: undefined }),
        ];
        r = await run(raw);
    });

    it("gives it no segment and no policy", () => {
        assert.deepEqual(
            r.output.segments.map((s) => s.name),
            ["Experts", "Internal", "Contoso1"],
        );
        assert.deepEqual(
            r.output.policies.map((p) => p.assignedSegment),
            ["Contoso1"],
        );
    });

    it("lets its guests reach the experts and keeps other vendors' service accounts from them", () => {
        const { users, model } = r;
        const guest = users.guest("carol@contoson.com", true);
        assertTalk(model, [
            [guest, users.expert(ALICE), true],
            [guest, users.serviceAccount("sa-contoso1-sa1@abc.onmicrosoft.com"), false],
        ]);
    });
});

describe("information barriers in a legacy tenant (enabled before 2023-02-15)", () => {
    let r: Run;
    before(async () => {
        const raw = devRawConfig();
        raw.informationBarriers = { legacy: true };
        r = await run(raw);
    });

    it("says so in the output, with the legacy segment limit", () => {
        assert.deepEqual([r.output.mode, r.output.segmentLimit], ["legacy", 250]);
    });

    it("hides guests Purview does not evaluate from the vendors' service accounts, not from the experts", () => {
        const { users, model } = r;
        const hidden = users.guest("nina@contoson.com", false);
        assertTalk(model, [
            [users.serviceAccount(SA1), hidden, false],
            [users.expert(ALICE), hidden, true],
        ]);
    });

    it("still lets the experts reach every colleague, since the experts have no policy", () => {
        const { users, model } = r;
        assertTalk(model, [[users.expert(ALICE), users.otherInternal(), true]]);
    });
});

describe("information barriers with the internal segment turned off", () => {
    const raw = (legacy: boolean) => {
        const config = devRawConfig();
        config.informationBarriers = { internalSegment: false, legacy };
        return config;
    };

    it("leaves other internal users in no segment, which the vendors' service accounts can then reach", async () => {
        const r = await run(raw(false));
        assert.ok(!r.output.segments.some((s) => s.kind === "internal"));
        assert.equal(r.model.segmentOf(r.users.otherInternal()), undefined);
        assertTalk(r.model, [[r.users.serviceAccount(SA1), r.users.otherInternal(), true]]);
    });

    it("keeps them from the vendors in a legacy tenant, where users in no segment are invisible to allow policies", async () => {
        const r = await run(raw(true));
        assertTalk(r.model, [[r.users.serviceAccount(SA1), r.users.otherInternal(), false]]);
    });
});

describe("information barriers with experts.segmentFilter", () => {
    let r: Run;
    before(async () => {
        const raw = devRawConfig();
        raw.experts.segmentFilter = "Department -eq 'Field Experts' -or Department -eq 'Lab'";
        r = await run(raw);
    });

    it("keeps a service account the override also selects in its vendor's segment only", () => {
        const { users, model } = r;
        for (const department of ["Field Experts", "Lab"]) {
            const sa = { ...users.serviceAccount(SA1), attributes: { Department: department } };
            assert.equal(model.segmentOf(sa), "Contoso1");
            assertTalk(model, [[sa, users.otherInternal({ Department: "Sales" }), false]]);
        }
    });

    it("puts whoever the override selects in the experts' segment and nobody of them in the internal one", () => {
        const { users, model } = r;
        const fieldExpert = users.otherInternal({ Department: "Field Experts" });
        assert.equal(model.segmentOf(fieldExpert), "Experts");
        assert.equal(model.segmentOf(users.otherInternal({ Department: "Sales" })), "Internal");
        assertTalk(model, [
            [users.serviceAccount(SA1), fieldExpert, true],
            [users.serviceAccount(SA1), users.otherInternal({ Department: "Sales" }), false],
        ]);
    });
});

describe("information barriers with experts.segmentFilter and the internal segment turned off", () => {
    let r: Run;
    before(async () => {
        const raw = devRawConfig();
        raw.experts.segmentFilter = "Department -eq 'Field Experts'";
        raw.informationBarriers = { internalSegment: false };
        r = await run(raw);
    });

    it("still keeps a service account the override selects in its vendor's segment only", () => {
        const { users, model } = r;
        const sa = { ...users.serviceAccount(SA3), attributes: { Department: "Field Experts" } };
        assert.equal(model.segmentOf(sa), "Contractors");
        assert.equal(model.segmentOf(users.otherInternal({ Department: "Field Experts" })), "Experts");
        assertTalk(model, [[sa, users.serviceAccount(SA1), false]]);
    });
});
