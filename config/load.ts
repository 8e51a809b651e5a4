import * as pulumi from "@pulumi/pulumi";
import { unreadNamespaceWarnings } from "./namespaces";
import { StackConfig, CONFIG_NAMESPACE } from "./types";
import { RawConfig, validateConfig } from "./validate";

/** A config map as the engine hands it to a program: `namespace:key` to text. */
export type ConfigMap = Readonly<Record<string, string>>;

const PREFIX = `${CONFIG_NAMESPACE}:`;

/**
 * Structured config reaches the program as JSON text; a plain scalar (say `tenant: abc.com`)
 * is not JSON and is kept as the string it is, so validation can say what shape was expected.
 */
function decode(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}

/** This stack's values of a config map, keys without the namespace, decoded. */
export function rawConfigFromMap(map: ConfigMap): RawConfig {
    return Object.fromEntries(
        Object.entries(map)
            .filter(([key]) => key.startsWith(PREFIX))
            .map(([key, text]) => [key.slice(PREFIX.length), decode(text)]),
    );
}

/** The config map the engine would pass for raw values (the inverse of {@link rawConfigFromMap}). */
export function configMapFromRaw(raw: RawConfig): Record<string, string> {
    return Object.fromEntries(Object.entries(raw).map(([key, value]) => [`${PREFIX}${key}`, JSON.stringify(value)]));
}

/** Reads and validates the stack config; throws one `ConfigError` listing every problem. */
export function loadConfig(): StackConfig {
    return validateConfig(rawConfigFromMap(pulumi.runtime.allConfig()));
}

/**
 * Warnings about the stack's config that validation cannot give: keys in a namespace nothing in
 * this stack reads (`remote-asist-tenancy:vendors`), with the namespace they likely meant. The
 * engine hands the program every key of the stack's config, whatever its namespace.
 */
export function configWarnings(): string[] {
    return unreadNamespaceWarnings(pulumi.runtime.allConfig());
}
