import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parseDigest, PreviewDigest } from "../../summary/digest";

/** Directory of the hand-written Pulumi JSON fixtures. */
export const FIXTURES = path.join(__dirname, "..", "fixtures", "pulumi");

/** A fixture's path. */
export function fixturePath(name: string): string {
    return path.join(FIXTURES, name);
}

/** A fixture as text. */
export function fixtureText(name: string): string {
    return readFileSync(fixturePath(name), "utf8");
}

/** A fixture, parsed. */
export function fixture(name: string): PreviewDigest {
    return parseDigest(fixtureText(name));
}

/** The lines of a report's section, from its `####` heading to the next heading. */
export function section(report: string, heading: string): string[] {
    const lines = report.split("\n");
    const start = lines.indexOf(`#### ${heading}`);
    if (start < 0) {
        throw new Error(`no section "${heading}" in:\n${report}`);
    }
    const rest = lines.slice(start + 1);
    const end = rest.findIndex((l) => l.startsWith("#### ") || l.startsWith("<sub>"));
    return (end < 0 ? rest : rest.slice(0, end)).filter((l) => l !== "");
}

/** The lines of the report's callout block (`> ...`) that starts with `marker`. */
export function callout(report: string, marker: string): string[] {
    const lines = report.split("\n");
    const start = lines.indexOf(`> [!${marker}]`);
    if (start < 0) {
        throw new Error(`no ${marker} callout in:\n${report}`);
    }
    const rest = lines.slice(start + 1);
    const end = rest.findIndex((l) => !l.startsWith(">"));
    return end < 0 ? rest : rest.slice(0, end);
}
