import { strict as assert } from "node:assert";
import { ConfigError } from "../../config/problems";
import { validateConfig } from "../../config/validate";
import { devRawConfig } from "../helpers";
import { base, problemsOf, type Raw } from "./support";

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
        problems: ['tenant.domain: "abc" is not a domain name, e.g. contoso1.com'],
    },
    {
        name: "an invalid vendor domain",
        edit: (c) => (c.vendors[0].domains = ["contoso1..com"]),
        problems: ['vendors[0] (contoso1).domains[0]: "contoso1..com" is not a domain name, e.g. contoso1.com'],
    },
    {
        name: "an invalid email",
        edit: (c) => (c.vendors[0].guests[0].email = "carol"),
        problems: ['vendors[0] (contoso1).guests[0].email: "carol" is not an email address, e.g. bob@contoso1.com'],
    },
    {
        name: "an invalid holder email",
        edit: (c) => (c.vendors[0].serviceAccounts[0].holder = "bob at contoso1"),
        problems: [
            'vendors[0] (contoso1).serviceAccounts[0].holder: "bob at contoso1" is not an email address, e.g. bob@contoso1.com',
        ],
    },
    {
        name: "an invalid GUID",
        edit: (c) => (c.experts.team = "experts-team"),
        problems: ['experts.team: "experts-team" is not a GUID, e.g. 7a551360-26c4-4f61-84e6-ef715673e083'],
    },
    {
        name: "an invalid disabled plan GUID",
        edit: (c) => (c.licenses["remote-assist"].skus[0].disabledPlans = ["TEAMS1"]),
        problems: [
            'licenses.remote-assist.skus[0].disabledPlans[0]: "TEAMS1" is not a GUID, e.g. 7a551360-26c4-4f61-84e6-ef715673e083',
        ],
    },
    {
        name: "an invalid usage location",
        edit: (c) => (c.tenant.usageLocation = "XX"),
        problems: ['tenant.usageLocation: "XX" is not an ISO 3166-1 alpha-2 country code, e.g. US or DE'],
    },
    {
        name: "an alpha-3 usage location override",
        edit: (c) => (c.vendors[0].serviceAccounts[0].usageLocation = "DEU"),
        problems: [
            'vendors[0] (contoso1).serviceAccounts[0].usageLocation: "DEU" is not an ISO 3166-1 alpha-2 country code, e.g. US or DE',
        ],
    },
    {
        name: "a vendor id that is not a slug",
        edit: (c) => (c.vendors[0].id = "Contoso 1"),
        problems: ['vendors[0].id: "Contoso 1" is not a slug: use lowercase letters, digits and "-", e.g. "contoso1"'],
    },
    {
        name: "an account id that is not a slug",
        edit: (c) => (c.vendors[0].serviceAccounts[0].id = "sa_1"),
        problems: [
            'vendors[0] (contoso1).serviceAccounts[0].id: "sa_1" is not a slug: use lowercase letters, digits and "-", e.g. "contoso1"',
        ],
    },
    {
        name: "a duplicated vendor id",
        edit: (c) => c.vendors.push({ id: "contoso1", name: "Contoso One" }),
        problems: [
            "vendors[1] (contoso1).id: duplicate vendor id; vendors[0] (contoso1).id already uses it, and ids name resources and UPNs: give this vendor an id of its own",
        ],
    },
    {
        name: "a duplicated vendor name",
        edit: (c) => c.vendors.push({ id: "contoso-one", name: "contoso1", segment: "Other" }),
        problems: [
            "vendors[1] (contoso-one).name: duplicate vendor name; vendors[0] (contoso1).name already uses it (case does not count), and group names derive from it: give this vendor a name of its own",
        ],
    },
    {
        name: "a duplicated account id",
        edit: (c) => c.vendors[0].serviceAccounts.push({ id: "sa1", holder: "toni@contoso1.com" }),
        problems: [
            "vendors[0] (contoso1).serviceAccounts[1].id: duplicate service account id; vendors[0] (contoso1).serviceAccounts[0].id already uses it within this vendor: give each account its own id",
        ],
    },
    {
        name: "an expert listed twice (case does not count)",
        edit: (c) => c.experts.members.push("Alice@abc.onmicrosoft.com"),
        problems: ["experts.members[1]: duplicate expert; experts.members[0] already lists this user: remove one"],
    },
    {
        name: "a UPN local part over 64 characters",
        edit: (c) => (c.vendors[0].serviceAccounts[0].id = "a".repeat(53)),
        problems: [
            `vendors[0] (contoso1).serviceAccounts[0].id: makes the user name "sa-contoso1-${"a".repeat(53)}" 65 characters long, over Entra ID's limit of 64; shorten the vendor or account id`,
        ],
    },
    {
        name: "an unknown license bundle",
        edit: (c) => (c.vendors[0].license = "ra"),
        problems: [
            'vendors[0] (contoso1).license: unknown bundle "ra"; define it under licenses or use one of: remote-assist',
        ],
    },
    {
        name: "service accounts without a license",
        edit: (c) => delete c.vendors[0].license,
        problems: [
            "vendors[0] (contoso1).license: required because the vendor has service accounts; use one of: remote-assist",
        ],
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
            "vendors[0] (contoso1).guests[0].email: carol@abc.onmicrosoft.com is in the host tenant's domain abc.onmicrosoft.com; guests are external users, and internal experts belong under experts.members",
        ],
    },
    {
        name: "a guest in another of the host tenant's domains",
        edit: (c) => {
            c.tenant.domains = ["abc.com"];
            c.vendors[0].guests[0].email = "carol@eu.abc.com";
        },
        problems: [
            "vendors[0] (contoso1).guests[0].email: carol@eu.abc.com is in the host tenant's domain abc.com; guests are external users, and internal experts belong under experts.members",
        ],
    },
    {
        name: "the same guest invited twice",
        edit: (c) =>
            c.vendors.push({ id: "contoson", name: "ContosoN", guests: [{ email: "Carol@contoso1.com", name: "C" }] }),
        problems: [
            "vendors[1] (contoson).guests[0].email: this guest is already invited by vendors[0] (contoso1).guests[0].email; invite each person once",
        ],
    },
    {
        name: "a domain listed by two vendors",
        edit: (c) => c.vendors.push({ id: "contoson", name: "ContosoN", domains: ["contoso1.com"] }),
        problems: [
            "vendors[1] (contoson).domains[0]: this domain is already listed at vendors[0] (contoso1).domains[0]; a domain belongs to one vendor: remove it here or there",
        ],
    },
    {
        name: "canTalkTo naming an unknown segment",
        edit: (c) => (c.vendors[0].canTalkTo = ["Expert"]),
        problems: [
            'vendors[0] (contoso1).canTalkTo[0]: unknown segment "Expert"; did you mean "Experts"? known segments: Experts, Contoso1',
        ],
    },
    {
        name: "duplicate segment names (case-insensitive)",
        edit: (c) => (c.vendors[0].segment = "experts"),
        problems: [
            `vendors[0] (contoso1).segment: segment "Experts" already belongs to experts; each vendor needs its own segment (it defaults to the vendor's name): set segment to another name`,
        ],
    },
    {
        name: "a segment name over 64 characters",
        edit: (c) => (c.vendors[0].segment = "S".repeat(65)),
        problems: [
            `vendors[0] (contoso1).segment: "${"S".repeat(65)}" is too long (65 characters): information-barrier segment names are limited to 64 characters`,
        ],
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
            'vendors[1] (contoso-1).serviceAccounts[0].id: makes the user name "sa-contoso-1-sa1", which vendors[0] (contoso).serviceAccounts[0] already makes; change this account id',
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
            'vendors[1] (a-guest).guests[0].email: gives the same resource name "a-guest-guest-b@c.com" as vendors[0] (a).guests[0].email; change one of the two vendor ids',
        ],
    },
    {
        name: "a vendor id over 40 characters",
        edit: (c) => (c.vendors[0].id = "v".repeat(41)),
        problems: [
            `vendors[0].id: "${"v".repeat(41)}" is too long (41 characters): at most 40 characters, since group nicknames and UPNs derive from it`,
        ],
    },
    {
        name: "a vendor name over 64 characters",
        edit: (c) => (c.vendors[0].name = "N".repeat(65)),
        problems: [
            `vendors[0] (contoso1).name: "${"N".repeat(65)}" is too long (65 characters): at most 64 characters (Entra ID's limit for companyName, which the stack sets to the vendor's name)`,
        ],
    },
    {
        name: "a typographic quote in a segment name",
        edit: (c) => (c.vendors[0].segment = "Contoso’s team"),
        problems: [
            `vendors[0] (contoso1).segment: "Contoso’s team" must not contain typographic quotes (‘ ’); use ' instead`,
        ],
    },
    {
        name: "a vendor name that cannot be its default segment",
        edit: (c) => (c.vendors[0].name = "Contoso’s"),
        problems: [
            `vendors[0] (contoso1).name: the vendor's segment defaults to its name, and as a segment name "Contoso’s" must not contain typographic quotes (‘ ’); use ' instead; set segment`,
        ],
    },
    {
        name: "a sibling stack listed twice",
        edit: (c) =>
            (c.federation = { peerStacks: ["acme/remote-assist-tenancy/plant2", "acme/remote-assist-tenancy/plant2"] }),
        problems: ["federation.peerStacks[1]: duplicate stack; federation.peerStacks[0] already lists it: remove one"],
    },
    {
        name: "a line break in a vendor name",
        edit: (c) => (c.vendors[0].name = "Contoso1\nInc"),
        problems: [
            'vendors[0] (contoso1).name: "Contoso1\\nInc" must be one line without control characters; remove them',
        ],
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
            "vendors[0] (contoso1).canTalkTo[1]: Contoso1 may talk to ContosoN, but vendors[1] (contoson).canTalkTo does not list Contoso1; information-barrier policies must be mutual: add Contoso1 there or remove ContosoN here",
        ],
    },
    {
        name: "canTalkTo naming the segment of a vendor without service accounts",
        edit: (c) => {
            c.vendors[0].canTalkTo = ["Experts", "ContosoN"];
            c.vendors.push({ id: "contoson", name: "ContosoN", canTalkTo: ["Experts", "Contoso1"] });
        },
        problems: [
            "vendors[0] (contoso1).canTalkTo[1]: ContosoN is the segment of ContosoN, which has no service accounts and so no information-barrier segment (its guests are governed by the experts' team); remove ContosoN here",
            "vendors[1] (contoson).canTalkTo[1]: ContosoN has no service accounts, so it has no information-barrier segment and no policy that could allow Contoso1 (its guests are governed by the experts' team); remove Contoso1 here",
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
            `informationBarriers.internalSegment: segment "Contoso1" is already the segment of vendors[0] (contoso1); name the catch-all segment of the other internal users differently, e.g. "Internal users"`,
        ],
    },
    {
        name: "an internal segment that is neither a name nor false",
        edit: (c) => (c.informationBarriers = { internalSegment: true }),
        problems: ["informationBarriers.internalSegment: expected a segment name, or false to turn it off; got true"],
    },
    {
        name: "a misspelt informationBarriers key",
        edit: (c) => (c.informationBarriers = { legacyMode: true }),
        problems: [
            "informationBarriers.legacyMode: unknown key; did you mean legacy? known keys: legacy, internalSegment, teamsServicePrincipal",
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
            "vendors[0] (contoso1).domains[0]: contoso1.com is in federation.blockedDomains, so the active vendor Contoso1 could not reach the experts; unblock it or suspend the vendor",
        ],
    },
    {
        name: "a suspended vendor's domain in extraAllowedDomains",
        edit: (c) => {
            c.vendors[0].state = "suspended";
            c.federation = { mode: "allowList", extraAllowedDomains: ["partner.example", "contoso1.com"] };
        },
        problems: [
            "vendors[0] (contoso1).domains[0]: contoso1.com is in federation.extraAllowedDomains, so the suspended vendor Contoso1 would stay federated with the host tenant; remove it from extraAllowedDomains or set the vendor active",
        ],
    },
    {
        name: "an expert who is one of the stack's service accounts",
        edit: (c) => c.experts.members.push("SA-Contoso1-sa1@abc.onmicrosoft.com"),
        problems: [
            "experts.members[1]: sa-contoso1-sa1@abc.onmicrosoft.com is the user name of vendors[0] (contoso1).serviceAccounts[0]; a service account is in its vendor's information-barrier segment and no user may be in two, so it cannot be an expert too: remove it here",
        ],
    },
    {
        name: "a line break in experts.segmentFilter",
        edit: (c) => (c.experts.segmentFilter = "Department -eq 'Field'\n-or Department -eq 'Lab'"),
        problems: [
            `experts.segmentFilter: "Department -eq 'Field'\\n-or Department -eq 'Lab'" must be one line without control characters; remove them`,
        ],
    },
    {
        name: "an experts.segmentFilter whose parentheses or quotes do not close",
        edit: (c) => (c.experts.segmentFilter = "Department -eq 'Field') -or (Department -eq 'Lab'"),
        problems: [
            `experts.segmentFilter: "Department -eq 'Field') -or (Department -eq 'Lab'" has a parenthesis without its partner or a quoted value without its closing quote; the stack puts the filter in parentheses to keep service accounts out of it, so close each ( and ' in it`,
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
        problems: ['vendors[0] (contoso1).domains: expected a list, got a string ("contoso1.com")'],
    },
    {
        name: "a mapping where the vendor list belongs",
        edit: (c) => (c.vendors = { contoso1: {} }),
        problems: ["vendors: expected a list of vendors, got a mapping"],
    },
    {
        name: "a number where a string belongs",
        edit: (c) => (c.vendors[0].name = 42),
        problems: ["vendors[0] (contoso1).name: expected a string, got a number (42)"],
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
            "vendors[0] (contoso1).serviceAcounts: unknown key; did you mean serviceAccounts? known keys: id, name, domains, license, segment, canTalkTo, state, serviceAccounts, guests, existing",
        ],
    },
    {
        name: "a misspelt top-level key",
        edit: (c) => (c.vendor = []),
        problems: [
            "vendor: unknown key remote-assist-tenancy:vendor; did you mean remote-assist-tenancy:vendors? known keys: tenant, licenses, experts, federation, informationBarriers, vendors, credentials, graphEndpoint",
        ],
    },
    {
        name: "an unknown vendor state",
        edit: (c) => (c.vendors[0].state = "paused"),
        problems: ['vendors[0] (contoso1).state: expected one of: active, suspended; got a string ("paused")'],
    },
    {
        name: "a plain-http guest redirect",
        edit: (c) => (c.vendors[0].guests[0].redirectUrl = "http://teams.microsoft.com"),
        problems: [
            'vendors[0] (contoso1).guests[0].redirectUrl: "http://teams.microsoft.com" is not an https URL, e.g. https://teams.microsoft.com',
        ],
    },
    {
        name: "an invalid Key Vault name",
        edit: (c) => (c.credentials = { resourceGroupName: "rg", vaultName: "kv_1" }),
        problems: [
            'credentials.vaultName: "kv_1" is not a Key Vault name: 3-24 letters, digits and dashes, starting with a letter',
        ],
    },
];

describe("config validation", () => {
    it("accepts Pulumi.dev.yaml with every vendor, account and guest, in config order", () => {
        const config = validateConfig(devRawConfig());
        assert.deepEqual(
            config.vendors.map((v) => [
                v.id,
                v.state,
                v.serviceAccounts.map((a) => a.id),
                v.guests.map((g) => g.email),
            ]),
            [
                ["contoso1", "active", ["sa1", "sa2"], ["carol@contoso1.com"]],
                ["contractor-user", "active", ["sa3"], []],
                ["contoson", "active", [], ["nina@contoson.com"]],
                ["contoso2", "suspended", ["sa1"], []],
            ],
        );
        assert.deepEqual(config.experts.members, ["alice@abc.onmicrosoft.com", "dan@abc.onmicrosoft.com"]);
    });

    it("accepts the small base fixture as written, so each rejection below is caused by its one edit", () => {
        assert.deepEqual(validateConfig(base()).vendors, [
            {
                id: "contoso1",
                name: "Contoso1",
                domains: ["contoso1.com"],
                license: "remote-assist",
                segment: "Contoso1",
                canTalkTo: ["Experts"],
                state: "active",
                serviceAccounts: [{ id: "sa1", holder: "bob@contoso1.com", usageLocation: "US" }],
                guests: [{ email: "carol@contoso1.com", name: "Carol Ng", redirectUrl: "https://teams.microsoft.com" }],
            },
        ]);
    });

    for (const c of REJECTED) {
        it(`rejects ${c.name}, saying where and how to fix it`, () => {
            const raw = base();
            c.edit(raw);
            assert.deepEqual(problemsOf(raw), c.problems);
        });
    }

    it("reports every problem at once, in one error listing each by its path, in config order", () => {
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
                '  - tenant.domain: "abc" is not a domain name, e.g. contoso1.com',
                '  - vendors[0] (contoso1).state: expected one of: active, suspended; got a string ("paused")',
                '  - vendors[0] (contoso1).guests[0].email: "nope" is not an email address, e.g. bob@contoso1.com',
            ].join("\n"),
        );
    });

    it("still checks the other vendors when one vendor is malformed", () => {
        const raw = base();
        raw.vendors.unshift(null);
        raw.vendors.push({ id: "contoso1", name: "Again" });
        assert.deepEqual(problemsOf(raw), [
            "vendors[0]: expected a mapping, got an empty value (null)",
            "vendors[2] (contoso1).id: duplicate vendor id; vendors[1] (contoso1).id already uses it, and ids name resources and UPNs: give this vendor an id of its own",
        ]);
    });

    it("accepts a new stack without vendors, as a tenant with none", () => {
        const raw = base();
        delete raw.vendors;
        const config = validateConfig(raw);
        assert.deepEqual(config.vendors, []);
        assert.equal(config.tenant.domain, "abc.onmicrosoft.com");
    });

    it("accepts a service account whose user name is exactly Entra ID's 64 characters", () => {
        const raw = base();
        raw.vendors[0].serviceAccounts[0].id = "a".repeat(52);
        const [account] = validateConfig(raw).vendors[0].serviceAccounts;
        assert.equal(`sa-contoso1-${account.id}`.length, 64);
        assert.equal(account.id, "a".repeat(52));
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
        const config = validateConfig(raw);
        assert.equal(config.licenses["remote-assist"].seats, 1);
        assert.deepEqual(
            config.vendors.map((v) => [v.id, v.state, v.serviceAccounts.length]),
            [
                ["contoso1", "active", 1],
                ["contoso2", "suspended", 1],
            ],
        );
    });

    it("allows an empty blockedDomains list outside blockList mode (the documented example)", () => {
        const raw = base();
        raw.federation = { mode: "allowList", blockedDomains: [] };
        const { federation } = validateConfig(raw);
        assert.equal(federation.mode, "allowList");
        assert.deepEqual(federation.blockedDomains, []);
    });

    it("allows a typographic quote in a vendor name when the vendor sets its own segment", () => {
        const raw = base();
        raw.vendors[0].name = "Contoso’s";
        raw.vendors[0].segment = "Contoso";
        const [vendor] = validateConfig(raw).vendors;
        assert.deepEqual([vendor.name, vendor.segment], ["Contoso’s", "Contoso"]);
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
        assert.deepEqual(
            validateConfig(raw).vendors.map((v) => [v.segment, v.canTalkTo]),
            [
                ["Contoso1", ["Experts", "ContosoN"]],
                ["ContosoN", ["Experts", "Contoso1"]],
            ],
        );
    });

    it("allows a guests-only vendor the default canTalkTo, which names only the experts", () => {
        const raw = base();
        raw.vendors.push({ id: "contoson", name: "ContosoN", guests: [{ email: "nina@contoson.com", name: "Nina" }] });
        const contoson = validateConfig(raw).vendors[1];
        assert.deepEqual([contoson.id, contoson.canTalkTo, contoson.serviceAccounts], ["contoson", ["Experts"], []]);
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
        const config = validateConfig(raw);
        assert.equal(config.vendors.filter((v) => v.serviceAccounts.length > 0).length, 249);
        assert.deepEqual(config.informationBarriers, { legacy: true, teamsServicePrincipal: true });
    });

    it("allows a catch-all segment turned off, and one with a name of its own", () => {
        const names = [false, "Internal users"].map((internalSegment) => {
            const raw = base();
            raw.informationBarriers = { internalSegment };
            return validateConfig(raw).informationBarriers.internalSegment;
        });
        assert.deepEqual(names, [undefined, "Internal users"]);
    });

    it("allows a suspended vendor's domain on no list but its own, and an active vendor's in extraAllowedDomains", () => {
        const raw = base();
        raw.federation = { mode: "allowList", extraAllowedDomains: ["contoso1.com"] };
        assert.deepEqual(validateConfig(raw).federation.extraAllowedDomains, ["contoso1.com"]);
    });

    it("lets guests-only vendors use any segment name, since they have no segment", () => {
        const raw = base();
        raw.vendors.push(
            { id: "internal", name: "Internal", guests: [{ email: "ian@internal.example", name: "Ian" }] },
            { id: "experts", name: "Experts" },
            { id: "contoso1-guests", name: "Contoso1 guests", segment: "contoso1" },
        );
        raw.vendors[0].canTalkTo = ["Experts"];
        assert.deepEqual(
            validateConfig(raw).vendors.map((v) => v.segment),
            ["Contoso1", "Internal", "Experts", "contoso1"],
        );
    });

    it("reads canTalkTo of a segment a guests-only vendor shares as the segmented vendor's", () => {
        const raw = base();
        raw.licenses["remote-assist"].seats = 2;
        raw.vendors[0].canTalkTo = ["Experts", "ContosoN"];
        raw.vendors.push(
            { id: "contoson-guests", name: "ContosoN guests", segment: "ContosoN" },
            {
                id: "contoson",
                name: "ContosoN",
                canTalkTo: ["Experts", "Contoso1"],
                license: "remote-assist",
                serviceAccounts: [{ id: "sa1", holder: "nina@contoson.com" }],
            },
        );
        assert.deepEqual(
            validateConfig(raw).vendors.map((v) => v.canTalkTo),
            [["Experts", "ContosoN"], ["Experts"], ["Experts", "Contoso1"]],
        );
    });

    it("accepts a single-line experts.segmentFilter with grouped clauses and quoted parentheses", () => {
        const raw = base();
        raw.experts.segmentFilter =
            "(Department -eq 'Field (North)' -or Department -eq 'O''Brien)') -and Title -ne 'x'";
        assert.equal(
            validateConfig(raw).experts.segmentFilter,
            "(Department -eq 'Field (North)' -or Department -eq 'O''Brien)') -and Title -ne 'x'",
        );
    });

    it("allows a guest from a domain that merely ends like the host's", () => {
        const raw = base();
        raw.vendors[0].guests[0].email = "carol@notabc.onmicrosoft.com.example";
        assert.deepEqual(
            validateConfig(raw).vendors[0].guests.map((g) => g.email),
            ["carol@notabc.onmicrosoft.com.example"],
        );
    });
});

describe("every mistake at once", () => {
    it("names the vendor by id, shows the bad value and keeps the path at the start", () => {
        const raw = devRawConfig();
        raw.vendors.push({
            id: "fabrikam",
            name: "Fabrikam",
            license: "remote-assist",
            serviceAccounts: [{ id: "sa1", holder: "jo.fabrikam.com" }],
        });
        assert.deepEqual(problemsOf(raw), [
            'vendors[4] (fabrikam).serviceAccounts[0].holder: "jo.fabrikam.com" is not an email address, e.g. bob@contoso1.com',
        ]);
    });

    it("reports a vendor's duplicate id, misspelt bundle and bad holder together, without advice for a knock-on", () => {
        const raw = base();
        raw.vendors.push({
            id: "contoso1",
            name: "Fabrikam",
            license: "remote-asist",
            serviceAccounts: [{ id: "sa1", holder: "jo.fabrikam.com" }],
        });
        assert.deepEqual(problemsOf(raw), [
            "vendors[1] (contoso1).id: duplicate vendor id; vendors[0] (contoso1).id already uses it, and ids name resources and UPNs: give this vendor an id of its own",
            'vendors[1] (contoso1).license: unknown bundle "remote-asist"; did you mean "remote-assist"? define it under licenses or use one of: remote-assist',
            'vendors[1] (contoso1).serviceAccounts[0].holder: "jo.fabrikam.com" is not an email address, e.g. bob@contoso1.com',
        ]);
    });

    it("does not let a SKU typo hide a vendor's unknown bundle", () => {
        const raw = base();
        raw.licenses["remote-assist"].skus[0].sku = "REMOTE_ASSIST";
        raw.vendors[0].license = "ra";
        assert.deepEqual(
            problemsOf(raw).map((p) => p.split(":")[0]),
            ["licenses.remote-assist.skus[0].sku", "vendors[0] (contoso1).license"],
        );
    });

    it("does not let a bad guest email hide service accounts without a license", () => {
        const raw = base();
        raw.vendors[0].guests[0].email = "carol";
        delete raw.vendors[0].license;
        assert.deepEqual(problemsOf(raw), [
            "vendors[0] (contoso1).license: required because the vendor has service accounts; use one of: remote-assist",
            'vendors[0] (contoso1).guests[0].email: "carol" is not an email address, e.g. bob@contoso1.com',
        ]);
    });

    it("lists problems in config order, whichever rule found them: sections, then fields as documented, then entries", () => {
        const raw = base();
        raw.vendors.push({ id: "contoso1", name: "Again", domains: ["again.example"] });
        raw.vendors[0].guests[0].email = "nope";
        raw.vendors[0].holder = "misplaced@contoso1.com";
        raw.licenses["remote-assist"].seats = 0;
        raw.tenant.usageLocation = "XX";
        raw.experts.members.push("alice@abc.onmicrosoft.com");
        assert.deepEqual(
            problemsOf(raw).map((p) => p.split(": ")[0]),
            [
                "tenant.usageLocation",
                "licenses.remote-assist.seats",
                "experts.members[1]",
                "vendors[0] (contoso1).guests[0].email",
                "vendors[0] (contoso1).holder",
                "vendors[1] (contoso1).id",
            ],
        );
    });
});

describe("knock-on errors", () => {
    it("a vendor id that repeats another's does not also make its accounts' user names collide", () => {
        const raw = base();
        raw.vendors.push({
            id: "contoso1",
            name: "Contoso One",
            license: "remote-assist",
            serviceAccounts: [{ id: "sa1", holder: "x@contoso1.com" }],
            guests: [{ email: "dave@contoso1.com", name: "Dave" }],
        });
        raw.licenses["remote-assist"].seats = 5;
        assert.deepEqual(problemsOf(raw), [
            "vendors[1] (contoso1).id: duplicate vendor id; vendors[0] (contoso1).id already uses it, and ids name resources and UPNs: give this vendor an id of its own",
        ]);
    });

    it("a vendor name that repeats another's does not also repeat the segment it defaults to", () => {
        const raw = base();
        raw.vendors.push({ id: "contoso-one", name: "CONTOSO1" });
        assert.deepEqual(problemsOf(raw), [
            "vendors[1] (contoso-one).name: duplicate vendor name; vendors[0] (contoso1).name already uses it (case does not count), and group names derive from it: give this vendor a name of its own",
        ]);
    });

    it("a canTalkTo naming the experts is not unknown when the experts section itself is invalid", () => {
        const raw = base();
        raw.experts = "Experts";
        raw.vendors[0].canTalkTo = ["Experts"];
        assert.deepEqual(problemsOf(raw), ['experts: expected a mapping, got a string ("Experts")']);
    });

    it("a canTalkTo naming a vendor whose name sits under a misspelt key is not unknown", () => {
        const raw = base();
        raw.vendors[0].canTalkTo = ["Experts", "ContosoN"];
        raw.vendors.push({
            id: "contoson",
            nmae: "ContosoN",
            license: "remote-assist",
            serviceAccounts: [{ id: "sa1", holder: "nina@contoson.com" }],
        });
        assert.deepEqual(problemsOf(raw), [
            "vendors[1] (contoson).name: required",
            "vendors[1] (contoson).nmae: unknown key; did you mean name? known keys: id, name, domains, license, segment, canTalkTo, state, serviceAccounts, guests, existing",
        ]);
    });

    it("a canTalkTo whose peer's own list has an invalid entry is not called one-sided", () => {
        const raw = base();
        raw.licenses["remote-assist"].seats = 2;
        raw.vendors[0].canTalkTo = ["Experts", "ContosoN"];
        raw.vendors.push({
            id: "contoson",
            name: "ContosoN",
            canTalkTo: ["Experts", "Contoso\n1"],
            license: "remote-assist",
            serviceAccounts: [{ id: "sa1", holder: "nina@contoson.com" }],
        });
        assert.deepEqual(problemsOf(raw), [
            'vendors[1] (contoson).canTalkTo[1]: "Contoso\\n1" must be one line without control characters; remove them',
        ]);
    });

    it("an id too long for a slug is not also told its user names are too long", () => {
        const raw = base();
        raw.vendors[0].id = "c".repeat(61);
        assert.deepEqual(problemsOf(raw), [
            `vendors[0].id: "${"c".repeat(61)}" is too long (61 characters): at most 40 characters, since group nicknames and UPNs derive from it`,
        ]);
    });
});

describe("values in messages", () => {
    it("escapes a line break in a value, so it cannot forge a problem line", () => {
        const raw = base();
        raw.vendors[0].name = "Contoso1\n  - vendors[0].id: forged";
        let error: unknown;
        try {
            validateConfig(raw);
        } catch (e) {
            error = e;
        }
        assert.ok(error instanceof ConfigError);
        assert.deepEqual(error.message.split("\n"), [
            "Invalid remote-assist-tenancy config (1 problem):",
            '  - vendors[0] (contoso1).name: "Contoso1\\n  - vendors[0].id: forged" must be one line without control characters; remove them',
        ]);
    });

    it("escapes line breaks, other control characters and Unicode line separators in keys and values", () => {
        const raw = base();
        raw.licenses["bad\nname"] = { skus: [] };
        raw.vendors[0]["x\r\n  - y"] = 1;
        raw.vendors[0].guests[0].email = "carol\u2028@contoso1.com";
        const problems = problemsOf(raw);
        assert.deepEqual(problems, [
            'licenses["bad\\nname"].skus: list at least one SKU',
            'vendors[0] (contoso1).guests[0].email: "carol\\u2028@contoso1.com" is not an email address, e.g. bob@contoso1.com',
            'vendors[0] (contoso1)["x\\r\\n  - y"]: unknown key; known keys: id, name, domains, license, segment, canTalkTo, state, serviceAccounts, guests, existing',
        ]);
        assert.ok(problems.every((p) => !/[\u0000-\u001f\u2028\u2029]/.test(p)));
    });

    it("cuts a very long value, saying how long it is", () => {
        const raw = base();
        raw.vendors[0].segment = `${"S".repeat(100)}\n${"S".repeat(99)}`;
        assert.deepEqual(problemsOf(raw), [
            `vendors[0] (contoso1).segment: "${"S".repeat(79)}…" is too long (200 characters): information-barrier segment names are limited to 64 characters`,
            `vendors[0] (contoso1).segment: "${"S".repeat(79)}…" must be one line without control characters; remove them`,
        ]);
    });
});

describe("empty values (null)", () => {
    const LEAVE_OUT = "; remove the key to leave it out, or give a value";
    const cases: { readonly edit: (c: Raw) => void; readonly problem: string }[] = [
        { edit: (c) => (c.tenant = null), problem: "tenant: expected a mapping, got an empty value (null)" },
        {
            edit: (c) => (c.licenses = null),
            problem: `licenses: expected a mapping of license bundles by name, got an empty value (null)${LEAVE_OUT}`,
        },
        {
            edit: (c) => (c.experts = null),
            problem: `experts: expected a mapping, got an empty value (null)${LEAVE_OUT}`,
        },
        {
            edit: (c) => (c.federation = null),
            problem: `federation: expected a mapping, got an empty value (null)${LEAVE_OUT}`,
        },
        {
            edit: (c) => (c.informationBarriers = null),
            problem: `informationBarriers: expected a mapping, got an empty value (null)${LEAVE_OUT}`,
        },
        {
            edit: (c) => (c.vendors = null),
            problem: `vendors: expected a list of vendors, got an empty value (null)${LEAVE_OUT}`,
        },
        {
            edit: (c) => (c.credentials = null),
            problem: `credentials: expected a mapping, got an empty value (null)${LEAVE_OUT}`,
        },
        {
            edit: (c) => (c.graphEndpoint = null),
            problem: `graphEndpoint: expected a string, got an empty value (null)${LEAVE_OUT}`,
        },
        {
            edit: (c) => (c.tenant.domains = null),
            problem: `tenant.domains: expected a list, got an empty value (null)${LEAVE_OUT}`,
        },
        {
            edit: (c) => (c.licenses["remote-assist"].seats = null),
            problem: `licenses.remote-assist.seats: expected a number, got an empty value (null)${LEAVE_OUT}`,
        },
        {
            edit: (c) => (c.experts.members = null),
            problem: `experts.members: expected a list, got an empty value (null)${LEAVE_OUT}`,
        },
        {
            edit: (c) => (c.vendors[0].segment = null),
            problem: `vendors[0] (contoso1).segment: expected a string, got an empty value (null)${LEAVE_OUT}`,
        },
        {
            edit: (c) => (c.vendors[0].canTalkTo = null),
            problem: `vendors[0] (contoso1).canTalkTo: expected a list, got an empty value (null)${LEAVE_OUT}`,
        },
        {
            edit: (c) => (c.vendors[0].guests = null),
            problem: `vendors[0] (contoso1).guests: expected a list, got an empty value (null)${LEAVE_OUT}`,
        },
        {
            edit: (c) => (c.vendors[0].name = null),
            problem: "vendors[0] (contoso1).name: expected a string, got an empty value (null)",
        },
        {
            edit: (c) => (c.vendors[0].serviceAccounts[0].usageLocation = null),
            problem: `vendors[0] (contoso1).serviceAccounts[0].usageLocation: expected a string, got an empty value (null)${LEAVE_OUT}`,
        },
        {
            edit: (c) => (c.vendors[0].domains[0] = null),
            problem: "vendors[0] (contoso1).domains[0]: expected a string, got an empty value (null)",
        },
    ];

    for (const c of cases) {
        it(`is a problem, never "absent": ${c.problem.split(":")[0]}`, () => {
            const raw = base();
            c.edit(raw);
            assert.deepEqual(problemsOf(raw), [c.problem]);
        });
    }

    it("is a problem for a vendor's license too, not a vendor without one (which would hide its accounts' need)", () => {
        const raw = base();
        raw.vendors[0].license = null;
        assert.deepEqual(problemsOf(raw), [
            `vendors[0] (contoso1).license: expected a string, got an empty value (null)${LEAVE_OUT}`,
        ]);
    });
});

describe("unknown keys", () => {
    const cases: [string, (c: Raw) => void, string][] = [
        [
            "a misspelt tenant key, in another letter case",
            (c) => (c.tenant.usagelocation = "US"),
            "tenant.usagelocation: unknown key; did you mean usageLocation? known keys: domain, domains, usageLocation, name",
        ],
        [
            "a misspelt SKU key",
            (c) => (c.licenses["remote-assist"].skus[0].skuu = "X"),
            "licenses.remote-assist.skus[0].skuu: unknown key; did you mean sku? known keys: sku, disabledPlans",
        ],
        [
            "a misspelt account key",
            (c) => (c.vendors[0].serviceAccounts[0].holdr = "bob@contoso1.com"),
            "vendors[0] (contoso1).serviceAccounts[0].holdr: unknown key; did you mean holder? known keys: id, holder, usageLocation, rotation, displayName, existing",
        ],
        [
            "a misspelt guest key",
            (c) => (c.vendors[0].guests[0].emial = "x@y.com"),
            "vendors[0] (contoso1).guests[0].emial: unknown key; did you mean email? known keys: email, name, redirectUrl, existing",
        ],
        [
            "a key like nothing known",
            (c) => (c.federation = { colour: "blue" }),
            "federation.colour: unknown key; known keys: mode, management, blockedDomains, extraAllowedDomains, peerStacks",
        ],
    ];
    for (const [name, edit, problem] of cases) {
        it(`rejects ${name}, suggesting the key meant`, () => {
            const raw = base();
            edit(raw);
            assert.deepEqual(problemsOf(raw), [problem]);
        });
    }
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
