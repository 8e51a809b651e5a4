import { strict as assert } from "node:assert";
import { validateConfig } from "../../config/validate";
import { STACK_REFERENCE_TYPE } from "../../offline/mocks";
import { runProgram } from "../../offline/runProgram";
import { informationBarriersScript, teamsFederationScript } from "../../runbooks";
import { devRawConfig, ofType, toConfigMap, valueOf } from "../helpers";
import { tenant } from "../setup";

const PLANT2 = "acme/remote-assist-tenancy/plant2";

describe("the runbooks as stack outputs", () => {
    afterEach(() => tenant.setStackOutputs(new Map()));

    it("exports both runbooks exactly as the runbook functions write them for the dev stack", async () => {
        const raw = devRawConfig();
        const outputs = await runProgram(tenant, toConfigMap(raw));
        const config = validateConfig(raw);
        assert.equal(outputs.informationBarriersScript, informationBarriersScript(config, { stack: "dev" }));
        assert.equal(await valueOf(outputs.teamsFederationScript), teamsFederationScript(config, [], { stack: "dev" }));
    });

    it("exports the host tenant's own domain for its sibling stacks", async () => {
        const outputs = await runProgram(tenant, toConfigMap(devRawConfig()));
        assert.deepEqual(outputs.tenantDomains, ["abc.onmicrosoft.com"]);
    });

    it("reads each peer stack through a stack reference and allows the domains it exports", async () => {
        const raw = devRawConfig();
        raw.federation = { mode: "allowList", peerStacks: [PLANT2] };
        tenant.setStackOutputs(new Map([[PLANT2, { tenantDomains: ["plant2.onmicrosoft.com"] }]]));
        const outputs = await runProgram(tenant, toConfigMap(raw));
        assert.deepEqual(
            ofType(tenant.resources, STACK_REFERENCE_TYPE).map((r) => r.name),
            [PLANT2],
        );
        assert.match(
            await valueOf(outputs.teamsFederationScript),
            /^ {4}New-CsEdgeDomainPattern -Domain 'plant2\.onmicrosoft\.com' # peer stack acme\/remote-assist-tenancy\/plant2$/m,
        );
    });

    it("makes the federation runbook refuse to run while a peer stack exports no domains", async () => {
        const raw = devRawConfig();
        raw.federation = { mode: "allowList", peerStacks: [PLANT2] };
        const outputs = await runProgram(tenant, toConfigMap(raw));
        assert.match(
            await valueOf(outputs.teamsFederationScript),
            /^throw 'Peer stack acme\/remote-assist-tenancy\/plant2 exports no tenantDomains;/m,
        );
    });
});
