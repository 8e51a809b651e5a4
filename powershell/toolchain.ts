/**
 * The PowerShell half's test toolchain: PowerShell 7.6 and Pester, installed from NuGet with the
 * .NET SDK into an ignored folder of the repository (`.tools/`), pinned and cached, then the Pester
 * suite in `tests/powershell/`. `npm test` runs it through `scripts/pester.ts`.
 *
 * - PowerShell ships on NuGet as a .NET global tool: `dotnet tool install PowerShell --version V
 *   --tool-path DIR` (learn.microsoft.com/powershell/scripting/install/install-dotnet). 7.6 runs on
 *   .NET 10; a later PowerShell may need a later .NET, hence the pinned version.
 * - Pester is served from NuGet too. A restore-only project with a `PackageDownload` of an exact
 *   version (`[6.2.0]`) makes `dotnet restore` download it without any build (NuGet's
 *   "PackageDownload" item, learn.microsoft.com/nuget/consume-packages/packagereference-in-project-files);
 *   the module sits under `tools/` of the package.
 */
import { spawnSync, SpawnSyncOptions } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";

/** PowerShell version the suite runs under. Later versions may need a later .NET SDK. */
export const POWERSHELL_VERSION = "7.6.9";

/** The .NET SDK major version PowerShell {@link POWERSHELL_VERSION} needs: 7.6 runs on .NET 10. */
export const DOTNET_SDK_MAJOR = 10;

/** Pester version the suite is written for. */
export const PESTER_VERSION = "6.2.0";

/** The ignored folder the toolchain installs into, relative to the repository root. */
export const TOOLS_FOLDER = ".tools";

/** The Pester runner script, relative to the repository root. */
export const SUITE_RUNNER = path.join("tests", "powershell", "Invoke-PesterSuite.ps1");

/** Where the toolchain lives for a repository root. */
export interface ToolchainPaths {
    /** `dotnet tool install --tool-path` folder of the pinned PowerShell. */
    readonly powershellDir: string;
    /** The `pwsh` command inside it. */
    readonly pwsh: string;
    /** Written after a complete PowerShell install; a folder without it is a broken install. */
    readonly powershellMarker: string;
    /** Folder of the restore-only project that downloads Pester. */
    readonly pesterDir: string;
    /** The restore-only project file. */
    readonly pesterProject: string;
    /** Pester's module manifest after the restore. */
    readonly pesterManifest: string;
    /** Written by NuGet after a package is completely extracted. */
    readonly pesterMarker: string;
}

/** The toolchain's paths under `root`, one folder per pinned version so a version bump installs afresh. */
export function toolchainPaths(root: string, platform: NodeJS.Platform = process.platform): ToolchainPaths {
    const tools = path.join(root, TOOLS_FOLDER);
    const powershellDir = path.join(tools, `powershell-${POWERSHELL_VERSION}`);
    const pesterDir = path.join(tools, `pester-${PESTER_VERSION}`);
    const pesterPackage = path.join(pesterDir, "packages", "pester", PESTER_VERSION);
    return {
        powershellDir,
        pwsh: path.join(powershellDir, platform === "win32" ? "pwsh.exe" : "pwsh"),
        powershellMarker: path.join(powershellDir, ".installed"),
        pesterDir,
        pesterProject: path.join(pesterDir, "pester-restore.csproj"),
        pesterManifest: path.join(pesterPackage, "tools", "Pester.psd1"),
        pesterMarker: path.join(pesterPackage, ".nupkg.metadata"),
    };
}

/**
 * The restore-only project that downloads exactly Pester `version` into `packages/` beside it.
 * `netstandard2.0` because every .NET SDK knows it; `PackageDownload` ignores the framework.
 */
export function pesterRestoreProject(version: string = PESTER_VERSION): string {
    return [
        '<Project Sdk="Microsoft.NET.Sdk">',
        "  <!-- Written by powershell/toolchain.ts: downloads Pester for the PowerShell suite; builds nothing. -->",
        "  <PropertyGroup>",
        "    <TargetFramework>netstandard2.0</TargetFramework>",
        "    <RestorePackagesPath>$(MSBuildThisFileDirectory)packages</RestorePackagesPath>",
        "  </PropertyGroup>",
        "  <ItemGroup>",
        `    <PackageDownload Include="Pester" Version="[${version}]" />`,
        "  </ItemGroup>",
        "</Project>",
        "",
    ].join("\n");
}

/** What a command run returned, as far as the toolchain reads it. */
export interface CommandResult {
    readonly status: number | null;
    readonly stdout: string;
    readonly stderr: string;
    /** Set when the command could not start at all (for example ENOENT: not installed). */
    readonly error?: NodeJS.ErrnoException;
}

/** Runs one command; `inherit` streams its output instead of capturing it. */
export type CommandRunner = (
    command: string,
    args: readonly string[],
    options: { readonly cwd?: string; readonly inherit?: boolean },
) => CommandResult;

/** Environment for dotnet and pwsh: no telemetry, no banners, no update checks. */
export const QUIET_ENV: Readonly<Record<string, string>> = {
    DOTNET_CLI_TELEMETRY_OPTOUT: "1",
    DOTNET_NOLOGO: "1",
    DOTNET_SKIP_FIRST_TIME_EXPERIENCE: "1",
    POWERSHELL_TELEMETRY_OPTOUT: "1",
    POWERSHELL_UPDATECHECK: "Off",
};

/**
 * Environment for the short runs of dotnet and pwsh here: the JIT compiles each method once, as
 * cheaply as it can, and keeps that code. Measured on the 2-core machine with
 * [System.Runtime.JitInfo]::GetCompilationTime(), the JIT took about 9 of the Pester run's 11 s.
 * - PowerShell's NuGet tool package ships its assemblies as IL only (not ReadyToRun:
 *   System.Management.Automation.dll is 7 MB), so every method it runs is compiled at start, and
 *   tiered compilation then spends more CPU recompiling the hot ones (with PGO instrumentation in
 *   between) than a run of a few seconds wins back. The first two settings stop that: a median of
 *   23.1 s of CPU time without them, 17.8 s with them (three runs each, taken in turns).
 * - Most of the JIT's time went to the 3,000 dynamic methods PowerShell's binders emit (`CallSite`
 *   targets of the DLR), which are never tiered and were compiled with full optimization. Forcing
 *   minimal optimization for every method took the JIT from 10 s to 3.4 s. (Compiling the 7 MB
 *   assembly ReadyToRun with crossgen2 halved the methods the JIT compiles but saved about 1 s a
 *   run, and took 15 s of CPU time itself.)
 * - gen0: the runtime sized generation 0 from the cache size this virtual machine reports, and
 *   collected it 457 times in one run; at 64 MB it collects 25 times.
 * With all four the suite's pwsh took 13.6 to 14.7 s of CPU time where it took 18.5 to 20.9 s with
 * the first two (three runs each, taken in turns).
 * - `DOTNET_TieredPGO=0`: "System.Runtime.TieredPGO", off (learn.microsoft.com/dotnet/core/runtime-config/compilation).
 * - `DOTNET_TC_CallCounting=0`: "If disabled immediately backpatches prestub, and likely prevents
 *   any promotion to higher tiers" (dotnet/runtime, src/coreclr/inc/clrconfignames.h, a retail setting).
 * - `DOTNET_JITMinOpts=1`: "Forces MinOpts" (the same file, a retail setting marked unsupported).
 *   MinOpts changes the machine code's speed, never what it does.
 * - `DOTNET_GCgen0size=0x4000000`: "Specifies the smallest gen0 budget", read as hexadecimal bytes
 *   (dotnet/runtime, src/coreclr/gc/gcconfig.h).
 */
export const SHORT_RUN_ENV: Readonly<Record<string, string>> = {
    DOTNET_TieredPGO: "0",
    DOTNET_TC_CallCounting: "0",
    DOTNET_JITMinOpts: "1",
    DOTNET_GCgen0size: "0x4000000",
};

/** The real runner: `spawnSync` with {@link QUIET_ENV} and {@link SHORT_RUN_ENV}. */
export const spawnRunner: CommandRunner = (command, args, options) => {
    const spawnOptions: SpawnSyncOptions = {
        cwd: options.cwd,
        env: { ...process.env, ...QUIET_ENV, ...SHORT_RUN_ENV },
        stdio: options.inherit ? "inherit" : "pipe",
        encoding: "utf8",
    };
    const result = spawnSync(command, [...args], spawnOptions);
    return {
        status: result.status,
        stdout: String(result.stdout ?? ""),
        stderr: String(result.stderr ?? ""),
        error: result.error as NodeJS.ErrnoException | undefined,
    };
};

/** Where output goes; tests capture it. */
export interface Console {
    log(line: string): void;
    error(line: string): void;
}

/** What {@link runPesterStep} needs from its surroundings. */
export interface PesterStepOptions {
    /** Repository root. */
    readonly root: string;
    /** `process.env`: `CI=true` turns a skip into a failure. */
    readonly env: NodeJS.ProcessEnv;
    readonly run?: CommandRunner;
    readonly console?: Console;
    readonly exists?: (file: string) => boolean;
}

function failed(result: CommandResult): string | undefined {
    if (result.error) {
        return result.error.message;
    }
    if (result.status !== 0) {
        const output = `${result.stdout}\n${result.stderr}`.trim().split("\n").slice(-15).join("\n");
        return `exit code ${result.status}${output ? `:\n${output}` : ""}`;
    }
    return undefined;
}

/**
 * Why the PowerShell suite cannot run here, or `undefined` when a .NET SDK of at least
 * {@link DOTNET_SDK_MAJOR} answers. `dotnet --version` "Prints out the version of the .NET SDK used
 * by dotnet commands. Includes the effects of any global.json" (dotnet/docs, docs/core/tools/dotnet.md),
 * so, asked from the same directory, it names the SDK `dotnet tool install` will use. An older one
 * (a machine with only .NET 8 or 9) would fail that install, so it counts as missing.
 */
export function dotnetMissing(run: CommandRunner): string | undefined {
    const probe = run("dotnet", ["--version"], {});
    if (probe.error?.code === "ENOENT") {
        return "the .NET SDK is not installed (no `dotnet` command on PATH)";
    }
    const problem = failed(probe);
    if (problem !== undefined) {
        return `\`dotnet --version\` failed (${problem})`;
    }
    const version = probe.stdout.trim();
    const major = /^(\d+)\./.exec(version)?.[1];
    if (major === undefined) {
        return `\`dotnet --version\` printed ${JSON.stringify(version)}, not an SDK version`;
    }
    if (Number(major) < DOTNET_SDK_MAJOR) {
        return `the .NET SDK is ${version} (\`dotnet --version\`), older than the .NET ${DOTNET_SDK_MAJOR} SDK PowerShell ${POWERSHELL_VERSION} needs`;
    }
    return undefined;
}

/**
 * Installs what is missing of the pinned toolchain: PowerShell with `dotnet tool install`, Pester
 * with `dotnet restore`. Returns the failure, or `undefined` once both are there.
 */
export function installToolchain(
    paths: ToolchainPaths,
    run: CommandRunner,
    out: Console,
    exists: (file: string) => boolean = existsSync,
): string | undefined {
    const started = Date.now();
    const installed: string[] = [];
    if (!exists(paths.powershellMarker)) {
        out.log(`Installing PowerShell ${POWERSHELL_VERSION} from NuGet into ${paths.powershellDir} (once) ...`);
        // A folder without the marker is an interrupted install: `dotnet tool install` refuses to reuse it.
        rmSync(paths.powershellDir, { recursive: true, force: true });
        const problem = failed(
            run(
                "dotnet",
                ["tool", "install", "PowerShell", "--version", POWERSHELL_VERSION, "--tool-path", paths.powershellDir],
                {},
            ),
        );
        if (problem !== undefined) {
            return `dotnet tool install PowerShell --version ${POWERSHELL_VERSION} failed: ${problem}`;
        }
        writeFileSync(paths.powershellMarker, `PowerShell ${POWERSHELL_VERSION}\n`);
        installed.push(`PowerShell ${POWERSHELL_VERSION}`);
    }
    if (!exists(paths.pesterMarker)) {
        out.log(`Restoring Pester ${PESTER_VERSION} from NuGet into ${paths.pesterDir} (once) ...`);
        mkdirSync(paths.pesterDir, { recursive: true });
        writeFileSync(paths.pesterProject, pesterRestoreProject());
        const problem = failed(run("dotnet", ["restore", paths.pesterProject], {}));
        if (problem !== undefined) {
            return `dotnet restore of Pester ${PESTER_VERSION} failed: ${problem}`;
        }
        installed.push(`Pester ${PESTER_VERSION}`);
    }
    if (installed.length > 0) {
        out.log(`Installed ${installed.join(" and ")} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    }
    return undefined;
}

/** `CI=true` (GitHub Actions, .ci/run): a skipped suite fails the run. */
export function isCi(env: NodeJS.ProcessEnv): boolean {
    return (env.CI ?? "").toLowerCase() === "true";
}

/**
 * `npm run test:pester`: installs the toolchain if missing and runs the Pester suite. Without the
 * .NET SDK, or with one older than {@link DOTNET_SDK_MAJOR}, it says plainly that the suite was
 * skipped and why, and returns 0, except under `CI=true` where a skip is a failure. Returns the
 * process exit code.
 */
export function runPesterStep(options: PesterStepOptions): number {
    const run = options.run ?? spawnRunner;
    const out = options.console ?? console;
    const paths = toolchainPaths(options.root);
    const missing = dotnetMissing(run);
    if (missing !== undefined) {
        const message = `PowerShell suite SKIPPED: ${missing}. It installs PowerShell ${POWERSHELL_VERSION} and Pester ${PESTER_VERSION} from NuGet with the .NET SDK (${DOTNET_SDK_MAJOR} or later); install the SDK to run it.`;
        if (isCi(options.env)) {
            out.error(`${message}\nUnder CI=true a skipped suite is a failure.`);
            return 1;
        }
        out.error(message);
        return 0;
    }
    const problem = installToolchain(paths, run, out, options.exists ?? existsSync);
    if (problem !== undefined) {
        out.error(`PowerShell suite could not start: ${problem}`);
        return 1;
    }
    const result = run(
        paths.pwsh,
        [
            "-NoProfile",
            "-NonInteractive",
            "-File",
            SUITE_RUNNER,
            "-PesterManifest",
            paths.pesterManifest,
            "-Pwsh",
            paths.pwsh,
        ],
        { cwd: options.root, inherit: true },
    );
    if (result.error) {
        out.error(`PowerShell suite could not start ${paths.pwsh}: ${result.error.message}`);
        return 1;
    }
    return result.status ?? 1;
}
