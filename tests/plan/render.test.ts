import { strict as assert } from "node:assert";
import { mdCode, mdText } from "../../plan/markdown";
import { MAX_DIAGRAM_VENDORS, mermaidText, renderMermaid } from "../../plan/mermaid";
import type { PlannedVendor, TenantPlan } from "../../plan/model";

/** A plan of `vendors` active vendors with `accounts` service accounts each, for the diagram alone. */
function planOf(vendors: number, accounts: number): TenantPlan {
    const vendorPlans = Array.from({ length: vendors }, (_, i): PlannedVendor => ({
        id: `v${i}`,
        name: `Vendor ${i}`,
        state: "active",
        access: ["leased service accounts"],
        domains: [`v${i}.com`],
        federated: false,
        segment: `Vendor ${i}`,
        mayTalkTo: ["Experts"],
        serviceAccounts: Array.from({ length: accounts }, (__, j) => ({
            upn: `sa-v${i}-sa${j}@abc.onmicrosoft.com`,
            displayName: `sa${j}`,
            holder: `h${j}@v${i}.com`,
            usageLocation: "US",
            enabled: true,
            credential: "stack output credentials (secret)",
        })),
        guests: [],
        groups: [],
    }));
    return {
        stack: "dev",
        tenant: { name: "Tenant ABC", domain: "abc.onmicrosoft.com", domains: ["abc.onmicrosoft.com"] },
        experts: { segment: "Experts", members: [] },
        vendors: vendorPlans,
        barriers: {
            mode: "singleSegment",
            segmentLimit: 5000,
            policyNamePrefix: "RA Policy - ",
            segments: [],
            policies: [],
        },
        teamsBarriersApp: false,
        federationOutput: {
            mode: "disabled",
            management: "merge",
            allowedDomains: [],
            blockedDomains: [],
            add: [],
            remove: [],
            peerStackDomains: {},
        },
        federation: {
            mode: "disabled",
            management: "merge",
            allowed: [],
            blocked: [],
            add: [],
            remove: [],
            unresolvedPeers: [],
            suspendedDomains: [],
        },
        warnings: [],
        peers: [],
        seats: [],
        totals: {
            vendors,
            activeVendors: vendors,
            serviceAccounts: vendors * accounts,
            enabledServiceAccounts: vendors * accounts,
            licensedServiceAccounts: 0,
            guests: 0,
            groups: 0,
            resources: 0,
            resourcesByType: {},
        },
    };
}

describe("Markdown and Mermaid text in the plan", () => {
    it("escapes Markdown syntax in names, keeping underscores inside words", () => {
        assert.equal(mdText("A|B *bold* [x](y) <b> ~s~ \\"), "A\\|B \\*bold\\* \\[x\\](y) \\<b\\> \\~s\\~ \\\\");
        assert.equal(mdText("MICROSOFT_REMOTE_ASSIST"), "MICROSOFT_REMOTE_ASSIST");
        assert.equal(mdText("_lead and trail_"), "\\_lead and trail\\_");
        assert.equal(mdText("two\nlines"), "two lines");
    });

    it("puts code spans around any text, in a table cell", () => {
        assert.equal(mdCode("sa-contoso1-sa1@abc.onmicrosoft.com"), "`sa-contoso1-sa1@abc.onmicrosoft.com`");
        assert.equal(mdCode("Department -eq 'a|b'"), "`Department -eq 'a\\|b'`");
        assert.equal(mdCode("x `y` z"), "``x `y` z``");
        assert.equal(mdCode("`edge`"), "`` `edge` ``");
    });

    it("writes Mermaid labels that no name can end early", () => {
        assert.equal(mermaidText('Say "hi" <b>#1</b>'), "Say #quot;hi#quot; #lt;b#gt;#35;1#lt;/b#gt;");
        assert.equal(mermaidText("a\nb"), "a b");
    });

    it("draws at most a dozen vendors and counts the rest, so a large tenant stays readable", () => {
        const lines = renderMermaid(planOf(MAX_DIAGRAM_VENDORS + 1, 7)).split("\n");
        assert.ok(lines.includes('        more["… 1 more vendor: see the tables"]'));
        assert.ok(lines.includes('            v0samore["… 2 more service accounts"]'));
        assert.equal(lines.filter((l) => /^ {8}subgraph v\d+seg\[/.test(l)).length, MAX_DIAGRAM_VENDORS);
    });

    it("draws guests apart from every vendor segment, and no segment for a vendor without service accounts", () => {
        const plan = planOf(1, 0);
        const guestsOnly = {
            ...plan.vendors[0],
            segment: undefined,
            mayTalkTo: [],
            guests: [{ email: "nina@v0.com", name: "Nina", joinsTeam: true }],
        };
        const lines = renderMermaid({ ...plan, vendors: [guestsOnly] }).split("\n");
        assert.ok(!lines.some((l) => l.includes("v0seg")));
        assert.deepEqual(
            lines.slice(lines.indexOf('        subgraph guests["Guests · in no vendor segment"]'), -1).slice(0, 3),
            [
                '        subgraph guests["Guests · in no vendor segment"]',
                '            v0g0["nina@v0.com (guest of Vendor 0)"]',
                "        end",
            ],
        );
        assert.ok(lines.includes('    guests -. "experts\' Teams team" .- experts'));
    });
});
