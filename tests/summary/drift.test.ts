import { strict as assert } from "node:assert";
import { PreviewDigest } from "../../summary/digest";
import { isDrift, licenseDrift, valueAt } from "../../summary/drift";
import { driftReport } from "../../summary/report";
import { callout, fixture, section } from "./fixtures";

describe("drift report", () => {
    it("names each resource changed outside the stack and the properties that changed", () => {
        const report = driftReport(fixture("refresh-drift.json"));
        assert.deepEqual(section(report, "Contoso1 (`contoso1`)"), [
            "- Service account `sa-contoso1-sa1@abc.onmicrosoft.com` (`contoso1-sa1-user`) changed outside the stack: `accountEnabled` `true` → `false`",
            "- License group `RA License - Contoso1` (`contoso1-license-group`) changed outside the stack: members added outside the stack: `9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c99` (not managed by this stack)",
            "- License bundle of license group `RA License - Contoso1` (`contoso1-license-assignment`) changed outside the stack: `MICROSOFT_REMOTE_ASSIST` removed, so its members lose it; `EXCHANGE_S_DESKLESS` switched off in `EXCHANGEDESKLESS`",
            "- Segment group `Contoso1 partners <b>` (`contoso1-segment`) changed outside the stack: `displayName` `RA Segment - Contoso1` → `Contoso1 partners <b>`",
        ]);
    });

    it("calls out resources deleted outside the stack first, with what `pulumi up --refresh` would do", () => {
        const report = driftReport(fixture("refresh-drift.json"));
        assert.deepEqual(callout(report, "WARNING"), [
            "> **5 resources changed outside the stack.** For each, revert it (run *Deploy tenant changes* with *refresh* ticked: `pulumi up --refresh` puts it back as the config says) or adopt it (change the config in a pull request until its preview, which refreshes, shows no change for it). See the README, What a drift alert means.",
        ]);
        assert.deepEqual(callout(report, "CAUTION"), [
            "> **Deleted outside the stack:**",
            "> - **`contoson`**: Guest `nina@contoson.com` (`contoson-guest-nina@contoson.com-invitation`) was **deleted outside the stack**; `pulumi up --refresh` would invite the guest again, as a new guest user without their chats",
        ]);
    });

    it("does not report resources the refresh found unchanged, nor the stack or its providers", () => {
        const report = driftReport(fixture("refresh-drift.json"));
        assert.doesNotMatch(report, /contoso1-sa2-user|experts-segment|default_6_9_1|remote-assist-tenancy-dev/);
    });

    it("says there is no drift when the refresh changes nothing", () => {
        const report = driftReport(fixture("refresh-clean.json"));
        assert.equal(
            report,
            "### Tenant drift in stack `dev`\n\nNo drift: the tenant matches what the stack last deployed.\n",
        );
    });

    it("reads drift that older CLIs left on the refresh step itself", () => {
        const digest: PreviewDigest = {
            steps: [
                {
                    op: "refresh",
                    urn: "urn:pulumi:dev::remote-assist-tenancy::remote-assist-tenancy:vendor:Vendor$remote-assist-tenancy:vendor:ServiceAccount$azuread:index/user:User::contoso1-sa1-user",
                    oldState: {
                        urn: "",
                        type: "azuread:index/user:User",
                        outputs: { userPrincipalName: "sa-contoso1-sa1@abc.onmicrosoft.com", usageLocation: "DE" },
                    },
                    newState: {
                        urn: "",
                        type: "azuread:index/user:User",
                        outputs: { userPrincipalName: "sa-contoso1-sa1@abc.onmicrosoft.com", usageLocation: "FR" },
                    },
                    detailedDiff: { usageLocation: { kind: "update", inputDiff: false } },
                },
            ],
        };
        assert.match(
            driftReport(digest),
            /Service account `sa-contoso1-sa1@abc.onmicrosoft.com` \(`contoso1-sa1-user`\) changed outside the stack: `usageLocation` `DE` → `FR`/,
        );
    });

    it("says when Pulumi counted more drift than its JSON named", () => {
        const report = driftReport({ changeSummary: { same: 30, update: 2 } });
        assert.match(
            report,
            /_Pulumi counted 2 changed resources but its JSON named only 0; run `pulumi refresh --preview-only --diff` to see the rest\._/,
        );
    });

    it("tells licenses assigned to a license group by hand as such, though the dynamic provider gives no detailed diff", () => {
        const urn =
            "urn:pulumi:dev::remote-assist-tenancy::remote-assist-tenancy:vendor:Vendor$remote-assist-tenancy:vendor:LicenseGroup$pulumi-nodejs:dynamic/remote-assist-tenancy:GroupLicense::contoso1-license-assignment";
        const type = "pulumi-nodejs:dynamic/remote-assist-tenancy:GroupLicense";
        const licenses = [{ skuId: "7a551360-26c4-4f61-84e6-ef715673e083", disabledPlans: [] }];
        const state = (otherSkuIds: string[]) => ({
            urn,
            type,
            id: "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e10",
            inputs: { groupId: "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e10", licenses },
            outputs: { groupId: "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e10", licenses, otherSkuIds },
        });
        const report = driftReport({
            config: { "remote-assist-tenancy:vendors": JSON.stringify([{ id: "contoso1", name: "Contoso1" }]) },
            steps: [
                {
                    op: "update",
                    urn,
                    oldState: state([]),
                    newState: state(["80b2d799-d2ba-4d2a-8842-fb0d0f3a4b82"]),
                    detailedDiff: {},
                },
            ],
        });
        assert.deepEqual(section(report, "Contoso1 (`contoso1`)"), [
            "- License bundle of a license group (`contoso1-license-assignment`) changed outside the stack: licenses assigned to the group outside the stack: `EXCHANGEDESKLESS`",
        ]);
    });
});

describe("license drift", () => {
    const RA = "7a551360-26c4-4f61-84e6-ef715673e083";
    const HOLOLENS = "e48328a2-8e98-4484-a70f-a99f8ac9ec89";
    const KIOSK_MAILBOX = "4a82b400-a79f-41a4-b4e2-e94f5787b113";

    it("names bundle SKUs added by hand and plans switched back on", () => {
        assert.deepEqual(
            licenseDrift(
                [{ skuId: RA, disabledPlans: [KIOSK_MAILBOX, "a12b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"] }],
                [
                    { skuId: RA, disabledPlans: ["A12B3C4D-5E6F-4A7B-8C9D-0E1F2A3B4C5D"] },
                    { skuId: HOLOLENS, disabledPlans: [] },
                ],
            ),
            [
                "`EXCHANGE_S_DESKLESS` switched on in `MICROSOFT_REMOTE_ASSIST`",
                "`MICROSOFT_REMOTE_ASSIST_HOLOLENS` added",
            ],
        );
    });

    it("says nothing when the SKUs and their plans are the same, whatever the letter case", () => {
        assert.deepEqual(
            licenseDrift(
                [{ skuId: RA, disabledPlans: [KIOSK_MAILBOX] }],
                [{ skuId: RA.toUpperCase(), disabledPlans: [KIOSK_MAILBOX.toUpperCase()] }],
            ),
            [],
        );
    });
});

describe("drift steps", () => {
    it("counts updates and deletes of a refresh as drift, and a refresh step only when it carries a diff", () => {
        const urn = "urn:pulumi:dev::p::t::n";
        assert.deepEqual(
            [
                { op: "update", urn },
                { op: "delete", urn },
                { op: "refresh", urn, detailedDiff: null },
                { op: "refresh", urn, diffReasons: ["members"] },
                { op: "same", urn },
            ].map(isDrift),
            [true, true, false, true, false],
        );
    });

    it("reads property paths as Pulumi writes them in detailed diffs", () => {
        const state = { members: ["a", "b"], properties: { value: "v" }, tags: { "a.b": "dotted" } };
        assert.deepEqual(
            ["members[1]", "properties.value", 'tags["a.b"]', "missing.path"].map((p) => valueAt(state, p)),
            ["b", "v", "dotted", undefined],
        );
    });
});
