import { strict as assert } from "node:assert";
import { Change } from "../../summary/changes";
import { PreviewDigest, PreviewStep, UNKNOWN_VALUE } from "../../summary/digest";
import { countedDrift, driftChanges, isDrift, licenseDrift, valueAt } from "../../summary/drift";
import { driftReport } from "../../summary/report";
import { TYPES } from "../../summary/types";
import { callout, fixture, section } from "./fixtures";
import { digestOf, PARENTS, Resource, stateOf, stepOf } from "./steps";

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

/** A drifted resource as one line: where it is listed, what it is about, whether it is called out, and its words. */
function line(c: Change): string {
    const where = c.section.kind === "vendor" ? c.section.id : c.section.kind;
    return `${where} · ${c.category}${c.destructive ? " · destructive" : ""} · ${c.text}`;
}

function drift(
    steps: readonly PreviewStep[],
    vendors: { id: string; name?: string }[] = [{ id: "contoso1", name: "Contoso1" }],
): string[] {
    return driftChanges(digestOf(steps, vendors)).map(line);
}

const RA = "7a551360-26c4-4f61-84e6-ef715673e083";
const KIOSK = "80b2d799-d2ba-4d2a-8842-fb0d0f3a4b82";
const user: Resource = { parents: PARENTS.serviceAccount, type: TYPES.user, name: "contoso1-sa1-user" };
const password: Resource = { parents: PARENTS.serviceAccount, type: TYPES.password, name: "contoso1-sa1-password" };
const credential: Resource = {
    parents: PARENTS.serviceAccount,
    type: TYPES.credential,
    name: "contoso1-sa1-credential",
};
const invitation: Resource = {
    parents: PARENTS.guest,
    type: TYPES.invitation,
    name: "contoso1-guest-carol@contoso1.com-invitation",
};
const teamMember: Resource = {
    parents: PARENTS.guest,
    type: TYPES.groupMember,
    name: "contoso1-guest-carol@contoso1.com-team-member",
};
const assignment: Resource = {
    parents: PARENTS.licenseGroup,
    type: TYPES.licenseAssignment,
    name: "contoso1-license-assignment",
};
const licenseGroup: Resource = { parents: PARENTS.licenseGroup, type: TYPES.group, name: "contoso1-license-group" };
const segmentGroup: Resource = { parents: PARENTS.vendor, type: TYPES.group, name: "contoso1-segment" };
const unit: Resource = {
    parents: PARENTS.none,
    type: "azuread:index/administrativeUnit:AdministrativeUnit",
    name: "ra-vendors",
};
const outputs = (r: Resource, values: Record<string, unknown>, inputs: Record<string, unknown> = {}) =>
    stateOf(r, inputs, { outputs: values });

interface Case {
    readonly name: string;
    readonly steps: readonly PreviewStep[];
    readonly vendors?: { id: string; name?: string }[];
    readonly expected: string[];
}

const CASES: Case[] = [
    {
        name: "a service account deleted outside the stack, with what pulumi up --refresh would do",
        steps: [stepOf("delete", user, { old: outputs(user, { userPrincipalName: "sa1@x" }) })],
        expected: [
            "contoso1 · account · destructive · Service account `sa1@x` (`contoso1-sa1-user`) was **deleted outside the stack**; `pulumi up --refresh` would create a new, empty account; restore the deleted user from the recycle bin first to keep its data",
        ],
    },
    {
        name: "a password resource deleted outside the stack, with no advice for it",
        steps: [stepOf("delete", password, { old: outputs(password, {}) })],
        expected: [
            "contoso1 · password · destructive · `random:index/randomPassword:RandomPassword` `contoso1-sa1-password` was **deleted outside the stack**",
        ],
    },
    {
        name: "a stored password changed outside the stack",
        steps: [
            stepOf(
                "update",
                credential,
                {
                    old: outputs(credential, { vaultName: "kv", secretName: "sa1", contentType: "password" }),
                    new: outputs(credential, { vaultName: "kv", secretName: "sa1", contentType: "text" }),
                },
                { detailedDiff: { contentType: { kind: "update", inputDiff: false } } },
            ),
        ],
        expected: [
            "contoso1 · credential · Key Vault secret `kv/sa1` (`contoso1-sa1-credential`) changed outside the stack: `contentType` `password` → `text`",
        ],
    },
    {
        name: "a stored password without names, deleted outside the stack",
        steps: [stepOf("delete", credential, { old: outputs(credential, {}) })],
        expected: [
            "contoso1 · credential · destructive · Key Vault secret `?/contoso1-sa1-credential` (`contoso1-sa1-credential`) was **deleted outside the stack**",
        ],
    },
    {
        name: "a guest deleted outside the stack, and a group",
        steps: [
            stepOf("delete", invitation, { old: outputs(invitation, { userEmailAddress: "carol@contoso1.com" }) }),
            stepOf("delete", segmentGroup, { old: outputs(segmentGroup, { displayName: "RA Segment - Contoso1" }) }),
        ],
        expected: [
            "contoso1 · guest · destructive · Guest `carol@contoso1.com` (`contoso1-guest-carol@contoso1.com-invitation`) was **deleted outside the stack**; `pulumi up --refresh` would invite the guest again, as a new guest user without their chats",
            "contoso1 · segment · destructive · Segment group `RA Segment - Contoso1` (`contoso1-segment`) was **deleted outside the stack**; `pulumi up --refresh` would create a new group with a new object id",
        ],
    },
    {
        name: "a team membership removed by hand",
        steps: [stepOf("delete", teamMember, { old: outputs(teamMember, {}) })],
        expected: [
            "contoso1 · team · destructive · Team membership `contoso1-guest-carol@contoso1.com-team-member` was **deleted outside the stack**",
        ],
    },
    {
        name: "members added and removed by hand, and a property, read from the outputs when the diff names no paths",
        steps: [
            stepOf("update", licenseGroup, {
                old: outputs(
                    licenseGroup,
                    { displayName: "L", members: ["a", "b"], description: "x" },
                    { description: "in" },
                ),
                new: outputs(
                    licenseGroup,
                    { displayName: "L", members: ["b", "c"], description: "y" },
                    { description: "in" },
                ),
            }),
        ],
        expected: [
            "contoso1 · license · License group `L` (`contoso1-license-group`) changed outside the stack: members added outside the stack: `c` (not managed by this stack); members removed outside the stack: `a` (not managed by this stack); `description` `x` → `y`",
        ],
    },
    {
        name: "members removed by hand, by their paths in the detailed diff",
        steps: [
            stepOf(
                "update",
                segmentGroup,
                {
                    old: outputs(segmentGroup, { displayName: "S", members: ["a", "b"] }),
                    new: outputs(segmentGroup, { displayName: "S", members: ["a"] }),
                },
                {
                    detailedDiff: {
                        "members[1]": { kind: "delete", inputDiff: false },
                        __meta: { kind: "update", inputDiff: false },
                    },
                },
            ),
        ],
        expected: [
            "contoso1 · segment · Segment group `S` (`contoso1-segment`) changed outside the stack: members removed outside the stack: `b` (not managed by this stack)",
        ],
    },
    {
        name: "licenses assigned by hand since removed, and the bundle changed, on a license assignment",
        steps: [
            stepOf("update", assignment, {
                old: outputs(assignment, {
                    groupId: "g-1",
                    licenses: [{ skuId: RA, disabledPlans: [] }],
                    otherSkuIds: [KIOSK],
                }),
                new: outputs(assignment, { groupId: "g-1", licenses: [], otherSkuIds: [] }),
            }),
            stepOf("refresh", licenseGroup, {
                old: stateOf(licenseGroup, { displayName: "RA License - Contoso1" }, { id: "g-1" }),
            }),
        ],
        expected: [
            "contoso1 · bundle · License bundle of license group `RA License - Contoso1` (`contoso1-license-assignment`) changed outside the stack: licenses assigned outside the stack since removed: `EXCHANGEDESKLESS`; `MICROSOFT_REMOTE_ASSIST` removed, so its members lose it",
        ],
    },
    {
        name: "a property of a license assignment that is not its licenses",
        steps: [
            stepOf("update", assignment, {
                old: outputs(assignment, { licensesNote: "a" }),
                new: outputs(assignment, { licensesNote: "b" }),
            }),
        ],
        expected: [
            "contoso1 · bundle · License bundle of a license group (`contoso1-license-assignment`) changed outside the stack: `licensesNote` `a` → `b`",
        ],
    },
    {
        name: "licenses of a resource that is not a license assignment, told as a property",
        steps: [
            stepOf("update", unit, {
                old: outputs(unit, { licenses: ["a"] }),
                new: outputs(unit, { licenses: ["b"] }),
            }),
        ],
        expected: [
            'tenant · other · `azuread:index/administrativeUnit:AdministrativeUnit` `ra-vendors` changed outside the stack: `licenses` `["a"]` → `["b"]`',
        ],
    },
    {
        name: "a change with no property it can name",
        steps: [stepOf("update", unit, { old: outputs(unit, { a: 1 }), new: outputs(unit, { a: 1 }) })],
        expected: [
            "tenant · other · `azuread:index/administrativeUnit:AdministrativeUnit` `ra-vendors` changed outside the stack",
        ],
    },
    {
        name: "a secret value changed by hand, never shown",
        steps: [
            stepOf(
                "update",
                unit,
                {
                    old: outputs(unit, { token: "[secret]", size: null }),
                    new: outputs(unit, { token: "[secret]", size: UNKNOWN_VALUE }),
                },
                { diffReasons: ["token", "size"] },
            ),
        ],
        expected: [
            "tenant · other · `azuread:index/administrativeUnit:AdministrativeUnit` `ra-vendors` changed outside the stack: `size` (none) → (known after deployment); `token` (secret) → (secret)",
        ],
    },
    {
        name: "nothing for unchanged resources, the stack, providers and components",
        steps: [
            stepOf("refresh", unit, { old: outputs(unit, {}) }),
            stepOf("same", unit, { old: outputs(unit, {}) }),
            stepOf("update", { parents: PARENTS.none, type: TYPES.stack, name: "remote-assist-tenancy-dev" }),
            stepOf("update", { parents: PARENTS.none, type: "pulumi:providers:azuread", name: "default" }),
            stepOf("delete", { parents: PARENTS.vendor, type: TYPES.serviceAccount, name: "contoso1-sa1" }),
        ],
        expected: [],
    },
];

describe("every drift in words", () => {
    for (const c of CASES) {
        it(`tells ${c.name}`, () => {
            assert.deepEqual(drift(c.steps, c.vendors), c.expected);
        });
    }

    it("counts every op of Pulumi's summary but unchanged and refreshed resources as drift", () => {
        assert.equal(countedDrift({ changeSummary: { same: 30, refresh: 4, update: 2, delete: 1, create: 1 } }), 4);
        assert.equal(countedDrift({}), 0);
    });
});
