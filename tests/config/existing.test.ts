import { strict as assert } from "node:assert";
import { emptyTenant, problemsOf, tenantWith, vendor } from "../fixtures/config";

type Raw = Record<string, any>;

const GROUP_ID = "00000000-0000-4000-8000-0000000000A1";
const CAROL = "00000000-0000-4000-8000-0000000000c1";

/** Contoso1 adopted from the tenant: its account SA1@abc.com, its guest and its license group. */
function adopted(extra: Raw = {}): Raw {
    return vendor("contoso1", "Contoso1", {
        serviceAccounts: [{ id: "sa1", holder: "bob@contoso1.com", existing: { userPrincipalName: "SA1@abc.com" } }],
        guests: [{ email: "carol@contoso1.com", name: "Carol", existing: { userId: CAROL } }],
        existing: {
            licenseGroup: { id: GROUP_ID, displayName: "Remote Assist - Contoso1", mailNickname: "ra-contoso1" },
        },
        ...extra,
    });
}

const withAbcCom = (raw: Raw) => (raw.tenant.domains = ["abc.com"]);

describe("adopted objects in config (existing)", () => {
    it("keeps an adopted account's UPN exactly as written and defaults its mail nickname to the UPN's local part", () => {
        const config = tenantWith([adopted()], withAbcCom);
        assert.deepEqual(config.vendors[0].serviceAccounts[0].existing, {
            userPrincipalName: "SA1@abc.com",
            mailNickname: "SA1",
        });
        assert.deepEqual(config.vendors[0].guests[0].existing, { userId: CAROL });
        assert.deepEqual(config.vendors[0].existing, {
            licenseGroup: {
                id: GROUP_ID.toLowerCase(),
                displayName: "Remote Assist - Contoso1",
                mailNickname: "ra-contoso1",
            },
        });
    });

    it("keeps an adopted account's mail nickname when given", () => {
        const raw = adopted();
        raw.serviceAccounts[0].existing.mailNickname = "sa.one";
        assert.equal(tenantWith([raw], withAbcCom).vendors[0].serviceAccounts[0].existing?.mailNickname, "sa.one");
    });

    it("rejects an adopted UPN outside the host tenant's domains, saying to list the domain", () => {
        assert.deepEqual(problemsOf([adopted()]), [
            'vendors[0] (contoso1).serviceAccounts[0].existing.userPrincipalName: "SA1@abc.com" is not in one of the host tenant\'s domains (abc.onmicrosoft.com); add abc.com to tenant.domains if the tenant has it, or correct the user name',
        ]);
    });

    it("rejects an adopted UPN that another account already signs in with, whatever its case", () => {
        const raw = adopted();
        raw.serviceAccounts.push({
            id: "sa2",
            holder: "toni@contoso1.com",
            existing: { userPrincipalName: "sa1@ABC.com" },
        });
        assert.deepEqual(problemsOf([raw], withAbcCom), [
            'vendors[0] (contoso1).serviceAccounts[1].existing.userPrincipalName: the user name "SA1@abc.com" is already vendors[0] (contoso1).serviceAccounts[0]\'s; one account per service account entry',
        ]);
    });

    it("rejects an adopted UPN that the stack derives for another account", () => {
        const raw = adopted();
        raw.serviceAccounts.push({
            id: "sa2",
            holder: "toni@contoso1.com",
            existing: { userPrincipalName: "sa-contoso1-sa3@abc.onmicrosoft.com" },
        });
        raw.serviceAccounts.push({ id: "sa3", holder: "jo@contoso1.com" });
        assert.deepEqual(problemsOf([raw], withAbcCom), [
            'vendors[0] (contoso1).serviceAccounts[1].existing.userPrincipalName: the user name "sa-contoso1-sa3@abc.onmicrosoft.com" is already vendors[0] (contoso1).serviceAccounts[2]\'s; one account per service account entry',
        ]);
    });

    it("does not measure the derived user name of an adopted account, which is never made", () => {
        const raw = adopted();
        raw.serviceAccounts[0].id = "a".repeat(60);
        const [account] = tenantWith([raw], withAbcCom).vendors[0].serviceAccounts;
        assert.deepEqual(
            [account.id, account.existing],
            ["a".repeat(60), { userPrincipalName: "SA1@abc.com", mailNickname: "SA1" }],
        );
    });

    it("rejects what is not a user principal name, and an empty mail nickname", () => {
        const raw = adopted();
        raw.serviceAccounts[0].existing = { userPrincipalName: "SA1 at abc.com", mailNickname: "" };
        assert.deepEqual(problemsOf([raw], withAbcCom), [
            `vendors[0] (contoso1).serviceAccounts[0].existing.userPrincipalName: "SA1 at abc.com" is not a user principal name: up to 64 of A-Z a-z 0-9 ' . - _ ! # ^ ~ before the @, not ending in a period, then a domain, e.g. sa1@abc.onmicrosoft.com`,
            'vendors[0] (contoso1).serviceAccounts[0].existing.mailNickname: "" is not a mail nickname: 1 to 64 characters, no blanks',
        ]);
    });

    it("accepts in an adopted UPN every character Entra ID allows before the @: A-Z a-z 0-9 ' . - _ ! # ^ ~", () => {
        const raw = adopted();
        raw.serviceAccounts[0].existing = { userPrincipalName: "O'Neil.sa-1_x!#^~@abc.com" };
        assert.deepEqual(tenantWith([raw], withAbcCom).vendors[0].serviceAccounts[0].existing, {
            userPrincipalName: "O'Neil.sa-1_x!#^~@abc.com",
            mailNickname: "O'Neil.sa-1_x!#^~",
        });
    });

    it("rejects in an adopted UPN what Entra ID does not allow: +, a period right before the @, over 64 characters before it", () => {
        for (const upn of ["sa+1@abc.com", "sa1.@abc.com", `${"a".repeat(65)}@abc.com`]) {
            const raw = adopted();
            raw.serviceAccounts[0].existing = { userPrincipalName: upn };
            assert.deepEqual(problemsOf([raw], withAbcCom), [
                `vendors[0] (contoso1).serviceAccounts[0].existing.userPrincipalName: "${upn}" is not a user principal name: up to 64 of A-Z a-z 0-9 ' . - _ ! # ^ ~ before the @, not ending in a period, then a domain, e.g. sa1@abc.onmicrosoft.com`,
            ]);
        }
    });

    it("rejects an expert who is an adopted service account, whatever the case of its UPN", () => {
        assert.deepEqual(
            problemsOf([adopted()], (raw) => {
                withAbcCom(raw);
                raw.experts.members.push("sa1@abc.com");
            }),
            [
                "experts.members[1]: sa1@abc.com is the user name of vendors[0] (contoso1).serviceAccounts[0]; a service account is in its vendor's information-barrier segment and no user may be in two, so it cannot be an expert too: remove it here",
            ],
        );
    });

    it("rejects a license group adopted for a vendor without service accounts, which has none to adopt it as", () => {
        const raw = adopted({ serviceAccounts: [] });
        delete raw.license;
        assert.deepEqual(problemsOf([raw], withAbcCom), [
            "vendors[0] (contoso1).existing.licenseGroup: the vendor has no service accounts, so the stack makes no license group to adopt this one as; remove existing.licenseGroup",
        ]);
    });

    it("rejects one license group adopted by two vendors", () => {
        const second = vendor("contoso2", "Contoso2", {
            existing: { licenseGroup: { id: GROUP_ID.toLowerCase(), displayName: "Other", mailNickname: "other" } },
        });
        assert.deepEqual(problemsOf([adopted(), second], withAbcCom), [
            "vendors[1] (contoso2).existing.licenseGroup.id: this group is already adopted by vendors[0] (contoso1).existing.licenseGroup.id; a license group belongs to one vendor",
        ]);
    });

    it("rejects one guest user adopted twice", () => {
        const raw = adopted();
        raw.guests.push({ email: "carol.ng@contoso1.com", name: "Carol", existing: { userId: CAROL.toUpperCase() } });
        assert.deepEqual(problemsOf([raw], withAbcCom), [
            "vendors[0] (contoso1).guests[1].existing.userId: this guest user is already adopted by vendors[0] (contoso1).guests[0].existing.userId; adopt each guest once",
        ]);
    });

    it("rejects an unknown key under existing, naming the known ones", () => {
        const raw = adopted();
        raw.serviceAccounts[0].existing.upn = "x";
        assert.deepEqual(problemsOf([raw], withAbcCom), [
            "vendors[0] (contoso1).serviceAccounts[0].existing.upn: unknown key; known keys: userPrincipalName, mailNickname",
        ]);
    });

    it("leaves a config without existing as it was", () => {
        const raw = emptyTenant();
        raw.vendors = [vendor("contoso1", "Contoso1")];
        const config = tenantWith(raw.vendors);
        assert.equal(config.vendors[0].existing, undefined);
        assert.equal(config.vendors[0].serviceAccounts[0].existing, undefined);
        assert.equal(config.vendors[0].guests[0].existing, undefined);
    });
});
