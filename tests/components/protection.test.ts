/**
 * Nothing lost by a mistaken removal: every resource whose delete loses access, licences or data is
 * protected, so removing a vendor from config is refused until its resources are unprotected on
 * purpose (README, Offboarding). Checked per resource type over a whole program run.
 */
import { strict as assert } from "node:assert";
import { runProgram } from "../../offline/runProgram";
import { devRawConfig, ofType, toConfigMap } from "../helpers";
import { tenant } from "../setup";

/** Every type whose delete loses something, with what it loses. */
const PROTECTED: readonly [string, string][] = [
    ["azuread:index/user:User", "the service account with its mailbox, files and chats"],
    ["azuread:index/invitation:Invitation", "the guest user"],
    ["azuread:index/group:Group", "the license, segment, experts' and service accounts' groups"],
    ["azuread:index/groupMember:GroupMember", "a guest's membership of the experts' team"],
    ["pulumi-nodejs:dynamic/remote-assist-tenancy:GroupLicense", "the bundle's licenses of every member"],
    ["azure-native:keyvault:Secret", "the stored credential"],
];

describe("protection of what a mistaken removal would lose", () => {
    before(async () => {
        const raw = devRawConfig();
        raw.credentials = { resourceGroupName: "rg-identity", vaultName: "kv-abc-remote-assist" };
        await runProgram(tenant, toConfigMap(raw));
    });

    for (const [type, loses] of PROTECTED) {
        it(`protects every ${type} (its delete loses ${loses})`, () => {
            const resources = ofType(tenant.resources, type);
            assert.ok(resources.length > 0, `the dev stack registers no ${type}`);
            assert.deepEqual(
                resources.filter((r) => !r.protect).map((r) => r.name),
                [],
            );
        });
    }

    it("leaves unprotected only what loses nothing in the tenant: components, passwords, Microsoft's service principal", () => {
        const unprotected = new Set(tenant.resources.filter((r) => !r.protect).map((r) => r.type));
        assert.deepEqual([...unprotected].sort(), [
            "azuread:index/servicePrincipal:ServicePrincipal",
            "random:index/randomPassword:RandomPassword",
            "remote-assist-tenancy:barriers:ServiceAccountsGroup",
            "remote-assist-tenancy:barriers:TeamsBarriersApp",
            "remote-assist-tenancy:experts:ExpertsSegment",
            "remote-assist-tenancy:vendor:GuestInvitation",
            "remote-assist-tenancy:vendor:LicenseGroup",
            "remote-assist-tenancy:vendor:ServiceAccount",
            "remote-assist-tenancy:vendor:Vendor",
        ]);
    });
});
