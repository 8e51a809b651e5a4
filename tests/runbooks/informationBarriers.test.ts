import { strict as assert } from "node:assert";
import { validateConfig } from "../../config/validate";
import { policyName } from "../../naming";
import { informationBarrierSegments, informationBarriersScript } from "../../runbooks";
import { devRawConfig } from "../helpers";
import { calls, commands, problemsOf, tenantWith, vendor } from "./fixtures";

const DEV = { stack: "dev" };

describe("the information-barrier runbook for Pulumi.dev.yaml (Tenant ABC)", () => {
    const script = informationBarriersScript(validateConfig(devRawConfig()), DEV);

    it("creates or updates one segment per vendor and one for the experts, filtered on Department", () => {
        assert.deepEqual(calls(script, "New-OrganizationSegment", "Set-OrganizationSegment"), [
            "New-OrganizationSegment -Name 'Experts' -UserGroupFilter 'Department -eq ''Experts''' | Out-Null",
            "Set-OrganizationSegment -Identity 'Experts' -UserGroupFilter 'Department -eq ''Experts''' | Out-Null",
            "New-OrganizationSegment -Name 'Contoso1' -UserGroupFilter 'Department -eq ''Contoso1''' | Out-Null",
            "Set-OrganizationSegment -Identity 'Contoso1' -UserGroupFilter 'Department -eq ''Contoso1''' | Out-Null",
            "New-OrganizationSegment -Name 'Contractors' -UserGroupFilter 'Department -eq ''Contractors''' | Out-Null",
            "Set-OrganizationSegment -Identity 'Contractors' -UserGroupFilter 'Department -eq ''Contractors''' | Out-Null",
            "New-OrganizationSegment -Name 'ContosoN' -UserGroupFilter 'Department -eq ''ContosoN''' | Out-Null",
            "Set-OrganizationSegment -Identity 'ContosoN' -UserGroupFilter 'Department -eq ''ContosoN''' | Out-Null",
            "New-OrganizationSegment -Name 'Contoso2' -UserGroupFilter 'Department -eq ''Contoso2''' | Out-Null",
            "Set-OrganizationSegment -Identity 'Contoso2' -UserGroupFilter 'Department -eq ''Contoso2''' | Out-Null",
        ]);
    });

    it("gives each segment one active allow policy that lists itself, the experts' listing every vendor that lists them", () => {
        assert.deepEqual(calls(script, "New-InformationBarrierPolicy"), [
            "New-InformationBarrierPolicy -Name 'RA Policy - Experts' -AssignedSegment 'Experts' -SegmentsAllowed @('Experts', 'Contoso1', 'Contractors', 'ContosoN') -State Active | Out-Null",
            "New-InformationBarrierPolicy -Name 'RA Policy - Contoso1' -AssignedSegment 'Contoso1' -SegmentsAllowed @('Contoso1', 'Experts') -State Active | Out-Null",
            "New-InformationBarrierPolicy -Name 'RA Policy - Contractors' -AssignedSegment 'Contractors' -SegmentsAllowed @('Contractors', 'Experts') -State Active | Out-Null",
            "New-InformationBarrierPolicy -Name 'RA Policy - ContosoN' -AssignedSegment 'ContosoN' -SegmentsAllowed @('ContosoN', 'Experts') -State Active | Out-Null",
            "New-InformationBarrierPolicy -Name 'RA Policy - Contoso2' -AssignedSegment 'Contoso2' -SegmentsAllowed @('Contoso2') -State Active | Out-Null",
        ]);
    });

    it("updates a policy that differs with the same allowed segments it would create", () => {
        assert.deepEqual(calls(script, "} elseif (Test-PolicyDiffers", "Set-InformationBarrierPolicy").slice(0, 2), [
            "} elseif (Test-PolicyDiffers $policies['RA Policy - Experts'] 'Experts' @('Experts', 'Contoso1', 'Contractors', 'ContosoN')) {",
            "Set-InformationBarrierPolicy -Identity 'RA Policy - Experts' -SegmentsAllowed @('Experts', 'Contoso1', 'Contractors', 'ContosoN') -State Active | Out-Null",
        ]);
    });

    it("creates only what is missing and updates only what differs, so it is safe to re-run", () => {
        const lines = commands(script);
        const contoso1 = lines.indexOf("if (-not $segments.ContainsKey('Contoso1')) {");
        assert.deepEqual(lines.slice(contoso1, contoso1 + 7), [
            "if (-not $segments.ContainsKey('Contoso1')) {",
            "New-OrganizationSegment -Name 'Contoso1' -UserGroupFilter 'Department -eq ''Contoso1''' | Out-Null",
            "Write-Host 'Created segment Contoso1'",
            "} elseif ($segments['Contoso1'].UserGroupFilter -ne 'Department -eq ''Contoso1''') {",
            "Set-OrganizationSegment -Identity 'Contoso1' -UserGroupFilter 'Department -eq ''Contoso1''' | Out-Null",
            "Write-Host 'Updated segment Contoso1'",
            "}",
        ]);
        assert.ok(lines.includes("Get-OrganizationSegment | ForEach-Object { $segments[$_.Name] = $_ }"));
        assert.ok(lines.includes("Get-InformationBarrierPolicy | ForEach-Object { $policies[$_.Name] = $_ }"));
        assert.deepEqual(
            lines.filter((l) => /^Remove-/.test(l)),
            [],
            "the runbook must never delete",
        );
    });

    it("stops at the first error, and refuses to run before Connect-IPPSSession", () => {
        assert.deepEqual(commands(script).slice(0, 4), [
            "$ErrorActionPreference = 'Stop'",
            "if (-not (Get-Command New-OrganizationSegment -ErrorAction SilentlyContinue)) {",
            "throw 'Connect to Security & Compliance PowerShell first: Connect-IPPSSession'",
            "}",
        ]);
    });

    it("creates every segment before the first policy, and ends by applying the policies", () => {
        const lines = commands(script);
        const lastSegment = lines.map((l) => l.startsWith("New-OrganizationSegment")).lastIndexOf(true);
        const firstPolicy = lines.findIndex((l) => l.startsWith("New-InformationBarrierPolicy"));
        assert.ok(lastSegment < firstPolicy);
        assert.deepEqual(lines.slice(-2), [
            "Start-InformationBarrierPoliciesApplication | Out-Null",
            "Write-Host 'Started applying information-barrier policies; check with Get-InformationBarrierPoliciesApplicationStatus'",
        ]);
    });

    it("warns about earlier policies of this stack that the config no longer has", () => {
        const lines = commands(script);
        assert.ok(
            lines.includes(
                "$known = @('RA Policy - Experts', 'RA Policy - Contoso1', 'RA Policy - Contractors', 'RA Policy - ContosoN', 'RA Policy - Contoso2')",
            ),
        );
        assert.ok(
            lines.includes(
                "foreach ($name in @($policies.Keys | Where-Object { $_ -like 'RA Policy - *' -and $known -notcontains $_ })) {",
            ),
        );
    });

    it("states the prerequisites: scoped directory search and Exchange Online plans", () => {
        assert.match(script, /^# {3}- Scoped directory search is on in Teams/m);
        assert.match(script, /^# {3}- Every user in a segment has an Exchange Online plan/m);
        assert.match(script, /^# +Connect-IPPSSession from the ExchangeOnlineManagement module\.$/m);
    });
});

describe("information-barrier segments and policies", () => {
    it("with no vendors, has only the experts' segment, allowed to talk to itself", () => {
        const segments = informationBarrierSegments(tenantWith([]));
        assert.deepEqual(
            segments.map((s) => [s.name, s.filter, s.policy, s.allowed]),
            [["Experts", "Department -eq 'Experts'", "RA Policy - Experts", ["Experts"]]],
        );
    });

    it("gives a vendor with only guests a segment and says nobody is in it yet", () => {
        const config = tenantWith([
            {
                id: "contoson",
                name: "ContosoN",
                domains: ["contoson.com"],
                guests: [{ email: "nina@contoson.com", name: "Nina" }],
            },
        ]);
        const script = informationBarriersScript(config, DEV);
        assert.ok(
            script.includes(
                "# Segment ContosoN: ContosoN has no service accounts and guests have no Department, so nobody is in it yet.\n",
            ),
        );
        assert.deepEqual(calls(script, "New-InformationBarrierPolicy"), [
            "New-InformationBarrierPolicy -Name 'RA Policy - Experts' -AssignedSegment 'Experts' -SegmentsAllowed @('Experts', 'ContosoN') -State Active | Out-Null",
            "New-InformationBarrierPolicy -Name 'RA Policy - ContosoN' -AssignedSegment 'ContosoN' -SegmentsAllowed @('ContosoN', 'Experts') -State Active | Out-Null",
        ]);
    });

    it("uses experts.segmentFilter as given, quoted for PowerShell", () => {
        const config = tenantWith(
            [],
            (raw) => (raw.experts.segmentFilter = "MemberOf -eq 'RA Experts' -and Company -eq 'O''Brien'"),
        );
        assert.deepEqual(calls(informationBarriersScript(config, DEV), "New-OrganizationSegment"), [
            "New-OrganizationSegment -Name 'Experts' -UserGroupFilter 'MemberOf -eq ''RA Experts'' -and Company -eq ''O''''Brien''' | Out-Null",
        ]);
    });

    it("escapes quotes and keeps spaces in segment and vendor names", () => {
        const config = tenantWith([vendor("obrien", "O'Brien & Sons", { segment: "O'Brien Field Team" })], (raw) => {
            raw.experts.segment = "Tenant ABC's experts";
        });
        const script = informationBarriersScript(config, DEV);
        assert.deepEqual(calls(script, "New-OrganizationSegment", "New-InformationBarrierPolicy"), [
            "New-OrganizationSegment -Name 'Tenant ABC''s experts' -UserGroupFilter 'Department -eq ''Tenant ABC''''s experts''' | Out-Null",
            "New-OrganizationSegment -Name 'O''Brien Field Team' -UserGroupFilter 'Department -eq ''O''''Brien Field Team''' | Out-Null",
            "New-InformationBarrierPolicy -Name 'RA Policy - Tenant ABC''s experts' -AssignedSegment 'Tenant ABC''s experts' -SegmentsAllowed @('Tenant ABC''s experts', 'O''Brien Field Team') -State Active | Out-Null",
            "New-InformationBarrierPolicy -Name 'RA Policy - O''Brien Field Team' -AssignedSegment 'O''Brien Field Team' -SegmentsAllowed @('O''Brien Field Team', 'Tenant ABC''s experts') -State Active | Out-Null",
        ]);
    });

    it("allows two vendors that list each other to talk, in both policies", () => {
        const config = tenantWith([
            vendor("contoso1", "Contoso1", { canTalkTo: ["Experts", "ContosoN"] }),
            vendor("contoson", "ContosoN", { canTalkTo: ["experts", "contoso1"] }),
        ]);
        assert.deepEqual(
            informationBarrierSegments(config).map((s) => [s.name, s.allowed]),
            [
                ["Experts", ["Experts", "Contoso1", "ContosoN"]],
                ["Contoso1", ["Contoso1", "Experts", "ContosoN"]],
                ["ContosoN", ["ContosoN", "Experts", "Contoso1"]],
            ],
        );
    });

    it("keeps a vendor that does not list the experts out of the experts' policy", () => {
        const config = tenantWith([
            vendor("contoso1", "Contoso1", { canTalkTo: ["ContosoN"] }),
            vendor("contoson", "ContosoN", { canTalkTo: ["Contoso1"] }),
        ]);
        assert.deepEqual(
            informationBarrierSegments(config).map((s) => [s.name, s.allowed]),
            [
                ["Experts", ["Experts"]],
                ["Contoso1", ["Contoso1", "ContosoN"]],
                ["ContosoN", ["ContosoN", "Contoso1"]],
            ],
        );
    });

    it("cuts a suspended vendor off: its policy allows only itself and no other policy lists it", () => {
        const config = tenantWith([
            vendor("contoso1", "Contoso1", { canTalkTo: ["Experts", "Contoso2"] }),
            vendor("contoso2", "Contoso2", { state: "suspended", canTalkTo: ["Experts", "Contoso1"] }),
        ]);
        assert.deepEqual(
            informationBarrierSegments(config).map((s) => [s.name, s.suspended, s.allowed]),
            [
                ["Experts", false, ["Experts", "Contoso1"]],
                ["Contoso1", false, ["Contoso1", "Experts"]],
                ["Contoso2", true, ["Contoso2"]],
            ],
        );
    });

    it("names policies after their segment, within Purview's 64 characters", () => {
        assert.equal(policyName("Contoso1"), "RA Policy - Contoso1");
        assert.equal(policyName("x".repeat(52)), `RA Policy - ${"x".repeat(52)}`);
        const long = policyName("x".repeat(64));
        assert.equal(long.length, 64);
        assert.match(long, /^RA Policy - x{43}~[0-9a-f]{8}$/);
        assert.notEqual(policyName(`${"x".repeat(63)}y`), long, "two long segments must not share a policy");
    });
});

describe("config rules the information-barrier runbook relies on", () => {
    it("rejects canTalkTo between two vendors that is not mutual, naming both", () => {
        assert.deepEqual(
            problemsOf([
                vendor("contoso1", "Contoso1", { canTalkTo: ["Experts", "ContosoN"] }),
                vendor("contoson", "ContosoN"),
            ]),
            [
                "vendors[0].canTalkTo[1]: Contoso1 may talk to ContosoN, but vendors[1].canTalkTo does not list Contoso1; information-barrier policies must be mutual: add Contoso1 there or remove ContosoN here",
            ],
        );
    });

    it("accepts the near miss: the same pair listing each other", () => {
        assert.doesNotThrow(() =>
            tenantWith([
                vendor("contoso1", "Contoso1", { canTalkTo: ["Experts", "ContosoN"] }),
                vendor("contoson", "ContosoN", { canTalkTo: ["Contoso1"] }),
            ]),
        );
    });

    it("rejects a segment name over 64 characters, and accepts one of exactly 64", () => {
        assert.deepEqual(problemsOf([vendor("contoso1", "Contoso1", { segment: "s".repeat(65) })]), [
            "vendors[0].segment: too long: information-barrier segment names are limited to 64 characters",
        ]);
        assert.deepEqual(
            problemsOf([], (raw) => (raw.experts.segment = "e".repeat(65))),
            ["experts.segment: too long: information-barrier segment names are limited to 64 characters"],
        );
        assert.doesNotThrow(() => tenantWith([vendor("contoso1", "Contoso1", { segment: "s".repeat(64) })]));
    });
});
