import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";

/** A path into the config, e.g. `["vendors", 2, "guests", 0, "email"]`. */
export type ConfigPath = readonly (string | number)[];

/** Formats a config path the way users write it: `vendors[2].guests[0].email`. */
export function formatPath(path: ConfigPath): string {
    return path.reduce<string>((out, key) => {
        if (typeof key === "number") {
            return `${out}[${key}]`;
        }
        return out === "" ? key : `${out}.${key}`;
    }, "");
}

/** Collects config problems so that all of them are reported at once. */
export class Problems {
    private readonly items: string[] = [];

    /** Records one problem at `path`. */
    add(path: ConfigPath, message: string): void {
        this.items.push(`${formatPath(path)}: ${message}`);
    }

    /** Records every issue of a failed zod parse, prefixed with the section's path. */
    addZodIssues(prefix: ConfigPath, issues: readonly z.core.$ZodIssue[]): void {
        for (const issue of issues) {
            const path = [...prefix, ...issue.path.map((k) => (typeof k === "symbol" ? String(k) : k))];
            if (issue.code === "unrecognized_keys") {
                for (const key of issue.keys) {
                    this.add([...path, key], issue.message);
                }
            } else {
                this.add(path, issue.message);
            }
        }
    }

    /** Whether any problem was recorded. */
    get any(): boolean {
        return this.items.length > 0;
    }

    /** The problems in the order they were found. */
    get list(): readonly string[] {
        return this.items;
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
