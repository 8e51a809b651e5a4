/**
 * Runs `npm run adopt` against the loopback Graph serving the hand-built tenant, in a directory of its
 * own; and the variants of that tenant the adoption tests share.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { runAdoptCli } from "../../adopt/cli";
import type { ReadProgress } from "../../tenant/read";
import { READ_AT, SKU } from "../fixtures/handBuiltTenant";
import { tenant } from "../setup";
import { FAST, LOOPBACK_CREDENTIAL } from "../tenant/harness";
import type { DirectoryFixture } from "../../loopback/directory";
import type { LoopbackGraph } from "../../loopback/graph";

/** What the admin knows: Contoso1 and O'Brien & Söhne by name, domain and company name. */
export const HINTS = `vendors:
  - id: contoso1
    name: Contoso1
    domains: [contoso1.com]
  - id: obrien
    name: O'Brien & Söhne
    domains: [obrien-soehne.de]
    companyNames: ["O'Brien & Söhne GmbH"]
`;

/** What one run did. */
export interface AdoptRun {
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
    /** Files written under adopt-out/, by name. */
    readonly files: Record<string, string>;
    /** The directory it ran in. */
    readonly dir: string;
}

/** Runs the CLI in a fresh directory holding `hints.yaml`; removes the directory unless `keep`. */
export async function adopt(
    graph: LoopbackGraph,
    args: readonly string[],
    options: { hints?: string; progress?: () => ReadProgress; keep?: boolean } = {},
): Promise<AdoptRun> {
    const dir = mkdtempSync(path.join(tmpdir(), "adopt-"));
    try {
        writeFileSync(path.join(dir, "hints.yaml"), options.hints ?? HINTS);
        let stdout = "";
        let stderr = "";
        const code = await runAdoptCli(args, {
            cwd: dir,
            env: {},
            stdout: (t) => (stdout += t),
            stderr: (t) => (stderr += t),
            tenantFor: () => tenant,
            ...(options.progress ? { progress: options.progress } : {}),
            readFrom: graph.endpoint,
            credential: LOOPBACK_CREDENTIAL,
            settings: FAST,
            now: () => READ_AT,
        });
        const out = path.join(dir, "adopt-out");
        const files = Object.fromEntries(
            ["Pulumi.prod.yaml", "import.json", "adoption.md"]
                .filter((f) => existsSync(path.join(out, f)))
                .map((f) => [f, readFileSync(path.join(out, f), "utf8")]),
        );
        return { code, stdout, stderr, files, dir };
    } finally {
        if (!options.keep) {
            rmSync(dir, { recursive: true, force: true });
        }
    }
}

/** A tenant as it would be without a Remote Assist subscription: nobody holds it, no group gives it. */
export function withoutRemoteAssist(fixture: DirectoryFixture): DirectoryFixture {
    const notRa = (l: { skuId: string }) => l.skuId !== SKU.RA;
    return {
        skus: fixture.skus.filter(notRa),
        users: fixture.users.map((u) => ({
            ...u,
            assignedLicenses: (u.assignedLicenses as { skuId: string }[]).filter(notRa),
            licenseAssignmentStates: (u.licenseAssignmentStates as { skuId: string }[]).filter(notRa),
        })),
        groups: fixture.groups.map((g) => ({
            ...g,
            assignedLicenses: (g.assignedLicenses as { skuId: string }[]).filter(notRa),
        })),
    };
}
