import { strict as assert } from "node:assert";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { POLICIES } from "../../policy/policies";
import { runProgram } from "../../offline/runProgram";
import { isSecretValue } from "../../offline/mocks";
import { readStackConfigFile } from "../../offline/stackFile";
import { devConfigMap } from "../helpers";
import { tenant } from "../setup";
import { validate } from "./harness";

const PACK = path.join(__dirname, "..", "..", "policy");

describe("policy pack", () => {
    it("holds only mandatory policies with unique names", () => {
        const names = POLICIES.map((p) => p.name);
        assert.deepEqual(names, [...new Set(names)]);
        assert.deepEqual(
            POLICIES.filter((p) => p.enforcementLevel !== "mandatory").map((p) => p.name),
            [],
        );
    });

    it("requires the host tenant's domain as config of the UPN policy", () => {
        const upn = POLICIES.find((p) => p.name === "user-upn-in-host-tenant");
        assert.deepEqual(upn?.configSchema?.required, ["domain"]);
    });

    it("is a Node.js pack whose entry point exists and whose version the PolicyPack reads", () => {
        const project = parse(readFileSync(path.join(PACK, "PulumiPolicy.yaml"), "utf8")) as { runtime: string };
        assert.equal(project.runtime, "nodejs");
        const pkg = JSON.parse(readFileSync(path.join(PACK, "package.json"), "utf8")) as Record<string, unknown>;
        assert.match(String(pkg.version), /^\d+\.\d+\.\d+$/);
        assert.ok(existsSync(path.join(PACK, String(pkg.main))), `main ${String(pkg.main)} does not exist`);
    });

    it("declares no dependencies of its own, so whether or not the CLI runs npm install in it, they come from the root", () => {
        const pkg = JSON.parse(readFileSync(path.join(PACK, "package.json"), "utf8")) as Record<string, unknown>;
        assert.equal(pkg.dependencies, undefined);
        assert.equal(pkg.devDependencies, undefined);
        for (const dependency of ["@pulumi/policy", "@pulumi/pulumi/cmd/run-policy-pack", "typescript", "ts-node"]) {
            assert.doesNotThrow(
                () => require.resolve(dependency, { paths: [PACK] }),
                `${dependency} does not resolve from policy/`,
            );
        }
    });

    /** The stacks whose every resource must pass: the dev stack, and the stack npm run adopt wrote, with adopted groups. */
    const STACKS: [string, () => Record<string, string>][] = [
        ["the dev stack", devConfigMap],
        [
            "the stack adopted from the hand-built tenant",
            () => readStackConfigFile(path.join(__dirname, "..", "adopt", "expected", "Pulumi.prod.yaml")),
        ],
    ];

    for (const [stack, configMap] of STACKS) {
        it(`passes everything ${stack} registers, as the policy server hands it over`, async () => {
            const map = configMap();
            await runProgram(tenant, map);
            // The policy config the workflows pass: the stack's tenant.domain and tenant.domains.
            const { domain, domains } = JSON.parse(map["remote-assist-tenancy:tenant"]) as {
                domain: string;
                domains?: string[];
            };
            const failures: string[] = [];
            for (const resource of tenant.resources.filter((r) => r.custom)) {
                // The policy server hands over plain values; secrets are unwrapped before policies see them.
                const props = Object.fromEntries(
                    Object.entries(resource.inputs).map(([k, v]) => [k, isSecretValue(v) ? v.value : v]),
                );
                for (const policy of POLICIES) {
                    const outcome = await validate(policy, {
                        type: resource.type,
                        name: resource.name,
                        // The engine's URN, with the parents' types that groupKindByRole reads an adopted group's role from.
                        urn: resource.urn,
                        props,
                        protect: resource.protect,
                        config: { domain, domains: domains ?? [] },
                    });
                    failures.push(
                        ...outcome.violations.map((v) => `${resource.type} ${resource.name}: [${policy.name}] ${v}`),
                        ...(outcome.cannotRun
                            ? [`${resource.type} ${resource.name}: [${policy.name}] ${outcome.cannotRun}`]
                            : []),
                    );
                }
            }
            assert.deepEqual(failures, []);
        });
    }
});
