import { strict as assert } from "node:assert";
import { ConfigError } from "../../config/problems";
import { bundleNamed, validateConfig } from "../../config/validate";
import { GROUP_LICENSE_TYPE } from "../../licensing/groupLicense";
import { runProgram } from "../../offline/runProgram";
import { resourceNamed, toConfigMap, valueOf } from "../helpers";
import { tenant } from "../setup";
import { problemsOf } from "./support";

/** Names every plain object inherits from `Object.prototype`. */
const INHERITED = ["toString", "constructor", "valueOf", "hasOwnProperty", "__proto__"];

/**
 * A small tenant as JSON text, parsed, so that a key named `__proto__` is an own key, as it is when
 * Pulumi's config (JSON) or YAML is read.
 */
function rawWith(bundle: string, license: string, vendorId = "contoso1"): Record<string, any> {
    return JSON.parse(
        JSON.stringify({
            tenant: { domain: "abc.onmicrosoft.com", usageLocation: "US" },
            licenses: {
                BUNDLE: {
                    skus: [{ sku: "MICROSOFT_REMOTE_ASSIST" }, { sku: "EXCHANGEDESKLESS" }, { sku: "SPE_F5_COMP" }],
                },
            },
            experts: { members: ["alice@abc.onmicrosoft.com"] },
            vendors: [
                {
                    id: vendorId,
                    name: "Contoso1",
                    license: "LICENSE",
                    serviceAccounts: [{ id: "sa1", holder: "bob@contoso1.com" }],
                },
            ],
        })
            .replace('"BUNDLE"', JSON.stringify(bundle))
            .replace('"LICENSE"', JSON.stringify(license)),
    ) as Record<string, any>;
}

describe("config names that Object.prototype also has", () => {
    for (const name of INHERITED) {
        it(`rejects a vendor license of "${name}" when no bundle has that name`, () => {
            assert.deepEqual(problemsOf(rawWith("remote-assist", name)), [
                `vendors[0] (contoso1).license: unknown bundle "${name}"; define it under licenses or use one of: remote-assist`,
            ]);
        });

        it(`keeps a bundle named "${name}" and finds it for the vendor that names it`, () => {
            const config = validateConfig(rawWith(name, name));
            assert.deepEqual(Object.keys(config.licenses), [name]);
            assert.equal(bundleNamed(config.licenses, name)?.name, name);
            assert.deepEqual(
                bundleNamed(config.licenses, name)?.skus.map((s) => s.sku),
                ["MICROSOFT_REMOTE_ASSIST", "EXCHANGEDESKLESS", "SPE_F5_COMP"],
            );
        });
    }

    it("finds no bundle for a name the config does not define, whatever Object.prototype has", () => {
        const { licenses } = validateConfig(rawWith("remote-assist", "remote-assist"));
        assert.deepEqual(
            INHERITED.map((name) => bundleNamed(licenses, name)),
            INHERITED.map(() => undefined),
        );
    });

    it("rejects a vendor license of toString in the program with the config error, not a crash", async () => {
        await assert.rejects(
            runProgram(tenant, toConfigMap(rawWith("remote-assist", "toString"))),
            (e: unknown) => e instanceof ConfigError && e.problems.length === 1,
        );
        assert.deepEqual(tenant.resources, [], "nothing may be registered for invalid config");
    });

    it("assigns a bundle named __proto__ to the license group of the vendor that names it", async () => {
        await runProgram(tenant, toConfigMap(rawWith("__proto__", "__proto__")));
        const assignment = resourceNamed(tenant.resources, GROUP_LICENSE_TYPE, "contoso1-license-assignment");
        assert.deepEqual(
            (assignment.inputs.licenses as { skuId: string }[]).map((l) => l.skuId),
            [
                "7a551360-26c4-4f61-84e6-ef715673e083",
                "80b2d799-d2ba-4d2a-8842-fb0d0f3a4b82",
                "91de26be-adfa-4a3d-989e-9131cc23dda7",
            ],
        );
    });

    it("gives a vendor with the id constructor its own segment group in the information barriers", async () => {
        const outputs = await runProgram(tenant, toConfigMap(rawWith("remote-assist", "remote-assist", "constructor")));
        const barriers = await valueOf(outputs.informationBarriers);
        assert.deepEqual(
            barriers.segments.filter((s) => s.kind === "vendor").map((s) => [s.vendorId, s.userGroupFilter]),
            [["constructor", "MemberOf -eq 'ra-segment-constructor@abc.onmicrosoft.com'"]],
        );
    });
});
