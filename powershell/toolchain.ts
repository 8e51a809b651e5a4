/**
 * The PowerShell half's test toolchain: PowerShell 7.6 and Pester, both from NuGet with the .NET SDK,
 * pinned, in NuGet's global packages folder; then the Pester suite in `tests/powershell/`.
 * `npm test` runs it through `scripts/pester.ts`.
 *
 * - PowerShell ships on NuGet as a .NET tool (learn.microsoft.com/powershell/scripting/install/install-dotnet),
 *   Pester as a package with the module under `tools/`. A restore-only project with a
 *   `PackageDownload` of each, at an exact version (`[7.6.9]`), makes `dotnet restore` download
 *   and extract both without any build (NuGet's "PackageDownload" item,
 *   learn.microsoft.com/nuget/consume-packages/packagereference-in-project-files). 7.6 runs on
 *   .NET 10; a later PowerShell may need a later .NET, hence the pin.
 * - NuGet extracts packages into its global packages folder, one per user and machine
 *   (`~/.nuget/packages` unless NUGET_PACKAGES or a NuGet.config says otherwise;
 *   `dotnet nuget locals global-packages --list` names it, learn.microsoft.com/dotnet/core/tools/dotnet-nuget-locals),
 *   in a folder named by the package's id in lower case and its version (`pester/6.2.0`), and
 *   writes `.nupkg.metadata` into that folder once the package is extracted
 *   (learn.microsoft.com/nuget/concepts/troubleshooting-installed-packages): a folder without it
 *   is an extraction that did not finish, and a restore extracts the package again.
 *   So both are extracted once per machine, not once per clone: a fresh clone on a machine that
 *   ran the suite before restores nothing, where `dotnet tool install --tool-path .tools/...` and
 *   a restore into the clone took 4.5 s of CPU time and 226 MB of disk in every clone.
 * - The suite runs PowerShell as `dotnet tool run pwsh` would: `dotnet` runs the tool's entry point
 *   (the package's DotnetToolSettings.xml: `EntryPoint="Microsoft.PowerShell.GlobalTool.Shim.dll"
 *   Runner="dotnet"`), a shim that runs the `unix/` or `win/` PowerShell in its process. (A local
 *   tool pinned in `.config/dotnet-tools.json` would sit in the same folder, but `dotnet tool
 *   restore` trusts a cache of where it restored a tool before, in `~/.dotnet`, so with another
 *   NUGET_PACKAGES it reported the tool restored and put nothing there.)
 */
import { spawnSync, SpawnSyncOptions } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";

/** PowerShell version the suite runs under. Later versions may need a later .NET SDK. */
export const POWERSHELL_VERSION = "7.6.9";

/** The .NET SDK major version PowerShell {@link POWERSHELL_VERSION} needs: 7.6 runs on .NET 10. */
export const DOTNET_SDK_MAJOR = 10;

/** Pester version the suite is written for. */
export const PESTER_VERSION = "6.2.0";

/** The ignored folder of the restore project, relative to the repository root. */
export const TOOLS_FOLDER = ".tools";

/** The Pester runner script, relative to the repository root. */
export const SUITE_RUNNER = path.join("tests", "powershell", "Invoke-PesterSuite.ps1");

/** Where the toolchain lives, for a repository root and NuGet's global packages folder. */
export interface ToolchainPaths {
    /** NuGet's global packages folder. */
    readonly packages: string;
    /** The PowerShell tool package, extracted. */
    readonly powershellPackage: string;
    /** The tool's entry point, which `dotnet` runs. */
    readonly pwshEntryPoint: string;
    /** Written by NuGet once the package is extracted. */
    readonly powershellMarker: string;
    /** The Pester package, extracted. */
    readonly pesterPackage: string;
    /** Pester's module manifest in its package. */
    readonly pesterManifest: string;
    /** Written by NuGet once the package is extracted. */
    readonly pesterMarker: string;
    /** The restore-only project that downloads both. */
    readonly restoreProject: string;
}

/** The toolchain's paths, for the repository at `root` and NuGet's global packages folder `packages`. */
export function toolchainPaths(root: string, packages: string): ToolchainPaths {
    const powershellPackage = path.join(packages, "powershell", POWERSHELL_VERSION);
    const pesterPackage = path.join(packages, "pester", PESTER_VERSION);
    return {
        packages,
        powershellPackage,
        pwshEntryPoint: path.join(
            powershellPackage,
            "tools",
            "net10.0",
            "any",
            "Microsoft.PowerShell.GlobalTool.Shim.dll",
        ),
        powershellMarker: path.join(powershellPackage, ".nupkg.metadata"),
        pesterPackage,
        pesterManifest: path.join(pesterPackage, "tools", "Pester.psd1"),
        pesterMarker: path.join(pesterPackage, ".nupkg.metadata"),
        restoreProject: path.join(root, TOOLS_FOLDER, "toolchain", "toolchain-restore.csproj"),
    };
}

/**
 * The restore-only project that downloads exactly PowerShell {@link POWERSHELL_VERSION} and Pester
 * {@link PESTER_VERSION} into NuGet's global packages folder. `netstandard2.0` because every .NET
 * SDK knows it; `PackageDownload` ignores the framework and the package's type (PowerShell's is a tool).
 */
export function restoreProject(): string {
    return [
        '<Project Sdk="Microsoft.NET.Sdk">',
        "  <!-- Written by powershell/toolchain.ts: downloads PowerShell and Pester for the PowerShell suite; builds nothing. -->",
        "  <PropertyGroup>",
        "    <TargetFramework>netstandard2.0</TargetFramework>",
        "  </PropertyGroup>",
        "  <ItemGroup>",
        `    <PackageDownload Include="PowerShell" Version="[${POWERSHELL_VERSION}]" />`,
        `    <PackageDownload Include="Pester" Version="[${PESTER_VERSION}]" />`,
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
 * - W^X: since .NET 7 the runtime maps the memory it writes machine code to twice, writable and
 *   executable, and maps the writable view for each write, work the kernel does for a JIT that
 *   compiles thousands of methods. Without it the suite's pwsh took a median of 11.3 s of CPU
 *   time instead of 12.1 s, 1.5 s of it in the kernel instead of 2.0 s (three runs each, taken in
 *   turns). W^X hardens a long-running process against code injection; these processes run the
 *   repository's own tests for seconds.
 * - `DOTNET_TieredPGO=0`: "System.Runtime.TieredPGO", off (learn.microsoft.com/dotnet/core/runtime-config/compilation).
 * - `DOTNET_TC_CallCounting=0`: "If disabled immediately backpatches prestub, and likely prevents
 *   any promotion to higher tiers" (dotnet/runtime, src/coreclr/inc/clrconfignames.h, a retail setting).
 * - `DOTNET_JITMinOpts=1`: "Forces MinOpts" (the same file, a retail setting marked unsupported).
 *   MinOpts changes the machine code's speed, never what it does.
 * - `DOTNET_GCgen0size=0x4000000`: "Specifies the smallest gen0 budget", read as hexadecimal bytes
 *   (dotnet/runtime, src/coreclr/gc/gcconfig.h).
 * - `DOTNET_EnableWriteXorExecute=0`: "Enable W^X for executable memory", 1 by default (dotnet/runtime,
 *   src/coreclr/inc, the file of `TC_CallCounting`; an EXTERNAL, supported, retail setting).
 */
export const SHORT_RUN_ENV: Readonly<Record<string, string>> = {
    DOTNET_TieredPGO: "0",
    DOTNET_TC_CallCounting: "0",
    DOTNET_JITMinOpts: "1",
    DOTNET_GCgen0size: "0x4000000",
    DOTNET_EnableWriteXorExecute: "0",
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
 * NuGet's global packages folder, as `dotnet nuget locals global-packages --list` prints it
 * ("global-packages: /home/me/.nuget/packages/"; `--force-english-output` keeps the label English),
 * or why it could not be found.
 */
export function globalPackagesFolder(run: CommandRunner, root: string): { folder: string } | { problem: string } {
    const result = run("dotnet", ["nuget", "locals", "global-packages", "--list", "--force-english-output"], {
        cwd: root,
    });
    const problem = failed(result);
    if (problem !== undefined) {
        return { problem: `dotnet nuget locals global-packages --list failed: ${problem}` };
    }
    const folder = /^global-packages: (.+)$/m.exec(result.stdout)?.[1]?.trim();
    if (folder === undefined || folder === "") {
        return {
            problem: `dotnet nuget locals global-packages --list printed ${JSON.stringify(result.stdout.trim())}, not the global packages folder`,
        };
    }
    return { folder: path.resolve(folder) };
}

/**
 * Restores what is missing of the pinned toolchain into NuGet's global packages folder with one
 * `dotnet restore` of {@link restoreProject}. Returns the failure, or `undefined` once both are there.
 */
export function installToolchain(paths: ToolchainPaths, run: CommandRunner, out: Console): string | undefined {
    const packages = [
        { name: `PowerShell ${POWERSHELL_VERSION}`, folder: paths.powershellPackage, marker: paths.powershellMarker },
        { name: `Pester ${PESTER_VERSION}`, folder: paths.pesterPackage, marker: paths.pesterMarker },
    ];
    const missing = packages.filter((p) => !existsSync(p.marker));
    if (missing.length === 0) {
        return undefined;
    }
    const started = Date.now();
    const names = missing.map((p) => p.name).join(" and ");
    out.log(`Restoring ${names} from NuGet into ${paths.packages} (once per machine) ...`);
    mkdirSync(path.dirname(paths.restoreProject), { recursive: true });
    writeFileSync(paths.restoreProject, restoreProject());
    const problem = failed(run("dotnet", ["restore", paths.restoreProject], {}));
    if (problem !== undefined) {
        return `dotnet restore of ${names} failed: ${problem}`;
    }
    const absent = missing.find((p) => !existsSync(p.marker));
    if (absent !== undefined) {
        return `dotnet restore succeeded but did not extract ${absent.name} into ${absent.folder}`;
    }
    out.log(`Restored ${names} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
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
    const packages = globalPackagesFolder(run, options.root);
    if ("problem" in packages) {
        out.error(`PowerShell suite could not start: ${packages.problem}`);
        return 1;
    }
    const paths = toolchainPaths(options.root, packages.folder);
    const problem = installToolchain(paths, run, out);
    if (problem !== undefined) {
        out.error(`PowerShell suite could not start: ${problem}`);
        return 1;
    }
    const result = run(
        "dotnet",
        [
            paths.pwshEntryPoint,
            "-NoProfile",
            "-NonInteractive",
            "-File",
            SUITE_RUNNER,
            "-PesterManifest",
            paths.pesterManifest,
        ],
        { cwd: options.root, inherit: true },
    );
    if (result.error) {
        out.error(`PowerShell suite could not start dotnet ${paths.pwshEntryPoint}: ${result.error.message}`);
        return 1;
    }
    return result.status ?? 1;
}
