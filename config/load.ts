import * as pulumi from "@pulumi/pulumi";
import { StackConfig, CONFIG_NAMESPACE } from "./types";
import { RawConfig, validateConfig } from "./validate";

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

/** The stack's config under the `remote-assist-tenancy` namespace, keys without the prefix. */
export function readRawConfig(): RawConfig {
    const prefix = `${CONFIG_NAMESPACE}:`;
    return Object.fromEntries(
        Object.entries(pulumi.runtime.allConfig())
            .filter(([key]) => key.startsWith(prefix))
            .map(([key, text]) => [key.slice(prefix.length), decode(text)]),
    );
}

/** Reads and validates the stack config; throws one `ConfigError` listing every problem. */
export function loadConfig(): StackConfig {
    return validateConfig(readRawConfig());
}
