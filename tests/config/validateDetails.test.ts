import { strict as assert } from "node:assert";
import { validateConfig } from "../../config/validate";
import { base, problemsOf, type Raw } from "./support";

function edited(edit: (c: Raw) => void): Raw {
    const c = base();
    edit(c);
    return c;
}

const KNOWN =
    "known keys: tenant, licenses, experts, federation, informationBarriers, vendors, credentials, graphEndpoint";

describe("validateConfig details", () => {
    describe("messages of field rules", () => {
        it("keeps the type wording for seats that are not a number", () => {
            assert.deepEqual(problemsOf(edited((c) => (c.licenses["remote-assist"].seats = "two"))), [
                'licenses.remote-assist.seats: expected a number, got a string ("two")',
            ]);
            assert.deepEqual(problemsOf(edited((c) => (c.licenses["remote-assist"].seats = 1.5))), [
                "licenses.remote-assist.seats: expected a whole number, got a number (1.5)",
            ]);
        });

        it("says negative seats by their number", () => {
            assert.deepEqual(problemsOf(edited((c) => (c.licenses["remote-assist"].seats = -1))), [
                "licenses.remote-assist.seats: -1 seats: must not be negative",
            ]);
        });

        it("shows a peer stack that is no stack reference", () => {
            assert.deepEqual(problemsOf(edited((c) => (c.federation = { peerStacks: ["plant2"] }))), [
                'federation.peerStacks[0]: "plant2" is not a stack reference of the form organization/project/stack, e.g. acme/remote-assist-tenancy/plant2',
            ]);
        });

        it("shows a rotation that is neither a string nor a number", () => {
            assert.deepEqual(problemsOf(edited((c) => (c.vendors[0].serviceAccounts[0].rotation = true))), [
                'vendors[0] (contoso1).serviceAccounts[0].rotation: expected a string such as "2026-11", got true',
            ]);
        });

        it("says a vendors value that is no list", () => {
            assert.deepEqual(problemsOf(edited((c) => (c.vendors = 3))), [
                "vendors: expected a list of vendors, got a number (3)",
            ]);
        });
    });

    describe("licenses", () => {
        it("accepts a config without licenses when nothing needs one", () => {
            const config = validateConfig(
                edited((c) => {
                    delete c.licenses;
                    delete c.vendors[0].license;
                    c.vendors[0].serviceAccounts = [];
                }),
            );
            assert.deepEqual(Object.keys(config.licenses), []);
        });

        it("says licenses that are no mapping, and how to leave out an empty one", () => {
            assert.deepEqual(problemsOf(edited((c) => (c.licenses = 5))), [
                "licenses: expected a mapping of license bundles by name, got a number (5)",
            ]);
            assert.deepEqual(problemsOf(edited((c) => (c.licenses = null))), [
                "licenses: expected a mapping of license bundles by name, got an empty value (null); remove the key to leave it out, or give a value",
            ]);
        });

        it("gives a bundle without seats no seats", () => {
            const config = validateConfig(edited((c) => delete c.licenses["remote-assist"].seats));
            assert.deepEqual(Object.keys(config.licenses["remote-assist"]), ["name", "skus"]);
        });
    });

    describe("other sections", () => {
        it("has no credentials when none are given", () => {
            assert.equal("credentials" in validateConfig(base()), false);
        });

        it("drops every trailing slash of the Graph endpoint", () => {
            assert.equal(
                validateConfig(edited((c) => (c.graphEndpoint = "https://graph.microsoft.us//"))).graphEndpoint,
                "https://graph.microsoft.us",
            );
        });
    });

    describe("experts", () => {
        it("reports no unknown segment for a canTalkTo naming the experts' invalid segment as written", () => {
            // 66 characters, too long; 33 "\u0130" (valid) lowercase to the same text, so canTalkTo names it.
            const written = "i\u0307".repeat(33);
            const raw = edited((c) => {
                c.experts.segment = written;
                c.vendors[0].canTalkTo = ["\u0130".repeat(33)];
            });
            assert.deepEqual(problemsOf(raw), [
                `experts.segment: "${written}" is too long (66 characters): information-barrier segment names are limited to 64 characters`,
            ]);
        });
    });

    describe("problem order", () => {
        it("lists known top-level keys in their order, then unknown ones as written", () => {
            const raw: Raw = { zeta: 1, graphEndpoint: "http://x", alpha: 2, ...base() };
            raw.tenant.domain = "abc";
            assert.deepEqual(problemsOf(raw), [
                'tenant.domain: "abc" is not a domain name, e.g. contoso1.com',
                'graphEndpoint: "http://x" is not an https URL, e.g. https://teams.microsoft.com',
                `zeta: unknown key remote-assist-tenancy:zeta; ${KNOWN}`,
                `alpha: unknown key remote-assist-tenancy:alpha; ${KNOWN}`,
            ]);
        });

        it("lists license bundles as written, whichever rule found their problem first", () => {
            const raw = edited((c) => {
                c.licenses = { b: { skus: [{ sku: "MICROSOFT_REMOTE_ASSIST" }], seats: 0 }, a: { skus: [] } };
                c.vendors[0].license = "b";
            });
            assert.deepEqual(problemsOf(raw), [
                "licenses.b.seats: 0 seats but 1 active service account uses this bundle (contoso1: 1); buy and declare more seats, or suspend a vendor",
                "licenses.a.skus: list at least one SKU",
            ]);
        });

        it("lists the fields of a list entry in schema order, whichever rule found their problem first", () => {
            const raw = edited((c) => c.vendors[0].serviceAccounts.push({ holder: "x", id: "sa1" }));
            assert.deepEqual(problemsOf(raw), [
                "vendors[0] (contoso1).serviceAccounts[1].id: duplicate service account id; vendors[0] (contoso1).serviceAccounts[0].id already uses it within this vendor: give each account its own id",
                'vendors[0] (contoso1).serviceAccounts[1].holder: "x" is not an email address, e.g. bob@contoso1.com',
            ]);
        });
        it("lists the fields under a first field in schema order too", () => {
            const group = { id: "11111111-2222-3333-4444-555555555555", displayName: "RA", mailNickname: "ra" };
            const raw = edited((c) => {
                c.vendors[0].existing = { licenseGroup: group };
                c.vendors.push({
                    id: "fabrikam",
                    name: "Fabrikam",
                    license: "remote-assist",
                    serviceAccounts: [{ id: "sa1", holder: "dan@fabrikam.com" }],
                    existing: { licenseGroup: { ...group, mailNickname: "r a" } },
                });
            });
            assert.deepEqual(problemsOf(raw), [
                "vendors[1] (fabrikam).existing.licenseGroup.id: this group is already adopted by vendors[0] (contoso1).existing.licenseGroup.id; a license group belongs to one vendor",
                'vendors[1] (fabrikam).existing.licenseGroup.mailNickname: "r a" is not a mail nickname: 1 to 64 characters, no blanks',
            ]);
        });
    });
});
