import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { rawConfigFromMap } from "../../config/load";
import { ConfigError } from "../../config/problems";
import { CONFIG_NAMESPACE } from "../../config/types";
import { validateConfig } from "../../config/validate";
import {
    closestNamespace,
    parseConfigKey,
    PROVIDER_NAMESPACES,
    readStackFile,
    StackFileError,
} from "../../offline/stackFile";

const REPO = path.join(__dirname, "..", "..");

describe("config keys of a stack file, read as Pulumi reads them", () => {
    it("puts a key without a namespace in the project's namespace", () => {
        assert.deepEqual(parseConfigKey("vendors"), { namespace: CONFIG_NAMESPACE, name: "vendors" });
    });

    it("splits <namespace>:<name>, and reads the older <namespace>:config:<name> the same way", () => {
        assert.deepEqual(parseConfigKey("azuread:clientId"), { namespace: "azuread", name: "clientId" });
        assert.deepEqual(parseConfigKey("azuread:config:clientId"), { namespace: "azuread", name: "clientId" });
    });

    it("refuses keys Pulumi's ParseKey refuses", () => {
        assert.equal(parseConfigKey("a:b:c"), undefined);
        assert.equal(parseConfigKey("a:config:b:c"), undefined);
    });

    it("is the namespace of the project in Pulumi.yaml", () => {
        const project = parse(readFileSync(path.join(REPO, "Pulumi.yaml"), "utf8")) as { name: string };
        assert.equal(project.name, CONFIG_NAMESPACE);
    });

    it("knows the namespace of every provider package the stack depends on", () => {
        const manifest = JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")) as {
            dependencies: Record<string, string>;
        };
        const providers = Object.keys(manifest.dependencies)
            .filter((name) => name.startsWith("@pulumi/") && name !== "@pulumi/pulumi")
            .map((name) => name.slice("@pulumi/".length));
        assert.deepEqual(
            providers.filter((p) => !(PROVIDER_NAMESPACES as readonly string[]).includes(p)),
            [],
            "a provider package whose config namespace PROVIDER_NAMESPACES lacks",
        );
    });
});

describe("a stack file read offline", () => {
    let dir: string;
    beforeEach(() => {
        dir = mkdtempSync(path.join(os.tmpdir(), "stack-file-"));
    });
    afterEach(() => {
        rmSync(dir, { recursive: true, force: true });
    });

    const write = (text: string) => {
        const file = path.join(dir, "Pulumi.test.yaml");
        writeFileSync(file, text);
        return file;
    };

    it("reads vendors: without a namespace as this project's vendors, as pulumi up would", () => {
        const { config, warnings } = readStackFile(
            write("config:\n  vendors:\n    - id: contoso1\n      name: Contoso1\n  azuread:clientId: abc\n"),
        );
        assert.deepEqual(config, {
            "remote-assist-tenancy:vendors": JSON.stringify([{ id: "contoso1", name: "Contoso1" }]),
            "azuread:clientId": "abc",
        });
        assert.deepEqual(warnings, []);
    });

    it("warns about a mistyped namespace, suggesting the one it likely meant, and keeps the key as the engine would", () => {
        const { config, warnings } = readStackFile(
            write("config:\n  remote-asist-tenancy:vendors: []\n  azure-ad:clientId: x\n"),
        );
        assert.deepEqual(warnings, [
            'config key remote-asist-tenancy:vendors is ignored: nothing in this stack reads namespace "remote-asist-tenancy" (only remote-assist-tenancy, azuread, azure-native, random, pulumi); did you mean remote-assist-tenancy:vendors?',
            'config key azure-ad:clientId is ignored: nothing in this stack reads namespace "azure-ad" (only remote-assist-tenancy, azuread, azure-native, random, pulumi); did you mean azuread:clientId?',
        ]);
        assert.equal(config["remote-asist-tenancy:vendors"], "[]");
    });

    it("warns without a guess when no namespace is close, and not at all for the providers' and the engine's own", () => {
        const { warnings } = readStackFile(
            write(
                "config:\n  aws:region: us-east-1\n  azure-native:location: westeurope\n  random:x: 1\n  pulumi:tags: {}\n",
            ),
        );
        assert.deepEqual(warnings, [
            'config key aws:region is ignored: nothing in this stack reads namespace "aws" (only remote-assist-tenancy, azuread, azure-native, random, pulumi); use remote-assist-tenancy:region (or no namespace) for this stack\'s settings',
        ]);
    });

    it("refuses the same setting given with and without the namespace", () => {
        assert.throws(() => readStackFile(write("config:\n  vendors: []\n  remote-assist-tenancy:vendors: []\n")), {
            name: "StackFileError",
            detail: "config keys vendors and remote-assist-tenancy:vendors are both remote-assist-tenancy:vendors; keep one",
        });
    });

    it("names the file, line and column of a YAML syntax error", () => {
        const file = write("config:\n  vendors: [\n");
        assert.throws(
            () => readStackFile(file),
            (e: unknown) =>
                e instanceof StackFileError &&
                e.file === file &&
                e.message.startsWith(`${file}: not valid YAML: `) &&
                /at line 3, column 1/.test(e.message),
        );
    });

    it("refuses a key with more parts than <namespace>:<name>", () => {
        assert.throws(() => readStackFile(write("config:\n  a:b:c: 1\n")), {
            detail: "config key a:b:c is not of the form <namespace>:<name> (or <name> for this project's settings)",
        });
    });

    it("guesses a namespace only when it is a typo's distance away: 2 edits, or one per 5 letters", () => {
        assert.equal(closestNamespace("remote-assist-tennancy", [CONFIG_NAMESPACE]), CONFIG_NAMESPACE);
        assert.equal(closestNamespace("Azuread", ["azuread"]), "azuread");
        assert.equal(closestNamespace("azureadxx", ["azuread"]), "azuread");
        assert.equal(closestNamespace("azureadxxx", ["azuread"]), undefined);
        assert.equal(closestNamespace(`${CONFIG_NAMESPACE}xxxx`, [CONFIG_NAMESPACE]), CONFIG_NAMESPACE);
        assert.equal(closestNamespace(`${CONFIG_NAMESPACE}xxxxxx`, [CONFIG_NAMESPACE]), undefined);
        assert.equal(closestNamespace("aws", ["azuread", "random"]), undefined);
    });

    it("counts two swapped letters as one edit, as the suggestions for config keys do", () => {
        assert.equal(closestNamespace("rnadmo", ["random"]), "random");
        assert.equal(closestNamespace("azuerad", ["azuread"]), "azuread");
    });

    it("guesses the closest namespace, and the first of equally close ones", () => {
        assert.equal(closestNamespace("rand0m", ["randoms", "random"]), "random");
        assert.equal(closestNamespace("ab", ["ac", "ad"]), "ac");
    });

    it("reads a file without a config section, or an empty one, as no config", () => {
        assert.deepEqual(readStackFile(write("encryptionsalt: v1:abc\n")), { config: {}, warnings: [] });
        assert.deepEqual(readStackFile(write("")), { config: {}, warnings: [] });
    });

    it("refuses a config section that is not a mapping", () => {
        for (const config of ["config: [a, b]\n", "config: text\n"]) {
            assert.throws(() => readStackFile(write(config)), {
                detail: '"config" must be a mapping of namespace:key to values',
            });
        }
    });

    it("leaves a misspelt key inside a section to validation, which rejects it by path and lists the right one", () => {
        const file = write(
            "config:\n  tenant: {domain: abc.onmicrosoft.com, usageLocation: US}\n  vendors:\n    - id: contoso1\n      name: Contoso1\n      serviceAcounts: []\n",
        );
        assert.throws(
            () => validateConfig(rawConfigFromMap(readStackFile(file).config)),
            (e: unknown) =>
                e instanceof ConfigError &&
                e.problems.some(
                    (p) => p.startsWith("vendors[0]") && p.includes("serviceAcounts") && p.includes("serviceAccounts"),
                ),
        );
    });
});
