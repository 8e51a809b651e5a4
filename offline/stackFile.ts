/**
 * The offline reader of a stack config file (`Pulumi.<stack>.yaml`): its `config` section as the
 * flat `namespace:name` map the engine hands a program, keys read as the Pulumi CLI reads them.
 */
import { readFileSync } from "node:fs";
import { parseDocument } from "yaml";
import { CONFIG_NAMESPACE } from "../config/types";

/**
 * Config namespaces something in this stack reads besides the project's own: the providers the
 * program uses (`@pulumi/azuread`, `@pulumi/azure-native`, `@pulumi/random`; the license
 * assignment's Graph provider reads `azuread:*` too) and the engine's own `pulumi:*` settings
 * (`pulumi:tags`, `pulumi:disable-default-providers`, ...). A key in any other namespace is read
 * by nothing. A test keeps this list in step with the `@pulumi/*` providers in package.json.
 */
export const PROVIDER_NAMESPACES = ["azuread", "azure-native", "random", "pulumi"] as const;

/** A stack config file that cannot be read: unreadable YAML, or a key Pulumi would refuse. */
export class StackFileError extends Error {
    constructor(
        /** The file, as the reader was given it. */
        readonly file: string,
        /** What is wrong with it, without the file's name. */
        readonly detail: string,
    ) {
        super(`${file}: ${detail}`);
        this.name = "StackFileError";
    }
}

/** A stack config file as the program would see it. */
export interface StackFile {
    /** `namespace:name` to text: structured values as JSON, plain strings as they are. */
    readonly config: Record<string, string>;
    /** Keys that do nothing, each with what to do about it. */
    readonly warnings: readonly string[];
}

/** A config key split into namespace and name. */
export interface ConfigKey {
    readonly namespace: string;
    readonly name: string;
}

/**
 * Splits a key of a stack file's `config` section as Pulumi does. A key without a namespace
 * belongs to the project: "In cases where a simple name without a colon is used, Pulumi
 * automatically uses the current project name from Pulumi.yaml as the namespace" (Pulumi docs,
 * Concepts > Configuration > Configuration Keys; pulumi/pulumi#8603 made this hold for
 * `Pulumi.<stack>.yaml` too). A namespaced key is `<namespace>:<name>`, or the older
 * `<namespace>:config:<name>`; anything else is refused, as `ParseKey` refuses it
 * (pulumi/pulumi `sdk/go/common/resource/config/key.go`). Returns undefined for such a key.
 */
export function parseConfigKey(key: string, project: string = CONFIG_NAMESPACE): ConfigKey | undefined {
    const parts = key.split(":");
    switch (parts.length) {
        case 1:
            return { namespace: project, name: key };
        case 2:
            return { namespace: parts[0], name: parts[1] };
        case 3:
            return parts[1] === "config" ? { namespace: parts[0], name: parts[2] } : undefined;
        default:
            return undefined;
    }
}

/** Edit distance between two words (insertions, deletions, substitutions). */
function editDistance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(
                previous[j] + 1,
                current[j - 1] + 1,
                previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
            );
        }
        previous = current;
    }
    return previous[b.length];
}

/** The known namespace a mistyped one most likely meant, if one is close enough to be a typo. */
export function closestNamespace(namespace: string, known: readonly string[]): string | undefined {
    const limit = Math.max(2, Math.floor(namespace.length / 5));
    let best: { name: string; distance: number } | undefined;
    for (const name of known) {
        const distance = editDistance(namespace.toLowerCase(), name);
        if (distance <= limit && (best === undefined || distance < best.distance)) {
            best = { name, distance };
        }
    }
    return best?.name;
}

/** The warning for a key in a namespace nothing reads. */
function unreadNamespaceWarning(key: string, parsed: ConfigKey, known: readonly string[]): string {
    const suggestion = closestNamespace(parsed.namespace, known);
    const fix =
        suggestion === undefined
            ? `use ${CONFIG_NAMESPACE}:${parsed.name} (or no namespace) for this stack's settings`
            : `did you mean ${suggestion}:${parsed.name}?`;
    return (
        `config key ${key} is ignored: nothing in this stack reads namespace "${parsed.namespace}" ` +
        `(only ${known.join(", ")}); ${fix}`
    );
}

/**
 * Reads a stack config file into the map the engine would hand the program. Keys without a
 * namespace are the project's; keys in a namespace neither the project nor a provider of the
 * stack reads are kept (the engine passes them too) and reported in `warnings`. Throws a
 * {@link StackFileError} naming the file for YAML it cannot parse and keys Pulumi would refuse.
 */
export function readStackFile(file: string): StackFile {
    const doc = parseDocument(readFileSync(file, "utf8"));
    if (doc.errors.length > 0) {
        // The YAML library's message names the line and column and quotes the offending line.
        throw new StackFileError(file, `not valid YAML: ${doc.errors[0].message}`);
    }
    const root: unknown = doc.toJS();
    const config = (root as { config?: unknown } | null)?.config ?? {};
    if (typeof config !== "object" || config === null || Array.isArray(config)) {
        throw new StackFileError(file, `"config" must be a mapping of namespace:key to values`);
    }
    const known = [CONFIG_NAMESPACE, ...PROVIDER_NAMESPACES];
    const out: Record<string, string> = {};
    const written = new Map<string, string>();
    const warnings: string[] = [];
    for (const [key, value] of Object.entries(config)) {
        const parsed = parseConfigKey(key);
        if (parsed === undefined) {
            throw new StackFileError(
                file,
                `config key ${key} is not of the form <namespace>:<name> (or <name> for this project's settings)`,
            );
        }
        const full = `${parsed.namespace}:${parsed.name}`;
        const earlier = written.get(full);
        if (earlier !== undefined) {
            throw new StackFileError(file, `config keys ${earlier} and ${key} are both ${full}; keep one`);
        }
        written.set(full, key);
        if (!known.includes(parsed.namespace)) {
            warnings.push(unreadNamespaceWarning(key, parsed, known));
        }
        out[full] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return { config: out, warnings };
}

/**
 * The config map of a stack config file (see {@link readStackFile}), for callers that report no
 * warnings.
 */
export function readStackConfigFile(file: string): Record<string, string> {
    return readStackFile(file).config;
}
