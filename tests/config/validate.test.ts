import { strict as assert } from "node:assert";
import { ConfigError } from "../../config/problems";
import { validateConfig } from "../../config/validate";
import { devRawConfig } from "../helpers";

type Raw = Record<string, any>;

/** A small valid config: one vendor with one service account and one guest. */
function base(): Raw {
    return {
        tenant: { domain: "abc.onmicrosoft.com", usageLocation: "US" },
        licenses: { "remote-assist": { skus: [{ sku: "MICROSOFT_REMOTE_ASSIST" }], seats: 2 } },
        experts: { segment: "Experts", members: ["alice@abc.onmicrosoft.com"] },
        vendors: [
            {
                id: "contoso1",
                name: "Contoso1",
                domains: ["contoso1.com"],
                license: "remote-assist",
                serviceAccounts: [{ id: "sa1", holder: "bob@contoso1.com" }],
                guests: [{ email: "carol@contoso1.com", name: "Carol Ng" }],
            },
        ],
    };
}

function problemsOf(raw: Raw): readonly string[] {
    try {
        validateConfig(raw);
    } catch (e) {
        assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${String(e)}`);
        return e.problems;
    }
    assert.fail("expected the config to be rejected");
}

interface Case {
    readonly name: string;
    readonly edit: (c: Raw) => void;
    readonly problems: readonly string[];
}

const REJECTED: readonly Case[] = [
    {
        name: "a missing tenant",
        edit: (c) => delete c.tenant,
        problems: [
            "tenant: required; set remote-assist-tenancy:tenant with the host tenant's domain and usageLocation",
        ],
    },
    {
        name: "missing tenant keys",
        edit: (c) => (c.tenant = {}),
        problems: ["tenant.domain: required", "tenant.usageLocation: required"],
    },
    {
        name: "an invalid domain",
        edit: (c) => (c.tenant.domain = "abc"),
        problems: ["tenant.domain: not a domain name, e.g. contoso1.com"],
    },
    {
        name: "an invalid vendor domain",
        edit: (c) => (c.vendors[0].domains = ["contoso1..com"]),
        problems: ["vendors[0].domains[0]: not a domain name, e.g. contoso1.com"],
    },
    {
        name: "an invalid email",
        edit: (c) => (c.vendors[0].guests[0].email = "carol"),
        problems: ["vendors[0].guests[0].email: not an email address"],
    },
    {
        name: "an invalid holder email",
        edit: (c) => (c.vendors[0].serviceAccounts[0].holder = "bob at contoso1"),
        problems: ["vendors[0].serviceAccounts[0].holder: not an email address"],
    },
    {
        name: "an invalid GUID",
        edit: (c) => (c.experts.team = "experts-team"),
        problems: ["experts.team: not a GUID, e.g. 7a551360-26c4-4f61-84e6-ef715673e083"],
    },
    {
        name: "an invalid disabled plan GUID",
        edit: (c) => (c.licenses["remote-assist"].skus[0].disabledPlans = ["TEAMS1"]),
        problems: [
            "licenses.remote-assist.skus[0].disabledPlans[0]: not a GUID, e.g. 7a551360-26c4-4f61-84e6-ef715673e083",
        ],
    },
    {
        name: "an invalid usage location",
        edit: (c) => (c.tenant.usageLocation = "XX"),
        problems: ["tenant.usageLocation: not an ISO 3166-1 alpha-2 country code, e.g. US or DE"],
    },
    {
        name: "an alpha-3 usage location override",
        edit: (c) => (c.vendors[0].serviceAccounts[0].usageLocation = "DEU"),
        problems: [
            "vendors[0].serviceAccounts[0].usageLocation: not an ISO 3166-1 alpha-2 country code, e.g. US or DE",
        ],
    },
    {
        name: "a vendor id that is not a slug",
        edit: (c) => (c.vendors[0].id = "Contoso 1"),
        problems: ['vendors[0].id: not a slug: use lowercase letters, digits and "-", e.g. "contoso1"'],
    },
    {
        name: "an account id that is not a slug",
        edit: (c) => (c.vendors[0].serviceAccounts[0].id = "sa_1"),
        problems: [
            'vendors[0].serviceAccounts[0].id: not a slug: use lowercase letters, digits and "-", e.g. "contoso1"',
        ],
    },
    {
        name: "a duplicated vendor id",
        edit: (c) => c.vendors.push({ id: "contoso1", name: "Contoso One" }),
        problems: [
            "vendors[1].id: duplicate vendor id; vendors[0].id already uses it, and ids name resources and UPNs",
        ],
    },
    {
        name: "a duplicated vendor name",
        edit: (c) => c.vendors.push({ id: "contoso-one", name: "contoso1", segment: "Other" }),
        problems: [
            "vendors[1].name: duplicate vendor name; vendors[0].name already uses it, and group names derive from it",
        ],
    },
    {
        name: "a duplicated account id",
        edit: (c) => c.vendors[0].serviceAccounts.push({ id: "sa1", holder: "toni@contoso1.com" }),
        problems: [
            "vendors[0].serviceAccounts[1].id: duplicate service account id; vendors[0].serviceAccounts[0].id already uses it within this vendor",
        ],
    },
    {
        name: "a UPN local part over 64 characters",
        edit: (c) => (c.vendors[0].serviceAccounts[0].id = "a".repeat(53)),
        problems: [
            `vendors[0].serviceAccounts[0].id: makes the user name "sa-contoso1-${"a".repeat(53)}" 65 characters long, over Entra ID's limit of 64; shorten the vendor or account id`,
        ],
    },
    {
        name: "an unknown license bundle",
        edit: (c) => (c.vendors[0].license = "ra"),
        problems: ['vendors[0].license: unknown bundle "ra"; define it under licenses or use one of: remote-assist'],
    },
    {
        name: "service accounts without a license",
        edit: (c) => delete c.vendors[0].license,
        problems: ["vendors[0].license: required because the vendor has service accounts; use one of: remote-assist"],
    },
    {
        name: "more active service accounts than seats",
        edit: (c) => {
            c.licenses["remote-assist"].seats = 2;
            c.vendors[0].serviceAccounts.push({ id: "sa2", holder: "toni@contoso1.com" });
            c.vendors.push({
                id: "contractor",
                name: "Contractor",
                license: "remote-assist",
                serviceAccounts: [{ id: "sa3", holder: "user@outlook.com" }],
            });
        },
        problems: [
            "licenses.remote-assist.seats: 2 seats but 3 active service accounts use this bundle (contoso1: 2, contractor: 1); buy and declare more seats, or suspend a vendor",
        ],
    },
    {
        name: "an unknown SKU part number",
        edit: (c) => (c.licenses["remote-assist"].skus[0].sku = "REMOTE_ASSIST"),
        problems: [
            'licenses.remote-assist.skus[0].sku: unknown SKU part number "REMOTE_ASSIST"; use a skuId GUID or one of: MICROSOFT_REMOTE_ASSIST, MICROSOFT_REMOTE_ASSIST_HOLOLENS, EXCHANGEDESKLESS, EXCHANGESTANDARD, SPE_F1, SPE_F5_COMP, INFORMATION_PROTECTION_COMPLIANCE',
        ],
    },
    {
        name: "a guest in the host tenant's domain",
        edit: (c) => (c.vendors[0].guests[0].email = "carol@abc.onmicrosoft.com"),
        problems: [
            "vendors[0].guests[0].email: carol@abc.onmicrosoft.com is in the host tenant's domain abc.onmicrosoft.com; guests are external users, and internal experts belong under experts.members",
        ],
    },
    {
        name: "a guest in another of the host tenant's domains",
        edit: (c) => {
            c.tenant.domains = ["abc.com"];
            c.vendors[0].guests[0].email = "carol@eu.abc.com";
        },
        problems: [
            "vendors[0].guests[0].email: carol@eu.abc.com is in the host tenant's domain abc.com; guests are external users, and internal experts belong under experts.members",
        ],
    },
    {
        name: "the same guest invited twice",
        edit: (c) =>
            c.vendors.push({ id: "contoson", name: "ContosoN", guests: [{ email: "Carol@contoso1.com", name: "C" }] }),
        problems: [
            "vendors[1].guests[0].email: this guest is already invited by vendors[0].guests[0].email; invite each person once",
        ],
    },
    {
        name: "a domain listed by two vendors",
        edit: (c) => c.vendors.push({ id: "contoson", name: "ContosoN", domains: ["contoso1.com"] }),
        problems: [
            "vendors[1].domains[0]: this domain is already listed at vendors[0].domains[0]; a domain belongs to one vendor",
        ],
    },
    {
        name: "canTalkTo naming an unknown segment",
        edit: (c) => (c.vendors[0].canTalkTo = ["Expert"]),
        problems: ['vendors[0].canTalkTo[0]: unknown segment "Expert"; known segments: Experts, Contoso1'],
    },
    {
        name: "duplicate segment names (case-insensitive)",
        edit: (c) => (c.vendors[0].segment = "experts"),
        problems: [
            `vendors[0].segment: segment "Experts" already belongs to experts; each vendor needs its own segment (it defaults to the vendor's name)`,
        ],
    },
    {
        name: "a segment name over 64 characters",
        edit: (c) => (c.vendors[0].segment = "S".repeat(65)),
        problems: ["vendors[0].segment: too long: information-barrier segment names are limited to 64 characters"],
    },
    {
        name: "two vendors whose ids make the same service-account UPN",
        edit: (c) => {
            c.vendors[0].id = "contoso";
            c.vendors[0].serviceAccounts[0].id = "1-sa1";
            c.vendors.push({
                id: "contoso-1",
                name: "Contoso One",
                license: "remote-assist",
                serviceAccounts: [{ id: "sa1", holder: "x@contoso1.com" }],
            });
        },
        problems: [
            'vendors[1].serviceAccounts[0].id: makes the user name "sa-contoso-1-sa1", which vendors[0].serviceAccounts[0] already makes; change this account id',
        ],
    },
    {
        name: "two vendors whose ids make the same guest resource name",
        edit: (c) => {
            c.vendors[0].id = "a";
            c.vendors[0].guests[0].email = "guest-b@c.com";
            c.vendors.push({ id: "a-guest", name: "A Guest", guests: [{ email: "b@c.com", name: "B" }] });
        },
        problems: [
            'vendors[1].guests[0].email: gives the same resource name "a-guest-guest-b@c.com" as vendors[0].guests[0].email; change one of the two vendor ids',
        ],
    },
    {
        name: "a vendor id over 40 characters",
        edit: (c) => (c.vendors[0].id = "v".repeat(41)),
        problems: ["vendors[0].id: too long: at most 40 characters, since group nicknames and UPNs derive from it"],
    },
    {
        name: "a vendor name over 64 characters",
        edit: (c) => (c.vendors[0].name = "N".repeat(65)),
        problems: [
            "vendors[0].name: too long: at most 64 characters (Entra ID's limit for companyName and department)",
        ],
    },
    {
        name: "a typographic quote in a segment name",
        edit: (c) => (c.vendors[0].segment = "Contoso’s team"),
        problems: ["vendors[0].segment: must not contain typographic quotes (‘ ’); use ' instead"],
    },
    {
        name: "a vendor name that cannot be its default segment",
        edit: (c) => (c.vendors[0].name = "Contoso’s"),
        problems: [
            "vendors[0].name: the vendor's segment defaults to its name, which must not contain typographic quotes (‘ ’); use ' instead; set segment",
        ],
    },
    {
        name: "a sibling stack listed twice",
        edit: (c) =>
            (c.federation = { peerStacks: ["acme/remote-assist-tenancy/plant2", "acme/remote-assist-tenancy/plant2"] }),
        problems: ["federation.peerStacks[1]: duplicate stack; federation.peerStacks[0] already lists it"],
    },
    {
        name: "a line break in a vendor name",
        edit: (c) => (c.vendors[0].name = "Contoso1\nInc"),
        problems: ["vendors[0].name: must be one line without control characters"],
    },
    {
        name: "canTalkTo between vendors that is not mutual",
        edit: (c) => {
            c.vendors[0].canTalkTo = ["Experts", "ContosoN"];
            c.vendors.push({
                id: "contoson",
                name: "ContosoN",
                license: "remote-assist",
                serviceAccounts: [{ id: "sa1", holder: "nina@contoson.com" }],
            });
        },
        problems: [
            "vendors[0].canTalkTo[1]: Contoso1 may talk to ContosoN, but vendors[1].canTalkTo does not list Contoso1; information-barrier policies must be mutual: add Contoso1 there or remove ContosoN here",
        ],
    },
    {
        name: "canTalkTo naming the segment of a vendor without service accounts",
        edit: (c) => {
            c.vendors[0].canTalkTo = ["Experts", "ContosoN"];
            c.vendors.push({ id: "contoson", name: "ContosoN", canTalkTo: ["Experts", "Contoso1"] });
        },
        problems: [
            "vendors[0].canTalkTo[1]: ContosoN is the segment of ContosoN, which has no service accounts and so no information-barrier segment (its guests are governed by the experts' team); remove ContosoN here",
            "vendors[1].canTalkTo[1]: ContosoN has no service accounts, so it has no information-barrier segment and no policy that could allow Contoso1 (its guests are governed by the experts' team); remove Contoso1 here",
        ],
    },
    {
        name: "an internal segment named like the experts' segment",
        edit: (c) => (c.informationBarriers = { internalSegment: "experts" }),
        problems: [
            `informationBarriers.internalSegment: segment "experts" is already the experts' segment (experts.segment); name the catch-all segment of the other internal users differently, e.g. "Internal users"`,
        ],
    },
    {
        name: "an internal segment named like a vendor's segment",
        edit: (c) => (c.informationBarriers = { internalSegment: "Contoso1" }),
        problems: [
            `informationBarriers.internalSegment: segment "Contoso1" is already the segment of vendors[0]; name the catch-all segment of the other internal users differently, e.g. "Internal users"`,
        ],
    },
    {
        name: "an internal segment that is neither a name nor false",
        edit: (c) => (c.informationBarriers = { internalSegment: true }),
        problems: ["informationBarriers.internalSegment: expected a segment name, or false to turn it off"],
    },
    {
        name: "a misspelt informationBarriers key",
        edit: (c) => (c.informationBarriers = { legacyMode: true }),
        problems: [
            "informationBarriers.legacyMode: unknown key; known keys: legacy, internalSegment, teamsServicePrincipal",
        ],
    },
    {
        name: "more segments than a legacy tenant allows",
        edit: (c) => {
            c.informationBarriers = { legacy: true };
            delete c.licenses["remote-assist"].seats;
            for (let i = 2; i <= 249; i++) {
                c.vendors.push({
                    id: `vendor${i}`,
                    name: `Vendor ${i}`,
                    license: "remote-assist",
                    serviceAccounts: [{ id: "sa1", holder: `h@vendor${i}.com` }],
                });
            }
        },
        problems: [
            'vendors: 249 vendors with service accounts make 251 information-barrier segments with the experts\' and the internal one, over the 250 Purview allows in a tenant that enabled information barriers before 15 February 2023 (Microsoft Purview, "Get started with information barriers"); offboard vendors, or let vendors reach the experts as guests only (guests need no segment)',
        ],
    },
    {
        name: "an unknown federation management",
        edit: (c) => (c.federation = { management: "overwrite" }),
        problems: ['federation.management: expected one of: merge, replace; got a string ("overwrite")'],
    },
    {
        name: "more allowed domains than Teams accepts",
        edit: (c) =>
            (c.federation = {
                mode: "allowList",
                extraAllowedDomains: Array.from({ length: 4000 }, (_, i) => `partner${i}.example`),
            }),
        problems: [
            "federation.mode: allowList would put 4001 domains on the tenant's allowed domains list (1 from active vendors, 4000 from federation.extraAllowedDomains), but Teams accepts at most 4000 (Set-CsTenantFederationConfiguration -AllowedDomains); list fewer domains or use mode: open or blockList",
        ],
    },
    {
        name: "more blocked domains than Teams accepts",
        edit: (c) =>
            (c.federation = {
                mode: "blockList",
                blockedDomains: Array.from({ length: 4001 }, (_, i) => `spam${i}.example`),
            }),
        problems: [
            "federation.mode: blockList would put 4001 domains on the tenant's blocked domains list (4001 from federation.blockedDomains), but Teams accepts at most 4000 (Set-CsTenantFederationConfiguration -BlockedDomains); list fewer domains",
        ],
    },
    {
        name: "blockedDomains without blockList",
        edit: (c) => (c.federation = { mode: "allowList", blockedDomains: ["fabrikam.com"] }),
        problems: [
            "federation.blockedDomains: only used when federation.mode is blockList (it is allowList); remove the list or set mode: blockList",
        ],
    },
    {
        name: "extraAllowedDomains outside allowList",
        edit: (c) => (c.federation = { mode: "open", extraAllowedDomains: ["fabrikam.com"] }),
        problems: [
            "federation.extraAllowedDomains: only used when federation.mode is allowList (it is open); remove the list or set mode: allowList",
        ],
    },
    {
        name: "an active vendor's domain on the block list",
        edit: (c) => (c.federation = { mode: "blockList", blockedDomains: ["contoso1.com"] }),
        problems: [
            "vendors[0].domains[0]: contoso1.com is in federation.blockedDomains, so the active vendor Contoso1 could not reach the experts; unblock it or suspend the vendor",
        ],
    },
    {
        name: "an unknown federation mode",
        edit: (c) => (c.federation = { mode: "allow" }),
        problems: ['federation.mode: expected one of: open, allowList, blockList, disabled; got a string ("allow")'],
    },
    {
        name: "a string where a list belongs",
        edit: (c) => (c.vendors[0].domains = "contoso1.com"),
        problems: ['vendors[0].domains: expected a list, got a string ("contoso1.com")'],
    },
    {
        name: "a mapping where the vendor list belongs",
        edit: (c) => (c.vendors = { contoso1: {} }),
        problems: ["vendors: expected a list of vendors, got a mapping"],
    },
    {
        name: "a number where a string belongs",
        edit: (c) => (c.vendors[0].name = 42),
        problems: ["vendors[0].name: expected a string, got a number (42)"],
    },
    {
        name: "a string where a mapping belongs",
        edit: (c) => (c.tenant = "abc.onmicrosoft.com"),
        problems: ['tenant: expected a mapping, got a string ("abc.onmicrosoft.com")'],
    },
    {
        name: "seats that are not a whole number",
        edit: (c) => (c.licenses["remote-assist"].seats = "50"),
        problems: ['licenses.remote-assist.seats: expected a number, got a string ("50")'],
    },
    {
        name: "a misspelt vendor key",
        edit: (c) => (c.vendors[0].serviceAcounts = []),
        problems: [
            "vendors[0].serviceAcounts: unknown key; known keys: id, name, domains, license, segment, canTalkTo, state, serviceAccounts, guests",
        ],
    },
    {
        name: "a misspelt top-level key",
        edit: (c) => (c.vendor = []),
        problems: [
            "vendor: unknown key remote-assist-tenancy:vendor; known keys: tenant, licenses, experts, federation, informationBarriers, vendors, credentials, graphEndpoint",
        ],
    },
    {
        name: "an unknown vendor state",
        edit: (c) => (c.vendors[0].state = "paused"),
        problems: ['vendors[0].state: expected one of: active, suspended; got a string ("paused")'],
    },
    {
        name: "a plain-http guest redirect",
        edit: (c) => (c.vendors[0].guests[0].redirectUrl = "http://teams.microsoft.com"),
        problems: ["vendors[0].guests[0].redirectUrl: not an https URL, e.g. https://teams.microsoft.com"],
    },
    {
        name: "an invalid Key Vault name",
        edit: (c) => (c.credentials = { resourceGroupName: "rg", vaultName: "kv_1" }),
        problems: [
            "credentials.vaultName: not a Key Vault name: 3-24 letters, digits and dashes, starting with a letter",
        ],
    },
];

describe("config validation", () => {
    it("accepts Pulumi.dev.yaml", () => {
        assert.doesNotThrow(() => validateConfig(devRawConfig()));
    });

    it("accepts the small base fixture, so each rejection below is caused by its one edit", () => {
        assert.doesNotThrow(() => validateConfig(base()));
    });

    for (const c of REJECTED) {
        it(`rejects ${c.name}, saying where and how to fix it`, () => {
            const raw = base();
            c.edit(raw);
            assert.deepEqual(problemsOf(raw), c.problems);
        });
    }

    it("reports every problem at once, in one error listing each by its path", () => {
        const raw = base();
        raw.tenant.domain = "abc";
        raw.vendors[0].guests[0].email = "nope";
        raw.vendors[0].state = "paused";
        let error: unknown;
        try {
            validateConfig(raw);
        } catch (e) {
            error = e;
        }
        assert.ok(error instanceof ConfigError);
        assert.equal(
            error.message,
            [
                "Invalid remote-assist-tenancy config (3 problems):",
                "  - tenant.domain: not a domain name, e.g. contoso1.com",
                '  - vendors[0].state: expected one of: active, suspended; got a string ("paused")',
                "  - vendors[0].guests[0].email: not an email address",
            ].join("\n"),
        );
    });

    it("still checks the other vendors when one vendor is malformed", () => {
        const raw = base();
        raw.vendors.unshift(null);
        raw.vendors.push({ id: "contoso1", name: "Again" });
        assert.deepEqual(problemsOf(raw), [
            "vendors[0]: expected a mapping, got null",
            "vendors[2].id: duplicate vendor id; vendors[1].id already uses it, and ids name resources and UPNs",
        ]);
    });

    it("does not count a suspended vendor's accounts against seats", () => {
        const raw = base();
        raw.licenses["remote-assist"].seats = 1;
        raw.vendors.push({
            id: "contoso2",
            name: "Contoso2",
            license: "remote-assist",
            state: "suspended",
            serviceAccounts: [{ id: "sa1", holder: "erin@contoso2.com" }],
        });
        assert.doesNotThrow(() => validateConfig(raw));
    });

    it("allows an empty blockedDomains list outside blockList mode (the documented example)", () => {
        const raw = base();
        raw.federation = { mode: "allowList", blockedDomains: [] };
        assert.doesNotThrow(() => validateConfig(raw));
    });

    it("allows a typographic quote in a vendor name when the vendor sets its own segment", () => {
        const raw = base();
        raw.vendors[0].name = "Contoso’s";
        raw.vendors[0].segment = "Contoso";
        assert.doesNotThrow(() => validateConfig(raw));
    });

    it("allows mutual canTalkTo between two vendors with service accounts", () => {
        const raw = base();
        raw.licenses["remote-assist"].seats = 2;
        raw.vendors[0].canTalkTo = ["Experts", "ContosoN"];
        raw.vendors.push({
            id: "contoson",
            name: "ContosoN",
            canTalkTo: ["Experts", "Contoso1"],
            license: "remote-assist",
            serviceAccounts: [{ id: "sa1", holder: "nina@contoson.com" }],
        });
        assert.doesNotThrow(() => validateConfig(raw));
    });

    it("allows a guests-only vendor the default canTalkTo, which names only the experts", () => {
        const raw = base();
        raw.vendors.push({ id: "contoson", name: "ContosoN", guests: [{ email: "nina@contoson.com", name: "Nina" }] });
        assert.doesNotThrow(() => validateConfig(raw));
    });

    it("allows exactly as many segments as a legacy tenant may have", () => {
        const raw = base();
        raw.informationBarriers = { legacy: true, internalSegment: false };
        delete raw.licenses["remote-assist"].seats;
        for (let i = 2; i <= 249; i++) {
            raw.vendors.push({
                id: `vendor${i}`,
                name: `Vendor ${i}`,
                license: "remote-assist",
                serviceAccounts: [{ id: "sa1", holder: `h@vendor${i}.com` }],
            });
        }
        assert.doesNotThrow(() => validateConfig(raw));
    });

    it("allows a catch-all segment turned off, and one with a name of its own", () => {
        for (const internalSegment of [false, "Internal users"]) {
            const raw = base();
            raw.informationBarriers = { internalSegment };
            assert.doesNotThrow(() => validateConfig(raw));
        }
    });

    it("allows a guest from a domain that merely ends like the host's", () => {
        const raw = base();
        raw.vendors[0].guests[0].email = "carol@notabc.onmicrosoft.com.example";
        assert.doesNotThrow(() => validateConfig(raw));
    });
});

describe("config normalisation", () => {
    it("fills defaults: segment from name, canTalkTo the experts, state active, tenant name, Graph endpoint", () => {
        const raw = base();
        raw.vendors.push({ id: "contoson", name: "ContosoN", guests: [{ email: "nina@contoson.com", name: "Nina" }] });
        const config = validateConfig(raw);
        const contoson = config.vendors[1];
        assert.equal(contoson.segment, "ContosoN");
        assert.deepEqual(contoson.canTalkTo, ["Experts"]);
        assert.equal(contoson.state, "active");
        assert.deepEqual(contoson.serviceAccounts, []);
        assert.equal(contoson.guests[0].redirectUrl, "https://teams.microsoft.com");
        assert.equal(config.tenant.name, "abc.onmicrosoft.com");
        assert.deepEqual(config.tenant.domains, ["abc.onmicrosoft.com"]);
        assert.equal(config.graphEndpoint, "https://graph.microsoft.com");
        assert.deepEqual(config.federation, {
            mode: "allowList",
            management: "merge",
            blockedDomains: [],
            extraAllowedDomains: [],
            peerStacks: [],
        });
        assert.deepEqual(config.informationBarriers, {
            legacy: false,
            internalSegment: "Internal",
            teamsServicePrincipal: true,
        });
    });

    it("gives each service account the tenant's usage location unless it overrides it", () => {
        const raw = base();
        raw.vendors[0].serviceAccounts.push({ id: "sa2", holder: "toni@contoso1.com", usageLocation: "de" });
        const accounts = validateConfig(raw).vendors[0].serviceAccounts;
        assert.deepEqual(
            accounts.map((a) => a.usageLocation),
            ["US", "DE"],
        );
    });

    it("resolves SKU part numbers to skuIds and lower-cases GUIDs", () => {
        const raw = base();
        raw.licenses["remote-assist"].skus.push({
            sku: "E48328A2-8E98-4484-A70F-A99F8AC9EC89",
            disabledPlans: ["57FF2DA0-773E-42DF-B2AF-FFB7A2317929"],
        });
        raw.licenses["remote-assist"].seats = 2;
        assert.deepEqual(validateConfig(raw).licenses["remote-assist"], {
            name: "remote-assist",
            seats: 2,
            skus: [
                { sku: "MICROSOFT_REMOTE_ASSIST", skuId: "7a551360-26c4-4f61-84e6-ef715673e083", disabledPlans: [] },
                {
                    sku: "E48328A2-8E98-4484-A70F-A99F8AC9EC89",
                    skuId: "e48328a2-8e98-4484-a70f-a99f8ac9ec89",
                    disabledPlans: ["57ff2da0-773e-42df-b2af-ffb7a2317929"],
                },
            ],
        });
    });

    it("lower-cases emails and domains so comparisons and resource names are stable", () => {
        const raw = base();
        raw.vendors[0].domains = ["Contoso1.COM"];
        raw.vendors[0].guests[0].email = "Carol@Contoso1.com";
        const vendor = validateConfig(raw).vendors[0];
        assert.deepEqual(vendor.domains, ["contoso1.com"]);
        assert.equal(vendor.guests[0].email, "carol@contoso1.com");
    });

    it("keeps a numeric rotation value as text, so changing 1 to 2 rotates the password", () => {
        const raw = base();
        raw.vendors[0].serviceAccounts[0].rotation = 1;
        assert.equal(validateConfig(raw).vendors[0].serviceAccounts[0].rotation, "1");
    });
});
