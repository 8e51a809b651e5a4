import { strict as assert } from "node:assert";
import { engineUrn, ROOT_STACK_TYPE } from "../../offline/mocks";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { runProgram } from "../../offline/runProgram";
import { devConfigMap, resourceNamed, valueOf } from "../helpers";
import { tenant } from "../setup";

const PROJECT = "remote-assist-tenancy";
const VENDOR = "remote-assist-tenancy:vendor:Vendor";
const SERVICE_ACCOUNT = "remote-assist-tenancy:vendor:ServiceAccount";
const USER = "azuread:index/user:User";

describe("URNs as the Pulumi engine makes them", () => {
    // The engine's form: urn:pulumi:<stack>::<project>::<parent types $ ... $ type>::<name>
    // (pulumi/pulumi sdk/go/common/resource/urn.go; the README's `pulumi state unprotect` example).
    const vendor = `urn:pulumi:prod::${PROJECT}::${VENDOR}::contoso2`;
    const account = `urn:pulumi:prod::${PROJECT}::${VENDOR}$${SERVICE_ACCOUNT}::contoso2-sa1`;
    const user = `urn:pulumi:prod::${PROJECT}::${VENDOR}$${SERVICE_ACCOUNT}$${USER}::contoso2-sa1-user`;

    it("names stack, project, type and name for a resource without a parent", () => {
        assert.equal(engineUrn({ stack: "prod", project: PROJECT, type: VENDOR, name: "contoso2" }), vendor);
    });

    it("chains every ancestor's type, not only the parent's, for a resource in a nested component", () => {
        assert.equal(
            engineUrn({ stack: "prod", project: PROJECT, parent: vendor, type: SERVICE_ACCOUNT, name: "contoso2-sa1" }),
            account,
        );
        assert.equal(
            engineUrn({ stack: "prod", project: PROJECT, parent: account, type: USER, name: "contoso2-sa1-user" }),
            user,
        );
    });

    it("leaves the root stack's type out of its children's URNs", () => {
        const stack = `urn:pulumi:prod::${PROJECT}::${ROOT_STACK_TYPE}::${PROJECT}-prod`;
        assert.equal(
            engineUrn({ stack: "prod", project: PROJECT, parent: stack, type: VENDOR, name: "contoso2" }),
            vendor,
        );
    });
});

describe("URNs the offline tenant records", () => {
    before(async () => {
        await runProgram(tenant, devConfigMap());
    });

    it("gives a service account's user the URN pulumi state unprotect takes, with the stack's name", () => {
        assert.equal(
            resourceNamed(tenant.resources, USER, "contoso2-sa1-user").urn,
            `urn:pulumi:dev::${PROJECT}::${VENDOR}$${SERVICE_ACCOUNT}$${USER}::contoso2-sa1-user`,
        );
    });

    it("gives every resource its parent's whole type chain, and records parents that were registered", () => {
        const urns = new Set(tenant.resources.map((r) => r.urn));
        for (const r of tenant.resources) {
            assert.ok(
                r.parent === "" || urns.has(r.parent),
                `${r.urn} has a parent that was not recorded: ${r.parent}`,
            );
            assert.equal(
                r.urn,
                engineUrn({ stack: "dev", project: PROJECT, parent: r.parent, type: r.type, name: r.name }),
            );
        }
        assert.ok(
            tenant.resources.some((r) => r.urn.split("::")[2].split("$").length === 3),
            "no resource three components deep: the check above saw no nested component",
        );
    });

    it("answers the program with the URN it records, so a resource's urn output and plan.json agree", async () => {
        tenant.reset();
        const outer = new pulumi.ComponentResource("remote-assist-tenancy:test:Outer", "outer");
        const inner = new pulumi.ComponentResource("remote-assist-tenancy:test:Inner", "inner", {}, { parent: outer });
        const leaf = new random.RandomPassword("leaf", { length: 8 }, { parent: inner });
        const expected = `urn:pulumi:dev::${PROJECT}::remote-assist-tenancy:test:Outer$remote-assist-tenancy:test:Inner$random:index/randomPassword:RandomPassword::leaf`;
        assert.equal(await valueOf(leaf.urn), expected);
        await tenant.settle();
        assert.equal(
            resourceNamed(tenant.resources, "random:index/randomPassword:RandomPassword", "leaf").urn,
            expected,
        );
    });
});
