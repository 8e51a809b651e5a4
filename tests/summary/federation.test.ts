import { strict as assert } from "node:assert";
import { PreviewDigest } from "../../summary/digest";
import { recordedFederation } from "../../summary/federation";
import { FederationOutput } from "../../runbooks/federationOutput";
import { previewReport } from "../../summary/report";
import { runProgram } from "../../offline/runProgram";
import { devRawConfig, toConfigMap, valueOf } from "../helpers";
import { tenant } from "../setup";
import { fixture, section } from "./fixtures";

const PEER = "acme/remote-assist-tenancy/plant2";

/** What the dev stack's last deployment recorded: Contoso1 and ContosoN allowed, Contoso2 suspended. */
const DEV: FederationOutput = {
    mode: "allowList",
    allowedDomains: ["contoso1.com", "contoson.com"],
    blockedDomains: [],
    peerStackDomains: {},
};

/**
 * The "vendor suspended" preview with the config under review and the last deployment's
 * `federation` output swapped for the case at hand (undefined: the deployment recorded none).
 */
function preview(edit: (raw: Record<string, any>) => void, recorded: FederationOutput | undefined): PreviewDigest {
    const digest = fixture("preview-suspend.json");
    const raw = devRawConfig();
    edit(raw);
    const [stack, ...rest] = digest.steps ?? [];
    const outputs = { ...stack.oldState?.outputs, federation: recorded };
    return {
        ...digest,
        config: toConfigMap(raw),
        steps: [{ ...stack, oldState: { ...stack.oldState!, outputs } }, ...rest],
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
            "- Teams federation: `contoso1.com` leaves the allow list (Contoso1 suspended); re-run `teams-federation.ps1` after the deploy",
        ]);
    });

    it("says nothing of federation when the config under review sets what the last deployment recorded", () => {
        assert.deepEqual(federationLines(preview(() => undefined, DEV)), []);
    });

    it("blocks a suspended vendor's domain when every other domain may talk to the tenant", () => {
        const blockList = (raw: Record<string, any>) => {
            raw.federation = { mode: "blockList", blockedDomains: ["spam.example"] };
        };
        const recorded = {
            ...DEV,
            mode: "blockList" as const,
            allowedDomains: [],
            blockedDomains: ["spam.example", "contoso2.com"],
        };
        assert.deepEqual(
            federationLines(
                preview((raw) => {
                    blockList(raw);
                    suspendContoso1(raw);
                }, recorded),
            ),
            [
                "- Teams federation: `contoso1.com` is blocked (Contoso1 suspended); re-run `teams-federation.ps1` after the deploy",
            ],
        );
    });

    it("unblocks a vendor that is active again", () => {
        const recorded = { ...DEV, mode: "open" as const, allowedDomains: [], blockedDomains: ["contoso2.com"] };
        assert.deepEqual(
            federationLines(
                preview((raw) => {
                    raw.federation = { mode: "open" };
                    raw.vendors[3].state = "active";
                }, recorded),
            ),
            [
                "- Teams federation: `contoso2.com` is no longer blocked (Contoso2 active); re-run `teams-federation.ps1` after the deploy",
            ],
        );
    });

    it("tells a change of mode with what the tenant then allows", () => {
        assert.deepEqual(
            federationLines(
                preview((raw) => {
                    raw.federation = { mode: "open" };
                }, DEV),
            ),
            [
                "- Teams federation: mode `allowList` → `open`: every external domain but `contoso2.com` may talk to the tenant; re-run `teams-federation.ps1` after the deploy",
            ],
        );
    });

    it("keeps a sibling stack's domains as the last deployment read them, and tells them leaving with the sibling", () => {
        const recorded = {
            ...DEV,
            allowedDomains: [...DEV.allowedDomains, "plant2.example"],
            peerStackDomains: { [PEER]: ["plant2.example"] },
        };
        const withPeer = (raw: Record<string, any>) => {
            raw.federation = { mode: "allowList", peerStacks: [PEER] };
        };
        assert.deepEqual(federationLines(preview(withPeer, recorded)), []);
        assert.deepEqual(federationLines(preview(() => undefined, recorded)), [
            "- Teams federation: `plant2.example` leaves the allow list (peer stack `acme/remote-assist-tenancy/plant2` removed from `federation.peerStacks`); re-run `teams-federation.ps1` after the deploy",
        ]);
    });

    it("asks for the runbook when the last deployment recorded no federation settings", () => {
        assert.deepEqual(federationLines(preview(suspendContoso1, undefined)), [
            "- Teams federation: the last deployment recorded no federation settings to compare with; run `teams-federation.ps1` after the deploy, so that only `contoson.com` may talk to the tenant",
        ]);
    });

    it("says it could not compare when the config in the preview does not validate", () => {
        assert.deepEqual(
            federationLines(
                preview((raw) => {
                    raw.federation = { mode: "everyone" };
                }, DEV),
            ),
            [
                '- Teams federation: not compared, the stack config in the preview does not validate (federation.mode: expected one of: open, allowList, blockList, disabled; got a string ("everyone"))',
            ],
        );
    });
});

describe("the federation stack output", () => {
    it("is exported as the summary reads it back", async () => {
        const raw = devRawConfig();
        suspendContoso1(raw);
        const outputs = await runProgram(tenant, toConfigMap(raw));
        const exported = await valueOf(outputs.federation);
        assert.deepEqual(exported, {
            mode: "allowList",
            allowedDomains: ["contoson.com"],
            blockedDomains: [],
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
    });
});
