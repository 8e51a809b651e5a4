/**
 * `npm run bench`: generated tenants of growing size planned offline, one child process per
 * size, so that each size's peak memory is its own and is read from the operating system
 * (`maxRSS`) rather than sampled: the program runs as one stream of microtasks, during which
 * no timer would ever fire.
 */
import { spawn } from "node:child_process";
import * as os from "node:os";
import type { OfflineTenant } from "./mocks";
import { configMapFromRaw } from "../config/load";

/** The shape of a generated tenant. */
export interface BenchSize {
    readonly vendors: number;
    readonly serviceAccountsPerVendor: number;
    readonly guestsPerVendor: number;
}

/** One measured size. */
export interface BenchResult {
    readonly vendors: number;
    readonly resources: number;
    /** Wall time of the plan: program, plan, Markdown and JSON. */
    readonly wallMs: number;
    /** Peak resident memory of the whole process, in bytes. */
    readonly peakRssBytes: number;
}

/** The sizes `npm run bench` measures by default (issue 4: 10, 100 and 1,000 vendors of 5 + 5). */
export const DEFAULT_BENCH_VENDORS = [10, 100, 1000] as const;

/**
 * The config map of a generated tenant: `vendors` active vendors `v0001`, `v0002`, ..., each
 * with one domain, the given number of service accounts and guests, and exactly enough seats.
 */
export function benchConfigMap(size: BenchSize): Record<string, string> {
    const width = String(size.vendors).length;
    const vendors = Array.from({ length: size.vendors }, (_, i) => {
        const id = `v${String(i + 1).padStart(width, "0")}`;
        return {
            id,
            name: `Vendor ${id}`,
            domains: [`${id}.example.com`],
            license: "remote-assist",
            serviceAccounts: Array.from({ length: size.serviceAccountsPerVendor }, (_, j) => ({
                id: `sa${j + 1}`,
                holder: `holder${j + 1}@${id}.example.com`,
            })),
            guests: Array.from({ length: size.guestsPerVendor }, (_, j) => ({
                email: `guest${j + 1}@${id}.example.com`,
                name: `Guest ${j + 1} of ${id}`,
            })),
        };
    });
    const config = {
        tenant: { domain: "abc.onmicrosoft.com", usageLocation: "US", name: "Tenant ABC" },
        licenses: {
            "remote-assist": {
                // Exchange Online Kiosk gives the accounts the mailbox information barriers need.
                skus: [{ sku: "MICROSOFT_REMOTE_ASSIST" }, { sku: "EXCHANGEDESKLESS" }],
                seats: size.vendors * size.serviceAccountsPerVendor,
            },
        },
        experts: { team: "00000000-0000-0000-0000-000000000001", members: ["alice@abc.onmicrosoft.com"] },
        vendors,
    };
    return configMapFromRaw(config);
}

/** Plans a generated tenant in this process and measures it; `plan` is the plan to time. */
export async function measurePlan(
    tenant: OfflineTenant,
    size: BenchSize,
    plan: (configMap: Record<string, string>) => Promise<unknown>,
): Promise<BenchResult> {
    const configMap = benchConfigMap(size);
    const start = process.hrtime.bigint();
    await plan(configMap);
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    return {
        vendors: size.vendors,
        resources: tenant.resources.length,
        wallMs,
        // maxRSS is in kilobytes (Node's process.resourceUsage, from getrusage).
        peakRssBytes: process.resourceUsage().maxRSS * 1024,
    };
}

/** The line a child prints its result on; the parent ignores everything else it prints. */
const RESULT_PREFIX = "bench-result ";

/** Formats a child's result for the parent. */
export function resultLine(result: BenchResult): string {
    return `${RESULT_PREFIX}${JSON.stringify(result)}`;
}

/** The result in a child's output, if it printed one. */
export function parseResultLine(output: string): BenchResult | undefined {
    const line = output.split("\n").find((l) => l.startsWith(RESULT_PREFIX));
    return line === undefined ? undefined : (JSON.parse(line.slice(RESULT_PREFIX.length)) as BenchResult);
}

/** Runs `node <execArgv> script --child N` and returns the result it prints. */
export function runChild(script: string, vendors: number): Promise<BenchResult> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [...process.execArgv, script, "--child", String(vendors)], {
            stdio: ["ignore", "pipe", "inherit"],
        });
        let output = "";
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
        child.on("error", reject);
        child.on("close", (code) => {
            const result = parseResultLine(output);
            if (code === 0 && result) {
                resolve(result);
            } else {
                reject(new Error(`the ${vendors}-vendor run exited with code ${code}:\n${output}`));
            }
        });
    });
}

function seconds(ms: number): string {
    return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`;
}

/** The results as a Markdown table, with the machine they ran on. */
export function formatBenchTable(results: readonly BenchResult[], machine = describeMachine()): string {
    const rows = results.map((r) => [
        r.vendors.toLocaleString("en-US"),
        r.resources.toLocaleString("en-US"),
        seconds(r.wallMs),
        `${(r.wallMs / Math.max(r.resources, 1)).toFixed(2)} ms`,
        `${Math.round(r.peakRssBytes / 1024 / 1024).toLocaleString("en-US")} MB`,
    ]);
    return [
        "| Vendors | Resources | Wall time | Per resource | Peak memory |",
        "| ---: | ---: | ---: | ---: | ---: |",
        ...rows.map((r) => `| ${r.join(" | ")} |`),
        "",
        machine,
        "",
    ].join("\n");
}

/** One line naming the machine: CPU count and model, memory, Node version. */
export function describeMachine(): string {
    const cpus = os.cpus();
    const gb = Math.round(os.totalmem() / 1024 ** 3);
    return `Measured on ${cpus.length} × ${cpus[0]?.model.trim() ?? "unknown CPU"}, ${gb} GB, Node ${process.version}.`;
}
