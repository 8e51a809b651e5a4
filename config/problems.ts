import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { escapeControls, quote } from "./quote";

/** A path into the config, e.g. `["vendors", 2, "guests", 0, "email"]`. */
export type ConfigPath = readonly (string | number)[];

/** Vendor ids by their index in `vendors`, for paths that name the vendor: `vendors[4] (fabrikam)`. */
export type VendorLabels = ReadonlyMap<number, string>;

/** A key written as `.key` in a path; any other key is quoted: `licenses["a b"]`. */
const PLAIN_KEY = /^[A-Za-z0-9_-]+$/;

/**
 * Formats a config path the way users write it: `vendors[2].guests[0].email`. With labels, a
 * vendor's index is followed by its id, `vendors[2] (contoso1).guests[0].email`, so the path still
 * starts with `vendors[N]` for tools that match it. Keys that come from the config (a license
 * bundle's name) are quoted when they are not plain, so a key cannot forge a line or a path.
 */
export function formatPath(path: ConfigPath, labels: VendorLabels = new Map()): string {
    return path.reduce<string>((out, key, depth) => {
        if (typeof key === "number") {
            const label = depth === 1 && path[0] === "vendors" ? labels.get(key) : undefined;
            return `${out}[${key}]${label === undefined ? "" : ` (${label})`}`;
        }
        if (!PLAIN_KEY.test(key)) {
            return `${out}[${quote(key)}]`;
        }
        return out === "" ? key : `${out}.${key}`;
    }, "");
}

/** One problem, before it is formatted. */
interface Problem {
    readonly path: ConfigPath;
    readonly message: string;
}

/**
 * Where a path sits in the config, for sorting: each step's position among its siblings. Object
 * keys rank in the order the schema documents them (unknown keys after the known ones), list
 * entries by index, and names (license bundles) in the order the config gives them.
 */
export type PathRank = (path: ConfigPath) => readonly number[];

function compareRanks(a: readonly number[], b: readonly number[]): number {
    for (let k = 0; k < Math.min(a.length, b.length); k++) {
        if (a[k] !== b[k]) {
            return a[k] - b[k];
        }
    }
    return a.length - b.length;
}

/** Collects config problems so that all of them are reported at once, in config order. */
export class Problems {
    private readonly items: Problem[] = [];

    /** @param labels the ids of the vendors that have a valid one, which every path under them shows. */
    constructor(readonly labels: VendorLabels = new Map()) {}

    /** Records one problem at `path`. */
    add(path: ConfigPath, message: string): void {
        this.items.push({ path, message });
    }

    /** A path as messages show it, with the vendor's id: `vendors[0] (contoso1).id`. */
    path(path: ConfigPath): string {
        return formatPath(path, this.labels);
    }

    /** Records every issue of a failed zod parse, prefixed with the value's path. */
    addZodIssues(prefix: ConfigPath, issues: readonly z.core.$ZodIssue[]): void {
        for (const issue of issues) {
            this.add([...prefix, ...issue.path.map((k) => (typeof k === "symbol" ? String(k) : k))], issue.message);
        }
    }

    /** Whether any problem was recorded. */
    get any(): boolean {
        return this.items.length > 0;
    }

    /**
     * The problems as `path: message`, in config order when given a rank (problems at the same path
     * in the order they were found), each on one line whatever the values it quotes.
     */
    list(rank?: PathRank): string[] {
        const indexed = this.items.map((p, k) => ({ p, k, rank: rank?.(p.path) ?? [] }));
        if (rank) {
            indexed.sort((a, b) => compareRanks(a.rank, b.rank) || a.k - b.k);
        }
        return indexed.map(({ p }) => escapeControls(`${this.path(p.path)}: ${p.message}`));
    }
}

/**
 * Invalid stack config: one error naming every problem by its path. It is a `RunError`, so
 * `pulumi up` and `pulumi preview` print the list without a stack trace.
 */
export class ConfigError extends pulumi.RunError {
    /** Each problem as `path: message`. */
    readonly problems: readonly string[];

    constructor(problems: readonly string[]) {
        const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
        super(`Invalid remote-assist-tenancy config (${count}):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
        this.name = "ConfigError";
        this.problems = problems;
    }
}
