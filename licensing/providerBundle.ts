/**
 * The GroupLicense provider as the text Pulumi's dynamic-provider host runs: the `__provider`
 * property of every dynamic resource is a CommonJS module whose `exports.handler()` returns the
 * provider object (`@pulumi/pulumi/cmd/dynamic-provider`: `requireFromString(props.__provider).handler()`).
 *
 * `pulumi.dynamic.Resource` builds that text with Pulumi's closure serializer, which inspects
 * functions through a V8 inspector session with the debugger enabled, and leaves it enabled for the
 * rest of the program (`@pulumi/pulumi/runtime/closure/v8Hooks`). Measured with `npm run bench --
 * 1000` (35,002 resources, CPU time of the run): about 14 s without a dynamic provider, about 21 s
 * once anything had been serialized, however few functions. This module builds the same kind of
 * text without the serializer: the provider's own modules as JavaScript, wrapped in a minimal
 * `require` that serves them and hands packages to the real one. The 1,000 GroupLicenses then
 * cost about 1 s of CPU in all.
 */
import { readFileSync } from "node:fs";

/**
 * The modules the provider runs. Each imports only packages, types, and modules of this list;
 * the test that runs the bundle in a process of its own catches a missing one.
 */
const PROVIDER_MODULES = ["./skuCatalogue", "./credentials", "./graphClient", "./groupLicenseProvider"] as const;

/** The default handler: the provider with credentials from the `ARM_*` variables of its process. */
export const DEFAULT_PROVIDER_HANDLER = "createGroupLicenseProvider()";

function javaScriptOf(file: string): string {
    const source = readFileSync(file, "utf8");
    if (!file.endsWith(".ts")) {
        return source;
    }
    // Run from TypeScript (ts-node, as `pulumi up` runs this project): transpile as ts-node does.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- only needed when running from .ts sources
    const ts = require("typescript") as typeof import("typescript");
    return ts.transpileModule(source, {
        fileName: file,
        compilerOptions: {
            module: ts.ModuleKind.CommonJS,
            target: ts.ScriptTarget.ES2022,
            esModuleInterop: true,
            removeComments: true,
        },
    }).outputText;
}

/**
 * The provider module's text. `handler` is the expression `exports.handler()` returns, evaluated
 * where `createGroupLicenseProvider` is in scope; tests pass one with a fake credential.
 */
export function providerModuleText(handler: string = DEFAULT_PROVIDER_HANDLER): string {
    const modules = PROVIDER_MODULES.map(
        (name) =>
            `${JSON.stringify(name)}: function (exports, require, module) {\n${javaScriptOf(require.resolve(name))}\n}`,
    );
    return [
        `"use strict";`,
        `const __modules = {\n${modules.join(",\n")}\n};`,
        `const __loaded = {};`,
        `function __require(name) {`,
        `    if (!Object.prototype.hasOwnProperty.call(__modules, name)) {`,
        `        return require(name);`,
        `    }`,
        `    if (!__loaded[name]) {`,
        `        const module = { exports: {} };`,
        `        __loaded[name] = module;`,
        `        __modules[name](module.exports, __require, module);`,
        `    }`,
        `    return __loaded[name].exports;`,
        `}`,
        `exports.handler = function () {`,
        `    const { createGroupLicenseProvider } = __require("./groupLicenseProvider");`,
        `    return ${handler};`,
        `};`,
        ``,
    ].join("\n");
}

let defaultText: string | undefined;

/** The default provider text, built once per process and shared by every GroupLicense. */
export function groupLicenseProviderText(): string {
    defaultText ??= providerModuleText();
    return defaultText;
}
