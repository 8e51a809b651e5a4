import { strict as assert } from "node:assert";
import { validateConfig } from "../../config/validate";
import { federationPlan, peerStackDomains, teamsFederationScript, tenantDomains } from "../../runbooks";
import { devRawConfig } from "../helpers";
import { commands, problemsOf, tenantWith, vendor } from "./fixtures";

const DEV = { stack: "dev" };
const PRINT_CONFIG =
    "Get-CsTenantFederationConfiguration | Format-List AllowFederatedUsers, AllowedDomains, BlockedDomains | Out-Host";

/** The commands between printing the current configuration and printing the new one. */
function changes(script: string): string[] {
    const lines = commands(script);
    return lines.slice(
        lines.indexOf(PRINT_CONFIG) + 1,
        lines.lastIndexOf("Write-Host 'New Teams federation configuration:'"),
    );
}

describe("the Teams federation runbook for Pulumi.dev.yaml (Tenant ABC)", () => {
    const script = teamsFederationScript(validateConfig(devRawConfig()), [], DEV);

    it("allows exactly the active vendors' domains, leaving suspended Contoso2 out", () => {
        assert.deepEqual(changes(script), [
            "$allowed = @(",
            "New-CsEdgeDomainPattern -Domain 'contoso1.com' # vendor Contoso1",
            "New-CsEdgeDomainPattern -Domain 'contoson.com' # vendor ContosoN",
            ")",
            "Set-CsTenantFederationConfiguration -AllowFederatedUsers $true -AllowedDomains (New-CsEdgeAllowList -AllowedDomain $allowed) -BlockedDomains $null",
        ]);
        assert.ok(script.includes("# Left out: contoso2.com, vendor Contoso2, suspended.\n"));
    });

    it("prints the current configuration before changing it, and the new one after", () => {
        assert.deepEqual(commands(script), [
            "$ErrorActionPreference = 'Stop'",
            "if (-not (Get-Command Set-CsTenantFederationConfiguration -ErrorAction SilentlyContinue)) {",
            "throw 'Connect to Teams PowerShell first: Install-Module MicrosoftTeams; Connect-MicrosoftTeams'",
            "}",
            "Write-Host 'Current Teams federation configuration:'",
            PRINT_CONFIG,
            ...changes(script),
            "Write-Host 'New Teams federation configuration:'",
            PRINT_CONFIG,
        ]);
    });

    it("states its prerequisites", () => {
        assert.match(
            script,
            /^# Prerequisites: the MicrosoftTeams PowerShell module, the Teams Administrator role, and$/m,
        );
    });
});

describe("Teams federation modes", () => {
    const vendors = [vendor("contoso1", "Contoso1"), vendor("contoso2", "Contoso2", { state: "suspended" })];

    it("open: allows all known domains and blocks only the suspended vendor's", () => {
        const config = tenantWith(vendors, (raw) => (raw.federation = { mode: "open" }));
        assert.deepEqual(changes(teamsFederationScript(config, [], DEV)), [
            "$blocked = @(",
            "New-CsEdgeDomainPattern -Domain 'contoso2.com' # vendor Contoso2, suspended",
            ")",
            "Set-CsTenantFederationConfiguration -AllowFederatedUsers $true -AllowedDomains (New-CsEdgeAllowAllKnownDomains) -BlockedDomains @{Replace = $blocked}",
        ]);
    });

    it("open with no suspended vendor: allows all known domains and empties the block list", () => {
        const config = tenantWith([vendors[0]], (raw) => (raw.federation = { mode: "open" }));
        assert.deepEqual(changes(teamsFederationScript(config, [], DEV)), [
            "Set-CsTenantFederationConfiguration -AllowFederatedUsers $true -AllowedDomains (New-CsEdgeAllowAllKnownDomains) -BlockedDomains $null",
        ]);
    });

    it("blockList: allows all known domains but the blocked ones", () => {
        const config = tenantWith(
            vendors,
            (raw) => (raw.federation = { mode: "blockList", blockedDomains: ["fabrikam.com", "contoso2.com"] }),
        );
        assert.deepEqual(changes(teamsFederationScript(config, [], DEV)), [
            "$blocked = @(",
            "New-CsEdgeDomainPattern -Domain 'fabrikam.com' # federation.blockedDomains",
            "New-CsEdgeDomainPattern -Domain 'contoso2.com' # federation.blockedDomains",
            ")",
            "Set-CsTenantFederationConfiguration -AllowFederatedUsers $true -AllowedDomains (New-CsEdgeAllowAllKnownDomains) -BlockedDomains @{Replace = $blocked}",
        ]);
    });

    it("blockList with nothing blocked: still blocks the suspended vendor's domains", () => {
        const config = tenantWith(vendors, (raw) => (raw.federation = { mode: "blockList", blockedDomains: [] }));
        assert.deepEqual(changes(teamsFederationScript(config, [], DEV)), [
            "$blocked = @(",
            "New-CsEdgeDomainPattern -Domain 'contoso2.com' # vendor Contoso2, suspended",
            ")",
            "Set-CsTenantFederationConfiguration -AllowFederatedUsers $true -AllowedDomains (New-CsEdgeAllowAllKnownDomains) -BlockedDomains @{Replace = $blocked}",
        ]);
    });

    it("blockList with nothing blocked and no suspended vendor: empties the block list", () => {
        const config = tenantWith([vendors[0]], (raw) => (raw.federation = { mode: "blockList", blockedDomains: [] }));
        assert.deepEqual(changes(teamsFederationScript(config, [], DEV)), [
            "Set-CsTenantFederationConfiguration -AllowFederatedUsers $true -AllowedDomains (New-CsEdgeAllowAllKnownDomains) -BlockedDomains $null",
        ]);
    });

    it("disabled: turns federation off", () => {
        const config = tenantWith(vendors, (raw) => (raw.federation = { mode: "disabled" }));
        assert.deepEqual(changes(teamsFederationScript(config, [], DEV)), [
            "Set-CsTenantFederationConfiguration -AllowFederatedUsers $false",
        ]);
    });

    it("allowList with no vendors: allows no domain at all", () => {
        assert.deepEqual(changes(teamsFederationScript(tenantWith([]), [], DEV)), [
            "$allowed = $null",
            "Set-CsTenantFederationConfiguration -AllowFederatedUsers $true -AllowedDomains (New-CsEdgeAllowList -AllowedDomain $allowed) -BlockedDomains $null",
        ]);
    });

    it("allowList adds federation.extraAllowedDomains and sibling stacks' domains, each domain once", () => {
        const config = tenantWith([vendor("contoso1", "Contoso1")], (raw) => {
            raw.federation = {
                mode: "allowList",
                extraAllowedDomains: ["fabrikam.com", "contoso1.com"],
                peerStacks: ["acme/remote-assist-tenancy/plant2"],
            };
        });
        const peers = [
            peerStackDomains("acme/remote-assist-tenancy/plant2", ["plant2.onmicrosoft.com", "fabrikam.com"]),
        ];
        assert.deepEqual(changes(teamsFederationScript(config, peers, DEV)).slice(0, 5), [
            "$allowed = @(",
            "New-CsEdgeDomainPattern -Domain 'contoso1.com' # vendor Contoso1",
            "New-CsEdgeDomainPattern -Domain 'fabrikam.com' # federation.extraAllowedDomains",
            "New-CsEdgeDomainPattern -Domain 'plant2.onmicrosoft.com' # peer stack acme/remote-assist-tenancy/plant2",
            ")",
        ]);
    });

    it("refuses to run, before changing anything, while a sibling stack exports no domains", () => {
        const config = tenantWith([vendor("contoso1", "Contoso1")], (raw) => {
            raw.federation = { mode: "allowList", peerStacks: ["acme/remote-assist-tenancy/plant2"] };
        });
        const peers = [peerStackDomains("acme/remote-assist-tenancy/plant2", undefined)];
        assert.deepEqual(federationPlan(config, peers).unresolvedPeers, ["acme/remote-assist-tenancy/plant2"]);
        assert.equal(
            changes(teamsFederationScript(config, peers, DEV))[0],
            "throw 'Peer stack acme/remote-assist-tenancy/plant2 exports no tenantDomains; deploy it with this project, then regenerate this script'",
        );
    });

    it("takes a sibling's output only when it is a list of domains", () => {
        assert.deepEqual(peerStackDomains("a/b/c", ["x.com"]), { stack: "a/b/c", domains: ["x.com"] });
        assert.deepEqual(peerStackDomains("a/b/c", "x.com"), { stack: "a/b/c" });
        assert.deepEqual(peerStackDomains("a/b/c", [1]), { stack: "a/b/c" });
    });

    it("exports the host tenant's own domain for its siblings", () => {
        assert.deepEqual(tenantDomains(tenantWith([])), ["abc.onmicrosoft.com"]);
    });

    it("exports the tenant's other sign-in domains too, each once", () => {
        const config = tenantWith([], (raw) => (raw.tenant.domains = ["abc.com", "abc.onmicrosoft.com"]));
        assert.deepEqual(tenantDomains(config), ["abc.onmicrosoft.com", "abc.com"]);
    });
});

describe("config rules the Teams federation runbook relies on", () => {
    it("rejects blockedDomains unless the mode is blockList", () => {
        assert.deepEqual(
            problemsOf([], (raw) => (raw.federation = { mode: "open", blockedDomains: ["fabrikam.com"] })),
            [
                "federation.blockedDomains: only used when federation.mode is blockList (it is open); remove the list or set mode: blockList",
            ],
        );
        assert.doesNotThrow(() =>
            tenantWith([], (raw) => (raw.federation = { mode: "blockList", blockedDomains: ["fabrikam.com"] })),
        );
    });

    it("rejects extraAllowedDomains and peerStacks unless the mode is allowList", () => {
        assert.deepEqual(
            problemsOf([], (raw) => {
                raw.federation = {
                    mode: "blockList",
                    extraAllowedDomains: ["fabrikam.com"],
                    peerStacks: ["acme/remote-assist-tenancy/plant2"],
                };
            }),
            [
                "federation.extraAllowedDomains: only used when federation.mode is allowList (it is blockList); remove the list or set mode: allowList",
                "federation.peerStacks: only used when federation.mode is allowList (it is blockList); remove the list or set mode: allowList",
            ],
        );
        assert.doesNotThrow(() =>
            tenantWith([], (raw) => {
                raw.federation = {
                    mode: "allowList",
                    extraAllowedDomains: ["fabrikam.com"],
                    peerStacks: ["acme/remote-assist-tenancy/plant2"],
                };
            }),
        );
    });

    it("rejects a peer stack that is not organization/project/stack", () => {
        assert.deepEqual(
            problemsOf([], (raw) => (raw.federation = { mode: "allowList", peerStacks: ["plant2"] })),
            ["federation.peerStacks[0]: not a stack reference of the form organization/project/stack"],
        );
    });
});
