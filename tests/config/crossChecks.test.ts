/**
 * The cross-section rules of `config/crossChecks.ts`, through `validateConfig`: for each config
 * the exact list of problems, or none. Each case names what a user would see go wrong if the rule
 * changed: a message's wording, a check that no longer fires, or a knock-on error no longer held back.
 */
import { strict as assert } from "node:assert";
import { base, problemsOrNone as problemsOf, type Raw } from "./support";

/** A second vendor with one service account, overridden by `extra` (an undefined value drops the key). */
function fabrikam(extra: Raw = {}): Raw {
    const v: Raw = {
        id: "fabrikam",
        name: "Fabrikam",
        domains: ["fabrikam.com"],
        license: "remote-assist",
        serviceAccounts: [{ id: "sa1", holder: "dan@fabrikam.com" }],
        ...extra,
    };
    for (const key of Object.keys(v)) {
        if (v[key] === undefined) {
            delete v[key];
        }
    }
    return v;
}

/** A guests-only vendor: no service accounts, so no license and no segment. */
function guestsOnly(extra: Raw = {}): Raw {
    return fabrikam({ serviceAccounts: [], license: undefined, ...extra });
}

/** `count` more vendors with one service account each, all on the base bundle. */
function manyVendors(count: number): Raw[] {
    return Array.from({ length: count }, (_, k) =>
        fabrikam({
            id: `v${k}`,
            name: `V${k}`,
            domains: [`v${k}.com`],
            serviceAccounts: [{ id: "sa1", holder: `x@v${k}.com` }],
        }),
    );
}

function domains(count: number): string[] {
    return Array.from({ length: count }, (_, k) => `d${k}.com`);
}

interface Case {
    readonly name: string;
    readonly edit: (c: Raw) => void;
    /** Exactly the problems, in order; empty when the config is accepted. */
    readonly problems: readonly string[];
}

function runCases(cases: readonly Case[]): void {
    for (const c of cases) {
        it(c.problems.length === 0 ? `accepts ${c.name}` : `rejects ${c.name}`, () => {
            const raw = base();
            c.edit(raw);
            assert.deepEqual(problemsOf(raw), c.problems);
        });
    }
}

const NOT_A_SLUG = 'is not a slug: use lowercase letters, digits and "-", e.g. "contoso1"';
const TYPOGRAPHIC = "must not contain typographic quotes (‘ ’); use ' instead";

describe("cross checks: identifiers", () => {
    runCases([
        {
            name: "two vendors with invalid ids without also calling their accounts' user names the same",
            edit: (c) => {
                c.vendors[0].id = "Contoso 1";
                c.vendors.push(fabrikam({ id: "Fabrikam 1" }));
            },
            problems: [`vendors[0].id: "Contoso 1" ${NOT_A_SLUG}`, `vendors[1].id: "Fabrikam 1" ${NOT_A_SLUG}`],
        },
        {
            name: "a vendor id that is invalid without judging the length of user names it cannot make",
            edit: (c) => {
                c.vendors[0].id = "Contoso 1";
                c.vendors[0].serviceAccounts[0].id = "a".repeat(55);
            },
            problems: [`vendors[0].id: "Contoso 1" ${NOT_A_SLUG}`],
        },
        {
            name: "an account id repeated within a vendor once, as a duplicate id and not also as a repeated user name",
            edit: (c) => c.vendors[0].serviceAccounts.push({ id: "sa1", holder: "eve@contoso1.com" }),
            problems: [
                "vendors[0] (contoso1).serviceAccounts[1].id: duplicate service account id; vendors[0] (contoso1).serviceAccounts[0].id already uses it within this vendor: give each account its own id",
            ],
        },
        {
            name: "a vendor name repeated in another case once, not also as the segment it defaults to",
            edit: (c) => c.vendors.push(fabrikam({ name: "CONTOSO1" })),
            problems: [
                "vendors[1] (fabrikam).name: duplicate vendor name; vendors[0] (contoso1).name already uses it (case does not count), and group names derive from it: give this vendor a name of its own",
            ],
        },
    ]);
});

describe("cross checks: licenses and seats", () => {
    runCases([
        {
            name: "a missing license, quoting a bundle name that is not plain in the list of bundles",
            edit: (c) => {
                c.licenses["hololens 2"] = { skus: [{ sku: "MICROSOFT_REMOTE_ASSIST" }], seats: 1 };
                delete c.vendors[0].license;
            },
            problems: [
                'vendors[0] (contoso1).license: required because the vendor has service accounts; use one of: remote-assist, "hololens 2"',
            ],
        },
        {
            name: "a missing license when no bundle is defined, saying where to define one",
            edit: (c) => {
                c.licenses = {};
                delete c.vendors[0].license;
            },
            problems: [
                "vendors[0] (contoso1).license: required because the vendor has service accounts; define a bundle under remote-assist-tenancy:licenses and name it here",
            ],
        },
        {
            name: "a license naming a bundle when none is defined",
            edit: (c) => (c.licenses = {}),
            problems: [
                'vendors[0] (contoso1).license: unknown bundle "remote-assist"; define it under licenses or remove it',
            ],
        },
        {
            name: "an unknown bundle like no defined one, without a guess",
            edit: (c) => (c.vendors[0].license = "hololens"),
            problems: [
                'vendors[0] (contoso1).license: unknown bundle "hololens"; define it under licenses or use one of: remote-assist',
            ],
        },
        {
            name: "a misspelt bundle, with the bundle it probably means",
            edit: (c) => (c.vendors[0].license = "remote-asist"),
            problems: [
                'vendors[0] (contoso1).license: unknown bundle "remote-asist"; did you mean "remote-assist"? define it under licenses or use one of: remote-assist',
            ],
        },
        {
            name: "too few seats, counting only active vendors' accounts and listing only the vendors that use some",
            edit: (c) => {
                c.licenses["remote-assist"].seats = 1;
                c.vendors[0].serviceAccounts.push({ id: "sa2", holder: "eve@contoso1.com" });
                c.vendors.push(
                    fabrikam({ serviceAccounts: [] }),
                    fabrikam({ id: "f2", name: "F2", domains: ["f2.com"], state: "suspended" }),
                    fabrikam({ id: "f3", name: "F3", domains: ["f3.com"], serviceAccounts: "oops" }),
                );
            },
            problems: [
                "licenses.remote-assist.seats: 1 seats but 2 active service accounts use this bundle (contoso1: 2); buy and declare more seats, or suspend a vendor",
                'vendors[3] (f3).serviceAccounts: expected a list, got a string ("oops")',
            ],
        },
        {
            name: "zero seats for one account, in the singular",
            edit: (c) => (c.licenses["remote-assist"].seats = 0),
            problems: [
                "licenses.remote-assist.seats: 0 seats but 1 active service account uses this bundle (contoso1: 1); buy and declare more seats, or suspend a vendor",
            ],
        },
        {
            name: "too few seats, naming a vendor whose id is invalid by its index",
            edit: (c) => {
                c.licenses["remote-assist"].seats = 1;
                c.vendors.push(fabrikam({ id: "Fab 1" }));
            },
            problems: [
                "licenses.remote-assist.seats: 1 seats but 2 active service accounts use this bundle (contoso1: 1, vendors[1]: 1); buy and declare more seats, or suspend a vendor",
                `vendors[1].id: "Fab 1" ${NOT_A_SLUG}`,
            ],
        },
    ]);
});

describe("cross checks: domains and federation", () => {
    runCases([
        {
            name: "a missing tenant once, without judging guests or adopted accounts against a domain it lacks",
            edit: (c) => {
                delete c.tenant;
                c.vendors[0].guests[0].email = "carol@abc.onmicrosoft.com";
                c.vendors[0].domains = ["abc.onmicrosoft.com"];
                c.vendors[0].serviceAccounts[0].existing = { userPrincipalName: "x@other.com" };
            },
            problems: [
                "tenant: required; set remote-assist-tenancy:tenant with the host tenant's domain and usageLocation",
            ],
        },
        {
            name: "the host tenant's domain among a vendor's domains",
            edit: (c) => (c.vendors[0].domains = ["contoso1.com", "abc.onmicrosoft.com"]),
            problems: [
                "vendors[0] (contoso1).domains[1]: abc.onmicrosoft.com is the host tenant's own domain; list only the vendor tenant's domains",
            ],
        },
        {
            name: "blockList mode with blockedDomains, including a suspended vendor's domain",
            edit: (c) => {
                c.federation = { mode: "blockList", blockedDomains: ["evil.com", "fabrikam.com"] };
                c.vendors.push(fabrikam({ state: "suspended" }));
            },
            problems: [],
        },
        {
            name: "allowList mode with extraAllowedDomains",
            edit: (c) => (c.federation = { mode: "allowList", extraAllowedDomains: ["partner.com"] }),
            problems: [],
        },
        {
            name: "extraAllowedDomains in blockList mode once, not also as keeping a suspended vendor federated",
            edit: (c) => {
                c.federation = { mode: "blockList", extraAllowedDomains: ["fabrikam.com"] };
                c.vendors.push(fabrikam({ state: "suspended" }));
            },
            problems: [
                "federation.extraAllowedDomains: only used when federation.mode is allowList (it is blockList); remove the list or set mode: allowList",
            ],
        },
        {
            name: "blockedDomains in allowList mode once, not also as blocking an active vendor",
            edit: (c) => (c.federation = { mode: "allowList", blockedDomains: ["contoso1.com"] }),
            problems: [
                "federation.blockedDomains: only used when federation.mode is blockList (it is allowList); remove the list or set mode: blockList",
            ],
        },
        {
            name: "a suspended vendor's domain in extraAllowedDomains",
            edit: (c) => {
                c.federation = { mode: "allowList", extraAllowedDomains: ["fabrikam.com"] };
                c.vendors.push(fabrikam({ state: "suspended" }));
            },
            problems: [
                "vendors[1] (fabrikam).domains[0]: fabrikam.com is in federation.extraAllowedDomains, so the suspended vendor Fabrikam would stay federated with the host tenant; remove it from extraAllowedDomains or set the vendor active",
            ],
        },
        {
            name: "an active vendor's domain in blockedDomains",
            edit: (c) => (c.federation = { mode: "blockList", blockedDomains: ["contoso1.com"] }),
            problems: [
                "vendors[0] (contoso1).domains[0]: contoso1.com is in federation.blockedDomains, so the active vendor Contoso1 could not reach the experts; unblock it or suspend the vendor",
            ],
        },
        {
            name: "a blocked domains list one over Teams' limit, counting each source",
            edit: (c) => {
                c.federation = { mode: "blockList", blockedDomains: ["evil.com"] };
                c.vendors.push(fabrikam({ state: "suspended", domains: domains(4000) }));
            },
            problems: [
                "federation.mode: blockList would put 4001 domains on the tenant's blocked domains list (1 from federation.blockedDomains, 4000 from suspended vendors), but Teams accepts at most 4000 (Set-CsTenantFederationConfiguration -BlockedDomains); list fewer domains",
            ],
        },
        {
            name: "a blocked domains list of exactly Teams' limit",
            edit: (c) => {
                c.federation = { mode: "blockList", blockedDomains: ["evil.com"] };
                c.vendors.push(fabrikam({ state: "suspended", domains: domains(3999) }));
            },
            problems: [],
        },
        {
            name: "open mode blocking more suspended vendors' domains than Teams accepts",
            edit: (c) => {
                c.federation = { mode: "open" };
                c.vendors.push(fabrikam({ state: "suspended", domains: domains(4001) }));
            },
            problems: [
                "federation.mode: open would put 4001 domains on the tenant's blocked domains list (4001 from suspended vendors), but Teams accepts at most 4000 (Set-CsTenantFederationConfiguration -BlockedDomains); list fewer domains",
            ],
        },
        {
            name: "disabled mode with more suspended vendors' domains than Teams accepts, since it puts no list on the tenant",
            edit: (c) => {
                c.federation = { mode: "disabled" };
                c.vendors.push(fabrikam({ state: "suspended", domains: domains(4001) }));
            },
            problems: [],
        },
    ]);
});

describe("cross checks: segments and canTalkTo", () => {
    runCases([
        {
            name: "a vendor segment that is the experts' in another case",
            edit: (c) => (c.vendors[0].segment = "experts"),
            problems: [
                `vendors[0] (contoso1).segment: segment "Experts" already belongs to experts; each vendor needs its own segment (it defaults to the vendor's name): set segment to another name`,
            ],
        },
        {
            name: "an explicit segment that another vendor has by default",
            edit: (c) => c.vendors.push(fabrikam({ segment: "Contoso1" })),
            problems: [
                `vendors[1] (fabrikam).segment: segment "Contoso1" already belongs to vendors[0] (contoso1); each vendor needs its own segment (it defaults to the vendor's name): set segment to another name`,
            ],
        },
        {
            name: "a canTalkTo of the experts alone",
            edit: (c) => (c.vendors[0].canTalkTo = ["Experts"]),
            problems: [],
        },
        {
            name: "a canTalkTo naming the vendor's own segment",
            edit: (c) => (c.vendors[0].canTalkTo = ["Experts", "contoso1"]),
            problems: [],
        },
        {
            name: "a canTalkTo naming another field's value of a valid vendor, listing the known segments",
            edit: (c) => (c.vendors[0].canTalkTo = ["Experts", "remote-assist"]),
            problems: [
                'vendors[0] (contoso1).canTalkTo[1]: unknown segment "remote-assist"; known segments: Experts, Contoso1',
            ],
        },
        {
            name: "a canTalkTo naming, in another case, a vendor whose name sits under a misspelt key, without calling it unknown",
            edit: (c) => {
                c.vendors.push(fabrikam({ name: undefined, nmae: "Fabrikam" }));
                c.vendors[0].canTalkTo = ["Experts", "fabrikam"];
            },
            problems: [
                "vendors[1] (fabrikam).name: required",
                "vendors[1] (fabrikam).nmae: unknown key; did you mean name? known keys: id, name, domains, license, segment, canTalkTo, state, serviceAccounts, guests, existing",
            ],
        },
        {
            name: "a canTalkTo naming the default experts segment after the experts renamed theirs",
            edit: (c) => {
                c.experts.segment = "Expert Team";
                c.vendors[0].canTalkTo = ["Expert Team", "Experts"];
            },
            problems: [
                'vendors[0] (contoso1).canTalkTo[1]: unknown segment "Experts"; known segments: Expert Team, Contoso1',
            ],
        },
        {
            name: "an unknown canTalkTo beside an experts section that is no mapping, which excuses only the default name",
            edit: (c) => {
                c.experts = "oops";
                c.vendors[0].canTalkTo = ["Experts", "Expert"];
            },
            problems: [
                'experts: expected a mapping, got a string ("oops")',
                'vendors[0] (contoso1).canTalkTo[1]: unknown segment "Expert"; known segments: Contoso1',
            ],
        },
        {
            name: "an unknown canTalkTo beside a vendor entry that is no mapping",
            edit: (c) => {
                c.vendors.push("oops");
                c.vendors[0].canTalkTo = ["Experts", "Zzz"];
            },
            problems: [
                'vendors[0] (contoso1).canTalkTo[1]: unknown segment "Zzz"; known segments: Experts, Contoso1',
                'vendors[1]: expected a mapping, got a string ("oops")',
            ],
        },
        {
            name: "a canTalkTo naming a guests-only vendor when the experts section is no mapping",
            edit: (c) => {
                c.experts = "oops";
                c.vendors.push(guestsOnly());
                c.vendors[0].canTalkTo = ["Fabrikam"];
            },
            problems: [
                'experts: expected a mapping, got a string ("oops")',
                "vendors[0] (contoso1).canTalkTo[0]: Fabrikam is the segment of Fabrikam, which has no service accounts and so no information-barrier segment (its guests are governed by the experts' team); remove Fabrikam here",
            ],
        },
        {
            name: "a canTalkTo naming a guests-only vendor",
            edit: (c) => {
                c.vendors.push(guestsOnly());
                c.vendors[0].canTalkTo = ["Experts", "Fabrikam"];
            },
            problems: [
                "vendors[0] (contoso1).canTalkTo[1]: Fabrikam is the segment of Fabrikam, which has no service accounts and so no information-barrier segment (its guests are governed by the experts' team); remove Fabrikam here",
            ],
        },
        {
            name: "a canTalkTo of a guests-only vendor, naming it by its name rather than its segment",
            edit: (c) => {
                c.vendors[0].serviceAccounts = [];
                delete c.vendors[0].license;
                c.vendors[0].segment = "C1";
                c.vendors.push(fabrikam());
                c.vendors[0].canTalkTo = ["Experts", "Fabrikam"];
            },
            problems: [
                "vendors[0] (contoso1).canTalkTo[1]: Contoso1 has no service accounts, so it has no information-barrier segment and no policy that could allow Fabrikam (its guests are governed by the experts' team); remove Fabrikam here",
            ],
        },
        {
            name: "a canTalkTo of a vendor whose service accounts could not be read once, as the list's problem",
            edit: (c) => {
                c.vendors[0].serviceAccounts = "oops";
                c.vendors.push(fabrikam());
                c.vendors[0].canTalkTo = ["Experts", "Fabrikam"];
            },
            problems: ['vendors[0] (contoso1).serviceAccounts: expected a list, got a string ("oops")'],
        },
        {
            name: "a canTalkTo naming a vendor whose service accounts could not be read once, as that list's problem",
            edit: (c) => {
                c.vendors.push(fabrikam({ serviceAccounts: "oops" }));
                c.vendors[0].canTalkTo = ["Experts", "Fabrikam"];
            },
            problems: ['vendors[1] (fabrikam).serviceAccounts: expected a list, got a string ("oops")'],
        },
        {
            name: "a one-sided canTalkTo from a vendor whose segment is invalid once, as the segment's problem",
            edit: (c) => {
                c.vendors[0].name = "Contoso’s";
                c.vendors.push(fabrikam({ canTalkTo: ["Experts"] }));
                c.vendors[0].canTalkTo = ["Experts", "Fabrikam"];
            },
            problems: [
                `vendors[0] (contoso1).name: the vendor's segment defaults to its name, and as a segment name "Contoso’s" ${TYPOGRAPHIC}; set segment`,
            ],
        },
        {
            name: "a canTalkTo naming a vendor whose canTalkTo is no list once, as that list's problem",
            edit: (c) => {
                c.vendors.push(fabrikam({ canTalkTo: "oops" }));
                c.vendors[0].canTalkTo = ["Experts", "Fabrikam"];
            },
            problems: ['vendors[1] (fabrikam).canTalkTo: expected a list, got a string ("oops")'],
        },
        {
            name: "a canTalkTo naming a vendor that lists only the experts by default",
            edit: (c) => {
                c.vendors.push(fabrikam());
                c.vendors[0].canTalkTo = ["Experts", "Fabrikam"];
            },
            problems: [
                "vendors[0] (contoso1).canTalkTo[1]: Contoso1 may talk to Fabrikam, but vendors[1] (fabrikam).canTalkTo does not list Contoso1; information-barrier policies must be mutual: add Contoso1 there or remove Fabrikam here",
            ],
        },
        {
            name: "a canTalkTo naming a vendor without canTalkTo when the experts section is no mapping, as the section's problem",
            edit: (c) => {
                c.experts = "oops";
                c.vendors.push(fabrikam());
                c.vendors[0].canTalkTo = ["Fabrikam"];
            },
            problems: ['experts: expected a mapping, got a string ("oops")'],
        },
    ]);
});

describe("cross checks: information-barrier segment count", () => {
    runCases([
        {
            name: "an internalSegment that is invalid once, without counting segments over the legacy limit",
            edit: (c) => {
                c.informationBarriers = { legacy: true, internalSegment: 5 };
                c.licenses["remote-assist"].seats = 1000;
                c.vendors.push(...manyVendors(260));
            },
            problems: [
                "informationBarriers.internalSegment: expected a segment name, or false to turn it off; got a number (5)",
            ],
        },
        {
            name: "a legacy tenant at its segment limit with a guests-only vendor, which has no segment",
            edit: (c) => {
                c.informationBarriers = { legacy: true, internalSegment: false };
                c.licenses["remote-assist"].seats = 1000;
                c.vendors.push(...manyVendors(248), guestsOnly({ id: "g1", name: "G1", domains: ["g1.com"] }));
            },
            problems: [],
        },
        {
            name: "a legacy tenant one segment over its limit, without the internal segment turned off",
            edit: (c) => {
                c.informationBarriers = { legacy: true, internalSegment: false };
                c.licenses["remote-assist"].seats = 1000;
                c.vendors.push(...manyVendors(249));
            },
            problems: [
                `vendors: 250 vendors with service accounts make 251 information-barrier segments with the experts', over the 250 Purview allows in a tenant that enabled information barriers before 15 February 2023 (Microsoft Purview, "Get started with information barriers"); offboard vendors, or let vendors reach the experts as guests only (guests need no segment)`,
            ],
        },
    ]);
});

const GROUP_ID = "00000000-0000-4000-8000-000000000001";

describe("cross checks: adopted objects and experts", () => {
    runCases([
        {
            name: "an adopted user name outside the host tenant's domains, listing all of them",
            edit: (c) => {
                c.tenant.domains = ["abc.com"];
                c.vendors[0].serviceAccounts[0].existing = { userPrincipalName: "sa1@other.com" };
            },
            problems: [
                `vendors[0] (contoso1).serviceAccounts[0].existing.userPrincipalName: "sa1@other.com" is not in one of the host tenant's domains (abc.onmicrosoft.com, abc.com); add other.com to tenant.domains if the tenant has it, or correct the user name`,
            ],
        },
        {
            name: "two vendors' derived user names that collide once, not also as an account already taken",
            edit: (c) => {
                c.vendors[0].id = "contoso";
                c.vendors[0].serviceAccounts[0].id = "1-sa1";
                c.vendors.push(fabrikam({ id: "contoso-1", name: "Contoso-1", domains: ["c1.com"] }));
            },
            problems: [
                'vendors[1] (contoso-1).serviceAccounts[0].id: makes the user name "sa-contoso-1-sa1", which vendors[0] (contoso).serviceAccounts[0] already makes; change this account id',
            ],
        },
        {
            name: "an adopted license group that is no mapping once, on a vendor without service accounts",
            edit: (c) => {
                c.vendors[0].serviceAccounts = [];
                delete c.vendors[0].license;
                c.vendors[0].existing = { licenseGroup: "oops" };
            },
            problems: ['vendors[0] (contoso1).existing.licenseGroup: expected a mapping, got a string ("oops")'],
        },
        {
            name: "an empty existing on a vendor without service accounts",
            edit: (c) => {
                c.vendors[0].serviceAccounts = [];
                delete c.vendors[0].license;
                c.vendors[0].existing = {};
            },
            problems: [],
        },
        {
            name: "an adopted license group on a vendor without service accounts",
            edit: (c) => {
                c.vendors[0].serviceAccounts = [];
                delete c.vendors[0].license;
                c.vendors[0].existing = {
                    licenseGroup: { id: GROUP_ID, displayName: "RA", mailNickname: "ra-contoso1" },
                };
            },
            problems: [
                "vendors[0] (contoso1).existing.licenseGroup: the vendor has no service accounts, so the stack makes no license group to adopt this one as; remove existing.licenseGroup",
            ],
        },
        {
            name: "two adopted license groups with the same invalid id once each, as invalid ids",
            edit: (c) => {
                c.vendors[0].existing = { licenseGroup: { id: "x", displayName: "RA", mailNickname: "ra-contoso1" } };
                c.vendors.push(
                    fabrikam({
                        existing: { licenseGroup: { id: "x", displayName: "RB", mailNickname: "ra-fabrikam" } },
                    }),
                );
            },
            problems: [
                'vendors[0] (contoso1).existing.licenseGroup.id: "x" is not a GUID, e.g. 7a551360-26c4-4f61-84e6-ef715673e083',
                'vendors[1] (fabrikam).existing.licenseGroup.id: "x" is not a GUID, e.g. 7a551360-26c4-4f61-84e6-ef715673e083',
            ],
        },
        {
            name: "an expert whose user name two accounts make, naming the first account",
            edit: (c) => {
                c.vendors[0].serviceAccounts.push({
                    id: "sa2",
                    holder: "eve@contoso1.com",
                    existing: { userPrincipalName: "SA-contoso1-sa1@abc.onmicrosoft.com" },
                });
                c.experts.members.push("sa-contoso1-sa1@abc.onmicrosoft.com");
            },
            problems: [
                "experts.members[1]: sa-contoso1-sa1@abc.onmicrosoft.com is the user name of vendors[0] (contoso1).serviceAccounts[0]; a service account is in its vendor's information-barrier segment and no user may be in two, so it cannot be an expert too: remove it here",
                `vendors[0] (contoso1).serviceAccounts[1].existing.userPrincipalName: the user name "sa-contoso1-sa1@abc.onmicrosoft.com" is already vendors[0] (contoso1).serviceAccounts[0]'s; one account per service account entry`,
            ],
        },
    ]);
});

describe("cross checks: more knock-ons held back", () => {
    runCases([
        {
            name: "blockedDomains in open mode once, without counting them toward the blocked list's size",
            edit: (c) => {
                c.federation = { mode: "open", blockedDomains: ["evil.com"] };
                c.vendors.push(fabrikam({ state: "suspended", domains: domains(4000) }));
            },
            problems: [
                "federation.blockedDomains: only used when federation.mode is blockList (it is open); remove the list or set mode: blockList",
            ],
        },
        {
            name: "an unknown federation mode once, without judging the size of a list it may not make",
            edit: (c) => {
                c.federation = { mode: "bogus" };
                c.vendors.push(fabrikam({ state: "suspended", domains: domains(4001) }));
            },
            problems: [
                'federation.mode: expected one of: open, allowList, blockList, disabled; got a string ("bogus")',
            ],
        },
        {
            name: "a canTalkTo of a guests-only vendor without a name, naming the vendor by its index",
            edit: (c) => {
                c.vendors[0].serviceAccounts = [];
                delete c.vendors[0].license;
                delete c.vendors[0].name;
                c.vendors.push(fabrikam());
                c.vendors[0].canTalkTo = ["Experts", "Fabrikam"];
            },
            problems: [
                "vendors[0] (contoso1).name: required",
                "vendors[0] (contoso1).canTalkTo[1]: vendors[0] has no service accounts, so it has no information-barrier segment and no policy that could allow Fabrikam (its guests are governed by the experts' team); remove Fabrikam here",
            ],
        },
        {
            name: "an unknown canTalkTo, listing a segment a guests-only vendor repeats in another case as its owner spells it",
            edit: (c) => {
                c.vendors.push(guestsOnly({ segment: "CONTOSO1" }));
                c.vendors[0].canTalkTo = ["Experts", "Zzz"];
            },
            problems: ['vendors[0] (contoso1).canTalkTo[1]: unknown segment "Zzz"; known segments: Experts, Contoso1'],
        },
        {
            name: "a canTalkTo naming a guests-only vendor without a valid name or id, naming it by its index",
            edit: (c) => {
                c.vendors.push(guestsOnly({ name: undefined, id: "Fab 1", segment: "Fab" }));
                c.vendors[0].canTalkTo = ["Experts", "Fab"];
            },
            problems: [
                "vendors[0] (contoso1).canTalkTo[1]: Fab is the segment of vendors[1], which has no service accounts and so no information-barrier segment (its guests are governed by the experts' team); remove Fab here",
                `vendors[1].id: "Fab 1" ${NOT_A_SLUG}`,
                "vendors[1].name: required",
            ],
        },
        {
            name: "a tenant that is no mapping once, without judging adopted user names against a domain it lacks",
            edit: (c) => {
                c.tenant = "oops";
                c.vendors[0].serviceAccounts[0].existing = { userPrincipalName: "x@other.com" };
            },
            problems: ['tenant: expected a mapping, got a string ("oops")'],
        },
        {
            name: "an unknown federation mode once, without calling the lists of other modes unused",
            edit: (c) =>
                (c.federation = { mode: "bogus", blockedDomains: ["evil.com"], extraAllowedDomains: ["partner.com"] }),
            problems: [
                'federation.mode: expected one of: open, allowList, blockList, disabled; got a string ("bogus")',
            ],
        },
        {
            name: "a legacy tenant one segment over its limit with the catch-all internal segment",
            edit: (c) => {
                c.informationBarriers = { legacy: true };
                c.licenses["remote-assist"].seats = 1000;
                c.vendors.push(...manyVendors(248));
            },
            problems: [
                `vendors: 249 vendors with service accounts make 251 information-barrier segments with the experts' and the internal one, over the 250 Purview allows in a tenant that enabled information barriers before 15 February 2023 (Microsoft Purview, "Get started with information barriers"); offboard vendors, or let vendors reach the experts as guests only (guests need no segment)`,
            ],
        },
        {
            name: "a vendor segment that repeats the experts' once, not also as a one-sided canTalkTo",
            edit: (c) => {
                c.vendors[0].segment = "Experts";
                c.vendors.push(fabrikam());
                c.vendors[0].canTalkTo = ["Fabrikam"];
            },
            problems: [
                `vendors[0] (contoso1).segment: segment "Experts" already belongs to experts; each vendor needs its own segment (it defaults to the vendor's name): set segment to another name`,
            ],
        },
    ]);
});
