import { strict as assert } from "node:assert";
import { federationOutput } from "../../federation/output";
import { peerStackDomains, tenantDomains } from "../../federation/peers";
import { federationPlan } from "../../federation/plan";
import { federationWarnings } from "../../federation/warnings";
import { STACK_REFERENCE_TYPE } from "../../offline/mocks";
import { runProgram } from "../../offline/runProgram";
import { problemsOf, tenantWith, vendor } from "../fixtures/config";
import { devRawConfig, ofType, toConfigMap, valueOf } from "../helpers";
import { tenant } from "../setup";

const PLANT2 = "acme/remote-assist-tenancy/plant2";

/** Contoso1 active, Contoso2 suspended, in the given federation settings. */
function twoVendors(federation: Record<string, unknown>) {
    return tenantWith(
        [
            vendor("contoso1", "Contoso1", { domains: ["contoso1.com", "Contoso1.EU"] }),
            vendor("contoso2", "Contoso2", { state: "suspended" }),
        ],
        (raw) => (raw.federation = federation),
    );
}

describe("the federation output", () => {
    it("in allowList merge mode adds the active vendors', extra and sibling domains and removes only suspended vendors'", () => {
        const config = twoVendors({
            mode: "allowList",
            extraAllowedDomains: ["partner.example"],
            peerStacks: [PLANT2],
        });
        assert.deepEqual(federationOutput(config, [{ stack: PLANT2, domains: ["plant2.example", "contoso1.com"] }]), {
            mode: "allowList",
            management: "merge",
            allowedDomains: ["contoso1.com", "contoso1.eu", "partner.example", "plant2.example"],
            blockedDomains: [],
            add: ["contoso1.com", "contoso1.eu", "partner.example", "plant2.example"],
            remove: ["contoso2.com"],
            peerStackDomains: { [PLANT2]: ["plant2.example", "contoso1.com"] },
        });
    });

    it("in replace mode removes nothing: the list becomes exactly add", () => {
        const output = federationOutput(twoVendors({ mode: "allowList", management: "replace" }), []);
        assert.deepEqual(
            [output.management, output.add, output.remove],
            ["replace", ["contoso1.com", "contoso1.eu"], []],
        );
    });

    it("in blockList mode blocks the configured and the suspended vendors' domains, and unblocks active vendors' in merge mode", () => {
        const output = federationOutput(twoVendors({ mode: "blockList", blockedDomains: ["spam.example"] }), []);
        assert.deepEqual(
            [output.blockedDomains, output.add, output.remove, output.allowedDomains],
            [["spam.example", "contoso2.com"], ["spam.example", "contoso2.com"], ["contoso1.com", "contoso1.eu"], []],
        );
    });

    it("in open mode blocks only suspended vendors' domains", () => {
        const output = federationOutput(twoVendors({ mode: "open" }), []);
        assert.deepEqual([output.add, output.remove], [["contoso2.com"], ["contoso1.com", "contoso1.eu"]]);
    });

    it("in disabled mode lists nothing, so the module only switches federation off", () => {
        const output = federationOutput(twoVendors({ mode: "disabled" }), []);
        assert.deepEqual([output.allowedDomains, output.blockedDomains, output.add, output.remove], [[], [], [], []]);
    });

    it("is never asked to keep a suspended vendor's domain allowed through extraAllowedDomains: validation refuses it", () => {
        assert.deepEqual(
            problemsOf(
                [vendor("contoso1", "Contoso1"), vendor("contoso2", "Contoso2", { state: "suspended" })],
                (raw) => (raw.federation = { mode: "allowList", extraAllowedDomains: ["contoso2.com"] }),
            ),
            [
                "vendors[1] (contoso2).domains[0]: contoso2.com is in federation.extraAllowedDomains, so the suspended vendor Contoso2 would stay federated with the host tenant; remove it from extraAllowedDomains or set the vendor active",
            ],
        );
    });

    it("keeps a suspended vendor's domain a sibling stack exports on the allowed list, and warns that the vendor stays federated", () => {
        const config = twoVendors({ mode: "allowList", peerStacks: [PLANT2] });
        const peers = [{ stack: PLANT2, domains: ["plant2.example", "contoso2.com"] }];
        assert.deepEqual(
            [federationOutput(config, peers).add, federationOutput(config, peers).remove],
            [["contoso1.com", "contoso1.eu", "plant2.example", "contoso2.com"], []],
        );
        assert.deepEqual(federationWarnings(config, peers), [
            `federation: contoso2.com (vendor Contoso2, suspended) stays on the allowed domains list because peer stack ${PLANT2} exports it, so the suspended vendor stays federated; a sibling tenant's domain is no vendor's: remove it from the vendor's domains`,
        ]);
    });

    it("says why each domain is listed", () => {
        const plan = federationPlan(twoVendors({ mode: "allowList" }), []);
        assert.deepEqual(
            [...plan.add, ...plan.remove].map((d) => [d.domain, d.source]),
            [
                ["contoso1.com", "vendor Contoso1"],
                ["contoso1.eu", "vendor Contoso1"],
                ["contoso2.com", "vendor Contoso2, suspended"],
            ],
        );
    });
});

describe("sibling stacks in the federation output", () => {
    afterEach(() => tenant.setStackOutputs(new Map()));

    it("exports the host tenant's own domains for its sibling stacks", async () => {
        const outputs = await runProgram(tenant, toConfigMap(devRawConfig()));
        assert.deepEqual(outputs.tenantDomains, ["abc.onmicrosoft.com"]);
        assert.deepEqual(tenantDomains(tenantWith([], (raw) => (raw.tenant.domains = ["abc.com"]))), [
            "abc.onmicrosoft.com",
            "abc.com",
        ]);
    });

    it("reads each peer stack through a stack reference and adds the domains it exports", async () => {
        const raw = devRawConfig();
        raw.federation = { mode: "allowList", peerStacks: [PLANT2] };
        tenant.setStackOutputs(new Map([[PLANT2, { tenantDomains: ["plant2.onmicrosoft.com"] }]]));
        const outputs = await runProgram(tenant, toConfigMap(raw));
        assert.deepEqual(
            ofType(tenant.resources, STACK_REFERENCE_TYPE).map((r) => r.name),
            [PLANT2],
        );
        const federation = await valueOf(outputs.federation);
        assert.deepEqual(federation.add, ["contoso1.com", "contoson.com", "plant2.onmicrosoft.com"]);
        assert.deepEqual(federation.peerStackDomains, { [PLANT2]: ["plant2.onmicrosoft.com"] });
    });

    it("warns while a peer stack exports no domains, and leaves them out of add", async () => {
        const raw = devRawConfig();
        raw.federation = { mode: "allowList", peerStacks: [PLANT2] };
        const outputs = await runProgram(tenant, toConfigMap(raw));
        assert.deepEqual((await valueOf(outputs.federation)).add, ["contoso1.com", "contoson.com"]);
        assert.deepEqual(await valueOf(outputs.warnings), [
            "federation.peerStacks: acme/remote-assist-tenancy/plant2 exports no tenantDomains, so its domains are not in the federation output's add list; deploy that stack with this project, then deploy this one again",
        ]);
    });

    it("takes a sibling's domains only when it exports a list of strings", () => {
        assert.deepEqual(peerStackDomains(PLANT2, ["Plant2.Example"]), { stack: PLANT2, domains: ["plant2.example"] });
        assert.deepEqual(peerStackDomains(PLANT2, "plant2.example"), { stack: PLANT2 });
        assert.deepEqual(peerStackDomains(PLANT2, [42]), { stack: PLANT2 });
    });

    it("warns when the sibling stacks' domains take the list past the 4,000 Teams accepts", () => {
        const config = tenantWith([], (raw) => (raw.federation = { mode: "allowList", peerStacks: [PLANT2] }));
        const domains = Array.from({ length: 4001 }, (_, i) => `d${i}.example`);
        assert.deepEqual(federationWarnings(config, [{ stack: PLANT2, domains }]), [
            "federation: with the sibling stacks' domains the tenant's allowed domains list would hold 4001 domains, over the 4000 Teams accepts (Set-CsTenantFederationConfiguration), and Teams refuses a longer list: list fewer sibling stacks or domains",
        ]);
        assert.deepEqual(federationWarnings(config, [{ stack: PLANT2, domains: domains.slice(1) }]), []);
    });
});
