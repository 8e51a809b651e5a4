/**
 * `npm run bench [-- VENDORS...]`: plans generated tenants of 10, 100 and 1,000 vendors (5
 * service accounts and 5 guests each) offline, each in its own process, and prints a table
 * (see offline/bench.ts and README, "Scale"). Not part of `npm test`.
 */
import {
    BenchResult,
    DEFAULT_BENCH_VENDORS,
    formatBenchTable,
    measurePlan,
    resultLine,
    runChild,
} from "../offline/bench";
import { OfflineTenant } from "../offline/mocks";
import { tuneProcessForOfflineRuns } from "../offline/tuning";
import { planStack } from "../plan/run";

const PER_VENDOR = { serviceAccountsPerVendor: 5, guestsPerVendor: 5 };

async function child(vendors: number): Promise<void> {
    tuneProcessForOfflineRuns();
    const tenant = OfflineTenant.install("bench");
    const result = await measurePlan(tenant, { vendors, ...PER_VENDOR }, async (configMap) => {
        const run = await planStack(tenant, "bench", configMap);
        // What --out writes, so that the JSON's cost is measured too.
        return JSON.stringify(run.json).length + run.markdown.length;
    });
    process.stdout.write(`${resultLine(result)}\n`);
}

async function parent(sizes: readonly number[]): Promise<void> {
    const results: BenchResult[] = [];
    for (const vendors of sizes) {
        process.stderr.write(`Planning ${vendors} vendors...\n`);
        results.push(await runChild(__filename, vendors));
    }
    process.stdout.write(formatBenchTable(results));
}

/** Vendor counts from the command line: whole numbers of at least 1, or the defaults. */
function sizesFrom(words: readonly string[]): readonly number[] {
    const bad = words.filter((w) => !/^[1-9][0-9]*$/.test(w));
    if (bad.length > 0) {
        throw new Error(`usage: npm run bench [-- VENDORS...]; not a vendor count: ${bad.join(", ")}`);
    }
    return words.length > 0 ? words.map(Number) : DEFAULT_BENCH_VENDORS;
}

const args = process.argv.slice(2);
const run = args[0] === "--child" ? child(Number(args[1])) : Promise.resolve().then(() => parent(sizesFrom(args)));
run.catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
});
