"use strict";
/*
 * Where every GroupLicense's provider stub (providerStub.ts) loads the provider from, in Pulumi's
 * dynamic-provider host: this project's TypeScript sources, transpiled as they load by sucrase's
 * require hook, which strips the types and turns the imports into `require` calls, file by file.
 * The test suite loads the same sources through the same hook (.mocharc.yml), so the provider the
 * host runs is the one the tests ran. It starts in about a third of the CPU time ts-node took
 * (0.6 s instead of 1.5 s on the 2-core machine), which loaded TypeScript's compiler to do the same.
 * The type check is `npm test`'s. Plain JavaScript, because nothing in that process compiles
 * TypeScript until this file has set it up.
 */

// Under mocha, ts-node or another process with a TypeScript hook, `.ts` files already load.
if (!require.extensions[".ts"]) {
    require("sucrase/register/ts");
}

/** The provider, with the credential and settings of the environment it runs in. */
exports.handler = function handler() {
    return require("./groupLicenseProvider").createGroupLicenseProvider();
};
