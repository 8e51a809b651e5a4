/**
 * The `__provider` of every GroupLicense: a stub that loads the provider from this project.
 *
 * Pulumi's dynamic-provider host runs a dynamic resource's provider from the text in its
 * `__provider` property (`requireFromString(props.__provider).handler()`, cached per distinct text)
 * and keeps that text in the resource's state; for refresh and delete it runs the text recorded in
 * state (`@pulumi/pulumi/cmd/dynamic-provider`, `getProvider`). Storing the provider's whole code
 * there meant each resource ran whatever code first deployed it, at 31 KB twice per resource. The
 * stub instead names where the code lives, so every resource runs the project's current code and
 * state stays small.
 *
 * The engine starts the host in the project directory: the `pulumi-resource-pulumi-nodejs` shim
 * resolves `@pulumi/pulumi/cmd/dynamic-provider` from its working directory with `node -e
 * "require.resolve(...)"` (pulumi/pulumi sdk/nodejs/dist/pulumi-resource-pulumi-nodejs), and the
 * plugin is started with `cmd.Dir` set to the project (sdk/go/common/resource/plugin/plugin.go). So
 * the stub resolves `licensing/groupLicenseEntry.js` against the working directory.
 */

/** The words every stub starts with, after `// `; how recorded state is told from older formats. */
export const PROVIDER_STUB_MARKER = "remote-assist-tenancy GroupLicense provider stub";

/** The stub. Kept stable: changing it changes every GroupLicense's inputs. */
export const GROUP_LICENSE_PROVIDER_STUB = [
    `// ${PROVIDER_STUB_MARKER} 1: runs this project's licensing/groupLicenseEntry.js (see licensing/providerStub.ts).`,
    `exports.handler = () => require(require("path").resolve("licensing", "groupLicenseEntry.js")).handler();`,
    ``,
].join("\n");

/** Whether a recorded `__provider` is a stub (any version), not a whole provider's code. */
export function isProviderStub(text: unknown): boolean {
    return typeof text === "string" && text.startsWith(`// ${PROVIDER_STUB_MARKER} `);
}
