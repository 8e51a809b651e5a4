import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { getPriority, tmpdir } from "node:os";
import * as path from "node:path";
import {
    CommandResult,
    CommandRunner,
    PESTER_VERSION,
    POWERSHELL_VERSION,
    restoreProject,
    runPesterStep,
    toolchainPaths,
} from "../../powershell/toolchain";
import { listSpecs, orderSpecs, SLOW_SPECS } from "../../scripts/specOrder.cjs";

const ROOT = path.join(__dirname, "..", "..");

interface Recorded {
    /** Each command line, with ` (in DIR)` after it when it ran in another folder. */
    readonly calls: string[];
    readonly log: string[];
    readonly errors: string[];
}

/** NuGet's global packages folder of the tests: `global-packages` under the test's own folder. */
const packagesOf = (root: string) => path.join(root, "global-packages");

/** Writes the file NuGet writes once it has extracted a package into its folder. */
function extracted(marker: string): void {
    mkdirSync(path.dirname(marker), { recursive: true });
    writeFileSync(marker, '{ "version": 2 }');
}

/**
 * A runner standing in for dotnet and pwsh: `answers` maps the start of a command line to what it
 * returns; everything else succeeds. `dotnet nuget locals` names the test's global packages folder,
 * and `dotnet restore` extracts the two packages into it, as the real one does.
 */
function fakeRunner(
    root: string,
    recorded: Recorded,
    answers: Record<string, Partial<CommandResult>> = {},
): CommandRunner {
    const paths = toolchainPaths(root, packagesOf(root));
    return (command, args, options) => {
        const line = [path.basename(command), ...args].join(" ");
        recorded.calls.push(options.cwd === undefined ? line : `${line} (in ${options.cwd})`);
        const answer = Object.entries(answers).find(([start]) => line.startsWith(start))?.[1];
        if (answer) {
            return { status: 0, stdout: "", stderr: "", ...answer };
        }
        if (line.startsWith("dotnet nuget locals global-packages")) {
            return { status: 0, stdout: `global-packages: ${packagesOf(root)}${path.sep}\n`, stderr: "" };
        }
        if (line.startsWith("dotnet restore")) {
            extracted(paths.powershellMarker);
            extracted(paths.pesterMarker);
        }
        return { status: 0, stdout: "", stderr: "" };
    };
}

function step(root: string, env: NodeJS.ProcessEnv, answers: Record<string, Partial<CommandResult>> = {}) {
    const recorded: Recorded = { calls: [], log: [], errors: [] };
    const code = runPesterStep({
        root,
        env,
        run: fakeRunner(root, recorded, { ...DOTNET_10, ...answers }),
        console: { log: (l) => recorded.log.push(l), error: (l) => recorded.errors.push(l) },
    });
    return { code, ...recorded };
}

/** What `dotnet --version` prints with the .NET 10 SDK, which the tests have unless they say otherwise. */
const DOTNET_10: Record<string, Partial<CommandResult>> = { "dotnet --version": { stdout: "10.0.100\n" } };

const NO_DOTNET: Record<string, Partial<CommandResult>> = {
    "dotnet --version": { status: null, error: Object.assign(new Error("spawn dotnet ENOENT"), { code: "ENOENT" }) },
};

/** The command lines of a run on a machine with the toolchain, in `root`'s repository. */
function suiteCalls(root: string): string[] {
    const paths = toolchainPaths(root, packagesOf(root));
    return [
        "dotnet --version",
        `dotnet nuget locals global-packages --list --force-english-output (in ${root})`,
        `dotnet ${paths.pwshEntryPoint} -NoProfile -NonInteractive -File ${path.join("tests", "powershell", "Invoke-PesterSuite.ps1")} -PesterManifest ${paths.pesterManifest} (in ${root})`,
    ];
}

describe("PowerShell toolchain (npm run test:pester)", () => {
    let root: string;

    beforeEach(() => {
        root = mkdtempSync(path.join(tmpdir(), "toolchain-"));
    });

    afterEach(() => {
        rmSync(root, { recursive: true, force: true });
    });

    /** The toolchain as a machine has it after a first run: both packages extracted. */
    function installed(): void {
        const paths = toolchainPaths(root, packagesOf(root));
        extracted(paths.powershellMarker);
        extracted(paths.pesterMarker);
    }

    it("without the .NET SDK, says plainly that the suite was skipped and why, and passes", () => {
        const run = step(root, {}, NO_DOTNET);
        assert.equal(run.code, 0);
        assert.deepEqual(run.errors, [
            `PowerShell suite SKIPPED: the .NET SDK is not installed (no \`dotnet\` command on PATH). It installs PowerShell ${POWERSHELL_VERSION} and Pester ${PESTER_VERSION} from NuGet with the .NET SDK (10 or later); install the SDK to run it.`,
        ]);
        assert.deepEqual(run.calls, ["dotnet --version"]);
    });

    it("with a .NET SDK older than 10, which cannot install PowerShell 7.6, skips the suite saying which SDK it found, and passes", () => {
        for (const version of ["8.0.404", "9.0.100"]) {
            const run = step(root, {}, { "dotnet --version": { stdout: `${version}\n` } });
            assert.equal(run.code, 0);
            assert.deepEqual(run.errors, [
                `PowerShell suite SKIPPED: the .NET SDK is ${version} (\`dotnet --version\`), older than the .NET 10 SDK PowerShell 7.6.9 needs. It installs PowerShell 7.6.9 and Pester 6.2.0 from NuGet with the .NET SDK (10 or later); install the SDK to run it.`,
            ]);
            assert.deepEqual(run.calls, ["dotnet --version"]);
        }
    });

    it("under CI=true, a .NET SDK older than 10 fails the run", () => {
        const run = step(root, { CI: "true" }, { "dotnet --version": { stdout: "9.0.100\n" } });
        assert.equal(run.code, 1);
        assert.deepEqual(run.errors, [
            "PowerShell suite SKIPPED: the .NET SDK is 9.0.100 (`dotnet --version`), older than the .NET 10 SDK PowerShell 7.6.9 needs. It installs PowerShell 7.6.9 and Pester 6.2.0 from NuGet with the .NET SDK (10 or later); install the SDK to run it.\nUnder CI=true a skipped suite is a failure.",
        ]);
        assert.deepEqual(run.calls, ["dotnet --version"]);
    });

    it("installs with a later SDK or a preview of one, and skips when dotnet --version prints no version", () => {
        installed();
        for (const version of ["11.0.100-preview.3.26207.1", "10.0.300"]) {
            const run = step(root, {}, { "dotnet --version": { stdout: `${version}\r\n` } });
            assert.equal(run.code, 0);
            assert.deepEqual(run.errors, []);
            assert.deepEqual(run.calls, suiteCalls(root));
        }
        const odd = step(root, {}, { "dotnet --version": { stdout: "\n" } });
        assert.equal(odd.code, 0);
        assert.match(odd.errors[0], /^PowerShell suite SKIPPED: `dotnet --version` printed "", not an SDK version\./);
    });

    it("under CI=true, a skipped suite fails the run", () => {
        const run = step(root, { CI: "true" }, NO_DOTNET);
        assert.equal(run.code, 1);
        assert.match(run.errors[0], /^PowerShell suite SKIPPED: .*\nUnder CI=true a skipped suite is a failure\.$/s);
    });

    it("on a new machine, restores the pinned PowerShell and Pester into NuGet's global packages folder, then runs the suite with them", () => {
        const paths = toolchainPaths(root, packagesOf(root));
        const run = step(root, {});
        assert.equal(run.code, 0);
        const [version, locals, suite] = suiteCalls(root);
        assert.deepEqual(run.calls, [
            version,
            locals,
            `dotnet restore ${path.join(root, ".tools", "toolchain", "toolchain-restore.csproj")}`,
            suite,
        ]);
        assert.equal(readFileSync(paths.restoreProject, "utf8"), restoreProject());
        assert.equal(
            run.log[0],
            `Restoring PowerShell 7.6.9 and Pester 6.2.0 from NuGet into ${packagesOf(root)} (once per machine) ...`,
        );
        assert.match(run.log[1], /^Restored PowerShell 7\.6\.9 and Pester 6\.2\.0 in \d+\.\d s\.$/);
        assert.equal(run.log.length, 2);
    });

    it("on a fresh clone, on a machine that ran the suite before, restores nothing and writes nothing into the clone", () => {
        installed();
        const run = step(root, {});
        assert.equal(run.code, 0);
        assert.deepEqual(run.log, []);
        assert.deepEqual(run.calls, suiteCalls(root));
        assert.ok(!existsSync(path.join(root, ".tools")), "the clone got a .tools folder");
    });

    it("restores again a package whose folder lacks NuGet's .nupkg.metadata (an extraction that did not finish), naming only that one", () => {
        const paths = toolchainPaths(root, packagesOf(root));
        for (const [unfinished, done, name] of [
            [paths.powershellPackage, paths.pesterMarker, "PowerShell 7.6.9"],
            [paths.pesterPackage, paths.powershellMarker, "Pester 6.2.0"],
        ] as const) {
            rmSync(packagesOf(root), { recursive: true, force: true });
            mkdirSync(unfinished, { recursive: true });
            extracted(done);
            const run = step(root, {});
            assert.equal(run.code, 0);
            assert.deepEqual(run.calls.slice(2, -1), [`dotnet restore ${paths.restoreProject}`]);
            assert.equal(run.log[0], `Restoring ${name} from NuGet into ${packagesOf(root)} (once per machine) ...`);
        }
    });

    it("fails, naming the command, when the restore fails, and runs no suite", () => {
        const run = step(root, {}, { "dotnet restore": { status: 1, stderr: "error NU1101: Unable to find package" } });
        assert.equal(run.code, 1);
        assert.deepEqual(run.errors, [
            "PowerShell suite could not start: dotnet restore of PowerShell 7.6.9 and Pester 6.2.0 failed: exit code 1:\nerror NU1101: Unable to find package",
        ]);
        assert.equal(run.calls.length, 3);
    });

    it("fails, and runs no suite, when the restore succeeds without extracting a package", () => {
        const run = step(root, {}, { "dotnet restore": {} });
        assert.equal(run.code, 1);
        assert.deepEqual(run.errors, [
            `PowerShell suite could not start: dotnet restore succeeded but did not extract PowerShell 7.6.9 into ${path.join(packagesOf(root), "powershell", "7.6.9")}`,
        ]);
        assert.equal(run.calls.length, 3);
    });

    it("fails, and restores nothing, when NuGet does not name its global packages folder", () => {
        for (const [answer, error] of [
            [
                { stdout: "info : nothing here\n" },
                'dotnet nuget locals global-packages --list printed "info : nothing here", not the global packages folder',
            ],
            [
                { status: 1, stderr: "error: NuGet.Config is not valid XML." },
                "dotnet nuget locals global-packages --list failed: exit code 1:\nerror: NuGet.Config is not valid XML.",
            ],
        ] as const) {
            const run = step(root, {}, { "dotnet nuget locals": answer });
            assert.equal(run.code, 1);
            assert.deepEqual(run.errors, [`PowerShell suite could not start: ${error}`]);
            assert.equal(run.calls.length, 2);
        }
    });

    it("fails when the Pester suite fails", () => {
        installed();
        const paths = toolchainPaths(root, packagesOf(root));
        const run = step(root, {}, { [`dotnet ${paths.pwshEntryPoint}`]: { status: 1 } });
        assert.equal(run.code, 1);
    });

    it("downloads exactly the pinned PowerShell and Pester with a restore-only project, into NuGet's global packages folder", () => {
        assert.match(restoreProject(), /<PackageDownload Include="PowerShell" Version="\[7\.6\.9\]" \/>/);
        assert.match(restoreProject(), /<PackageDownload Include="Pester" Version="\[6\.2\.0\]" \/>/);
        assert.doesNotMatch(restoreProject(), /RestorePackagesPath/);
    });

    it("keeps the restore project in a folder git ignores", () => {
        assert.match(readFileSync(path.join(ROOT, ".gitignore"), "utf8"), /^\/\.tools\/$/m);
    });
});

/**
 * A stub of one of npm test's commands: it says it started, waits until all four steps have (so
 * steps run one after another never get past it), then prints the command line it was run with,
 * relative to the repository, after the GOMAXPROCS it was given, and how much lower its priority is
 * than npm test's, and ends with `code`.
 */
function stepStub(name: string, code = 0): string {
    return `const fs = process.getBuiltinModule("node:fs");
const path = process.getBuiltinModule("node:path");
const started = path.join(process.cwd(), "started");
fs.mkdirSync(started, { recursive: true });
fs.writeFileSync(path.join(started, ${JSON.stringify(name)}), "");
const until = Date.now() + 10000;
while (fs.readdirSync(started).length < 4) {
    if (Date.now() > until) {
        console.log(${JSON.stringify(name)} + " waited alone: the steps ran one after another");
        process.exit(9);
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
}
const script = path.relative(process.cwd(), process.argv[1]).split(path.sep).join("/");
const os = process.getBuiltinModule("node:os");
const lower = os.getPriority() - os.getPriority(process.ppid);
const go = process.env.GOMAXPROCS === undefined ? [] : [\`GOMAXPROCS=\${process.env.GOMAXPROCS}\`];
console.log([...go, "node", ...process.execArgv, script, ...process.argv.slice(2)].join(" ") + (lower ? \` (nice +\${lower})\` : ""));
process.exitCode = ${code};
`;
}

describe("npm test (scripts/test.mjs)", () => {
    let repo: string;

    beforeEach(() => {
        repo = mkdtempSync(path.join(tmpdir(), "npm-test-"));
    });

    afterEach(() => {
        rmSync(repo, { recursive: true, force: true });
    });

    /** scripts/test.mjs in a repository whose commands are stubs and whose spec files are empty. */
    function stubRepository(specs: readonly string[]): void {
        const files: Record<string, string> = {
            "scripts/test.mjs": readFileSync(path.join(ROOT, "scripts", "test.mjs"), "utf8"),
            "scripts/specOrder.cjs": readFileSync(path.join(ROOT, "scripts", "specOrder.cjs"), "utf8"),
            "node_modules/.bin/oxlint": stepStub("oxlint"),
            "node_modules/.bin/oxfmt": stepStub("oxfmt"),
            "node_modules/.bin/mocha": stepStub("mocha"),
            "scripts/pester.ts": stepStub("pester", 3),
            "tests/a/support.ts": "",
            "node_modules/sucrase/register/ts.js": "",
        };
        for (const spec of specs) {
            files[spec] = "";
        }
        for (const [file, text] of Object.entries(files)) {
            mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
            writeFileSync(path.join(repo, file), text);
        }
    }

    function npmTest() {
        // GOMAXPROCS as npm test sets it, not as this process may have it.
        const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== "GOMAXPROCS"));
        return spawnSync(process.execPath, [path.join(repo, "scripts", "test.mjs")], {
            cwd: repo,
            env,
            encoding: "utf8",
            timeout: 60_000,
        });
    }

    it("runs the PowerShell suite with scripts/pester.ts, as npm run test:pester does, side by side with the other steps, and fails when it fails", () => {
        stubRepository([...SLOW_SPECS, "tests/z.test.ts", "tests/a/b.test.ts"]);
        const run = npmTest();
        assert.equal(run.stderr, "");
        assert.equal(run.status, 1);
        const summary = "\nsteps: 3 passed, 1 failed\nFailed: PowerShell tests\n";
        assert.ok(run.stdout.endsWith(summary), run.stdout);
        // Each step's output comes in one piece when it ends, in whichever order they end.
        const blocks = run.stdout
            .slice(0, -summary.length)
            .replace(/ in \d+\.\d s\n/g, " in N s\n")
            .split("\n=== ");
        // How much lower a step's priority is than npm test's, which this process's passes on; 19 is the lowest.
        const nice = (step: number) => {
            const lower = Math.min(19, getPriority() + step) - getPriority();
            return lower === 0 ? "" : ` (nice +${lower})`;
        };
        assert.deepEqual(blocks.sort(), [
            "",
            `PowerShell tests: FAILED (exit code 3) in N s\nnode -r sucrase/register/ts scripts/pester.ts${nice(5)}\n`,
            // Every step but the unit tests at a lower priority, so the unit tests get the CPU first.
            `format: passed in N s\nnode node_modules/.bin/oxfmt --check .${nice(10)}\n`,
            `lint and type check: passed in N s\nGOMAXPROCS=1 node node_modules/.bin/oxlint --type-aware --type-check${nice(10)}\n`,
            // The spec files that take longest first, in SLOW_SPECS' order, then the others in path order.
            `unit tests: passed in N s\nnode --no-opt --single-threaded node_modules/.bin/mocha --parallel --jobs 2 ${SLOW_SPECS.join(" ")} tests/a/b.test.ts tests/z.test.ts\n`,
        ]);
        const scripts = (
            JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }
        ).scripts;
        assert.equal(scripts.test, "node scripts/test.mjs");
        assert.equal(scripts["test:pester"], "node -r sucrase/register/ts scripts/pester.ts");
    });

    it("starts no step when SLOW_SPECS names a spec file that is not there, and says which", () => {
        stubRepository([...SLOW_SPECS.slice(1), "tests/z.test.ts"]);
        const run = npmTest();
        assert.equal(run.status, 1);
        assert.equal(run.stdout, "");
        assert.equal(
            run.stderr,
            `scripts/test.mjs: SLOW_SPECS in scripts/specOrder.cjs names ${SLOW_SPECS[0]}, which no spec file under tests/ matches: rename or remove it there.\n`,
        );
    });

    it("is what the README and .ci/run say: the Pester suite runs side by side with the other steps, not at the end", () => {
        const prose = (file: string) =>
            readFileSync(path.join(ROOT, file), "utf8")
                .replace(/\n(?:# ?)?/g, " ")
                .replace(/ +/g, " ");
        const readme = prose("README.md");
        const ci = prose(path.join(".ci", "run"));
        for (const [file, text] of [
            ["README.md", readme],
            [".ci/run", ci],
        ]) {
            assert.doesNotMatch(text, /`npm test` ends with/, file);
        }
        assert.ok(
            readme.includes(
                "`npm test` runs them as one of its steps, side by side with the others ([Tests](#tests)), through `scripts/pester.ts` (alone: `npm run test:pester`)",
            ),
        );
        assert.ok(
            ci.includes(
                "`npm test` runs the PowerShell module's Pester suite side by side with its other steps (scripts/pester.ts)",
            ),
        );
    });
});

describe("the order of the spec files (scripts/specOrder.cjs)", () => {
    it("puts the slow ones first, in their order, then the others in path order", () => {
        assert.deepEqual(
            orderSpecs(
                [
                    "tests/z.test.ts",
                    "tests/slow2.test.ts",
                    "tests/a/b.test.ts",
                    "tests/slow1.test.ts",
                    "tests/b.test.ts",
                ],
                ["tests/slow1.test.ts", "tests/slow2.test.ts"],
            ),
            ["tests/slow1.test.ts", "tests/slow2.test.ts", "tests/a/b.test.ts", "tests/b.test.ts", "tests/z.test.ts"],
        );
    });

    it("refuses a slow one that is not among the spec files, naming every such one", () => {
        assert.throws(
            () => orderSpecs(["tests/a.test.ts"], ["tests/gone.test.ts", "tests/a.test.ts", "tests/moved.test.ts"]),
            {
                message:
                    "SLOW_SPECS in scripts/specOrder.cjs names tests/gone.test.ts, tests/moved.test.ts, which no spec file under tests/ matches: rename or remove it there.",
            },
        );
    });

    it("lists every spec file of this repository once, SLOW_SPECS first", () => {
        const specs = listSpecs(ROOT);
        assert.ok(specs.includes("tests/powershell/toolchain.test.ts"), "this file is not listed");
        assert.ok(!specs.some((file) => !file.endsWith(".test.ts") || file.includes("\\")), specs.join(" "));
        const ordered = orderSpecs(specs);
        assert.deepEqual(ordered.slice(0, SLOW_SPECS.length), SLOW_SPECS);
        assert.deepEqual([...ordered].sort(), [...specs].sort());
    });
});
