import { strict as assert } from "node:assert";
import type { FederationOutput } from "../../federation/output";
import { runProgram } from "../../offline/runProgram";
import { PreviewDigest } from "../../summary/digest";
import { recordedFederation } from "../../summary/federation";
import { previewReport } from "../../summary/report";
import { devRawConfig, toConfigMap, valueOf } from "../helpers";
import { tenant } from "../setup";
import { fixture, section } from "./fixtures";

const PEER = "acme/remote-assist-tenancy/plant2";
const APPLY = "then run `Set-RATeamsFederation` (README, Teams federation)";

/** What the dev stack's last deployment recorded: Contoso1 and ContosoN allowed, Contoso2 suspended. */
const DEV: FederationOutput = {
    mode: "allowList",
    management: "merge",
    allowedDomains: ["contoso1.com", "contoson.com"],
    blockedDomains: [],
    add: ["contoso1.com", "contoson.com"],
    remove: ["contoso2.com"],
    peerStackDomains: {},
};

/**
 * The "vendor suspended" preview with the config under review and the last deployment's
 * `federation` output swapped for the case at hand (undefined: the deployment recorded none).
 */
function preview(edit: (raw: Record<string, any>) => void, recorded: unknown, op = "same"): PreviewDigest {
    const digest = fixture("preview-suspend.json");
    const raw = devRawConfig();
    edit(raw);
    const [stack, ...rest] = digest.steps ?? [];
    const outputs = { ...stack.oldState?.outputs, federation: recorded };
    return {
        ...digest,
        config: toConfigMap(raw),
        steps: [{ ...stack, op, oldState: { ...stack.oldState!, outputs } }, ...rest],
    };
}

function federationLines(digest: PreviewDigest): string[] {
    const report = previewReport(digest);
    return report.includes("#### Tenant-wide\n") ? section(report, "Tenant-wide") : [];
}

const suspendContoso1 = (raw: Record<string, any>) => {
    raw.vendors[0].state = "suspended";
};

describe("Teams federation in the preview report", () => {
    it("tells a suspended vendor's domain leaving the allow list, beside the vendor's own changes", () => {
        const report = previewReport(fixture("preview-suspend.json"));
        assert.deepEqual(section(report, "Contoso1 (`contoso1`)"), [
            "- Service account `sa-contoso1-sa1@abc.onmicrosoft.com` disabled: it can no longer sign in",
            "- Service account `sa-contoso1-sa2@abc.onmicrosoft.com` disabled: it can no longer sign in",
            "- Guest `carol@contoso1.com` leaves the experts' Teams team",
            "- Leaving license group `RA License - Contoso1` (frees a seat): `sa-contoso1-sa1@abc.onmicrosoft.com` and `sa-contoso1-sa2@abc.onmicrosoft.com`",
        ]);
        assert.deepEqual(section(report, "Tenant-wide"), [
            `- Teams federation: \`contoso1.com\` leaves the allow list (Contoso1 suspended); ${APPLY}`,
        ]);
    });

    it("says nothing of federation in a digest without the stack's step, or without this project's config", () => {
        const digest = preview(suspendContoso1, DEV);
        const [, ...withoutStack] = digest.steps ?? [];
        assert.deepEqual(federationLines({ ...digest, steps: withoutStack }), []);
        const otherProject = Object.fromEntries(
            Object.entries(digest.config ?? {}).map(([k, v]) => [
                k.replace(/^remote-assist-tenancy:/, "other-project:"),
                v,
            ]),
        );
        assert.deepEqual(federationLines({ ...digest, config: otherProject }), []);
    });

    it("says nothing of federation when the config under review sets what the last deployment recorded", () => {
        assert.deepEqual(federationLines(preview(() => undefined, DEV)), []);
    });

    it("blocks a suspended vendor's domain when every other domain may talk to the tenant", () => {
        const recorded: FederationOutput = {
            ...DEV,
            mode: "blockList",
            allowedDomains: [],
            blockedDomains: ["spam.example", "contoso2.com"],
            add: ["spam.example", "contoso2.com"],
            remove: ["contoso1.com", "contoson.com"],
        };
        const edit = (raw: Record<string, any>) => {
            raw.federation = { mode: "blockList", blockedDomains: ["spam.example"] };
            suspendContoso1(raw);
        };
        assert.deepEqual(federationLines(preview(edit, recorded)), [
            `- Teams federation: \`contoso1.com\` is blocked (Contoso1 suspended); ${APPLY}`,
        ]);
    });

    it("unblocks a vendor that is active again", () => {
        const recorded: FederationOutput = {
            ...DEV,
            mode: "open",
            allowedDomains: [],
            blockedDomains: ["contoso2.com"],
            add: ["contoso2.com"],
            remove: ["contoso1.com", "contoson.com"],
        };
        const edit = (raw: Record<string, any>) => {
            raw.federation = { mode: "open" };
            raw.vendors[3].state = "active";
        };
        assert.deepEqual(federationLines(preview(edit, recorded)), [
            `- Teams federation: \`contoso2.com\` is no longer blocked (Contoso2 active); ${APPLY}`,
        ]);
    });

    it("tells a change of mode with what the module then puts on and takes off the tenant's list", () => {
        assert.deepEqual(federationLines(preview((raw) => (raw.federation = { mode: "open" }), DEV)), [
            `- Teams federation: mode \`allowList\` → \`open\`: \`contoso2.com\` is on the tenant's block list, \`contoso1.com\` and \`contoson.com\` are taken off it, and the other domains on it stay; ${APPLY}`,
        ]);
    });

    it("tells a change of management, and what replace does to domains added by hand", () => {
        const edit = (raw: Record<string, any>) => (raw.federation = { mode: "allowList", management: "replace" });
        assert.deepEqual(federationLines(preview(edit, DEV)), [
            `- Teams federation: management \`merge\` → \`replace\`: the tenant's list becomes exactly the stack's, and domains added by hand are dropped; ${APPLY}`,
        ]);
    });

    it("keeps a sibling stack's domains as the last deployment read them, and says merge leaves them when the sibling goes", () => {
        const recorded: FederationOutput = {
            ...DEV,
            allowedDomains: [...DEV.allowedDomains, "plant2.example"],
            add: [...DEV.add, "plant2.example"],
            peerStackDomains: { [PEER]: ["plant2.example"] },
        };
        const withPeer = (raw: Record<string, any>) => {
            raw.federation = { mode: "allowList", peerStacks: [PEER] };
        };
        assert.deepEqual(federationLines(preview(withPeer, recorded)), []);
        assert.deepEqual(federationLines(preview(() => undefined, recorded)), [
            `- Teams federation: \`plant2.example\` is no longer the stack's, and merge leaves it on the tenant's allow list (peer stack \`acme/remote-assist-tenancy/plant2\` removed from \`federation.peerStacks\`); ${APPLY}`,
        ]);
    });

    it("tells a domain leaving the list in replace mode", () => {
        const recorded: FederationOutput = {
            ...DEV,
            management: "replace",
            allowedDomains: [...DEV.allowedDomains, "partner.example"],
            add: [...DEV.add, "partner.example"],
            remove: [],
        };
        const edit = (raw: Record<string, any>) => (raw.federation = { mode: "allowList", management: "replace" });
        assert.deepEqual(federationLines(preview(edit, recorded)), [
            `- Teams federation: \`partner.example\` leaves the allow list (no longer listed by a vendor or federation setting); ${APPLY}`,
        ]);
    });

    it("reads a deployment from before merge existed as replace, and says what merge changes", () => {
        const legacy = { mode: "allowList", allowedDomains: ["contoso1.com", "contoson.com"], blockedDomains: [] };
        assert.deepEqual(federationLines(preview(() => undefined, legacy)), [
            `- Teams federation: management \`replace\` → \`merge\`: the stack adds and removes only its own domains and leaves the others on the tenant's list; ${APPLY}`,
        ]);
    });

    it("asks for Set-RATeamsFederation when the last deployment recorded no federation settings", () => {
        assert.deepEqual(federationLines(preview(suspendContoso1, undefined)), [
            "- Teams federation: the last deployment recorded no federation settings to compare with; after the deploy run `Set-RATeamsFederation` (README, Teams federation), so that `contoson.com` is on the tenant's allow list, `contoso1.com` and `contoso2.com` are taken off it, and the other domains on it stay",
        ]);
    });

    it("says it could not compare when the config in the preview does not validate", () => {
        assert.deepEqual(federationLines(preview((raw) => (raw.federation = { mode: "everyone" }), DEV)), [
            '- Teams federation: not compared, the stack config in the preview does not validate (federation.mode: expected one of: open, allowList, blockList, disabled; got a string ("everyone"))',
        ]);
    });
});

describe("Teams federation settings in words", () => {
    const FIRST =
        "- Teams federation: the last deployment recorded no federation settings to compare with; after the deploy run `Set-RATeamsFederation` (README, Teams federation), so that";
    const cases: { name: string; edit: (raw: Record<string, any>) => void; words: string }[] = [
        {
            name: "federation switched off",
            edit: (raw) => (raw.federation = { mode: "disabled" }),
            words: "federation is off",
        },
        {
            name: "an allow list the stack replaces",
            edit: (raw) => (raw.federation = { mode: "allowList", management: "replace" }),
            words: "only `contoso1.com` and `contoson.com` may talk to the tenant",
        },
        {
            name: "an empty allow list the stack replaces",
            edit: (raw) => {
                raw.federation = { mode: "allowList", management: "replace" };
                raw.vendors.forEach((v: Record<string, unknown>) => (v.state = "suspended"));
            },
            words: "no external domain may talk to the tenant",
        },
        {
            name: "a block list the stack replaces",
            edit: (raw) =>
                (raw.federation = { mode: "blockList", management: "replace", blockedDomains: ["spam.example"] }),
            words: "every external domain but `spam.example` and `contoso2.com` may talk to the tenant",
        },
        {
            name: "an empty block list the stack replaces",
            edit: (raw) => {
                raw.federation = { mode: "open", management: "replace" };
                raw.vendors.forEach((v: Record<string, unknown>) => (v.state = "active"));
            },
            words: "every external domain may talk to the tenant",
        },
        {
            name: "a block list merged without a domain of the stack's own",
            edit: (raw) => {
                raw.federation = { mode: "open" };
                raw.vendors.forEach((v: Record<string, unknown>) => delete v.domains);
            },
            words: "the stack changes nothing on the tenant's block list",
        },
    ];
    for (const c of cases) {
        it(`says what the first deployment's settings mean: ${c.name}`, () => {
            assert.deepEqual(federationLines(preview(c.edit, undefined)), [`${FIRST} ${c.words}`]);
        });
    }

    it("asks for Set-RATeamsFederation after the deploy that creates the stack", () => {
        assert.deepEqual(
            federationLines(preview((raw) => (raw.federation = { mode: "disabled" }), undefined, "create")),
            [
                "- Teams federation: after the deploy run `Set-RATeamsFederation` (README, Teams federation), so that federation is off",
            ],
        );
    });

    it("tells domains joining for different reasons apart, and each vendor's domains leaving together", () => {
        const edit = (raw: Record<string, any>) => {
            raw.vendors[0].state = "suspended";
            raw.vendors[0].domains = ["contoso1.com", "contoso1.net"];
            raw.vendors[2].state = "suspended";
            raw.federation = { mode: "allowList", extraAllowedDomains: ["partner.example"] };
        };
        const recorded = { ...DEV, add: ["contoso1.com", "contoso1.net", "contoson.com"] };
        assert.deepEqual(federationLines(preview(edit, recorded)), [
            `- Teams federation: \`partner.example\` joins the allow list (\`federation.extraAllowedDomains\`); \`contoso1.com\` and \`contoso1.net\` leave the allow list (Contoso1 suspended); \`contoson.com\` leaves the allow list (ContosoN suspended); ${APPLY}`,
        ]);
    });

    it("blocks and unblocks a vendor's domains together", () => {
        const recorded: FederationOutput = {
            ...DEV,
            mode: "blockList",
            allowedDomains: [],
            blockedDomains: ["contoso2.com", "contoso2.net"],
            add: ["contoso2.com", "contoso2.net"],
            remove: ["contoso1.com", "contoson.com"],
        };
        const unblock = (raw: Record<string, any>) => {
            raw.federation = { mode: "blockList", blockedDomains: [] };
            raw.vendors[3].domains = ["contoso2.com", "contoso2.net"];
            raw.vendors[3].state = "active";
        };
        assert.deepEqual(federationLines(preview(unblock, recorded)), [
            `- Teams federation: \`contoso2.com\` and \`contoso2.net\` are no longer blocked (Contoso2 active); ${APPLY}`,
        ]);
        const block = (raw: Record<string, any>) => {
            raw.federation = { mode: "blockList", blockedDomains: [] };
            raw.vendors[0].domains = ["contoso1.com", "contoso1.net"];
            raw.vendors[0].state = "suspended";
            raw.vendors[3].domains = ["contoso2.com", "contoso2.net"];
        };
        assert.deepEqual(federationLines(preview(block, recorded)), [
            `- Teams federation: \`contoso1.com\` and \`contoso1.net\` are blocked (Contoso1 suspended); ${APPLY}`,
        ]);
    });

    it("says the domains of a sibling stack join the allow list, named by that stack, as the last deployment read them", () => {
        const recorded = { ...DEV, peerStackDomains: { [PEER]: ["plant2.example"], "acme/old/stack": "not a list" } };
        assert.deepEqual(
            federationLines(preview((raw) => (raw.federation = { mode: "allowList", peerStacks: [PEER] }), recorded)),
            [`- Teams federation: \`plant2.example\` joins the allow list (peer stack \`${PEER}\`); ${APPLY}`],
        );
    });

    it("says when the domains of sibling stacks the last deployment never read will join", () => {
        const edit = (raw: Record<string, any>) =>
            (raw.federation = { mode: "allowList", peerStacks: [PEER, "acme/x/y"] });
        assert.deepEqual(federationLines(preview(edit, DEV)), [
            `- Teams federation: the domains of peer stacks \`${PEER}\` and \`acme/x/y\` join the allow list when the deploy reads them; ${APPLY}`,
        ]);
        const one = (raw: Record<string, any>) => (raw.federation = { mode: "allowList", peerStacks: ["acme/x/y"] });
        assert.deepEqual(federationLines(preview(one, DEV)), [
            `- Teams federation: the domains of peer stack \`acme/x/y\` join the allow list when the deploy reads them; ${APPLY}`,
        ]);
    });

    it("says two domains leaving a list the stack replaces leave it together", () => {
        const edit = (raw: Record<string, any>) => {
            raw.federation = { mode: "allowList", management: "replace" };
            raw.vendors.splice(0, 1);
            raw.vendors.splice(1, 1);
        };
        assert.deepEqual(federationLines(preview(edit, { ...DEV, management: "replace", remove: [] })), [
            `- Teams federation: \`contoso1.com\` and \`contoson.com\` leave the allow list (no longer listed by a vendor or federation setting); ${APPLY}`,
        ]);
    });

    it("does not say a domain leaves a list it was never on, after the stack replaced that list", () => {
        const edit = (raw: Record<string, any>) => (raw.federation = { mode: "allowList", management: "replace" });
        const recorded = { ...DEV, management: "replace", add: ["contoso1.com", "contoson.com"], remove: [] };
        assert.deepEqual(federationLines(preview(edit, recorded)), []);
    });
});

describe("the federation stack output", () => {
    it("is read back for every mode, and from a deployment that recorded no add or remove lists", () => {
        for (const mode of ["open", "allowList", "blockList", "disabled"]) {
            assert.equal(recordedFederation({ ...DEV, mode })?.mode, mode);
        }
        assert.deepEqual(
            recordedFederation({
                mode: "blockList",
                allowedDomains: ["a.com"],
                blockedDomains: ["b.com"],
                peerStackDomains: { s: ["p.com"], t: [1] },
            }),
            {
                mode: "blockList",
                management: "replace",
                allowedDomains: ["a.com"],
                blockedDomains: ["b.com"],
                add: ["b.com"],
                remove: [],
                peerStackDomains: { s: ["p.com"] },
            },
        );
        assert.deepEqual(recordedFederation({ ...DEV, add: "x", remove: "y", peerStackDomains: [] }), {
            ...DEV,
            add: DEV.allowedDomains,
            remove: [],
            peerStackDomains: {},
        });
    });

    it("is not read back from a list, nor with lists that hold other things than domains", () => {
        assert.equal(recordedFederation([DEV]), undefined);
        assert.equal(recordedFederation({ ...DEV, allowedDomains: ["a.com", 5] }), undefined);
        assert.equal(recordedFederation({ ...DEV, mode: "everyone" }), undefined);
    });

    it("is exported as the summary reads it back", async () => {
        const raw = devRawConfig();
        suspendContoso1(raw);
        const outputs = await runProgram(tenant, toConfigMap(raw));
        const exported = await valueOf(outputs.federation);
        assert.deepEqual(exported, {
            mode: "allowList",
            management: "merge",
            allowedDomains: ["contoson.com"],
            blockedDomains: [],
            add: ["contoson.com"],
            remove: ["contoso1.com", "contoso2.com"],
            peerStackDomains: {},
        });
        assert.deepEqual(recordedFederation(JSON.parse(JSON.stringify(exported))), exported);
    });

    it("is not read back when it is not the output the stack writes", () => {
        assert.equal(recordedFederation("[secret]"), undefined);
        assert.equal(
            recordedFederation({ mode: "allowList", allowedDomains: "contoso1.com", blockedDomains: [] }),
            undefined,
        );
        assert.equal(
            recordedFederation({ mode: "allowList", management: "sometimes", allowedDomains: [], blockedDomains: [] }),
            undefined,
        );
    });
});
