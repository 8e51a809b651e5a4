import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { groupLicenseProviderText, providerModuleText } from "../../licensing/providerBundle";
import { EXCHANGE_KIOSK, FAKE_TOKEN, FakeGraph, RA, RA_HOLOLENS } from "./fakeGraph";

const PROJECT = path.join(__dirname, "..", "..");
const GROUP = "33333333-3333-4333-8333-333333333333";

/**
 * Runs a script against the provider in a new Node process started in the project directory, the
 * way Pulumi's dynamic-provider host loads it: `requireFromString(text).handler()`.
 */
function runInChildProcess(providerFile: string, body: string): Promise<unknown> {
    const requireFromString = require.resolve("require-from-string", { paths: [require.resolve("@pulumi/pulumi")] });
    const script = `
        const text = require("node:fs").readFileSync(${JSON.stringify(providerFile)}, "utf8");
        const provider = require(${JSON.stringify(requireFromString)})(text).handler();
        (async () => { ${body} })().then(
            (r) => process.stdout.write(JSON.stringify(r)),
            (e) => { process.stderr.write(String(e && e.message)); process.exit(1); },
        );`;
    return new Promise((resolve, reject) =>
        execFile(process.execPath, ["-e", script], { cwd: PROJECT }, (err, stdout, stderr) =>
            err ? reject(new Error(`child failed: ${stderr || err.message}`)) : resolve(JSON.parse(stdout)),
        ),
    );
}

describe("the GroupLicense provider as Pulumi's dynamic-provider host runs it", () => {
    let graph: FakeGraph;
    let dir: string;

    before(async () => {
        graph = await FakeGraph.start();
        dir = mkdtempSync(path.join(tmpdir(), "group-license-"));
    });
    after(async () => {
        await graph.stop();
        rmSync(dir, { recursive: true, force: true });
    });

    it("creates, reads, updates and deletes from a process of its own, with only the installed packages to require", async () => {
        const file = path.join(dir, "provider.js");
        writeFileSync(
            file,
            providerModuleText(
                `createGroupLicenseProvider({ credential: () => ({ getToken: async () => ({ token: ${JSON.stringify(FAKE_TOKEN)}, expiresOnTimestamp: Date.now() + 3600000 }) }) })`,
            ),
        );
        graph.groups.set(GROUP, [{ skuId: EXCHANGE_KIOSK, disabledPlans: [] }]);
        const inputs = { groupId: GROUP, licenses: [{ skuId: RA, disabledPlans: [] }], graphEndpoint: graph.endpoint };
        const more = { ...inputs, licenses: [...inputs.licenses, { skuId: RA_HOLOLENS, disabledPlans: [] }] };

        const result = await runInChildProcess(
            file,
            `const created = await provider.create(${JSON.stringify(inputs)});
             const read = await provider.read(created.id, created.outs);
             const diff = await provider.diff(created.id, read.props, ${JSON.stringify(more)});
             const updated = await provider.update(created.id, read.props, ${JSON.stringify(more)});
             await provider.delete(created.id, updated.outs);
             return { created, diff, updated };`,
        );

        assert.deepEqual(result, {
            created: {
                id: GROUP,
                outs: { ...inputs, managedSkuIds: [RA], otherSkuIds: [EXCHANGE_KIOSK] },
            },
            diff: { changes: true, replaces: [], deleteBeforeReplace: false },
            updated: { outs: { ...more, managedSkuIds: [RA, RA_HOLOLENS], otherSkuIds: [EXCHANGE_KIOSK] } },
        });
        assert.deepEqual(graph.assignments(), [
            { addLicenses: [{ skuId: RA, disabledPlans: [] }], removeLicenses: [] },
            { addLicenses: [{ skuId: RA_HOLOLENS, disabledPlans: [] }], removeLicenses: [] },
            { addLicenses: [], removeLicenses: [RA, RA_HOLOLENS] },
        ]);
        assert.deepEqual(graph.groups.get(GROUP), [{ skuId: EXCHANGE_KIOSK, disabledPlans: [] }]);
    });

    it("carries no credential: it reads the ARM_* variables only when it runs", () => {
        const secret = "arm-secret-never-in-state-7d1";
        const saved = process.env.ARM_CLIENT_SECRET;
        process.env.ARM_CLIENT_SECRET = secret;
        try {
            const text = providerModuleText();
            assert.ok(!text.includes(secret), "the provider text contains ARM_CLIENT_SECRET's value");
            assert.ok(text.includes('require("@azure/identity")'), "@azure/identity should be required when it runs");
        } finally {
            if (saved === undefined) {
                delete process.env.ARM_CLIENT_SECRET;
            } else {
                process.env.ARM_CLIENT_SECRET = saved;
            }
        }
    });

    it("is small and the same for every GroupLicense", () => {
        const text = groupLicenseProviderText();
        assert.equal(groupLicenseProviderText(), text);
        // Every GroupLicense stores this text twice (inputs and outputs); a thousand vendors multiply it.
        assert.ok(text.length < 40_000, `the provider text grew to ${text.length} characters`);
    });
});
