import { strict as assert } from "node:assert";
import { runProgram } from "../offline/runProgram";
import { devRawConfig, toConfigMap } from "./helpers";
import { tenant } from "./setup";

/**
 * A resource's URN is its identity in the stack's state: a URN that changes between two versions
 * of the program reads to the engine as one resource deleted and another created. For a password
 * that means a new password for every service account; for a protected user, a failed run. The
 * URN carries the chain of parent types, so moving a resource to another parent (or dropping its
 * `parent`) changes it. These are the URNs of the dev stack with credentials in Key Vault, exactly.
 */
describe("the URNs of the stack's resources", () => {
    let urns: string[];
    before(async () => {
        const raw = devRawConfig();
        await runProgram(
            tenant,
            toConfigMap({
                ...raw,
                credentials: { resourceGroupName: "rg-identity", vaultName: "kv-abc-remote-assist" },
            }),
        );
        const prefix = "urn:pulumi:dev::remote-assist-tenancy::";
        urns = tenant.resources.map((r) => r.urn.replace(prefix, "")).sort();
    });

    const VENDOR = "remote-assist-tenancy:vendor:Vendor";
    const ACCOUNT = `${VENDOR}$remote-assist-tenancy:vendor:ServiceAccount`;
    const LICENSE = `${VENDOR}$remote-assist-tenancy:vendor:LicenseGroup`;
    const GUEST = `${VENDOR}$remote-assist-tenancy:vendor:GuestInvitation`;

    it("keeps every password, user and Key Vault secret under its service account, under its vendor", () => {
        const account = (id: string) => [
            `${ACCOUNT}$azure-native:keyvault:Secret::${id}-credential`,
            `${ACCOUNT}$azuread:index/user:User::${id}-user`,
            `${ACCOUNT}$random:index/randomPassword:RandomPassword::${id}-password`,
            `${ACCOUNT}::${id}`,
        ];
        assert.deepEqual(
            urns.filter((u) => u.startsWith(`${ACCOUNT}`)),
            [
                ...account("contoso1-sa1"),
                ...account("contoso1-sa2"),
                ...account("contoso2-sa1"),
                ...account("contractor-user-sa3"),
            ].sort(),
        );
    });

    it("keeps license groups, segment groups, guests and memberships under their vendor", () => {
        const licenseGroup = (id: string) => [
            `${LICENSE}$azuread:index/group:Group::${id}-license-group`,
            `${LICENSE}$pulumi-nodejs:dynamic/remote-assist-tenancy:GroupLicense::${id}-license-assignment`,
            `${LICENSE}::${id}-license`,
        ];
        const guest = (vendor: string, email: string) => [
            `${GUEST}$azuread:index/groupMember:GroupMember::${vendor}-guest-${email}-team-member`,
            `${GUEST}$azuread:index/invitation:Invitation::${vendor}-guest-${email}-invitation`,
            `${GUEST}::${vendor}-guest-${email}`,
        ];
        assert.deepEqual(
            urns.filter((u) => u.startsWith(VENDOR) && !u.startsWith(ACCOUNT)),
            [
                ...guest("contoso1", "carol@contoso1.com"),
                ...guest("contoson", "nina@contoson.com"),
                ...licenseGroup("contoso1"),
                ...licenseGroup("contoso2"),
                ...licenseGroup("contractor-user"),
                `${VENDOR}$azuread:index/group:Group::contoso1-segment`,
                `${VENDOR}$azuread:index/group:Group::contoso2-segment`,
                `${VENDOR}$azuread:index/group:Group::contractor-user-segment`,
                `${VENDOR}::contoso1`,
                `${VENDOR}::contoso2`,
                `${VENDOR}::contoson`,
                `${VENDOR}::contractor-user`,
            ].sort(),
        );
    });

    it("keeps the experts' segment, the service accounts' group and the Teams barriers app under their components", () => {
        assert.deepEqual(
            urns.filter((u) => !u.startsWith(VENDOR)),
            [
                "remote-assist-tenancy:barriers:ServiceAccountsGroup$azuread:index/group:Group::service-accounts-group",
                "remote-assist-tenancy:barriers:ServiceAccountsGroup::service-accounts",
                "remote-assist-tenancy:barriers:TeamsBarriersApp$azuread:index/servicePrincipal:ServicePrincipal::teams-information-barriers-service-principal",
                "remote-assist-tenancy:barriers:TeamsBarriersApp::teams-information-barriers",
                "remote-assist-tenancy:experts:ExpertsSegment$azuread:index/group:Group::experts-segment",
                "remote-assist-tenancy:experts:ExpertsSegment::experts",
            ],
        );
    });
});
