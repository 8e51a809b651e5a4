import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { GROUP_LICENSE_PROVIDER_STUB, isProviderStub } from "../../licensing/providerStub";
import { PROJECT_DIRECTORY } from "../../loopback/providerHost";

/** Loads the stub the way Pulumi's dynamic-provider host does, in a process started in `cwd`. */
function loadStubIn(cwd: string): Promise<string> {
    const requireFromString = require.resolve("require-from-string", { paths: [require.resolve("@pulumi/pulumi")] });
    const script = `
        const provider = require(${JSON.stringify(requireFromString)})(${JSON.stringify(GROUP_LICENSE_PROVIDER_STUB)}).handler();
        process.stdout.write(["configure", "check", "diff", "create", "read", "update", "delete"].map((m) => typeof provider[m]).join(" "));`;
    return new Promise((resolve, reject) =>
        execFile(
            process.execPath,
            ["-e", script],
            { cwd, env: { ...process.env, ARM_USE_MSI: "true" } },
            (err, stdout, stderr) => (err ? reject(new Error(stderr || err.message)) : resolve(stdout)),
        ),
    );
}

describe("the GroupLicense provider stub", function () {
    this.timeout(30_000);

    it("loads the project's provider, with every method, in a process started in the project directory", async () => {
        assert.equal(
            await loadStubIn(PROJECT_DIRECTORY),
            "function function function function function function function",
        );
    });

    it("fails naming the file it looked for when started elsewhere", async () => {
        await assert.rejects(loadStubIn(tmpdir()), {
            message: new RegExp(
                `Cannot find module '${path.join(tmpdir(), "licensing", "groupLicenseEntry.js").replace(/\//g, "\\/")}'`,
            ),
        });
    });

    it("keeps each GroupLicense's state small: two copies fit in 500 characters", () => {
        assert.ok(
            2 * GROUP_LICENSE_PROVIDER_STUB.length < 500,
            `the stub grew to ${GROUP_LICENSE_PROVIDER_STUB.length} characters`,
        );
    });

    it("is told apart from a whole provider's code recorded by earlier versions", () => {
        const legacy = readFileSync(path.join(__dirname, "fixtures", "provider-bundle-0.1.0.js.txt"), "utf8");
        assert.equal(isProviderStub(GROUP_LICENSE_PROVIDER_STUB), true);
        assert.equal(isProviderStub(legacy), false);
        assert.equal(isProviderStub(`"use strict";\n// remote-assist-tenancy GroupLicense provider stub 1`), false);
        assert.equal(isProviderStub(undefined), false);
    });
});
