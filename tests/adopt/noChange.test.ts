/**
 * The guarantee that makes adoption safe: after `pulumi import --file import.json`, the first
 * `pulumi up` of the adopted config resets no password, invites nobody again, removes no member and
 * changes no property an imported object has; it only creates what the hand-made set-up never had.
 * Checked by running the real program under the mocks, with the imported resources answering as the
 * engine's state would (their ids and object ids), against what the loopback Graph served.
 */
import { strict as assert } from "node:assert";
import { parseDocument } from "yaml";
import { ADOPTED_USER_PASSWORD, ADOPTED_USER_UNMANAGED } from "../../components/adopted";
import { importFileUrns, type ImportFile } from "../../adopt/importFile";
import { createGroupLicenseProvider } from "../../licensing/groupLicenseProvider";
import type { GraphGroup, GraphUser } from "../../loopback/directory";
import { isSecretValue, type RecordedResource } from "../../offline/mocks";
import { POLICIES } from "../../policy/policies";
import { runProgram } from "../../offline/runProgram";
import { handBuiltTenant, ID } from "../fixtures/handBuiltTenant";
import { ofType, resourceNamed } from "../helpers";
import { tenant } from "../setup";
import { FAST, LOOPBACK_CREDENTIAL, loopbackTenant } from "../tenant/harness";
import { validate } from "../policy/harness";
import { adopt } from "./harness";

const USER = "azuread:index/user:User";
const GROUP = "azuread:index/group:Group";
const MEMBER = "azuread:index/groupMember:GroupMember";
const LICENSE = "pulumi-nodejs:dynamic/remote-assist-tenancy:GroupLicense";

interface Adopted {
    readonly file: ImportFile;
    readonly resources: readonly RecordedResource[];
}

describe("adopting changes nothing the tenant has on the first pulumi up", () => {
    const loopback = loopbackTenant();
    const graphUsers = new Map<string, GraphUser>(handBuiltTenant().users.map((u) => [u.id, u]));
    const graphGroups = new Map<string, GraphGroup>(handBuiltTenant().groups.map((g) => [g.id, g]));
    let adopted: Adopted | undefined;

    /** Adopts the hand-built tenant, then runs the program as the first pulumi up after the import would. */
    async function adoptAndRun(): Promise<Adopted> {
        if (adopted) {
            return adopted;
        }
        const run = await adopt(loopback.graph(), [
            "--domain",
            "abc.onmicrosoft.com",
            "--team",
            ID.team,
            "--hints",
            "hints.yaml",
        ]);
        assert.equal(run.code, 0, run.stderr);
        const file = JSON.parse(run.files["import.json"]) as ImportFile;
        const config = (parseDocument(run.files["Pulumi.prod.yaml"]).toJS() as { config: Record<string, unknown> })
            .config;
        const map = Object.fromEntries(
            Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
        );
        tenant.setImported(
            file.resources
                .filter((e) => e.id !== undefined)
                .map((e) => ({
                    type: e.type,
                    name: e.logicalName ?? e.name,
                    id: e.id!,
                    ...(e.id!.startsWith("/") ? { objectId: e.id!.slice(e.id!.lastIndexOf("/") + 1) } : {}),
                })),
        );
        try {
            await runProgram(tenant, map);
            adopted = { file, resources: [...tenant.resources] };
        } finally {
            tenant.setImported([]);
        }
        return adopted;
    }

    it("imports every resource that stands for an existing object, with the type, name and parent chain the program gives it", async () => {
        const { file, resources } = await adoptAndRun();
        const recorded = new Map(resources.map((r) => [r.urn, r]));
        for (const [name, urn] of importFileUrns(file, tenant.stack)) {
            const r = recorded.get(urn);
            assert.ok(r, `import entry ${name} becomes ${urn}, which the program does not register`);
            assert.equal(r.type, file.resources.find((e) => e.name === name)?.type);
        }
    });

    it("creates only what the hand-made set-up never had: segment groups, new license groups, license assignments, RA Service Accounts, the barriers app", async () => {
        const { file, resources } = await adoptAndRun();
        const imported = new Set(importFileUrns(file, tenant.stack).values());
        const created = resources
            .filter((r) => r.custom && !imported.has(r.urn))
            .map((r) => `${r.type} ${r.name}`)
            .sort();
        assert.deepEqual(created, [
            "azuread:index/group:Group contoso1-segment",
            "azuread:index/group:Group contoso2-license-group",
            "azuread:index/group:Group contoso2-segment",
            "azuread:index/group:Group contractors-license-group",
            "azuread:index/group:Group contractors-segment",
            "azuread:index/group:Group experts-segment",
            "azuread:index/group:Group obrien-license-group",
            "azuread:index/group:Group obrien-segment",
            "azuread:index/group:Group service-accounts-group",
            "azuread:index/servicePrincipal:ServicePrincipal teams-information-barriers-service-principal",
            `${LICENSE} contoso1-license-assignment`,
            `${LICENSE} contoso2-license-assignment`,
            `${LICENSE} contractors-license-assignment`,
            `${LICENSE} obrien-license-assignment`,
        ]);
        // A component pulumi up creates (none is in the tenant) must not be the parent of an imported resource.
        for (const c of resources.filter((r) => !r.custom && !imported.has(r.urn))) {
            assert.deepEqual(
                resources.filter((r) => r.parent === c.urn && imported.has(r.urn)).map((r) => r.name),
                [],
                `${c.name} is left to pulumi up, yet an imported resource is its child`,
            );
        }
    });

    it("resets no password and invites nobody again: no generated password, no invitation", async () => {
        const { resources } = await adoptAndRun();
        assert.deepEqual(ofType(resources, "random:index/randomPassword:RandomPassword"), []);
        assert.deepEqual(ofType(resources, "azuread:index/invitation:Invitation"), []);
        for (const user of ofType(resources, USER)) {
            assert.equal(user.inputs.password, undefined, user.name);
            assert.ok(
                [...ADOPTED_USER_PASSWORD, ...ADOPTED_USER_UNMANAGED].every((p) => user.ignoreChanges.includes(p)),
                `${user.name} leaves its password and unmanaged attributes alone`,
            );
        }
    });

    it("sets on each imported service account exactly what Graph returned for it, and nothing else", async () => {
        const { resources } = await adoptAndRun();
        const users = ofType(resources, USER);
        assert.equal(users.length, 5);
        for (const user of users) {
            const graph = graphUsers.get(String(user.outputs.objectId));
            assert.ok(graph, `${user.name} is an imported user`);
            assert.deepEqual(
                user.inputs,
                {
                    userPrincipalName: graph.userPrincipalName,
                    mailNickname: graph.mailNickname,
                    displayName: graph.displayName,
                    usageLocation: graph.usageLocation,
                    accountEnabled: graph.accountEnabled,
                },
                user.name,
            );
        }
    });

    it("keeps the adopted license group's name and kind, and exactly the members it has", async () => {
        const { resources } = await adoptAndRun();
        const group = resourceNamed(resources, GROUP, "contoso1-license-group");
        const graph = graphGroups.get(ID.contoso1Licenses)!;
        assert.deepEqual(
            {
                displayName: group.inputs.displayName,
                mailNickname: group.inputs.mailNickname,
                securityEnabled: group.inputs.securityEnabled,
                mailEnabled: group.inputs.mailEnabled,
                assignableToRole: group.inputs.assignableToRole,
                members: [...(group.inputs.members as string[])].sort(),
            },
            {
                displayName: graph.displayName,
                mailNickname: graph.mailNickname,
                securityEnabled: graph.securityEnabled,
                mailEnabled: graph.mailEnabled,
                assignableToRole: graph.isAssignableToRole,
                members: [...graph.members].sort(),
            },
        );
        assert.ok(group.ignoreChanges.includes("description"), "its description stays as the tenant has it");
    });

    it("keeps every guest's membership of the experts' team as Graph lists it", async () => {
        const { resources } = await adoptAndRun();
        const team = graphGroups.get(ID.team)!;
        const memberships = ofType(resources, MEMBER).map((m) => [m.inputs.groupObjectId, m.inputs.memberObjectId]);
        assert.deepEqual(
            memberships,
            [ID.carol, ID.nina, ID.sean].map((id) => [ID.team, id]),
        );
        assert.ok(memberships.every(([, member]) => team.members.includes(String(member))));
    });

    it("passes the policy pack the workflows run, given tenant.domains as they pass it", async () => {
        const { resources } = await adoptAndRun();
        const failures: string[] = [];
        for (const resource of resources.filter((r) => r.custom)) {
            const props = Object.fromEntries(
                Object.entries(resource.inputs).map(([k, v]) => [k, isSecretValue(v) ? v.value : v]),
            );
            for (const policy of POLICIES) {
                const outcome = await validate(policy, {
                    type: resource.type,
                    name: resource.name,
                    urn: resource.urn,
                    props,
                    protect: resource.protect,
                    config: { domain: "abc.onmicrosoft.com", domains: ["abc.com"] },
                });
                failures.push(...outcome.violations.map((v) => `${resource.name}: [${policy.name}] ${v}`));
            }
        }
        assert.deepEqual(failures, []);
    });

    it("creates the adopted group's license assignment without a write: the group already has the bundle, and none of it becomes the stack's", async () => {
        const { resources } = await adoptAndRun();
        const assignment = resourceNamed(resources, LICENSE, "contoso1-license-assignment");
        const graph = loopback.graph();
        graph.directory = undefined;
        graph.addGroup(
            ID.contoso1Licenses,
            (
                graphGroups.get(ID.contoso1Licenses)!.assignedLicenses as { skuId: string; disabledPlans: string[] }[]
            ).map((l) => ({ ...l })),
        );
        const warnings: string[] = [];
        const provider = createGroupLicenseProvider({
            credential: () => LOOPBACK_CREDENTIAL,
            environment: {},
            settings: FAST,
            warn: (w) => warnings.push(w),
        });
        const inputs = { ...(assignment.inputs as Record<string, unknown>), graphEndpoint: graph.endpoint };
        const result = await provider.create!(inputs as never);
        assert.equal(result.id, ID.contoso1Licenses);
        assert.deepEqual(result.outs?.managedSkuIds, []);
        assert.deepEqual(graph.assignments(), [], "no assignLicense was sent");
        assert.deepEqual(warnings, []);
    });
});
