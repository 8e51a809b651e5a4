import type { z } from "zod";

/** How a YAML value's type reads in an error message. */
export function describeValue(value: unknown): string {
    if (value === null) {
        return "null";
    }
    if (Array.isArray(value)) {
        return "a list";
    }
    switch (typeof value) {
        case "string":
            return `a string ("${value}")`;
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

const EXPECTED: Readonly<Record<string, string>> = {
    string: "a string",
    number: "a number",
    int: "a whole number",
    boolean: "true or false",
    array: "a list",
    object: "a mapping",
    record: "a mapping",
};

/**
 * Zod's fallback wording, replaced by messages in the words of a YAML config file. Schemas
 * that know better set their own message; this covers wrong types, missing keys and typos.
 */
export const configErrorMap: z.core.$ZodErrorMap = (issue) => {
    if (issue.input === undefined && issue.code !== "unrecognized_keys") {
        return "required";
    }
    switch (issue.code) {
        case "invalid_type":
            return `expected ${EXPECTED[issue.expected] ?? issue.expected}, got ${describeValue(issue.input)}`;
        case "invalid_value":
            return `expected one of: ${issue.values.map(String).join(", ")}; got ${describeValue(issue.input)}`;
        case "unrecognized_keys": {
            const shape = (issue.inst as { shape?: Record<string, unknown> } | undefined)?.shape;
            return shape ? `unknown key; known keys: ${Object.keys(shape).join(", ")}` : "unknown key";
        }
        case "too_small":
            return `must be at least ${issue.minimum}`;
        case "too_big":
            return `must be at most ${issue.maximum}`;
        default:
            return undefined;
    }
};
