/**
 * Config namespaces: which ones something in this stack reads, and the warning for a key in any
 * other, which nothing reads (a mistyped `remote-asist-tenancy:vendors` would otherwise be
 * ignored without a word, by `pulumi up` as by `npm run plan`).
 */
import { closestWithin } from "./messages";
import { CONFIG_NAMESPACE } from "./types";

/**
 * Config namespaces something in this stack reads besides the project's own: the providers the
 * program uses (`@pulumi/azuread`, `@pulumi/azure-native`, `@pulumi/random`; the license
 * assignment's Graph provider reads `azuread:*` too) and the engine's own `pulumi:*` settings
 * (`pulumi:tags`, `pulumi:disable-default-providers`, ...). A key in any other namespace is read
 * by nothing. A test keeps this list in step with the `@pulumi/*` providers in package.json.
 */
export const PROVIDER_NAMESPACES = ["azuread", "azure-native", "random", "pulumi"] as const;

/** Every namespace something in this stack reads: the project's own, then the providers'. */
export const KNOWN_NAMESPACES: readonly string[] = [CONFIG_NAMESPACE, ...PROVIDER_NAMESPACES];

/**
 * The known namespace a mistyped one most likely meant, if one is close enough to be a typo: at
 * most 2 edits, or one per 5 letters for longer names (edits as config keys count them, a swap of
 * two letters being one). No guess from a mere prefix, unlike keys: `azureadxxx` is no `azuread`.
 */
export function closestNamespace(namespace: string, known: readonly string[]): string | undefined {
    return closestWithin(namespace, known, Math.max(2, Math.floor(namespace.length / 5)));
}

/** The warning for a key in a namespace nothing reads. */
export function unreadNamespaceWarning(
    key: string,
    parsed: { readonly namespace: string; readonly name: string },
): string {
    const known = KNOWN_NAMESPACES;
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
 * One warning per key of an engine config map (`namespace:name` to text, as
 * `pulumi.runtime.allConfig()` gives it) in a namespace nothing in this stack reads.
 */
export function unreadNamespaceWarnings(map: Readonly<Record<string, string>>): string[] {
    return Object.keys(map).flatMap((key) => {
        const colon = key.indexOf(":");
        const parsed = { namespace: key.slice(0, colon), name: key.slice(colon + 1) };
        return colon > 0 && !KNOWN_NAMESPACES.includes(parsed.namespace) ? [unreadNamespaceWarning(key, parsed)] : [];
    });
}
