import { strict as assert } from "node:assert";
import { PreviewDigest } from "../../summary/digest";
import { isDrift, valueAt } from "../../summary/drift";
import { driftReport } from "../../summary/report";
import { callout, fixture, section } from "./fixtures";

describe("drift report", () => {
    it("names each resource changed outside the stack and the properties that changed", () => {
        const report = driftReport(fixture("refresh-drift.json"));
        assert.deepEqual(section(report, "Contoso1 (`contoso1`)"), [
            "- Service account `sa-contoso1-sa1@abc.onmicrosoft.com` (`contoso1-sa1-user`) changed outside the stack: `accountEnabled` `true` → `false`",
            "- License group `RA License - Contoso1` (`contoso1-license-group`) changed outside the stack: members added outside the stack: `9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c99` (not managed by this stack)",
            "- Segment group `Contoso1 partners <b>` (`contoso1-segment`) changed outside the stack: `displayName` `RA Segment - Contoso1` → `Contoso1 partners <b>`",
        ]);
    });

    it("calls out resources deleted outside the stack first, with what `pulumi up --refresh` would do", () => {
        const report = driftReport(fixture("refresh-drift.json"));
        assert.deepEqual(callout(report, "WARNING"), [
            "> **4 resources changed outside the stack.** For each, either adopt the change (`pulumi refresh`, then change the config to match) or revert it (`pulumi up --refresh`). See the README, Running it in CI.",
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

    it("tells licenses assigned to a license group by hand as such", () => {
        const urn =
            "urn:pulumi:dev::remote-assist-tenancy::remote-assist-tenancy:vendor:Vendor$remote-assist-tenancy:vendor:LicenseGroup$pulumi-nodejs:dynamic/remote-assist-tenancy:GroupLicense::contoso1-license-assignment";
        const type = "pulumi-nodejs:dynamic/remote-assist-tenancy:GroupLicense";
        const report = driftReport({
            config: { "remote-assist-tenancy:vendors": JSON.stringify([{ id: "contoso1", name: "Contoso1" }]) },
            steps: [
                {
                    op: "update",
                    urn,
                    oldState: { urn, type, outputs: { otherSkuIds: [] } },
                    newState: { urn, type, outputs: { otherSkuIds: ["80b2d799-d2ba-4d2a-8842-fb0d0f3a4b82"] } },
                    detailedDiff: { "otherSkuIds[0]": { kind: "add", inputDiff: false } },
                },
            ],
        });
        assert.deepEqual(section(report, "Contoso1 (`contoso1`)"), [
            "- License assignment `contoso1-license-assignment` changed outside the stack: licenses assigned to the group outside the stack: `EXCHANGEDESKLESS`",
        ]);
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
