/**
 * What the command-line tools (`npm run plan`, `audit`, `adopt`, `summarize`, `unprotect`) do
 * alike with their arguments: the directory the user typed the command in, stack names, the
 * stack config file `--stack` or `--config-file` names, paths as messages show them, and command
 * lines as a shell reads them. No Pulumi, no I/O: the entry points in `scripts/` load only this
 * and their own command.
 */
import * as path from "node:path";

/**
 * The directory the user typed the command in. `npm run` starts scripts in the package's root
 * whatever the directory it was run from, and passes that directory as `INIT_CWD` ("If you want
 * your script to use different behavior based on what subdirectory you're in, you can use the
 * INIT_CWD environment variable, which holds the full path you were in when you ran npm run":
 * npm docs, `npm run-script`). npm marks its scripts with `npm_lifecycle_event`; outside one,
 * an inherited INIT_CWD is stale and the process's own directory is the user's.
 */
export function invocationDir(env: NodeJS.ProcessEnv, processCwd: string): string {
    return env.npm_lifecycle_event !== undefined && env.INIT_CWD ? env.INIT_CWD : processCwd;
}

/**
 * The stack part of a stack name. A stack of Pulumi Cloud may be named `org/stack` or fully
 * qualified, `org/project/stack` (Pulumi's Node.js SDK reference, `automation.fullyQualifiedStackName`:
 * "org/project/stack or user/project/stack"); its config file is still `Pulumi.<stack>.yaml`, and
 * the program's `pulumi.getStack()`, and so every URN, holds `<stack>` alone.
 */
export function shortStackName(name: string): string {
    return name.slice(name.lastIndexOf("/") + 1);
}

/** The stack config file's name of a stack: `Pulumi.dev.yaml` for `dev` and for `acme/dev`. */
export function stackFileName(stack: string): string {
    return `Pulumi.${shortStackName(stack)}.yaml`;
}

/** The stack a config file is for when its name says so: `NAME` of `Pulumi.NAME.yaml` (or `.yml`). */
export function stackOfFile(file: string): string | undefined {
    return /^Pulumi\.(.+)\.ya?ml$/.exec(path.basename(file))?.[1];
}

/** Which stack a command reads, and from which config file. */
export interface StackChoice {
    /** `--stack` as given; else the stack the config file's name says; else the default. */
    readonly stack: string;
    /** Absolute path of the stack config file. */
    readonly configFile: string;
}

/** The usage error of passing both. */
export const STACK_OR_CONFIG_FILE = "Pass either --stack or --config-file, not both";

/**
 * The stack and config file of `--stack NAME` or `--config-file PATH` (at most one of them, else
 * `usageError` with {@link STACK_OR_CONFIG_FILE}). `--stack` reads {@link stackFileName} in
 * `projectDir`, beside `Pulumi.yaml`, where the Pulumi CLI keeps stack files; `--config-file` is
 * relative to `cwd`, the directory the command was typed in; neither reads `defaultStack`'s file.
 */
export function chooseStack(
    given: { readonly stack?: string; readonly configFile?: string },
    dirs: { readonly cwd: string; readonly projectDir: string },
    defaultStack: string,
    usageError: new (message: string) => Error,
): StackChoice {
    if (given.stack !== undefined && given.configFile !== undefined) {
        throw new usageError(STACK_OR_CONFIG_FILE);
    }
    const configFile =
        given.configFile === undefined
            ? path.resolve(dirs.projectDir, stackFileName(given.stack ?? defaultStack))
            : path.resolve(dirs.cwd, given.configFile);
    return { stack: given.stack ?? stackOfFile(configFile) ?? defaultStack, configFile };
}

/** A path as messages show it: relative below `cwd` (`.` for `cwd` itself), absolute elsewhere. */
export function displayPath(cwd: string, target: string): string {
    const relative = path.relative(cwd, target);
    return relative === "" ? "." : relative.startsWith("..") || path.isAbsolute(relative) ? target : relative;
}

/** One word for a POSIX shell: as it is when it needs no quoting, else in single quotes. */
export function shellWord(word: string): string {
    return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A command line for a POSIX shell, each word quoted as {@link shellWord} does. */
export function shellLine(words: readonly string[]): string {
    return words.map(shellWord).join(" ");
}
