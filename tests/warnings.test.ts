import { strict as assert } from "node:assert";
import { barrierWarnings } from "../barriers/warnings";
import { runProgram } from "../offline/runProgram";
import { stackWarnings } from "../warnings";
import { tenantWith, vendor } from "./fixtures/config";
import { devRawConfig, toConfigMap, valueOf } from "./helpers";
import { tenant } from "./setup";

describe("the stack's warnings", () => {
    it("are none for the seeds' tenant, whose bundle gives Exchange Online and information barriers", async () => {
        const outputs = await runProgram(tenant, toConfigMap(devRawConfig()));
        assert.deepEqual(await valueOf(outputs.warnings), []);
    });

    it("name a config key in a namespace nothing reads, as pulumi up would otherwise ignore it silently", async () => {
        const map = { ...toConfigMap(devRawConfig()), "remote-asist-tenancy:vendors": "[]", "azuread:tenantId": "t" };
        const outputs = await runProgram(tenant, map);
        assert.deepEqual(await valueOf(outputs.warnings), [
            'config key remote-asist-tenancy:vendors is ignored: nothing in this stack reads namespace "remote-asist-tenancy" (only remote-assist-tenancy, azuread, azure-native, random, pulumi); did you mean remote-assist-tenancy:vendors?',
        ]);
    });

    it("are exported in order: licences, information barriers, federation", async () => {
        const raw = devRawConfig();
        raw.licenses["remote-assist"].skus = [{ sku: "MICROSOFT_REMOTE_ASSIST" }];
        raw.experts.members = [];
        raw.federation = { mode: "allowList", peerStacks: ["acme/remote-assist-tenancy/plant2"] };
        const outputs = await runProgram(tenant, toConfigMap(raw));
        const warnings = await valueOf(outputs.warnings);
        assert.deepEqual(
            warnings.map((w) => w.split(/[: ]/)[0]),
            ["licenses.remote-assist", "experts.members", "federation.peerStacks"],
        );
    });
});

describe("the information-barrier design warnings", () => {
    it("warns when no expert is listed, so the experts' segment is empty", () => {
        assert.deepEqual(barrierWarnings(tenantWith([], (raw) => (raw.experts.members = []))), [
            "experts.members is empty, so the experts' segment Experts has no members and the vendors' service accounts can reach nobody outside their own segment; list the experts' UPNs under experts.members",
        ]);
    });

    it("warns that turning the internal segment off exposes other internal users, but not in a legacy tenant", () => {
        const off = (legacy: boolean) =>
            tenantWith([vendor("contoso1", "Contoso1")], (raw) => {
                raw.informationBarriers = { internalSegment: false, legacy };
            });
        assert.deepEqual(barrierWarnings(off(false)), [
            "informationBarriers.internalSegment is false: internal users who are neither experts nor service accounts are in no segment, and in a tenant that enabled information barriers after 15 February 2023 users in no segment stay visible to segmented users, so every vendor's service accounts can find and reach them; set a segment name to turn the catch-all segment back on. Without it the stack keeps no RA Service Accounts group: if an earlier deployment made one, run npm run unprotect -- --service-accounts-group before the pulumi up that deletes it",
        ]);
        assert.deepEqual(barrierWarnings(off(true)), []);
    });

    it("says nothing of the service accounts' group when the internal segment is off but the group stays or never was", () => {
        const off = (vendors: Record<string, any>[], segmentFilter?: string) =>
            barrierWarnings(
                tenantWith(vendors, (raw) => {
                    raw.informationBarriers = { internalSegment: false };
                    if (segmentFilter !== undefined) {
                        raw.experts.segmentFilter = segmentFilter;
                    }
                }),
            ).filter((w) => w.startsWith("informationBarriers.internalSegment"));
        const plain =
            "informationBarriers.internalSegment is false: internal users who are neither experts nor service accounts are in no segment, and in a tenant that enabled information barriers after 15 February 2023 users in no segment stay visible to segmented users, so every vendor's service accounts can find and reach them; set a segment name to turn the catch-all segment back on";
        assert.deepEqual(off([vendor("contoso1", "Contoso1")], "Department -eq 'Field Experts'"), [plain]);
        assert.deepEqual(off([vendor("contoson", "ContosoN", { serviceAccounts: [], license: undefined })]), [plain]);
    });

    it("warns that an experts.segmentFilter override needs -not, which Purview's page does not list", () => {
        const config = tenantWith([], (raw) => (raw.experts.segmentFilter = "Department -eq 'Field Experts'"));
        assert.equal(barrierWarnings(config).length, 1);
        assert.match(
            barrierWarnings(config)[0],
            /^experts\.segmentFilter is set, so the internal segment Internal excludes the experts with OPATH's -not\(\.\.\.\)/,
        );
        assert.deepEqual(
            stackWarnings(
                tenantWith([], (raw) => {
                    raw.experts.segmentFilter = "Department -eq 'Field Experts'";
                    raw.informationBarriers = { internalSegment: false, legacy: true };
                }),
                [],
            ),
            [],
        );
    });
});
