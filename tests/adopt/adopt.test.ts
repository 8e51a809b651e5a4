import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { rawConfigFromMap } from "../../config/load";
import { validateConfig } from "../../config/validate";
import { readingProgress } from "../../tenant/progress";
import { ID } from "../fixtures/handBuiltTenant";
import { loopbackTenant } from "../tenant/harness";
import { parseDocument } from "yaml";
import { runPlanCli } from "../../plan/cli";
import { tenant } from "../setup";
import { adopt, withoutRemoteAssist } from "./harness";

const EXPECTED = path.join(__dirname, "expected");
const ARGS = ["--domain", "abc.onmicrosoft.com", "--team", ID.team, "--hints", "hints.yaml"];

/** The config map a written stack file holds, as the engine would pass it. */
function configMap(yaml: string): Record<string, string> {
    const config = (parseDocument(yaml).toJS() as { config: Record<string, unknown> }).config;
    return Object.fromEntries(
        Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
    );
}

describe("npm run adopt", () => {
    const loopback = loopbackTenant();

    it("writes the stack config, with a comment on every guess, exactly as expected", async () => {
        const run = await adopt(loopback.graph(), ARGS);
        assert.equal(run.code, 0, run.stderr);
        assert.equal(run.files["Pulumi.prod.yaml"], readFileSync(path.join(EXPECTED, "Pulumi.prod.yaml"), "utf8"));
    });

    it("writes Pulumi's bulk import file, exactly as expected", async () => {
        const run = await adopt(loopback.graph(), ARGS);
        assert.equal(run.files["import.json"], readFileSync(path.join(EXPECTED, "import.json"), "utf8"));
    });

    it("says where it wrote what, with the number of guesses the file marks", async () => {
        const run = await adopt(loopback.graph(), ARGS);
        const guesses = (run.files["Pulumi.prod.yaml"].match(/# guess: /g) ?? []).length;
        assert.equal(
            run.stdout,
            [
                `Wrote adopt-out/Pulumi.prod.yaml (${guesses} guesses to review)`,
                "Wrote adopt-out/import.json (9 resources to import, 14 created by the first pulumi up)",
                "Wrote adopt-out/adoption.md",
                "",
            ].join("\n"),
        );
    });

    it("writes a config that validates, keeping adopted names exactly as the tenant has them", async () => {
        const run = await adopt(loopback.graph(), ARGS);
        const config = validateConfig(rawConfigFromMap(configMap(run.files["Pulumi.prod.yaml"])));
        assert.deepEqual(
            config.vendors.map((v) => [v.id, v.state, v.serviceAccounts.map((a) => a.existing?.userPrincipalName)]),
            [
                ["contoso1", "active", ["SA1@abc.com", "SA2@abc.com"]],
                ["contoso2", "suspended", ["sa-contoso2-sa1@abc.onmicrosoft.com"]],
                ["contoson", "active", []],
                ["contractors", "active", ["SA3@abc.com"]],
                ["obrien", "active", ["sa.juergen@abc.onmicrosoft.com"]],
            ],
        );
        assert.equal(config.vendors.find((v) => v.id === "obrien")?.name, "O'Brien & Söhne");
        assert.deepEqual(config.tenant.domains, ["abc.onmicrosoft.com", "abc.com"]);
    });

    it("writes a config npm run plan plans: adopted guests listed, adopted accounts keeping their own passwords", async () => {
        let out = "";
        const code = await runPlanCli(["--config-file", path.join(EXPECTED, "Pulumi.prod.yaml"), "--quiet"], {
            cwd: process.cwd(),
            stdout: (t) => (out += t),
            stderr: () => undefined,
            tenantFor: () => tenant,
        });
        assert.equal(code, 0);
        assert.match(
            out,
            /^\| `SA1@abc\.com` \| `bob@contoso1\.com` \| DE \| remote-assist \| enabled, licensed \| none: an adopted account keeps its own password until its first rotation \|$/m,
        );
        assert.match(out, /^\| `sean\.obrien@obrien-soehne\.de` \| Seán O'Brien \| joins \|$/m);
    });

    it("lists in the report what is imported, what the first pulumi up creates and why, and what is left out", async () => {
        const run = await adopt(loopback.graph(), ARGS, { hints: "" });
        const report = run.files["adoption.md"];
        assert.match(
            report,
            /\| service account SA1@abc\.com \| `contoso1-sa1-user` \| `\/users\/00000000-0000-4000-8000-000000000b01` \|/,
        );
        assert.match(
            report,
            /\| `contoso1-license-assignment` \| `pulumi-nodejs:dynamic\/remote-assist-tenancy:GroupLicense` \| records the license assignment only: the adopted group already has exactly these SKUs, so creating it sends nothing and claims none \(it never removes them\) \|/,
        );
        assert.match(
            report,
            /^- ines\.tech@abc\.onmicrosoft\.com: holds Remote Assist, but nothing tells which vendor it serves; name it under accounts \(or internal\) in the hints file$/m,
        );
        assert.match(
            report,
            /^3\. `pulumi import --file adopt-out\/import\.json --generate-code=false --stack prod`\.$/m,
        );
    });

    it("writes Pulumi.NAME.yaml for --stack org/NAME, a stack of Pulumi Cloud, and names the whole stack in the commands", async () => {
        const run = await adopt(loopback.graph(), [...ARGS, "--stack", "acme/prod"]);
        assert.equal(run.code, 0, run.stderr);
        assert.match(run.stdout, /^Wrote adopt-out\/Pulumi\.prod\.yaml \(\d+ guesses to review\)\n/);
        assert.equal(run.files["Pulumi.prod.yaml"], readFileSync(path.join(EXPECTED, "Pulumi.prod.yaml"), "utf8"));
        const next = run.files["adoption.md"].split("\n");
        for (const line of [
            "# Adopting the tenant into stack `acme/prod`",
            "2. `pulumi stack init acme/prod` (or select it), copy the file beside `Pulumi.yaml` as `Pulumi.prod.yaml`.",
            "3. `pulumi import --file adopt-out/import.json --generate-code=false --stack acme/prod`.",
        ]) {
            assert.ok(next.includes(line), `missing from adoption.md: ${line}`);
        }
    });

    it("without hints, still groups every account and guest, each grouping marked as a guess", async () => {
        const run = await adopt(loopback.graph(), ARGS, { hints: "" });
        assert.equal(run.code, 0, run.stderr);
        const yaml = run.files["Pulumi.prod.yaml"];
        assert.match(yaml, /# guess: a vendor found by the companyName "Contoso1" of its service accounts;/);
        assert.match(
            yaml,
            /# guess: a vendor found by the companyName "O'Brien & Söhne GmbH" of its service accounts;/,
        );
        assert.match(yaml, /- id: o-brien-sohne-gmbh\n/);
    });

    it("adopts a tenant without Remote Assist, listing in the report each service account it cannot license", async () => {
        const directory = loopback.directory();
        Object.assign(directory.fixture, withoutRemoteAssist(directory.fixture));
        const run = await adopt(loopback.graph(), ARGS);
        assert.equal(run.code, 0, run.stderr);
        assert.match(
            run.files["adoption.md"],
            /^## Not adopted \(1\)\n\nThey stay as they are, outside the stack; `npm run audit` keeps reporting them\.\n\n- sa-contoso2-sa1@abc\.onmicrosoft\.com: a service account of Contoso2 that the stack cannot license as it is: it holds none of the SKUs the stack knows, and the tenant has no Remote Assist SKU to give it; once the tenant has one, run npm run adopt again\n$/m,
        );
    });

    it("writes nothing and names the permission to grant when Graph refuses a read", async () => {
        loopback.directory().denied.add("User.Read.All");
        const run = await adopt(loopback.graph(), ARGS);
        assert.equal(run.code, 1);
        assert.deepEqual(run.files, {});
        assert.match(
            run.stderr,
            /^Microsoft Graph refused to list the users that hold MICROSOFT_REMOTE_ASSIST: GET .* answered 403 Authorization_RequestDenied: .* The identity needs the Microsoft Graph permission User\.Read\.All \(/,
        );
    });

    it("reports every problem of a hints file by path, and writes nothing", async () => {
        const run = await adopt(loopback.graph(), ARGS, {
            hints: "vendors:\n  - id: Contoso 1\n    nmae: x\ninternal: yes\n",
        });
        assert.equal(run.code, 1);
        assert.deepEqual(run.files, {});
        assert.equal(
            run.stderr,
            [
                "hints.yaml: invalid hints (3 problems):",
                '  - vendors[0].id: "Contoso 1" is not a slug: use lowercase letters, digits and "-", e.g. "contoso1"',
                "  - vendors[0].nmae: unknown key",
                '  - internal: expected a list, got a string ("yes")',
                "",
            ].join("\n"),
        );
    });

    it("needs the tenant's domain, and says so with the usage", async () => {
        const run = await adopt(loopback.graph(), ["--team", ID.team]);
        assert.equal(run.code, 2);
        assert.match(
            run.stderr,
            /^Name the tenant's domain for new service accounts with --domain\n\nUsage: npm run adopt -- --domain DOMAIN/,
        );
    });

    it("shows the reading's progress on stderr, and none with --quiet", async () => {
        let text = "";
        const stream = { isTTY: false, write: (t: string) => ((text += t), true) };
        await adopt(loopback.graph(), ARGS, { progress: () => readingProgress(stream, 60_000) });
        assert.match(text, /^Reading guests: 4 of 4$/m);
        text = "";
        await adopt(loopback.graph(), [...ARGS, "--quiet"], { progress: () => readingProgress(stream, 60_000) });
        assert.equal(text, "");
    });
});

describe("scripts/adopt.ts, the script of npm run adopt", () => {
    it("keeps stack traces, since it works against the live tenant (only plan and bench drop them)", async () => {
        // Loading the script runs nothing; main() is what the process runs. Loaded here, not at the
        // top of this file, so that whatever its loading does comes after the values are saved.
        const limit = Error.stackTraceLimit;
        const prepare = Error.prepareStackTrace;
        let stdout = "";
        try {
            // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded inside the test, see above
            const { main } = require("../../scripts/adopt") as typeof import("../../scripts/adopt");
            const code = await main(["--help"], { stdout: (text) => (stdout += text), stderr: assert.fail });
            assert.equal(code, 0);
            assert.match(stdout, /^Usage: npm run adopt -- --domain DOMAIN/);
            assert.equal(Error.stackTraceLimit, limit, "the script changed Error.stackTraceLimit");
            assert.equal(Error.prepareStackTrace, prepare, "the script changed Error.prepareStackTrace");
        } finally {
            Error.stackTraceLimit = limit;
            Error.prepareStackTrace = prepare;
        }
    });
});
