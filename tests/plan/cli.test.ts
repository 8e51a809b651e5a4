import { strict as assert } from "node:assert";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import { parsePlanArgs, PLAN_FILES, runPlanCli, UsageError } from "../../plan/cli";
import { devRawConfig } from "../helpers";
import { tenant } from "../setup";

const REPO = path.join(__dirname, "..", "..");

interface Run {
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
}

async function plan(argv: string[], cwd: string): Promise<Run> {
    let stdout = "";
    let stderr = "";
    const code = await runPlanCli(argv, {
        cwd,
        stdout: (t) => (stdout += t),
        stderr: (t) => (stderr += t),
        tenantFor: () => tenant,
    });
    return { code, stdout, stderr };
}

/** Writes a stack config file from unnamespaced raw config. */
function writeStack(dir: string, stack: string, raw: Record<string, unknown>): string {
    const file = path.join(dir, `Pulumi.${stack}.yaml`);
    const config = Object.fromEntries(Object.entries(raw).map(([k, v]) => [`remote-assist-tenancy:${k}`, v]));
    writeFileSync(file, stringify({ config }));
    return file;
}

describe("npm run plan", () => {
    let dir: string;
    beforeEach(() => {
        dir = mkdtempSync(path.join(os.tmpdir(), "plan-"));
    });
    afterEach(() => {
        rmSync(dir, { recursive: true, force: true });
        tenant.setStackOutputs(new Map());
    });

    it("with no arguments plans the dev stack and prints Markdown", async () => {
        const { code, stdout, stderr } = await plan([], REPO);
        assert.equal(code, 0, stderr);
        assert.match(stdout, /^# Plan: stack `dev`, Tenant ABC \(`abc\.onmicrosoft\.com`\)\n/);
        assert.ok(stdout.includes("```mermaid\nflowchart LR\n"));
    });

    it("prints JSON with --json", async () => {
        const { code, stdout } = await plan(["--json"], REPO);
        assert.equal(code, 0);
        const json = JSON.parse(stdout) as { stack: string; resources: { type: string }[]; outputs: object };
        assert.equal(json.stack, "dev");
        assert.ok(json.resources.some((r) => r.type === "azuread:index/user:User"));
        assert.equal((json.outputs as Record<string, unknown>).credentials, "[secret]");
    });

    it("writes plan.md and plan.json, and no PowerShell, with --out", async () => {
        const out = path.join(dir, "out");
        const { code, stdout } = await plan(["--out", out], REPO);
        assert.equal(code, 0);
        assert.deepEqual(readdirSync(out).sort(), Object.values(PLAN_FILES).sort());
        assert.equal(
            stdout,
            Object.values(PLAN_FILES)
                .map((f) => `Wrote ${path.join(out, f)}\n`)
                .join(""),
        );
        assert.deepEqual(readdirSync(out).sort(), ["plan.json", "plan.md"]);
        const json = JSON.parse(readFileSync(path.join(out, PLAN_FILES.json), "utf8"));
        assert.equal(json.stack, "dev");
        assert.equal(json.outputs.informationBarriers.mode, "singleSegment");
        assert.match(readFileSync(path.join(out, PLAN_FILES.markdown), "utf8"), /^# Plan: stack `dev`/);
    });

    it("reads Pulumi.NAME.yaml with --stack NAME", async () => {
        const raw = devRawConfig();
        raw.tenant.name = "Tenant XYZ";
        writeStack(dir, "prod", raw);
        const { code, stdout } = await plan(["--stack", "prod"], dir);
        assert.equal(code, 0);
        assert.match(stdout, /^# Plan: stack `prod`, Tenant XYZ/);
    });

    it("reads any file with --config-file, naming the stack after a Pulumi.NAME.yaml file", async () => {
        copyFileSync(path.join(REPO, "Pulumi.dev.yaml"), path.join(dir, "Pulumi.staging.yaml"));
        assert.match((await plan(["--config-file", "Pulumi.staging.yaml"], dir)).stdout, /^# Plan: stack `staging`/);
    });

    it("prints the same path-by-path problems as pulumi up for invalid config, exits 1 and writes nothing", async () => {
        const raw = devRawConfig();
        raw.vendors[3].serviceAccounts[0].holder = "user";
        raw.vendors[0].canTalkTo = ["Experts", "Contractors"];
        writeStack(dir, "dev", raw);
        const out = path.join(dir, "out");
        const { code, stdout, stderr } = await plan(["--out", out], dir);
        assert.equal(code, 1);
        assert.equal(stdout, "");
        assert.equal(
            stderr,
            [
                "Pulumi.dev.yaml: Invalid remote-assist-tenancy config (2 problems):",
                "  - vendors[0] (contoso1).canTalkTo[1]: Contoso1 may talk to Contractors, but vendors[1] (contractor-user).canTalkTo does not list Contoso1; information-barrier policies must be mutual: add Contoso1 there or remove Contractors here",
                '  - vendors[3] (contoso2).serviceAccounts[0].holder: "user" is not an email address, e.g. bob@contoso1.com',
                "",
            ].join("\n"),
        );
        assert.equal(existsSync(out), false, "nothing may be written for invalid config");
    });

    it("says which file is missing", async () => {
        const { code, stderr } = await plan(["--stack", "nope"], dir);
        assert.equal(code, 1);
        assert.equal(
            stderr,
            "No stack config file Pulumi.nope.yaml; pass --stack NAME to read Pulumi.NAME.yaml, or --config-file PATH\n",
        );
    });

    it("rejects unknown arguments with exit code 2 and the usage", async () => {
        const { code, stderr } = await plan(["--stak", "dev"], dir);
        assert.equal(code, 2);
        assert.match(stderr, /^Unknown option '--stak'/);
        assert.match(stderr, /Usage: npm run plan -- \[--stack NAME \| --config-file PATH\] \[--json\] \[--out DIR\]/);
    });

    it("allows the domains a sibling stack's config file exports, and says where they came from", async () => {
        const plant2 = devRawConfig();
        plant2.tenant.domain = "plant2.onmicrosoft.com";
        plant2.vendors = [];
        writeStack(dir, "plant2", plant2);
        const raw = devRawConfig();
        raw.federation = {
            mode: "allowList",
            peerStacks: ["acme/remote-assist-tenancy/plant2", "acme/remote-assist-tenancy/plant3"],
        };
        writeStack(dir, "dev", raw);
        const out = path.join(dir, "out");
        const { code, stderr } = await plan(["--out", out], dir);
        assert.equal(code, 0);
        assert.equal(
            stderr,
            [
                "Peer stack acme/remote-assist-tenancy/plant2: domains from Pulumi.plant2.yaml",
                "Peer stack acme/remote-assist-tenancy/plant3: no Pulumi.plant3.yaml beside the config file; its domains are unknown offline",
                "",
            ].join("\n"),
        );
        const json = JSON.parse(readFileSync(path.join(out, PLAN_FILES.json), "utf8"));
        assert.ok(json.outputs.federation.add.includes("plant2.onmicrosoft.com"));
        assert.deepEqual(Object.keys(json.outputs.federation.peerStackDomains), ["acme/remote-assist-tenancy/plant2"]);
        assert.ok(
            json.outputs.warnings.includes(
                "federation.peerStacks: acme/remote-assist-tenancy/plant3 exports no tenantDomains, so its domains are not in the federation output's add list; deploy that stack with this project, then deploy this one again",
            ),
        );
    });
});

describe("npm run plan arguments", () => {
    it("defaults to the dev stack's file in the current directory", () => {
        assert.deepEqual(parsePlanArgs([], "/repo"), {
            stack: "dev",
            configFile: "/repo/Pulumi.dev.yaml",
            json: false,
            help: false,
        });
    });

    it("resolves --config-file and --out against the current directory", () => {
        assert.deepEqual(
            parsePlanArgs(["--config-file", "cfg/Pulumi.prod.yaml", "--out", "plan-out", "--json"], "/repo"),
            {
                stack: "prod",
                configFile: "/repo/cfg/Pulumi.prod.yaml",
                json: true,
                outDir: "/repo/plan-out",
                help: false,
            },
        );
    });

    it("names the stack dev when the config file is not named Pulumi.NAME.yaml", () => {
        assert.equal(parsePlanArgs(["--config-file", "tenant.yaml"], "/repo").stack, "dev");
    });

    it("refuses --stack together with --config-file", () => {
        assert.throws(() => parsePlanArgs(["--stack", "dev", "--config-file", "x.yaml"], "/repo"), {
            name: "Error",
            message: "Pass either --stack or --config-file, not both",
        });
        assert.throws(() => parsePlanArgs(["positional"], "/repo"), UsageError);
    });
});
