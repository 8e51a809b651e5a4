"use strict";
/*
 * Where every GroupLicense's provider stub (providerStub.ts) loads the provider from, in Pulumi's
 * dynamic-provider host: this project's TypeScript sources, compiled as they load by the project's
 * ts-node, the way Pulumi's Node.js language host runs the program itself. Plain JavaScript,
 * because nothing in that process compiles TypeScript until this file has set it up.
 */
const path = require("node:path");

// Under mocha or another ts-node process `.ts` files already load.
if (!require.extensions[".ts"]) {
    require("ts-node").register({ transpileOnly: true, project: path.join(__dirname, "..", "tsconfig.json") });
}

/** The provider, with the credential and settings of the environment it runs in. */
exports.handler = function handler() {
    return require("./groupLicenseProvider").createGroupLicenseProvider();
};
