import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { ADOPTED_GROUP_UNMANAGED, ADOPTED_USER_PASSWORD, ADOPTED_USER_UNMANAGED } from "../../components/adopted";
import { Vendor } from "../../components/vendor";
import type { LicenseBundle, VendorConfig } from "../../config/types";
import { isSecretValue } from "../../offline/mocks";
import { ofType, resourceNamed, valueOf } from "../helpers";
import { tenant } from "../setup";

const USER = "azuread:index/user:User";
const GROUP = "azuread:index/group:Group";
const PASSWORD = "random:index/randomPassword:RandomPassword";
const INVITATION = "azuread:index/invitation:Invitation";
const MEMBER = "azuread:index/groupMember:GroupMember";
const TEAM = "00000000-0000-4000-8000-0000000000e1";
const CAROL = "00000000-0000-4000-8000-0000000000c1";
const GROUP_ID = "00000000-0000-4000-8000-0000000000a1";

const BUNDLE: LicenseBundle = {
    name: "remote-assist",
    skus: [{ sku: "MICROSOFT_REMOTE_ASSIST", skuId: "7a551360-26c4-4f61-84e6-ef715673e083", disabledPlans: [] }],
};

/** Contoso1 as `npm run adopt` writes it: an adopted account, an adopted guest, an adopted license group. */
function adoptedContoso1(rotation?: string): VendorConfig {
    return {
        id: "contoso1",
        name: "Contoso1",
        domains: ["contoso1.com"],
        license: "remote-assist",
        segment: "Contoso1",
        canTalkTo: ["Experts"],
        state: "active",
        serviceAccounts: [
            {
                id: "sa1",
                holder: "bob@contoso1.com",
                usageLocation: "DE",
                displayName: "SA1 (Contoso1)",
                ...(rotation === undefined ? {} : { rotation }),
                existing: { userPrincipalName: "SA1@abc.com", mailNickname: "SA1" },
            },
        ],
        guests: [
            {
                email: "carol@contoso1.com",
                name: "Carol Ng",
                redirectUrl: "https://teams.microsoft.com",
                existing: { userId: CAROL },
            },
        ],
        existing: {
            licenseGroup: { id: GROUP_ID, displayName: "Remote Assist - Contoso1", mailNickname: "ra-contoso1" },
        },
    };
}

async function build(vendor: VendorConfig): Promise<Vendor> {
    tenant.reset();
    const component = new Vendor("contoso1", {
        vendor,
        tenant: {
            domain: "abc.onmicrosoft.com",
            domains: ["abc.onmicrosoft.com", "abc.com"],
            usageLocation: "US",
            name: "Tenant ABC",
        },
        license: BUNDLE,
        expertsTeamId: TEAM,
    });
    await tenant.settle();
    return component;
}

/** The input names of an azuread resource's args, read from its typings, so a new azuread input is noticed. */
function argsOf(file: string, iface: string): string[] {
    const text = readFileSync(path.join(require.resolve("@pulumi/azuread/package.json"), "..", file), "utf8");
    const body = text.slice(text.indexOf(`export interface ${iface} {`));
    return [...body.slice(0, body.indexOf("\n}")).matchAll(/^ {4}(\w+)\??:/gm)].map((m) => m[1]).sort();
}

describe("adopted objects (existing in config)", () => {
    it("an adopted service account keeps its UPN, nickname and password: no generated password, nothing it has is cleared", async () => {
        await build(adoptedContoso1());
        assert.equal(ofType(tenant.resources, PASSWORD).length, 0, "no password is generated before a rotation");
        const user = resourceNamed(tenant.resources, USER, "contoso1-sa1-user");
        assert.deepEqual(user.inputs, {
            userPrincipalName: "SA1@abc.com",
            mailNickname: "SA1",
            displayName: "SA1 (Contoso1)",
            usageLocation: "DE",
            accountEnabled: true,
        });
        assert.deepEqual(user.ignoreChanges, [...ADOPTED_USER_UNMANAGED, ...ADOPTED_USER_PASSWORD]);
        assert.equal(user.protect, true);
    });

    it("an adopted service account has no credential to hand over until its first rotation", async () => {
        const vendor = await build(adoptedContoso1());
        assert.deepEqual(await valueOf(vendor.credentials), {});
    });

    it("an adopted service account gets a generated password, to be changed at next sign-in, once rotation is set", async () => {
        const vendor = await build(adoptedContoso1("2027-01"));
        assert.equal(ofType(tenant.resources, PASSWORD).length, 1);
        const user = resourceNamed(tenant.resources, USER, "contoso1-sa1-user");
        assert.ok(isSecretValue(user.inputs.password), "the password is a secret");
        assert.equal(user.inputs.forcePasswordChange, true);
        assert.deepEqual(user.ignoreChanges, [...ADOPTED_USER_UNMANAGED], "the password is managed from now on");
        assert.deepEqual(Object.keys(await valueOf(vendor.credentials)), ["SA1@abc.com"]);
    });

    it("an account the stack creates is not touched by the adoption rules", async () => {
        const vendor = adoptedContoso1();
        await build({ ...vendor, serviceAccounts: [{ id: "sa2", holder: "toni@contoso1.com", usageLocation: "US" }] });
        const user = resourceNamed(tenant.resources, USER, "contoso1-sa2-user");
        assert.deepEqual(user.ignoreChanges, []);
        assert.equal(user.inputs.companyName, "Contoso1");
        assert.equal(user.inputs.employeeType, "Remote Assist service account");
        assert.equal(user.inputs.forcePasswordChange, true);
    });

    it("an adopted license group keeps its names and what the stack does not manage, and holds exactly the active accounts", async () => {
        const vendor = await build(adoptedContoso1());
        const group = resourceNamed(tenant.resources, GROUP, "contoso1-license-group");
        assert.equal(group.inputs.displayName, "Remote Assist - Contoso1");
        assert.equal(group.inputs.mailNickname, "ra-contoso1");
        assert.equal(group.inputs.securityEnabled, true);
        assert.equal(group.inputs.mailEnabled, false);
        assert.deepEqual(group.ignoreChanges, [...ADOPTED_GROUP_UNMANAGED]);
        assert.deepEqual(
            group.inputs.members,
            (await valueOf(vendor.serviceAccounts)).map((a) => a.objectId),
        );
        const segment = resourceNamed(tenant.resources, GROUP, "contoso1-segment");
        assert.deepEqual(segment.ignoreChanges, [], "the segment group is created new, fully managed");
    });

    it("an adopted guest gets no invitation (which would invite again and, deleted, delete the guest), only its team membership", async () => {
        const vendor = await build(adoptedContoso1());
        assert.equal(ofType(tenant.resources, INVITATION).length, 0);
        const member = resourceNamed(tenant.resources, MEMBER, "contoso1-guest-carol@contoso1.com-team-member");
        assert.deepEqual(member.inputs, { groupObjectId: TEAM, memberObjectId: CAROL });
        assert.equal(member.id, `${TEAM}/member/${CAROL}`);
        assert.deepEqual(await valueOf(vendor.guests), [{ email: "carol@contoso1.com", userId: CAROL }]);
    });

    it("classifies every input of azuread's User and Group: managed by the stack, or left alone on adopted objects", () => {
        const managedUser = ["accountEnabled", "displayName", "mailNickname", "usageLocation", "userPrincipalName"];
        assert.deepEqual(
            [...managedUser, ...ADOPTED_USER_PASSWORD, ...ADOPTED_USER_UNMANAGED].sort(),
            argsOf("user.d.ts", "UserArgs"),
        );
        const managedGroup = [
            "assignableToRole",
            "displayName",
            "mailEnabled",
            "mailNickname",
            "members",
            "securityEnabled",
        ];
        assert.deepEqual([...managedGroup, ...ADOPTED_GROUP_UNMANAGED].sort(), argsOf("group.d.ts", "GroupArgs"));
    });
});
