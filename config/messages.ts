import type { z } from "zod";
import { quote } from "./quote";

/** How a YAML value reads in an error message: its type, and the value itself when it is short. */
export function describeValue(value: unknown): string {
    if (value === null) {
        return "an empty value (null)";
    }
    if (Array.isArray(value)) {
        return "a list";
    }
    switch (typeof value) {
        case "string":
            return `a string (${quote(value)})`;
        case "number":
            return `a number (${value})`;
        case "boolean":
            return `${value}`;
        case "object":
            return "a mapping";
        default:
            return typeof value;
    }
}

const EXPECTED = new Map<string, string>([
    ["string", "a string"],
    ["number", "a number"],
    ["int", "a whole number"],
    ["boolean", "true or false"],
    ["array", "a list"],
    ["object", "a mapping"],
    ["record", "a mapping"],
]);

/** What a value of zod's expected type is called in a YAML file. */
export function expectedWords(expected: string): string {
    return EXPECTED.get(expected) ?? expected;
}

/**
 * Zod's fallback wording, replaced by messages in the words of a YAML config file. Schemas
 * that know better set their own message; this covers wrong types, missing keys and enums.
 * Unknown keys are reported by the validator itself, with a suggestion.
 */
export const configErrorMap: z.core.$ZodErrorMap = (issue) => {
    if (issue.input === undefined && issue.code !== "unrecognized_keys") {
        return "required";
    }
    switch (issue.code) {
        case "invalid_type":
            return `expected ${expectedWords(issue.expected)}, got ${describeValue(issue.input)}`;
        case "invalid_value":
            return `expected one of: ${issue.values.map(String).join(", ")}; got ${describeValue(issue.input)}`;
        case "too_small":
            return `must be at least ${issue.minimum}`;
        case "too_big":
            return `must be at most ${issue.maximum}`;
        default:
            return undefined;
    }
};

/**
 * Edit distance with transpositions (optimal string alignment), case-insensitive: a typo of one
 * letter, a doubled or dropped letter and two swapped letters each count 1.
 */
export function editDistance(a: string, b: string): number {
    const s = a.toLowerCase();
    const t = b.toLowerCase();
    const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) =>
        Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
    );
    for (let i = 1; i <= s.length; i++) {
        for (let j = 1; j <= t.length; j++) {
            const cost = s[i - 1] === t[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
                d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[s.length][t.length];
}

/**
 * The known name closest to `word` by {@link editDistance}, if it is at most `limit` edits away;
 * the first of equally close ones. `undefined` when none is that close.
 */
export function closestWithin(word: string, known: readonly string[], limit: number): string | undefined {
    let best: { name: string; distance: number } | undefined;
    for (const name of known) {
        const distance = editDistance(word, name);
        if (distance <= limit && (!best || distance < best.distance)) {
            best = { name, distance };
        }
    }
    return best?.name;
}

/**
 * The known key an unknown one most likely meant: the closest by edit distance (at most 1 for
 * keys of up to 4 letters, 2 for longer ones, 3 from 10 letters on), or one that starts with the
 * other (`legacyMode` for `legacy`). `undefined` when none is close.
 */
export function didYouMean(key: string, known: readonly string[]): string | undefined {
    const closest = closestWithin(key, known, key.length <= 4 ? 1 : key.length < 10 ? 2 : 3);
    if (closest !== undefined) {
        return closest;
    }
    const lower = key.toLowerCase();
    return known.find((name) => {
        const other = name.toLowerCase();
        return Math.min(lower.length, other.length) >= 3 && (lower.startsWith(other) || other.startsWith(lower));
    });
}

/** The message for a key the schema does not know, with a suggestion when one is close. */
export function unknownKeyMessage(key: string, known: readonly string[], prefix = ""): string {
    const guess = didYouMean(key, known);
    const named =
        prefix === "" ? "" : ` ${/^[A-Za-z0-9_-]+$/.test(key) ? `${prefix}${key}` : quote(`${prefix}${key}`)}`;
    const suggestion = guess === undefined ? "" : `did you mean ${prefix}${guess}? `;
    return `unknown key${named}; ${suggestion}known keys: ${known.join(", ")}`;
}
