import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import type { InformationBarriersOutput } from "../barriers/output";
import { ConfigError } from "../config/problems";
import { runProgram, StackOutputs } from "../offline/runProgram";
import { devConfigMap, devRawConfig, ofType, toConfigMap, valueOf } from "./helpers";
import { tenant } from "./setup";

const USER = "azuread:index/user:User";
const GROUP = "azuread:index/group:Group";
const INVITATION = "azuread:index/invitation:Invitation";
const MEMBER = "azuread:index/groupMember:GroupMember";

describe("the stack program with Pulumi.dev.yaml (Tenant ABC)", () => {
    let outputs: StackOutputs;
    before(async () => {
        outputs = await runProgram(tenant, devConfigMap());
    });

    it("creates a service account for Bob, Toni, the outlook.com contractor and suspended Contoso2, and nobody else", () => {
        const users = ofType(tenant.resources, USER).map((u) => [u.inputs.userPrincipalName, u.inputs.accountEnabled]);
        assert.deepEqual(users.sort(), [
            ["sa-contoso1-sa1@abc.onmicrosoft.com", true],
            ["sa-contoso1-sa2@abc.onmicrosoft.com", true],
            ["sa-contoso2-sa1@abc.onmicrosoft.com", false],
            ["sa-contractor-user-sa3@abc.onmicrosoft.com", true],
        ]);
    });

    it("invites Contoso1's and ContosoN's guests and adds both to the experts' team", () => {
        assert.deepEqual(
            ofType(tenant.resources, INVITATION)
                .map((i) => i.inputs.userEmailAddress)
                .sort(),
            ["carol@contoso1.com", "nina@contoson.com"],
        );
        assert.deepEqual(
            ofType(tenant.resources, MEMBER).map((m) => m.inputs.groupObjectId),
            ["00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000001"],
        );
    });

    it("creates license and segment groups only for vendors with service accounts, plus the experts' and the service accounts' groups", () => {
        assert.deepEqual(
            ofType(tenant.resources, GROUP)
                .map((g) => g.inputs.displayName)
                .sort(),
            [
                "RA License - Contoso1",
                "RA License - Contoso2",
                "RA License - Outlook contractor",
                "RA Segment - Contoso1",
                "RA Segment - Contoso2",
                "RA Segment - Contractors",
                "RA Segment - Experts",
                "RA Service Accounts",
            ],
        );
    });

    it("declares the service principal of Microsoft's information-barriers app for Teams", () => {
        assert.deepEqual(
            ofType(tenant.resources, "azuread:index/servicePrincipal:ServicePrincipal").map((r) => r.inputs.clientId),
            ["bcf62038-e005-436d-b970-2a472f8c1982"],
        );
    });

    it("puts every service account, suspended or not, in the group the internal segment excludes", () => {
        const group = tenant.resources.find((r) => r.type === GROUP && r.inputs.displayName === "RA Service Accounts");
        const ids = ofType(tenant.resources, USER).map((u) => u.outputs.objectId);
        assert.deepEqual(group?.inputs.members, ids);
    });

    it("looks up the two experts instead of creating them", () => {
        assert.deepEqual(
            tenant.calls.map((c) => c.args.userPrincipalName),
            ["alice@abc.onmicrosoft.com", "dan@abc.onmicrosoft.com"],
        );
    });

    it("exports what each vendor got, with no credential in it", async () => {
        const vendors = await valueOf(outputs.vendors);
        assert.deepEqual(Object.keys(vendors), ["contoso1", "contractor-user", "contoson", "contoso2"]);
        assert.deepEqual(
            vendors.contoso2.serviceAccounts.map((a) => [a.userPrincipalName, a.holder, a.enabled]),
            [["sa-contoso2-sa1@abc.onmicrosoft.com", "erin@contoso2.com", false]],
        );
        assert.equal(vendors.contoson.licenseGroupId, undefined);
        assert.equal(vendors.contoson.membersWithLicenseErrors, undefined);
        assert.deepEqual(vendors.contoso1.membersWithLicenseErrors, []);
        assert.equal(vendors.contoson.segmentGroupId, undefined);
        assert.equal(vendors.contoson.segment, undefined);
        assert.equal(vendors.contoso1.segment, "Contoso1");
        assert.deepEqual(
            vendors.contoson.guests.map((g) => g.email),
            ["nina@contoson.com"],
        );
        assert.equal(await pulumi.isSecret(outputs.vendors), false);
        assert.ok(!JSON.stringify(vendors).includes("Mock!"), "a password leaked into the vendors output");
    });

    it("exports the passwords only as one secret output, per vendor and UPN", async () => {
        assert.equal(await pulumi.isSecret(outputs.credentials), true);
        const credentials = await valueOf(outputs.credentials);
        assert.deepEqual(Object.keys(credentials.contoso1), [
            "sa-contoso1-sa1@abc.onmicrosoft.com",
            "sa-contoso1-sa2@abc.onmicrosoft.com",
        ]);
        assert.deepEqual(credentials.contoson, {});
    });
});

describe("the stack program with informationBarriers options", () => {
    it("declares no service principal when informationBarriers.teamsServicePrincipal is false", async () => {
        const raw = devRawConfig();
        raw.informationBarriers = { teamsServicePrincipal: false };
        await runProgram(tenant, toConfigMap(raw));
        assert.equal(ofType(tenant.resources, "azuread:index/servicePrincipal:ServicePrincipal").length, 0);
    });

    it("creates no service accounts' group without an internal segment", async () => {
        const raw = devRawConfig();
        raw.informationBarriers = { internalSegment: false, legacy: true };
        await runProgram(tenant, toConfigMap(raw));
        assert.ok(!ofType(tenant.resources, GROUP).some((g) => g.inputs.displayName === "RA Service Accounts"));
    });

    it("keeps the service accounts' group without an internal segment while experts.segmentFilter must exclude them", async () => {
        const raw = devRawConfig();
        raw.informationBarriers = { internalSegment: false, legacy: true };
        raw.experts.segmentFilter = "Department -eq 'Field Experts'";
        const outputs = await runProgram(tenant, toConfigMap(raw));
        const group = ofType(tenant.resources, GROUP).find((g) => g.inputs.displayName === "RA Service Accounts");
        assert.equal((group?.inputs.members as string[] | undefined)?.length, 4);
        const barriers = (await valueOf(outputs.informationBarriers)) as InformationBarriersOutput;
        assert.equal(
            barriers.segments[0].userGroupFilter,
            `(Department -eq 'Field Experts') -and MemberOf -ne '${String(group?.outputs.mail)}'`,
        );
    });
});

describe("the stack program with invalid config", () => {
    it("fails with the path-by-path problem list and registers nothing", async () => {
        const raw = devRawConfig();
        raw.vendors[0].guests[0].email = "carol";
        raw.tenant.usageLocation = "USA";
        await assert.rejects(runProgram(tenant, toConfigMap(raw)), (e: unknown) => {
            assert.ok(e instanceof ConfigError);
            assert.deepEqual(e.problems, [
                'tenant.usageLocation: "USA" is not an ISO 3166-1 alpha-2 country code, e.g. US or DE',
                'vendors[0] (contoso1).guests[0].email: "carol" is not an email address, e.g. bob@contoso1.com',
            ]);
            return true;
        });
        assert.equal(tenant.resources.length, 0);
        assert.equal(tenant.calls.length, 0);
    });

    it("says which shape was expected when a structured key holds a plain string", async () => {
        const map = { ...devConfigMap(), "remote-assist-tenancy:tenant": "abc.onmicrosoft.com" };
        await assert.rejects(runProgram(tenant, map), {
            problems: ['tenant: expected a mapping, got a string ("abc.onmicrosoft.com")'],
        });
    });
});
