/**
 * Property tests of the validator: on generated valid configs, on valid configs with known
 * mistakes seeded into them, and on arbitrary values. Bounded runs keep them to about a second.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { ConfigError } from "../../config/problems";
import { CONFIG_KEYS, validateConfig } from "../../config/validate";

type Raw = Record<string, any>;

/** Names every plain object inherits from `Object.prototype`. */
const INHERITED = ["toString", "constructor", "valueOf", "hasOwnProperty", "__proto__"];

/** Runs per property: enough to meet every mistake in many combinations, few enough for a fast suite. */
const RUNS = { numRuns: 150 };

const vendorArb = (id: string) =>
    fc
        .record({
            accounts: fc.array(
                fc.record({
                    usageLocation: fc.option(fc.constantFrom("DE", "fr", "US", "GB"), { nil: undefined }),
                    rotation: fc.option(fc.oneof(fc.constantFrom("2026-11", "2027-01"), fc.nat(9)), {
                        nil: undefined,
                    }),
                }),
                { maxLength: 3 },
            ),
            guests: fc.nat(2),
            suspended: fc.boolean(),
            talksToExperts: fc.boolean(),
            domains: fc.nat(2),
        })
        .map(({ accounts, guests, suspended, talksToExperts, domains }) => ({
            id,
            name: `Vendor ${id}`,
            domains: Array.from({ length: domains }, (_, k) => `${id}${k}.example`),
            ...(accounts.length > 0 ? { license: "remote-assist" } : {}),
            ...(talksToExperts ? { canTalkTo: ["Experts"] } : {}),
            ...(suspended ? { state: "suspended" } : {}),
            serviceAccounts: accounts.map((a, j) => ({
                id: `sa${j}`,
                holder: `holder${j}@${id}.example`,
                ...(a.usageLocation === undefined ? {} : { usageLocation: a.usageLocation }),
                ...(a.rotation === undefined ? {} : { rotation: a.rotation }),
            })),
            guests: Array.from({ length: guests }, (_, j) => ({
                email: `guest${j}@${id}.example`,
                name: `Guest ${j}`,
            })),
        }));

/** A valid config: unique ids without dashes (so no two make the same user name), enough seats, consistent federation. */
const validConfigArb: fc.Arbitrary<Raw> = fc
    .uniqueArray(fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/), { minLength: 1, maxLength: 5 })
    .chain((ids) =>
        fc.record({
            vendors: fc.tuple(...ids.map(vendorArb)),
            experts: fc.nat(3),
            team: fc.boolean(),
            spareSeats: fc.option(fc.nat(3), { nil: undefined }),
            mode: fc.constantFrom("allowList", "open", "blockList", "disabled"),
            management: fc.constantFrom("merge", "replace"),
            legacy: fc.boolean(),
            internalSegment: fc.constantFrom<string | false>("Internal", "Everyone else", false),
        }),
    )
    .map(({ vendors, experts, team, spareSeats, mode, management, legacy, internalSegment }) => {
        const active = vendors.filter((v) => v.state !== "suspended").reduce((n, v) => n + v.serviceAccounts.length, 0);
        return {
            tenant: { domain: "abc.onmicrosoft.com", usageLocation: "US" },
            licenses: {
                "remote-assist": {
                    skus: [{ sku: "MICROSOFT_REMOTE_ASSIST" }, { sku: "EXCHANGEDESKLESS" }],
                    ...(spareSeats === undefined ? {} : { seats: active + spareSeats }),
                },
            },
            experts: {
                members: Array.from({ length: experts }, (_, k) => `expert${k}@abc.onmicrosoft.com`),
                ...(team ? { team: "00000000-0000-0000-0000-000000000001" } : {}),
            },
            federation: {
                mode,
                management,
                ...(mode === "blockList" ? { blockedDomains: ["spam.example"] } : {}),
                ...(mode === "allowList" ? { extraAllowedDomains: ["partner.example"] } : {}),
            },
            informationBarriers: { legacy, internalSegment },
            vendors,
        };
    });

/** Vendor path at the start of a problem: `vendors[2]`, with or without its id. */
const at = (v: number) => `^vendors\\[${v}\\](?: \\([a-z0-9-]+\\))?`;

interface Seeded {
    /** Where the mistake sits; a later mistake at the same place replaces an earlier one. */
    readonly slot: string;
    /** What the problem list must contain for it. */
    readonly expect: RegExp;
}

type Mistake = (c: Raw, n: number) => Seeded | undefined;

/** An account of the vendor to spoil, added when the vendor has none. */
function account(vendor: Raw, n: number): number {
    if (vendor.serviceAccounts.length === 0) {
        vendor.serviceAccounts.push({ id: "added", holder: "added@added.example" });
    }
    return n % vendor.serviceAccounts.length;
}

/** Known mistakes, each seeded into the vendor (or entry) that `n` picks. */
const MISTAKES: Readonly<Record<string, Mistake>> = {
    holder: (c, n) => {
        const v = n % c.vendors.length;
        const j = account(c.vendors[v], n);
        c.vendors[v].serviceAccounts[j].holder = "jo.fabrikam.com";
        return {
            slot: `${v}.sa${j}.holder`,
            expect: new RegExp(`${at(v)}\\.serviceAccounts\\[${j}\\]\\.holder: "jo\\.fabrikam\\.com" is not an email`),
        };
    },
    usageLocation: (c, n) => {
        const v = n % c.vendors.length;
        const j = account(c.vendors[v], n);
        c.vendors[v].serviceAccounts[j].usageLocation = "XX";
        return {
            slot: `${v}.sa${j}.usageLocation`,
            expect: new RegExp(`${at(v)}\\.serviceAccounts\\[${j}\\]\\.usageLocation: "XX" is not an ISO`),
        };
    },
    license: (c, n) => {
        const v = n % c.vendors.length;
        c.vendors[v].license = "remote-asist";
        return {
            slot: `${v}.license`,
            expect: new RegExp(`${at(v)}\\.license: unknown bundle "remote-asist"; did you mean "remote-assist"\\?`),
        };
    },
    duplicateId: (c, n) => {
        if (c.vendors.length < 2) {
            return undefined;
        }
        const v = 1 + (n % (c.vendors.length - 1));
        c.vendors[v].id = c.vendors[0].id;
        return { slot: `${v}.id`, expect: new RegExp(`${at(v)}\\.id: duplicate vendor id; vendors\\[0\\]`) };
    },
    guestEmail: (c, n) => {
        const v = n % c.vendors.length;
        const guests = c.vendors[v].guests;
        if (!Array.isArray(guests) || guests.length === 0) {
            c.vendors[v].guests = [{ email: "x@x.example", name: "X" }];
        }
        const j = n % c.vendors[v].guests.length;
        c.vendors[v].guests[j].email = "carol";
        return {
            slot: `${v}.guests`,
            expect: new RegExp(`${at(v)}\\.guests\\[${j}\\]\\.email: "carol" is not an email`),
        };
    },
    nullGuests: (c, n) => {
        const v = n % c.vendors.length;
        c.vendors[v].guests = null;
        return { slot: `${v}.guests`, expect: new RegExp(`${at(v)}\\.guests: expected a list, got an empty value`) };
    },
    typo: (c, n) => {
        const v = n % c.vendors.length;
        c.vendors[v].serviceAcounts = [];
        return {
            slot: `${v}.typo`,
            expect: new RegExp(`${at(v)}\\.serviceAcounts: unknown key; did you mean serviceAccounts\\?`),
        };
    },
    domain: (c, n) => {
        const v = n % c.vendors.length;
        if (!Array.isArray(c.vendors[v].domains)) {
            c.vendors[v].domains = [];
        }
        const k = c.vendors[v].domains.push("bad..domain") - 1;
        return {
            slot: `${v}.domains`,
            expect: new RegExp(`${at(v)}\\.domains\\[${k}\\]: "bad\\.\\.domain" is not a domain name`),
        };
    },
    state: (c, n) => {
        const v = n % c.vendors.length;
        c.vendors[v].state = "paused";
        return { slot: `${v}.state`, expect: new RegExp(`${at(v)}\\.state: expected one of: active, suspended`) };
    },
    nullSegment: (c, n) => {
        const v = n % c.vendors.length;
        c.vendors[v].segment = null;
        return {
            slot: `${v}.segment`,
            expect: new RegExp(`${at(v)}\\.segment: expected a string, got an empty value`),
        };
    },
    nameBreak: (c, n) => {
        const v = n % c.vendors.length;
        c.vendors[v].name = `Vendor\n  - vendors[0].id: forged ${v}`;
        return {
            slot: `${v}.name`,
            expect: new RegExp(`${at(v)}\\.name: "Vendor\\\\n  - vendors\\[0\\]\\.id: forged ${v}" must be one line`),
        };
    },
    canTalkTo: (c, n) => {
        const v = n % c.vendors.length;
        c.vendors[v].canTalkTo = ["Experts", "Nobody Here"];
        return {
            slot: `${v}.canTalkTo`,
            expect: new RegExp(`${at(v)}\\.canTalkTo\\[1\\]: unknown segment "Nobody Here"`),
        };
    },
    duplicateExpert: (c) => {
        const members: string[] = c.experts.members;
        if (members.length === 0) {
            members.push("alice@abc.onmicrosoft.com");
        }
        const k = members.push(members[0].toUpperCase()) - 1;
        return { slot: `experts.${k}`, expect: new RegExp(`^experts\\.members\\[${k}\\]: duplicate expert`) };
    },
    tenantUsageLocation: (c) => {
        c.tenant.usageLocation = "USA";
        return { slot: "tenant.usageLocation", expect: /^tenant\.usageLocation: "USA" is not an ISO/ };
    },
    sku: (c) => {
        c.licenses["remote-assist"].skus[0].sku = "REMOTE_ASIST";
        return {
            slot: "sku",
            expect: /^licenses\.remote-assist\.skus\[0\]\.sku: unknown SKU part number "REMOTE_ASIST"/,
        };
    },
    unknownTopLevelKey: (c) => {
        c.vendor = [];
        return {
            slot: "vendor",
            expect: /^vendor: unknown key remote-assist-tenancy:vendor; did you mean remote-assist-tenancy:vendors\?/,
        };
    },
};

const mistakeArb = fc.tuple(fc.constantFrom(...Object.keys(MISTAKES)), fc.nat(20));

/** Validates, returning the problems, or `undefined` when the config is accepted; fails on any other error. */
function problemsOrAccepted(raw: unknown): readonly string[] | undefined {
    try {
        validateConfig(raw as Raw);
        return undefined;
    } catch (e) {
        assert.ok(e instanceof ConfigError, `threw ${e instanceof Error ? e.stack : String(e)}`);
        const lines = e.message.split("\n");
        assert.equal(lines.length, e.problems.length + 1, "one line per problem");
        assert.ok(
            lines.slice(1).every((l) => l.startsWith("  - ") && !l.slice(4).includes("\n")),
            e.message,
        );
        return e.problems;
    }
}

describe("config validation, property-tested", () => {
    it("accepts every generated valid config, keeping every vendor, account and guest in order", () => {
        fc.assert(
            fc.property(validConfigArb, (raw) => {
                const config = validateConfig(structuredClone(raw));
                assert.deepEqual(
                    config.vendors.map((v) => [v.id, v.serviceAccounts.map((a) => a.id), v.guests.map((g) => g.email)]),
                    raw.vendors.map((v: Raw) => [
                        v.id,
                        v.serviceAccounts.map((a: Raw) => a.id),
                        v.guests.map((g: Raw) => g.email),
                    ]),
                );
            }),
            RUNS,
        );
    });

    it("rejects a valid config with seeded mistakes, listing every one of them", () => {
        fc.assert(
            fc.property(validConfigArb, fc.array(mistakeArb, { minLength: 1, maxLength: 4 }), (raw, mistakes) => {
                const config = structuredClone(raw);
                const seeded = new Map<string, RegExp>();
                for (const [kind, n] of mistakes) {
                    const s = MISTAKES[kind](config, n);
                    if (s) {
                        seeded.set(s.slot, s.expect);
                    }
                }
                fc.pre(seeded.size > 0);
                const problems = problemsOrAccepted(config);
                assert.ok(problems, "an invalid config was accepted");
                for (const expect of seeded.values()) {
                    assert.ok(
                        problems.some((p) => expect.test(p)),
                        `no problem matches ${expect}:\n${problems.join("\n")}`,
                    );
                }
            }),
            RUNS,
        );
    });

    it("never throws anything but the config error, whatever part of a valid config is replaced", () => {
        const pathArb = fc.array(
            fc.oneof(
                fc.nat(4),
                fc.constantFrom(
                    ...CONFIG_KEYS,
                    "id",
                    "name",
                    "skus",
                    "guests",
                    "serviceAccounts",
                    "email",
                    "holder",
                    "canTalkTo",
                    "segment",
                    "license",
                    "__proto__",
                    "constructor",
                ),
            ),
            {
                minLength: 1,
                maxLength: 4,
            },
        );
        fc.assert(
            fc.property(validConfigArb, pathArb, fc.jsonValue(), (raw, path, replacement) => {
                const config = structuredClone(raw);
                let node: any = config;
                for (const key of path.slice(0, -1)) {
                    if (node === null || typeof node !== "object" || !Object.hasOwn(node, key)) {
                        break;
                    }
                    node = node[key];
                }
                const key = path[path.length - 1];
                // Config arrives as JSON (Pulumi passes each key's value as JSON text): a list has
                // only index keys, so a named key is set on mappings only.
                if (node !== null && typeof node === "object" && (!Array.isArray(node) || typeof key === "number")) {
                    Object.defineProperty(node, key, {
                        value: replacement,
                        enumerable: true,
                        configurable: true,
                        writable: true,
                    });
                }
                problemsOrAccepted(config);
            }),
            RUNS,
        );
    });

    it("never throws anything but the config error on arbitrary values, nor lets a value forge a line", () => {
        const anyText = fc.oneof(fc.string({ unit: "binary", maxLength: 20 }), fc.constantFrom(...INHERITED));
        fc.assert(
            fc.property(
                fc.dictionary(fc.oneof(fc.constantFrom(...CONFIG_KEYS), anyText), fc.jsonValue(), { maxKeys: 6 }),
                anyText,
                anyText,
                (raw, name, email) => {
                    problemsOrAccepted(raw);
                    problemsOrAccepted({
                        tenant: { domain: "abc.onmicrosoft.com", usageLocation: "US" },
                        vendors: [{ id: name, name, segment: name, license: name, guests: [{ email, name: email }] }],
                        licenses: { [name]: { skus: [{ sku: name }] } },
                    });
                },
            ),
            RUNS,
        );
    });

    it("accepts a vendor's license only when a bundle of exactly that name is defined, whatever the name", () => {
        const nameArb = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...INHERITED, "remote-assist"));
        fc.assert(
            fc.property(nameArb, (license) => {
                const raw = JSON.parse(
                    JSON.stringify({
                        tenant: { domain: "abc.onmicrosoft.com", usageLocation: "US" },
                        licenses: { "remote-assist": { skus: [{ sku: "MICROSOFT_REMOTE_ASSIST" }] } },
                        vendors: [
                            {
                                id: "contoso1",
                                name: "Contoso1",
                                license,
                                serviceAccounts: [{ id: "sa1", holder: "bob@contoso1.com" }],
                            },
                        ],
                    }),
                ) as Raw;
                const problems = problemsOrAccepted(raw);
                assert.equal(problems === undefined, license === "remote-assist", `license ${JSON.stringify(license)}`);
            }),
            RUNS,
        );
    });
});
