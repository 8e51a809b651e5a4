import { strict as assert } from "node:assert";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import {
    CommandResult,
    CommandRunner,
    PESTER_VERSION,
    pesterRestoreProject,
    POWERSHELL_VERSION,
    runPesterStep,
    toolchainPaths,
} from "../../powershell/toolchain";

const ROOT = path.join(__dirname, "..", "..");

interface Recorded {
    readonly calls: string[];
    readonly log: string[];
    readonly errors: string[];
}

/**
 * A runner standing in for dotnet and pwsh: `answers` maps the start of a command line to what it
 * returns; everything else succeeds. `dotnet tool install` creates its --tool-path, as the real one does.
 */
function fakeRunner(recorded: Recorded, answers: Record<string, Partial<CommandResult>> = {}): CommandRunner {
    return (command, args) => {
        const line = [path.basename(command), ...args].join(" ");
        recorded.calls.push(line);
        const answer = Object.entries(answers).find(([start]) => line.startsWith(start))?.[1];
        if (!answer && args[0] === "tool" && args[1] === "install") {
            mkdirSync(args[args.indexOf("--tool-path") + 1], { recursive: true });
        }
        return { status: 0, stdout: "", stderr: "", ...answer };
    };
}

function step(
    root: string,
    env: NodeJS.ProcessEnv,
    answers: Record<string, Partial<CommandResult>> = {},
    exists?: (file: string) => boolean,
) {
    const recorded: Recorded = { calls: [], log: [], errors: [] };
    const code = runPesterStep({
        root,
        env,
        run: fakeRunner(recorded, answers),
        console: { log: (l) => recorded.log.push(l), error: (l) => recorded.errors.push(l) },
        exists,
    });
    return { code, ...recorded };
}

const NO_DOTNET: Record<string, Partial<CommandResult>> = {
    "dotnet --version": { status: null, error: Object.assign(new Error("spawn dotnet ENOENT"), { code: "ENOENT" }) },
};

describe("PowerShell toolchain (npm run test:pester)", () => {
    let root: string;

    beforeEach(() => {
        root = mkdtempSync(path.join(tmpdir(), "toolchain-"));
    });

    afterEach(() => {
        rmSync(root, { recursive: true, force: true });
    });

    it("without the .NET SDK, says plainly that the suite was skipped and why, and passes", () => {
        const run = step(root, {}, NO_DOTNET);
        assert.equal(run.code, 0);
        assert.deepEqual(run.errors, [
            `PowerShell suite SKIPPED: the .NET SDK is not installed (no \`dotnet\` command on PATH). It installs PowerShell ${POWERSHELL_VERSION} and Pester ${PESTER_VERSION} from NuGet with the .NET SDK (10 or later); install the SDK to run it.`,
        ]);
        assert.deepEqual(run.calls, ["dotnet --version"]);
    });

    it("under CI=true, a skipped suite fails the run", () => {
        const run = step(root, { CI: "true" }, NO_DOTNET);
        assert.equal(run.code, 1);
        assert.match(run.errors[0], /^PowerShell suite SKIPPED: .*\nUnder CI=true a skipped suite is a failure\.$/s);
    });

    it("on a fresh clone, installs the pinned PowerShell and Pester into .tools/, then runs the suite with them", () => {
        const paths = toolchainPaths(root);
        const run = step(root, {});
        assert.equal(run.code, 0);
        assert.deepEqual(run.calls, [
            "dotnet --version",
            `dotnet tool install PowerShell --version 7.6.9 --tool-path ${path.join(root, ".tools", "powershell-7.6.9")}`,
            `dotnet restore ${path.join(root, ".tools", "pester-6.2.0", "pester-restore.csproj")}`,
            `pwsh -NoProfile -NonInteractive -File ${path.join("tests", "powershell", "Invoke-PesterSuite.ps1")} -PesterManifest ${paths.pesterManifest} -Pwsh ${paths.pwsh}`,
        ]);
        assert.equal(readFileSync(paths.pesterProject, "utf8"), pesterRestoreProject());
        assert.match(run.log[run.log.length - 1], /^Installed PowerShell 7\.6\.9 and Pester 6\.2\.0 in \d+\.\d s\.$/);
        assert.ok(existsSync(paths.powershellMarker), "a complete install is marked");
    });

    it("once installed, installs nothing again", () => {
        const run = step(root, {}, {}, () => true);
        assert.equal(run.code, 0);
        assert.deepEqual(run.log, []);
        assert.deepEqual(
            run.calls.map((c) => c.split(" ").slice(0, 2).join(" ")),
            ["dotnet --version", "pwsh -NoProfile"],
        );
    });

    it("reinstalls PowerShell over an interrupted install (a folder without the marker)", () => {
        const paths = toolchainPaths(root);
        mkdirSync(paths.powershellDir, { recursive: true });
        const run = step(root, {}, {}, (file) => file === paths.pesterMarker);
        assert.equal(run.code, 0);
        assert.ok(run.calls.some((c) => c.startsWith("dotnet tool install PowerShell --version 7.6.9")));
    });

    it("fails, naming the command, when the install fails, and runs no suite", () => {
        const run = step(
            root,
            {},
            { "dotnet tool install": { status: 1, stderr: "error NU1101: Unable to find package" } },
        );
        assert.equal(run.code, 1);
        assert.deepEqual(run.errors, [
            "PowerShell suite could not start: dotnet tool install PowerShell --version 7.6.9 failed: exit code 1:\nerror NU1101: Unable to find package",
        ]);
        assert.ok(!run.calls.some((c) => c.startsWith("pwsh")));
    });

    it("fails when the Pester suite fails", () => {
        const run = step(root, {}, { pwsh: { status: 1 } }, () => true);
        assert.equal(run.code, 1);
    });

    it("downloads exactly the pinned Pester with a restore-only project", () => {
        assert.match(pesterRestoreProject(), /<PackageDownload Include="Pester" Version="\[6\.2\.0\]" \/>/);
        assert.match(
            pesterRestoreProject(),
            /<RestorePackagesPath>\$\(MSBuildThisFileDirectory\)packages<\/RestorePackagesPath>/,
        );
    });

    it("keeps the toolchain in a folder git ignores, and npm test runs the suite as one of its steps", () => {
        assert.match(readFileSync(path.join(ROOT, ".gitignore"), "utf8"), /^\/\.tools\/$/m);
        const scripts = (
            JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }
        ).scripts;
        assert.equal(scripts.test, "node scripts/test.mjs");
        assert.match(
            readFileSync(path.join(ROOT, "scripts", "test.mjs"), "utf8"),
            /name: "PowerShell tests",\s*command: process\.execPath,\s*args: \["-r", "esbuild-register", path\.join\(root, "scripts", "pester\.ts"\)\]/,
        );
        assert.equal(scripts["test:pester"], "node -r esbuild-register scripts/pester.ts");
    });
});
