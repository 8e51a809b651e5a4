import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import {
    DEPLOYED_OUTPUTS_FILE,
    moduleCommand,
    PLAN_JSON_EXAMPLE,
    SET_BARRIERS,
    SET_FEDERATION,
} from "../../plan/moduleCommands";
import { PlanRun, planStack } from "../../plan/run";
import { devConfigMap, devRawConfig, toConfigMap } from "../helpers";
import { tenant } from "../setup";

const SA1 = "sa-contoso1-sa1@abc.onmicrosoft.com";
const SA2 = "sa-contoso1-sa2@abc.onmicrosoft.com";
const SA3 = "sa-contractor-user-sa3@abc.onmicrosoft.com";
const ERIN = "sa-contoso2-sa1@abc.onmicrosoft.com";

describe("the offline plan of Pulumi.dev.yaml (Tenant ABC)", () => {
    let run: PlanRun;
    before(async () => {
        tenant.setStackOutputs(new Map());
        run = await planStack(tenant, "dev", devConfigMap());
    });

    const vendor = (id: string) => {
        const found = run.plan.vendors.find((v) => v.id === id);
        assert.ok(found, `no vendor ${id} in the plan`);
        return found;
    };

    it("names each vendor's access model: leased service accounts, guests, federation", () => {
        assert.deepEqual(
            run.plan.vendors.map((v) => [v.id, v.state, v.access]),
            [
                ["contoso1", "active", ["leased service accounts", "guests", "federation"]],
                ["contractor-user", "active", ["leased service accounts"]],
                ["contoson", "active", ["guests", "federation"]],
                ["contoso2", "suspended", ["leased service accounts"]],
            ],
        );
    });

    it("lists each service account's UPN, holder, usage location, license bundle and state", () => {
        const rows = run.plan.vendors.flatMap((v) =>
            v.serviceAccounts.map((a) => [a.upn, a.holder, a.usageLocation, a.license ?? "none", a.enabled]),
        );
        assert.deepEqual(rows, [
            [SA1, "bob@contoso1.com", "DE", "remote-assist", true],
            [SA2, "toni@contoso1.com", "US", "remote-assist", true],
            [SA3, "user@outlook.com", "US", "remote-assist", true],
            [ERIN, "erin@contoso2.com", "US", "none", false],
        ]);
        assert.equal(vendor("contoso1").serviceAccounts[0].rotation, "2026-11");
        assert.equal(vendor("contoso1").serviceAccounts[0].credential, "stack output credentials (secret)");
    });

    it("lists the guests and whether they join the experts' team", () => {
        assert.deepEqual(
            run.plan.vendors.flatMap((v) => v.guests.map((g) => [g.email, g.name, g.joinsTeam])),
            [
                ["carol@contoso1.com", "Carol Ng", true],
                ["nina@contoson.com", "Nina Patel", true],
            ],
        );
    });

    it("lists every group with exactly its members, its address, and the license assignment in words", () => {
        assert.deepEqual(vendor("contoso1").groups, [
            {
                displayName: "RA License - Contoso1",
                members: [SA1, SA2],
                licenseAssignment:
                    "license bundle remote-assist (MICROSOFT_REMOTE_ASSIST, EXCHANGEDESKLESS, SPE_F5_COMP) assigned to RA License - Contoso1",
            },
            {
                displayName: "RA Segment - Contoso1",
                mail: "ra-segment-contoso1@abc.onmicrosoft.com",
                members: [SA1, SA2],
            },
        ]);
        assert.deepEqual(
            vendor("contoso2").groups.map((g) => [g.displayName, g.members]),
            [
                ["RA License - Contoso2", []],
                ["RA Segment - Contoso2", [ERIN]],
            ],
        );
        assert.deepEqual(vendor("contoson").groups, []);
        assert.deepEqual(run.plan.experts.group, {
            displayName: "RA Segment - Experts",
            mail: "ra-experts-segment@abc.onmicrosoft.com",
            members: ["alice@abc.onmicrosoft.com", "dan@abc.onmicrosoft.com"],
        });
        assert.deepEqual(run.plan.serviceAccountsGroup, {
            displayName: "RA Service Accounts",
            mail: "ra-service-accounts@abc.onmicrosoft.com",
            members: [SA1, SA2, SA3, ERIN],
        });
    });

    it("counts seats used per bundle against the purchased seats", () => {
        assert.deepEqual(run.plan.seats, [
            {
                bundle: "remote-assist",
                skus: ["MICROSOFT_REMOTE_ASSIST", "EXCHANGEDESKLESS", "SPE_F5_COMP"],
                used: 3,
                seats: 10,
            },
        ]);
    });

    it("totals vendors, accounts, guests, groups and resources", () => {
        const { resourcesByType, ...totals } = run.plan.totals;
        assert.deepEqual(totals, {
            vendors: 4,
            activeVendors: 3,
            serviceAccounts: 4,
            enabledServiceAccounts: 3,
            licensedServiceAccounts: 3,
            guests: 2,
            groups: 8,
            resources: tenant.resources.length,
        });
        assert.equal(resourcesByType["azuread:index/user:User"], 4);
    });

    it("says who may talk to whom from the informationBarriers output, and which domains are federated", () => {
        assert.deepEqual(
            run.plan.vendors.map((v) => [v.segment, v.mayTalkTo, v.federated]),
            [
                ["Contoso1", ["Experts"], true],
                ["Contractors", ["Experts"], false],
                [undefined, [], true],
                ["Contoso2", [], false],
            ],
        );
        assert.deepEqual(run.plan.barriers, run.outputs.informationBarriers);
        assert.deepEqual(run.plan.federationOutput, run.outputs.federation);
        assert.deepEqual(run.plan.federationOutput.add, ["contoso1.com", "contoson.com"]);
    });

    it("prints the plan with each service account as a table row", () => {
        assert.ok(
            run.markdown.includes(
                `| \`${SA1}\` | \`bob@contoso1.com\` | DE | remote-assist | enabled, licensed, rotation 2026-11 | stack output credentials (secret) |\n`,
            ),
        );
        assert.ok(run.markdown.includes(`| \`${ERIN}\` | \`erin@contoso2.com\` | US | none | disabled, unlicensed |`));
        assert.ok(
            run.markdown.includes(
                "| remote-assist | `MICROSOFT_REMOTE_ASSIST`, `EXCHANGEDESKLESS`, `SPE_F5_COMP` | 3 | 10 |\n",
            ),
        );
        assert.ok(
            run.markdown.includes(
                "- **RA License - Contoso1** (license bundle remote-assist (MICROSOFT_REMOTE_ASSIST, EXCHANGEDESKLESS, SPE_F5_COMP) assigned to RA License - Contoso1): `sa-contoso1-sa1@abc.onmicrosoft.com`, `sa-contoso1-sa2@abc.onmicrosoft.com`\n",
            ),
        );
    });

    it("draws the tenant: holders sign in as service accounts, guests are invited, vendors federate", () => {
        const mermaid = run.markdown.slice(
            run.markdown.indexOf("```mermaid\n"),
            run.markdown.indexOf("\n```\n\n## Experts"),
        );
        for (const line of [
            '    subgraph host["Tenant ABC · abc.onmicrosoft.com"]',
            '        experts["Experts segment<br/>alice@abc.onmicrosoft.com<br/>dan@abc.onmicrosoft.com"]',
            '            v0sa0["sa-contoso1-sa1@abc.onmicrosoft.com<br/>remote-assist license"]',
            '    v0h0 -- "signs in as" --> v0sa0',
            '    v0e0 -. "invited as guest" .-> v0g0',
            '        internal["Internal segment<br/>every other internal user"]',
            '        subgraph guests["Guests · in no vendor segment"]',
            '            v0g0["carol@contoso1.com (guest of Contoso1)"]',
            '    guests -. "experts\' Teams team" .- experts',
            '    v0ext <-. "Teams federation" .-> experts',
            '    v0seg <== "may talk" ==> experts',
            '    subgraph v1ext["Outlook contractor · no tenant"]',
            '            v3sa0["sa-contoso2-sa1@abc.onmicrosoft.com<br/>disabled, no license"]',
            "    class v3seg,v3ext suspended",
        ]) {
            assert.ok(mermaid.split("\n").includes(line), `missing from the diagram: ${line}`);
        }
        assert.ok(!mermaid.includes("v3ext <-."), "suspended Contoso2 must not be drawn as federated");
        assert.ok(!mermaid.includes("v1ext <-."), "the contractor has no tenant to federate");
        assert.ok(!mermaid.includes("v2seg"), "ContosoN has no service accounts, so no segment");
    });

    it("writes JSON with every resource's type, name, parent and inputs, secrets masked", () => {
        const { resources } = run.json;
        assert.equal(resources.length, tenant.resources.length);
        const user = resources.find((r) => r.name === "contoso1-sa1-user");
        assert.ok(user);
        assert.equal(user.type, "azuread:index/user:User");
        assert.equal(
            user.parent,
            "urn:pulumi:dev::remote-assist-tenancy::remote-assist-tenancy:vendor:Vendor$remote-assist-tenancy:vendor:ServiceAccount::contoso1-sa1",
        );
        assert.equal(
            user.urn,
            "urn:pulumi:dev::remote-assist-tenancy::remote-assist-tenancy:vendor:Vendor$remote-assist-tenancy:vendor:ServiceAccount$azuread:index/user:User::contoso1-sa1-user",
        );
        assert.equal((user.inputs as Record<string, unknown>).password, "[secret]");
        assert.equal((user.inputs as Record<string, unknown>).userPrincipalName, SA1);
        assert.equal(resources.find((r) => r.name === "contoso1")?.parent, null);
        assert.equal(run.json.outputs.credentials, "[secret]");
        assert.ok(!JSON.stringify(run.json).includes("Mock!"), "a password leaked into the JSON plan");
    });

    it("lists each resource after its parent, a vendor's resources together as a tree", () => {
        const position = new Map(run.json.resources.map((r, i) => [r.urn, i]));
        const children = run.json.resources.filter((r) => r.parent !== null);
        assert.deepEqual(
            run.json.resources.filter((r) => r.parent === null).map((r) => `${r.type} ${r.name}`),
            [
                "remote-assist-tenancy:experts:ExpertsSegment experts",
                "remote-assist-tenancy:vendor:Vendor contoso1",
                "remote-assist-tenancy:vendor:Vendor contractor-user",
                "remote-assist-tenancy:vendor:Vendor contoson",
                "remote-assist-tenancy:vendor:Vendor contoso2",
                "remote-assist-tenancy:barriers:ServiceAccountsGroup service-accounts",
                "remote-assist-tenancy:barriers:TeamsBarriersApp teams-information-barriers",
            ],
            "only the components are top-level; every other resource has a parent",
        );
        assert.equal(children.length, run.json.resources.length - 7);
        assert.deepEqual(
            children
                .filter((r) => !((position.get(r.parent ?? "") ?? Infinity) < (position.get(r.urn) ?? -1)))
                .map((r) => r.name),
            [],
            "resources listed before their parent",
        );
        assert.deepEqual(
            run.json.resources.filter((r) => r.name.startsWith("contoso2")).map((r) => r.name),
            [
                "contoso2",
                "contoso2-sa1",
                "contoso2-sa1-password",
                "contoso2-sa1-user",
                "contoso2-license",
                "contoso2-license-group",
                "contoso2-license-assignment",
                "contoso2-segment",
            ],
        );
    });

    it("elides the serialized code of dynamic providers from the JSON", () => {
        const assignment = run.json.resources.find((r) => r.type.startsWith("pulumi-nodejs:dynamic"));
        assert.ok(assignment, "no license assignment in the plan");
        assert.equal((assignment.inputs as Record<string, unknown>).__provider, "[serialized provider code]");
    });

    it("prints the information-barrier segments and policies of the output, and what is true of guests", () => {
        for (const line of [
            "| Contoso1 | the service accounts of Contoso1 | `MemberOf -eq 'ra-segment-contoso1@abc.onmicrosoft.com'` | RA Policy - Contoso1: may talk only to Contoso1, Experts |",
            "| Internal | every other internal user (not an expert, not a service account) | `MemberOf -ne 'ra-experts-segment@abc.onmicrosoft.com' -and MemberOf -ne 'ra-service-accounts@abc.onmicrosoft.com'` | none (not restricted; a segment with an allow policy reaches it only if that policy lists it) |",
            "| Contoso2 | the service accounts of Contoso2 (suspended) | `MemberOf -eq 'ra-segment-contoso2@abc.onmicrosoft.com'` | RA Policy - Contoso2: may talk only to Contoso2 |",
            "- Segment: none, since it has no service accounts; its guests are in no vendor segment (see Information barriers)",
        ]) {
            assert.ok(run.markdown.split("\n").includes(line), `missing from plan.md: ${line}`);
        }
        assert.match(run.markdown, /^Guests are in no vendor segment: the experts' Teams team governs them\./m);
    });

    it("prints the federation domains the module adds and removes, and that each vendor's tenant must allow the host", () => {
        for (const line of [
            "Mode `allowList`: these domains may talk to the tenant. Management `merge`: every other domain on the tenant's allowed list stays.",
            "| `contoso1.com` | vendor Contoso1 |",
            "| Taken off the allowed list | Why |",
            "| `contoso2.com` | vendor Contoso2, suspended |",
            "- Domains: `contoso1.com` (federated with the experts; its tenant must also allow `abc.onmicrosoft.com` in its own Teams external access, since federation needs both sides)",
        ]) {
            assert.ok(run.markdown.split("\n").includes(line), `missing from plan.md: ${line}`);
        }
    });

    /** The lines of plan.md's section `heading`, up to the next section. */
    const section = (heading: string): string[] => {
        const lines = run.markdown.split("\n");
        const start = lines.indexOf(`## ${heading}`);
        assert.ok(start >= 0, `no section ${heading}`);
        const end = lines.findIndex((l, i) => i > start && l.startsWith("## "));
        return lines.slice(start, end < 0 ? undefined : end);
    };

    it("applies information barriers from the deployed stack's outputs, and previews them from plan.json only with -WhatIf", () => {
        assert.deepEqual(section("Information barriers").slice(0, 15), [
            "## Information barriers",
            "",
            "Mode `singleSegment` (information barriers enabled after 15 February 2023): 5 of at most 5,000 segments, one per user.",
            "",
            "Stack output `informationBarriers`: after `pulumi up`, apply the deployed stack's output with",
            "",
            "```sh",
            "pulumi stack output --json --stack dev > outputs.json",
            'pwsh -NoProfile -Command "Connect-IPPSSession; Import-Module ./powershell/RemoteAssistTenancy; Set-RAInformationBarriers -OutputsPath outputs.json"',
            "```",
            "",
            "The members filters below name the group addresses the offline mocks made up, not the ones Exchange Online gives the groups, so apply only the deployed output: a segment applied from this plan could match nobody. This plan's plan.json (`npm run plan -- --out plan-out`) serves only to preview what the command would change, with `-WhatIf`, which changes nothing:",
            "",
            "```sh",
            'pwsh -NoProfile -Command "Connect-IPPSSession; Import-Module ./powershell/RemoteAssistTenancy; Set-RAInformationBarriers -OutputsPath plan-out/plan.json -WhatIf"',
        ]);
    });

    it("applies Teams federation from the deployed stack's outputs, and previews it from plan.json only with -WhatIf", () => {
        assert.deepEqual(section("Teams federation").slice(0, 14), [
            "## Teams federation",
            "",
            "Stack output `federation`: after `pulumi up`, apply the deployed stack's output with",
            "",
            "```sh",
            "pulumi stack output --json --stack dev > outputs.json",
            'pwsh -NoProfile -Command "Connect-MicrosoftTeams; Import-Module ./powershell/RemoteAssistTenancy; Set-RATeamsFederation -OutputsPath outputs.json"',
            "```",
            "",
            "The domains below are what the program computed offline (a peer stack's from its config file, not from its deployment), so apply only the deployed output. This plan's plan.json (`npm run plan -- --out plan-out`) serves only to preview what the command would change, with `-WhatIf`, which changes nothing:",
            "",
            "```sh",
            'pwsh -NoProfile -Command "Connect-MicrosoftTeams; Import-Module ./powershell/RemoteAssistTenancy; Set-RATeamsFederation -OutputsPath plan-out/plan.json -WhatIf"',
            "```",
        ]);
        assert.ok(
            !run.markdown
                .split("\n")
                .some((l) => l.includes("-OutputsPath plan-out/plan.json") && !l.endsWith('-WhatIf"')),
            "plan.md applies plan.json",
        );
    });

    it("matches the README: its one-line forms are plan.md's, and no command of it applies plan.json", () => {
        const readme = readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8").split("\n");
        for (const apply of [SET_FEDERATION, SET_BARRIERS]) {
            for (const line of [
                moduleCommand(apply, DEPLOYED_OUTPUTS_FILE),
                moduleCommand(apply, PLAN_JSON_EXAMPLE, true),
            ]) {
                assert.ok(readme.includes(line), `missing from the README: ${line}`);
                assert.ok(run.markdown.split("\n").includes(line), `missing from plan.md: ${line}`);
            }
        }
        assert.deepEqual(
            readme.filter((l) => /-OutputsPath \S*plan\.json/.test(l) && !/-WhatIf\b/.test(l)),
            [],
            "the README applies plan.json",
        );
    });

    it("puts in the JSON plan the outputs the PowerShell module reads, under outputs", () => {
        assert.deepEqual(Object.keys(run.json.outputs).sort(), [
            "credentials",
            "expertsSegmentGroupId",
            "federation",
            "informationBarriers",
            "serviceAccountsGroupId",
            "tenantDomains",
            "vendors",
            "warnings",
        ]);
        assert.equal((run.json.outputs.federation as { management: string }).management, "merge");
    });

    it("has no warnings section when the deployment warns of nothing", () => {
        assert.ok(!run.markdown.includes("## Warnings"));
    });
});

describe("the offline plan's warnings", () => {
    it("prints every warning of the deployment in plan.md, after the totals", async () => {
        const raw = devRawConfig();
        raw.licenses["remote-assist"].skus = [{ sku: "MICROSOFT_REMOTE_ASSIST" }, { sku: "EXCHANGEDESKLESS" }];
        const run = await planStack(tenant, "dev", toConfigMap(raw));
        const section = run.markdown.slice(run.markdown.indexOf("## Warnings"), run.markdown.indexOf("## Tenant"));
        assert.deepEqual(
            section.split("\n").filter((l) => l.startsWith("- ")),
            [
                "- licenses.remote-assist: the bundle gives service accounts Exchange Online (EXCHANGEDESKLESS (EXCHANGE_S_DESKLESS)) but not the information-barriers plan INFORMATION_BARRIERS. Information barriers apply only to users with both, so segments Contoso1, Contractors, Contoso2 will not be enforced for these service accounts: add to licenses.remote-assist.skus a SKU with INFORMATION_BARRIERS, e.g. SPE_F5_COMP (Microsoft 365 F5 Compliance Add-on) or INFORMATION_PROTECTION_COMPLIANCE (Microsoft 365 E5 Compliance).",
            ],
        );
    });
});
