import { readFileSync } from "node:fs";
import { parse } from "yaml";

/**
 * Reads a Pulumi stack config file (`Pulumi.<stack>.yaml`) into the flat map the engine hands
 * a program: `namespace:key` to text, structured values as JSON, plain strings as they are.
 */
export function readStackConfigFile(path: string): Record<string, string> {
    const doc: unknown = parse(readFileSync(path, "utf8"));
    const config = (doc as { config?: unknown } | null)?.config ?? {};
    if (typeof config !== "object" || config === null || Array.isArray(config)) {
        throw new Error(`${path}: "config" must be a mapping of namespace:key to values`);
    }
    return Object.fromEntries(
        Object.entries(config).map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)]),
    );
}
