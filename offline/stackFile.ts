/**
 * The offline reader of a stack config file (`Pulumi.<stack>.yaml`): its `config` section as the
 * flat `namespace:name` map the engine hands a program, keys read as the Pulumi CLI reads them.
 */
import { readFileSync } from "node:fs";
import { parseDocument } from "yaml";
import { KNOWN_NAMESPACES, unreadNamespaceWarning } from "../config/namespaces";
import { CONFIG_NAMESPACE } from "../config/types";

export { closestNamespace, PROVIDER_NAMESPACES } from "../config/namespaces";

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
        if (!KNOWN_NAMESPACES.includes(parsed.namespace)) {
            warnings.push(unreadNamespaceWarning(key, parsed));
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
