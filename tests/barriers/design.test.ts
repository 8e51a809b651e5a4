import { strict as assert } from "node:assert";
import { informationBarriersDesign, needsServiceAccountsGroup, SegmentGroupMails } from "../../barriers/design";
import { runProgram } from "../../offline/runProgram";
import { devRawConfig, toConfigMap, valueOf } from "../helpers";
import { tenant } from "../setup";
import { tenantWith, vendor } from "../fixtures/config";

const MAILS: SegmentGroupMails = {
    experts: "ra-experts-segment@abc.onmicrosoft.com",
    serviceAccounts: "ra-service-accounts@abc.onmicrosoft.com",
    vendors: {
        contoso1: "ra-segment-contoso1@abc.onmicrosoft.com",
        obrien: "ra-segment-obrien@abc.onmicrosoft.com",
    },
};

describe("the informationBarriers output of Pulumi.dev.yaml (Tenant ABC)", () => {
    it("is exactly the segments and allow policies of the design, naming the groups by the addresses Entra ID gave them", async () => {
        const outputs = await runProgram(tenant, toConfigMap(devRawConfig()));
        assert.deepEqual(await valueOf(outputs.informationBarriers), {
            mode: "singleSegment",
            segmentLimit: 5000,
            policyNamePrefix: "RA Policy - ",
            segments: [
                {
                    name: "Experts",
                    kind: "experts",
                    userGroupFilter: "MemberOf -eq 'ra-experts-segment@abc.onmicrosoft.com'",
                },
                {
                    name: "Internal",
                    kind: "internal",
                    userGroupFilter:
                        "MemberOf -ne 'ra-experts-segment@abc.onmicrosoft.com' -and MemberOf -ne 'ra-service-accounts@abc.onmicrosoft.com'",
                },
                {
                    name: "Contoso1",
                    kind: "vendor",
                    vendorId: "contoso1",
                    userGroupFilter: "MemberOf -eq 'ra-segment-contoso1@abc.onmicrosoft.com'",
                },
                {
                    name: "Contractors",
                    kind: "vendor",
                    vendorId: "contractor-user",
                    userGroupFilter: "MemberOf -eq 'ra-segment-contractor-user@abc.onmicrosoft.com'",
                },
                {
                    name: "Contoso2",
                    kind: "vendor",
                    vendorId: "contoso2",
                    userGroupFilter: "MemberOf -eq 'ra-segment-contoso2@abc.onmicrosoft.com'",
                },
            ],
            policies: [
                { name: "RA Policy - Contoso1", assignedSegment: "Contoso1", segmentsAllowed: ["Contoso1", "Experts"] },
                {
                    name: "RA Policy - Contractors",
                    assignedSegment: "Contractors",
                    segmentsAllowed: ["Contractors", "Experts"],
                },
                { name: "RA Policy - Contoso2", assignedSegment: "Contoso2", segmentsAllowed: ["Contoso2"] },
            ],
        });
    });
});

describe("the information-barrier design", () => {
    it("gives the experts and the internal segment no policy, so the experts keep every colleague", () => {
        const design = informationBarriersDesign(tenantWith([vendor("contoso1", "Contoso1")]), MAILS);
        assert.deepEqual(
            design.policies.map((p) => p.assignedSegment),
            ["Contoso1"],
        );
    });

    it("names the internal segment as configured and can turn it off", () => {
        const named = tenantWith([vendor("contoso1", "Contoso1")], (raw) => {
            raw.informationBarriers = { internalSegment: "Everyone else" };
        });
        assert.deepEqual(
            informationBarriersDesign(named, MAILS).segments.map((s) => [s.name, s.kind]),
            [
                ["Experts", "experts"],
                ["Everyone else", "internal"],
                ["Contoso1", "vendor"],
            ],
        );
        const off = tenantWith([vendor("contoso1", "Contoso1")], (raw) => {
            raw.informationBarriers = { internalSegment: false };
        });
        assert.deepEqual(
            informationBarriersDesign(off, MAILS).segments.map((s) => s.kind),
            ["experts", "vendor"],
        );
    });

    it("keeps service accounts out of an experts.segmentFilter override, and excludes the override from the internal segment with -not", () => {
        const config = tenantWith([vendor("contoso1", "Contoso1")], (raw) => {
            raw.experts.segmentFilter = "Department -eq 'Field Experts' -or Department -eq 'Lab'";
        });
        assert.deepEqual(
            informationBarriersDesign(config, MAILS)
                .segments.slice(0, 2)
                .map((s) => s.userGroupFilter),
            [
                "(Department -eq 'Field Experts' -or Department -eq 'Lab') -and MemberOf -ne 'ra-service-accounts@abc.onmicrosoft.com'",
                "-not(Department -eq 'Field Experts' -or Department -eq 'Lab') -and MemberOf -ne 'ra-service-accounts@abc.onmicrosoft.com'",
            ],
        );
    });

    it("keeps service accounts out of an experts.segmentFilter override with the internal segment off too", () => {
        const config = tenantWith([vendor("contoso1", "Contoso1")], (raw) => {
            raw.experts.segmentFilter = "Department -eq 'Field Experts'";
            raw.informationBarriers = { internalSegment: false };
        });
        assert.deepEqual(
            informationBarriersDesign(config, MAILS).segments.map((s) => s.userGroupFilter),
            [
                "(Department -eq 'Field Experts') -and MemberOf -ne 'ra-service-accounts@abc.onmicrosoft.com'",
                "MemberOf -eq 'ra-segment-contoso1@abc.onmicrosoft.com'",
            ],
        );
    });

    it("leaves an experts.segmentFilter override as it is when no vendor has service accounts", () => {
        const config = tenantWith(
            [vendor("contoson", "ContosoN", { serviceAccounts: [], license: undefined })],
            (raw) => {
                raw.experts.segmentFilter = "Department -eq 'Field Experts'";
            },
        );
        assert.deepEqual(
            informationBarriersDesign(config, { experts: MAILS.experts, vendors: {} }).segments.map(
                (s) => s.userGroupFilter,
            ),
            ["Department -eq 'Field Experts'", "-not(Department -eq 'Field Experts')"],
        );
    });

    it("needs the service accounts' group exactly while vendors have service accounts and a filter must exclude them", () => {
        const needs = (vendors: Record<string, any>[], edit: (raw: Record<string, any>) => void = () => undefined) =>
            needsServiceAccountsGroup(tenantWith(vendors, edit));
        const guestsOnly = vendor("contoson", "ContosoN", { serviceAccounts: [], license: undefined });
        const off = (raw: Record<string, any>) => (raw.informationBarriers = { internalSegment: false });
        assert.deepEqual(
            [
                needs([vendor("contoso1", "Contoso1")]),
                needs([guestsOnly]),
                needs([vendor("contoso1", "Contoso1")], off),
                needs([vendor("contoso1", "Contoso1")], (raw) => {
                    off(raw);
                    raw.experts.segmentFilter = "Department -eq 'Field Experts'";
                }),
            ],
            [true, false, false, true],
        );
    });

    it("quotes names and addresses for OPATH and keeps segment names as they are", () => {
        const config = tenantWith([vendor("obrien", "O'Brien & Sons", { segment: "O'Brien Field Crew" })]);
        const mails = { ...MAILS, vendors: { obrien: "ra-segment-o'brien@abc.onmicrosoft.com" } };
        const design = informationBarriersDesign(config, mails);
        assert.deepEqual(design.segments[2], {
            name: "O'Brien Field Crew",
            kind: "vendor",
            vendorId: "obrien",
            userGroupFilter: "MemberOf -eq 'ra-segment-o''brien@abc.onmicrosoft.com'",
        });
        assert.deepEqual(design.policies[0], {
            name: "RA Policy - O'Brien Field Crew",
            assignedSegment: "O'Brien Field Crew",
            segmentsAllowed: ["O'Brien Field Crew", "Experts"],
        });
    });

    it("lists in a policy only the active vendors with a segment that canTalkTo names, once each", () => {
        const config = tenantWith([
            vendor("contoso1", "Contoso1", { canTalkTo: ["Experts", "contoso3", "Contoso2"] }),
            vendor("contoso2", "Contoso2", { state: "suspended", canTalkTo: ["Contoso1"] }),
            vendor("contoso3", "Contoso3", { canTalkTo: ["Contoso1", "Experts"] }),
        ]);
        const mails = {
            ...MAILS,
            vendors: { contoso1: "a@abc.com", contoso2: "b@abc.com", contoso3: "c@abc.com" },
        };
        assert.deepEqual(
            informationBarriersDesign(config, mails).policies.map((p) => ["segmentsAllowed" in p && p.segmentsAllowed]),
            [[["Contoso1", "Experts", "Contoso3"]], [["Contoso2"]], [["Contoso3", "Experts", "Contoso1"]]],
        );
    });

    it("records legacy mode and its segment limit", () => {
        const config = tenantWith([], (raw) => {
            raw.informationBarriers = { legacy: true };
        });
        const design = informationBarriersDesign(config, { experts: MAILS.experts, vendors: {} });
        assert.deepEqual([design.mode, design.segmentLimit], ["legacy", 250]);
    });

    it("refuses a group without an address rather than a filter that would match everyone", () => {
        const config = tenantWith([vendor("contoso1", "Contoso1")]);
        assert.throws(() => informationBarriersDesign(config, { ...MAILS, serviceAccounts: "" }), {
            message:
                "Entra ID reported no e-mail address for the service accounts' group, and the information-barrier segments are defined by group addresses; run pulumi up --refresh once Exchange Online has provisioned the group",
        });
    });

    it("refuses to leave service accounts in the internal segment when the service accounts' group has no address at all", () => {
        const config = tenantWith([vendor("contoso1", "Contoso1")]);
        assert.throws(() => informationBarriersDesign(config, { experts: MAILS.experts, vendors: MAILS.vendors }), {
            message:
                "Entra ID reported no e-mail address for the service accounts' group, and the information-barrier segments are defined by group addresses; run pulumi up --refresh once Exchange Online has provisioned the group",
        });
    });

    it("segments no vendor without service accounts", () => {
        const config = tenantWith([vendor("contoson", "ContosoN", { serviceAccounts: [], license: undefined })]);
        const design = informationBarriersDesign(config, { experts: MAILS.experts, vendors: {} });
        assert.deepEqual(
            design.segments.map((s) => s.name),
            ["Experts", "Internal"],
        );
        assert.equal(design.segments[1].userGroupFilter, "MemberOf -ne 'ra-experts-segment@abc.onmicrosoft.com'");
    });
});
