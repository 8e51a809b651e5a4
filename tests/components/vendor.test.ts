import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { Vendor, VendorArgs } from "../../components/vendor";
import type { LicenseBundle, VendorConfig } from "../../config/types";
import type { RecordedResource } from "../../offline/mocks";
import { ofType, resourceNamed, valueOf } from "../helpers";
import { tenant } from "../setup";

const USER = "azuread:index/user:User";
const GROUP = "azuread:index/group:Group";
const INVITATION = "azuread:index/invitation:Invitation";
const MEMBER = "azuread:index/groupMember:GroupMember";
const TEAM = "00000000-0000-0000-0000-000000000001";

const BUNDLE: LicenseBundle = {
    name: "remote-assist",
    skus: [{ sku: "MICROSOFT_REMOTE_ASSIST", skuId: "7a551360-26c4-4f61-84e6-ef715673e083", disabledPlans: [] }],
};

function contoso1(overrides: Partial<VendorConfig> = {}): VendorConfig {
    return {
        id: "contoso1",
        name: "Contoso1",
        domains: ["contoso1.com"],
        license: "remote-assist",
        segment: "Contoso1",
        canTalkTo: ["Experts"],
        state: "active",
        serviceAccounts: [
            { id: "sa1", holder: "bob@contoso1.com", usageLocation: "DE" },
            { id: "sa2", holder: "toni@contoso1.com", usageLocation: "US" },
        ],
        guests: [{ email: "carol@contoso1.com", name: "Carol Ng", redirectUrl: "https://teams.microsoft.com" }],
        ...overrides,
    };
}

async function build(name: string, vendor: VendorConfig, extra: Partial<VendorArgs> = {}): Promise<Vendor> {
    tenant.reset();
    const component = new Vendor(name, {
        vendor,
        tenant: {
            domain: "abc.onmicrosoft.com",
            domains: ["abc.onmicrosoft.com"],
            usageLocation: "US",
            name: "Tenant ABC",
        },
        license: vendor.serviceAccounts.length > 0 ? BUNDLE : undefined,
        expertsTeamId: TEAM,
        ...extra,
    });
    await tenant.settle();
    return component;
}

/** Object ids the mock gave the users, by UPN. */
async function userIds(vendor: Vendor): Promise<string[]> {
    return (await valueOf(vendor.serviceAccounts)).map((a) => a.objectId);
}

function members(group: RecordedResource): unknown {
    return group.inputs.members;
}

describe("Vendor", () => {
    it("creates one service account per config entry with its UPN, usage location and company", async () => {
        await build("contoso1", contoso1());
        const users = ofType(tenant.resources, USER).map((u) => ({
            upn: u.inputs.userPrincipalName,
            usageLocation: u.inputs.usageLocation,
            companyName: u.inputs.companyName,
            accountEnabled: u.inputs.accountEnabled,
        }));
        assert.deepEqual(
            users.sort((a, b) => String(a.upn).localeCompare(String(b.upn))),
            [
                {
                    upn: "sa-contoso1-sa1@abc.onmicrosoft.com",
                    usageLocation: "DE",
                    companyName: "Contoso1",
                    accountEnabled: true,
                },
                {
                    upn: "sa-contoso1-sa2@abc.onmicrosoft.com",
                    usageLocation: "US",
                    companyName: "Contoso1",
                    accountEnabled: true,
                },
            ],
        );
    });

    it("puts exactly the active service accounts in a protected, non-mail security group named for the vendor", async () => {
        const vendor = await build("contoso1", contoso1());
        const group = resourceNamed(tenant.resources, GROUP, "contoso1-license-group");
        const { members: m, ...inputs } = group.inputs;
        assert.deepEqual(inputs, {
            displayName: "RA License - Contoso1",
            mailNickname: "ra-license-contoso1",
            description:
                "Remote Assist licenses (remote-assist) for the active service accounts of Contoso1. Managed by the remote-assist-tenancy stack.",
            securityEnabled: true,
            mailEnabled: false,
            assignableToRole: false,
            preventDuplicateNames: true,
        });
        assert.deepEqual(m, await userIds(vendor));
        assert.equal(group.protect, true);
    });

    it("makes the segment group a protected Microsoft 365 group holding exactly the vendor's service accounts, no guest", async () => {
        const vendor = await build("contoso1", contoso1());
        const group = resourceNamed(tenant.resources, GROUP, "contoso1-segment");
        assert.equal(group.inputs.displayName, "RA Segment - Contoso1");
        assert.equal(group.inputs.mailNickname, "ra-segment-contoso1");
        assert.equal(
            group.inputs.description,
            "Information-barrier segment Contoso1: the service accounts of Contoso1. Managed by the remote-assist-tenancy stack.",
        );
        assert.deepEqual(group.inputs.types, ["Unified"]);
        assert.equal(group.inputs.mailEnabled, true);
        assert.equal(group.inputs.securityEnabled, true);
        assert.equal(group.inputs.visibility, "Private");
        assert.deepEqual(members(group), await userIds(vendor));
        assert.equal(group.protect, true);
    });

    it("exports the segment group's address, which the vendor's segment filter names", async () => {
        const vendor = await build("contoso1", contoso1());
        const group = resourceNamed(tenant.resources, GROUP, "contoso1-segment");
        assert.equal(await valueOf(vendor.segmentGroupMail!), group.outputs.mail);
    });

    it("invites each guest with an https redirect and a message naming the host tenant and the vendor", async () => {
        await build("contoso1", contoso1());
        const invitation = resourceNamed(tenant.resources, INVITATION, "contoso1-guest-carol@contoso1.com-invitation");
        assert.deepEqual(invitation.inputs, {
            userEmailAddress: "carol@contoso1.com",
            userDisplayName: "Carol Ng",
            redirectUrl: "https://teams.microsoft.com",
            message: {
                body: "Tenant ABC invites you, as a member of Contoso1, to work with its experts in Microsoft Teams and Dynamics 365 Remote Assist.",
            },
        });
    });

    it("never replaces an invitation over a wording edit, because replacing one deletes the guest", async () => {
        await build("contoso1", contoso1());
        const invitation = resourceNamed(tenant.resources, INVITATION, "contoso1-guest-carol@contoso1.com-invitation");
        assert.deepEqual(invitation.ignoreChanges, ["message", "redirectUrl", "userDisplayName"]);
        assert.equal(invitation.protect, true, "deleting an invitation deletes the guest user");
    });

    it("adds each guest of an active vendor to the experts' team, protected", async () => {
        const vendor = await build("contoso1", contoso1());
        const [guest] = await valueOf(vendor.guests);
        const member = resourceNamed(tenant.resources, MEMBER, "contoso1-guest-carol@contoso1.com-team-member");
        assert.deepEqual(member.inputs, { groupObjectId: TEAM, memberObjectId: guest.userId });
        assert.equal(member.protect, true);
    });

    it("adds no team membership when no experts' team is configured", async () => {
        await build("contoso1", contoso1(), { expertsTeamId: undefined });
        assert.equal(ofType(tenant.resources, MEMBER).length, 0);
        assert.equal(ofType(tenant.resources, INVITATION).length, 1);
    });

    describe("when suspended", () => {
        it("keeps the service accounts but disables them", async () => {
            await build(
                "contoso2",
                contoso1({ id: "contoso2", name: "Contoso2", segment: "Contoso2", state: "suspended" }),
            );
            const users = ofType(tenant.resources, USER);
            assert.equal(users.length, 2);
            assert.deepEqual(
                users.map((u) => u.inputs.accountEnabled),
                [false, false],
            );
        });

        it("empties the license group, freeing the seats", async () => {
            await build(
                "contoso2",
                contoso1({ id: "contoso2", name: "Contoso2", segment: "Contoso2", state: "suspended" }),
            );
            assert.deepEqual(members(resourceNamed(tenant.resources, GROUP, "contoso2-license-group")), []);
        });

        it("keeps its guests invited but takes them out of the experts' team", async () => {
            await build(
                "contoso2",
                contoso1({ id: "contoso2", name: "Contoso2", segment: "Contoso2", state: "suspended" }),
            );
            assert.equal(ofType(tenant.resources, INVITATION).length, 1);
            assert.equal(ofType(tenant.resources, MEMBER).length, 0);
        });

        it("keeps its service accounts in its segment group, so they never fall into the internal segment", async () => {
            const vendor = await build(
                "contoso2",
                contoso1({ id: "contoso2", name: "Contoso2", segment: "Contoso2", state: "suspended" }),
            );
            assert.deepEqual(
                members(resourceNamed(tenant.resources, GROUP, "contoso2-segment")),
                await userIds(vendor),
            );
        });

        it("reports its accounts as disabled", async () => {
            const vendor = await build(
                "contoso2",
                contoso1({ id: "contoso2", name: "Contoso2", segment: "Contoso2", state: "suspended" }),
            );
            assert.deepEqual(
                (await valueOf(vendor.serviceAccounts)).map((a) => a.enabled),
                [false, false],
            );
        });
    });

    it("creates no user, password, license group or segment group for a guests-only vendor", async () => {
        const vendor = await build(
            "contoson",
            contoso1({ id: "contoson", name: "ContosoN", segment: "ContosoN", serviceAccounts: [] }),
        );
        assert.equal(ofType(tenant.resources, USER).length, 0);
        assert.equal(ofType(tenant.resources, "random:index/randomPassword:RandomPassword").length, 0);
        assert.deepEqual(ofType(tenant.resources, GROUP), []);
        assert.equal(vendor.licenseGroupId, undefined);
        assert.equal(vendor.segmentGroupId, undefined);
    });

    it("creates no license group for a guests-only vendor even when given a bundle: guests are licensed in their own tenant", async () => {
        const vendor = await build(
            "contoson",
            contoso1({ id: "contoson", name: "ContosoN", segment: "ContosoN", serviceAccounts: [] }),
            { license: BUNDLE },
        );
        assert.deepEqual(ofType(tenant.resources, GROUP), []);
        assert.deepEqual(ofType(tenant.resources, "pulumi-nodejs:dynamic/remote-assist-tenancy:GroupLicense"), []);
        assert.equal(vendor.licenseGroupId, undefined);
        assert.equal(vendor.membersWithLicenseErrors, undefined);
    });

    it("reports service accounts with UPN, object id and holder, and no password", async () => {
        const vendor = await build("contoso1", contoso1());
        const accounts = await valueOf(vendor.serviceAccounts);
        assert.deepEqual(
            accounts.map(({ userPrincipalName, holder, enabled }) => ({ userPrincipalName, holder, enabled })),
            [
                { userPrincipalName: "sa-contoso1-sa1@abc.onmicrosoft.com", holder: "bob@contoso1.com", enabled: true },
                {
                    userPrincipalName: "sa-contoso1-sa2@abc.onmicrosoft.com",
                    holder: "toni@contoso1.com",
                    enabled: true,
                },
            ],
        );
        assert.equal(await pulumi.isSecret(vendor.serviceAccounts), false);
        assert.ok(!JSON.stringify(accounts).includes("Mock!"), "no password in the plain output");
    });

    it("hands out credentials per UPN as one secret output", async () => {
        const vendor = await build("contoso1", contoso1());
        assert.equal(await pulumi.isSecret(vendor.credentials), true);
        assert.deepEqual(Object.keys(await valueOf(vendor.credentials)), [
            "sa-contoso1-sa1@abc.onmicrosoft.com",
            "sa-contoso1-sa2@abc.onmicrosoft.com",
        ]);
    });

    it("hands out Key Vault secret ids instead of passwords when a vault is configured", async () => {
        const vendor = await build("contoso1", contoso1(), {
            credentials: { resourceGroupName: "rg", vaultName: "kv-abc" },
        });
        const credentials = await valueOf(vendor.credentials);
        assert.deepEqual(
            Object.values(credentials).map((id) => id.split("/").slice(-4).join("/")),
            ["vaults/kv-abc/secrets/sa-contoso1-sa1", "vaults/kv-abc/secrets/sa-contoso1-sa2"],
        );
        assert.equal(await pulumi.isSecret(vendor.credentials), false);
    });

    it("refuses service accounts without a license bundle", () => {
        tenant.reset();
        assert.throws(
            () =>
                new Vendor("unlicensed", {
                    vendor: contoso1({ id: "unlicensed" }),
                    tenant: {
                        domain: "abc.onmicrosoft.com",
                        domains: ["abc.onmicrosoft.com"],
                        usageLocation: "US",
                        name: "Tenant ABC",
                    },
                }),
            { message: "Vendor unlicensed has service accounts but no license bundle; pass args.license." },
        );
    });
});
