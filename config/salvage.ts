/**
 * Parsing that keeps what is valid. A zod parse is all or nothing: one bad holder would make the
 * whole vendor unusable, and every rule that spans vendors (duplicate ids, unknown bundles, seats)
 * would skip it, hiding its other mistakes until the first is fixed. `salvage` parses a value
 * field by field and entry by entry instead, records the problems of the parts that are invalid,
 * marks those parts {@link INVALID}, and returns the rest parsed, so the cross-section rules can
 * check everything that can be checked.
 */
import { z } from "zod";
import { configErrorMap, unknownKeyMessage } from "./messages";
import { ConfigPath, Problems } from "./problems";

/** Marks a part of the config that failed validation; its problem is already recorded. */
export const INVALID: unique symbol = Symbol("invalid config value");

/** The type of {@link INVALID}. */
export type Invalid = typeof INVALID;

/**
 * A parsed value whose parts may be {@link INVALID}: every field of an object, every entry of a
 * list. With no problem recorded, it holds no `INVALID` and is exactly zod's output.
 */
export type Salvaged<T> = T extends string | number | boolean | bigint | symbol | null | undefined
    ? T
    : T extends readonly (infer E)[]
      ? readonly (Salvaged<E> | Invalid)[]
      : T extends object
        ? { readonly [K in keyof T]: Salvaged<T[K]> | Invalid }
        : T;

/** Whether a salvaged part is valid. */
export function isValid<T>(value: T | Invalid): value is T {
    return value !== INVALID;
}

/** The valid entries of a salvaged list, each with its index in the config; none when the list itself is invalid. */
export function validEntries<T>(
    list: readonly (T | Invalid)[] | Invalid | undefined,
): { readonly value: T; readonly index: number }[] {
    if (list === undefined || list === INVALID) {
        return [];
    }
    return list.flatMap((value, index) => (value === INVALID ? [] : [{ value: value as T, index }]));
}

/** Whether a value is a YAML mapping (a plain object, not a list or null). */
export function isMapping(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An own property of a mapping; never one inherited from `Object.prototype` (`constructor`, `toString`). */
export function ownValue(value: unknown, key: string): unknown {
    return isMapping(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}

/** A schema without the optional and default wrappers that only matter for an absent value. */
export function unwrap(schema: z.ZodType): z.ZodType {
    let core = schema;
    while (core instanceof z.ZodOptional || core instanceof z.ZodDefault || core instanceof z.ZodPrefault) {
        core = core.unwrap() as z.ZodType;
    }
    return core;
}

/** Said after the problem of an empty (`null`) value that could simply be left out. */
const LEAVE_OUT = "; remove the key to leave it out, or give a value";

/**
 * Parses `value` with `schema`, keeping the valid parts (see the module comment). Problems are
 * recorded at `path`; unknown keys of objects are problems too, with a suggestion of the key
 * that was probably meant. `null` is never "absent": an empty value in YAML is a problem wherever
 * it is, and where the key could be left out the message says so.
 */
export function salvage<S extends z.ZodType>(
    schema: S,
    value: unknown,
    path: ConfigPath,
    problems: Problems,
): Salvaged<z.output<S>> | Invalid {
    return salvageAny(schema, value, path, problems) as Salvaged<z.output<S>> | Invalid;
}

function salvageAny(schema: z.ZodType, value: unknown, path: ConfigPath, problems: Problems): unknown {
    const result = schema.safeParse(value, { error: configErrorMap });
    if (result.success) {
        return result.data;
    }
    const core = value === undefined ? schema : unwrap(schema);
    if (core instanceof z.ZodObject && isMapping(value)) {
        const shape = core.shape as Record<string, z.ZodType>;
        const known = Object.keys(shape);
        const out: Record<string, unknown> = {};
        for (const key of known) {
            out[key] = salvageAny(shape[key], ownValue(value, key), [...path, key], problems);
        }
        for (const key of Object.keys(value).filter((k) => !Object.hasOwn(shape, k))) {
            problems.add([...path, key], unknownKeyMessage(key, known));
        }
        return out;
    }
    if (core instanceof z.ZodArray && Array.isArray(value)) {
        // Rules on the list itself (at least one SKU); the entries are salvaged one by one.
        problems.addZodIssues(
            path,
            result.error.issues.filter((issue) => issue.path.length === 0),
        );
        const element = core.element as z.ZodType;
        return value.map((entry, index) => salvageAny(element, entry, [...path, index], problems));
    }
    const omittable = value === null && schema.safeParse(undefined).success;
    problems.addZodIssues(
        path,
        result.error.issues.map((issue) =>
            omittable && issue.path.length === 0 ? { ...issue, message: `${issue.message}${LEAVE_OUT}` } : issue,
        ),
    );
    return INVALID;
}
