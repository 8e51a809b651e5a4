import { strict as assert } from "node:assert";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import {
    AZURE_OIDC_AUDIENCE,
    azureadSettingsFromStackConfig,
    chooseCredential,
    CredentialChoice,
    credentialFor,
    requestOidcToken,
    Settings,
} from "../../licensing/credentials";
import { createGroupLicenseProvider } from "../../licensing/groupLicenseProvider";
import { LoopbackGraph } from "../../loopback/graph";

const IDS = { ARM_TENANT_ID: "tenant-guid", ARM_CLIENT_ID: "client-guid" };
const CONFIG_IDS = { ARM_TENANT_ID: "config-tenant", ARM_CLIENT_ID: "config-client" };
const GITHUB = {
    ACTIONS_ID_TOKEN_REQUEST_URL: "https://token.actions.example/?api-version=2.0",
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: "rt",
};
const ALTERNATIVES =
    "Sign the deployment in with OIDC (ARM_USE_OIDC), a client secret (ARM_CLIENT_SECRET), a managed identity (ARM_USE_MSI) or az login instead";
const PKCS12 =
    "the azuread provider reads a PKCS#12 (.pfx) client certificate, which @azure/identity cannot read (it takes PEM only)";

describe("the Graph credential, chosen from the ARM_* variables and azuread's stack config", () => {
    /** `config` holds stack config by the ARM_* name it stands for, as azureadSettingsFromStackConfig returns it. */
    const cases: { name: string; env: Settings; config?: Settings; expected: CredentialChoice }[] = [
        {
            name: "a client secret",
            env: { ...IDS, ARM_CLIENT_SECRET: "s" },
            expected: { kind: "clientSecret", tenantId: "tenant-guid", clientId: "client-guid" },
        },
        {
            name: "a client secret set in the stack config (azuread:clientSecret) rather than the environment",
            env: {},
            config: { ...CONFIG_IDS, ARM_CLIENT_SECRET: "s" },
            expected: { kind: "clientSecret", tenantId: "config-tenant", clientId: "config-client" },
        },
        {
            name: "the stack config's azuread:clientId over ARM_CLIENT_ID, as the azuread provider does",
            env: { ...IDS, ARM_CLIENT_SECRET: "s" },
            config: { ARM_CLIENT_ID: "config-client" },
            expected: { kind: "clientSecret", tenantId: "tenant-guid", clientId: "config-client" },
        },
        {
            name: "a client secret before OIDC when both are set, in the azuread provider's order",
            env: { ...IDS, ARM_CLIENT_SECRET: "s", ARM_USE_OIDC: "true", ARM_OIDC_TOKEN: "jwt" },
            expected: { kind: "clientSecret", tenantId: "tenant-guid", clientId: "client-guid" },
        },
        {
            name: "OIDC from GitHub Actions' token endpoint",
            env: { ...IDS, ARM_USE_OIDC: "true", ...GITHUB },
            expected: {
                kind: "oidc",
                tenantId: "tenant-guid",
                clientId: "client-guid",
                token: {
                    from: "request",
                    urlSetting: "ACTIONS_ID_TOKEN_REQUEST_URL",
                    tokenSetting: "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
                },
            },
        },
        {
            name: "OIDC with a token given in ARM_OIDC_TOKEN, preferred over the GitHub endpoint",
            env: { ...IDS, ARM_USE_OIDC: "TRUE", ARM_OIDC_TOKEN: "jwt", ...GITHUB },
            expected: {
                kind: "oidc",
                tenantId: "tenant-guid",
                clientId: "client-guid",
                token: { from: "setting", name: "ARM_OIDC_TOKEN" },
            },
        },
        {
            name: "OIDC with a token file",
            env: { ...IDS, ARM_USE_OIDC: "1", ARM_OIDC_TOKEN_FILE_PATH: "/var/run/token" },
            expected: {
                kind: "oidc",
                tenantId: "tenant-guid",
                clientId: "client-guid",
                token: { from: "file", path: "/var/run/token" },
            },
        },
        {
            name: "OIDC set up in the stack config (azuread:useOidc, azuread:oidcToken)",
            env: {},
            config: { ...CONFIG_IDS, ARM_USE_OIDC: "true", ARM_OIDC_TOKEN: "jwt" },
            expected: {
                kind: "oidc",
                tenantId: "config-tenant",
                clientId: "config-client",
                token: { from: "setting", name: "azuread:oidcToken" },
            },
        },
        {
            name: "the system-assigned managed identity when ARM_USE_MSI is true",
            env: { ARM_USE_MSI: "true", ARM_TENANT_ID: "tenant-guid" },
            expected: { kind: "managedIdentity" },
        },
        {
            name: "a user-assigned managed identity, by ARM_CLIENT_ID",
            env: { ...IDS, ARM_USE_MSI: "true" },
            expected: { kind: "managedIdentity", clientId: "client-guid" },
        },
        {
            name: "a managed identity set in the stack config (azuread:useMsi)",
            env: {},
            config: { ARM_USE_MSI: "true" },
            expected: { kind: "managedIdentity" },
        },
        {
            name: "the Azure CLI when ARM_USE_MSI is false",
            env: { ...IDS, ARM_USE_MSI: "false" },
            expected: { kind: "default", tenantId: "tenant-guid" },
        },
        {
            name: "the Azure CLI login when nothing is set",
            env: {},
            expected: { kind: "default" },
        },
        {
            name: "the Azure CLI login when ARM_USE_CLI is true",
            env: { ARM_USE_CLI: "true" },
            expected: { kind: "default" },
        },
        {
            name: "the Azure CLI login in the named tenant, when only ARM_TENANT_ID and ARM_ENVIRONMENT are set",
            env: { ARM_TENANT_ID: "tenant-guid", ARM_ENVIRONMENT: "usgovernment" },
            expected: { kind: "default", tenantId: "tenant-guid" },
        },
        {
            name: "the Azure CLI login when only a certificate password is set, without a certificate",
            env: { ARM_CLIENT_CERTIFICATE_PASSWORD: "p" },
            expected: { kind: "default" },
        },
        {
            name: "the Azure CLI login when ARM_USE_AKS_WORKLOAD_IDENTITY is false",
            env: { ARM_USE_AKS_WORKLOAD_IDENTITY: "false" },
            expected: { kind: "default" },
        },
        {
            name: "a client secret in the China cloud when ARM_USE_OIDC is false",
            env: { ...IDS, ARM_USE_OIDC: "false", ARM_CLIENT_SECRET: "s", ARM_ENVIRONMENT: "china" },
            expected: {
                kind: "clientSecret",
                tenantId: "tenant-guid",
                clientId: "client-guid",
                authorityHost: "https://login.chinacloudapi.cn",
            },
        },
        {
            name: "a client secret in the US Government DoD cloud, named dod",
            env: { ...IDS, ARM_CLIENT_SECRET: "s", ARM_ENVIRONMENT: "dod" },
            expected: {
                kind: "clientSecret",
                tenantId: "tenant-guid",
                clientId: "client-guid",
                authorityHost: "https://login.microsoftonline.us",
            },
        },
    ];
    for (const c of cases) {
        it(`uses ${c.name}`, () => {
            assert.deepEqual(chooseCredential(c.env, c.config), c.expected);
        });
    }

    const failures: { name: string; env: Settings; config?: Settings; message: string }[] = [
        {
            name: "OIDC without a token source",
            env: { ...IDS, ARM_USE_OIDC: "true" },
            message:
                "ARM_USE_OIDC is true but there is no OIDC token: set ARM_OIDC_TOKEN or ARM_OIDC_TOKEN_FILE_PATH, or run in GitHub Actions with `permissions: id-token: write` so that ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN are set.",
        },
        {
            name: "OIDC without a client id",
            env: { ARM_TENANT_ID: "tenant-guid", ARM_USE_OIDC: "true", ARM_OIDC_TOKEN: "jwt" },
            message: "ARM_USE_OIDC is true but ARM_TENANT_ID or ARM_CLIENT_ID is not set; set both.",
        },
        {
            name: "a secret without a tenant",
            env: { ARM_CLIENT_ID: "client-guid", ARM_CLIENT_SECRET: "s" },
            message: "ARM_CLIENT_SECRET is set but ARM_TENANT_ID or ARM_CLIENT_ID is not set; set both.",
        },
        {
            name: "a secret in the stack config without a tenant, naming the config keys",
            env: {},
            config: { ARM_CLIENT_ID: "config-client", ARM_CLIENT_SECRET: "s" },
            message: "azuread:clientSecret is set but ARM_TENANT_ID or azuread:clientId is not set; set both.",
        },
        {
            name: "an unknown cloud",
            env: { ARM_ENVIRONMENT: "mars" },
            message:
                'ARM_ENVIRONMENT "mars" is not a cloud this stack knows; use one of: global, public, usgovernment, usgovernmentl4, usgovernmentl5, dod, china.',
        },
        {
            name: "a client certificate file",
            env: { ...IDS, ARM_CLIENT_CERTIFICATE_PATH: "/secrets/sp.pfx", ARM_CLIENT_CERTIFICATE_PASSWORD: "p" },
            message: `ARM_CLIENT_CERTIFICATE_PATH is set, but the license assignment cannot sign in to Microsoft Graph that way: ${PKCS12}. ${ALTERNATIVES}, and unset ARM_CLIENT_CERTIFICATE_PATH.`,
        },
        {
            name: "a client certificate file set in the stack config, even with a secret beside it",
            env: { ...IDS, ARM_CLIENT_SECRET: "s" },
            config: { ARM_CLIENT_CERTIFICATE_PATH: "/secrets/sp.pfx" },
            message: `azuread:clientCertificatePath is set, but the license assignment cannot sign in to Microsoft Graph that way: ${PKCS12}. ${ALTERNATIVES}, and unset azuread:clientCertificatePath.`,
        },
        {
            name: "a base64 client certificate",
            env: { ...IDS, ARM_CLIENT_CERTIFICATE: "MIIK..." },
            message: `ARM_CLIENT_CERTIFICATE is set, but the license assignment cannot sign in to Microsoft Graph that way: ${PKCS12}. ${ALTERNATIVES}, and unset ARM_CLIENT_CERTIFICATE.`,
        },
        {
            name: "a custom managed identity endpoint",
            env: { ARM_USE_MSI: "true", ARM_MSI_ENDPOINT: "http://169.254.169.254/metadata/identity/oauth2/token" },
            message: `ARM_MSI_ENDPOINT is set, but the license assignment cannot sign in to Microsoft Graph that way: @azure/identity finds the managed identity endpoint itself and cannot be pointed at another one. ${ALTERNATIVES}, and unset ARM_MSI_ENDPOINT.`,
        },
        {
            name: "AKS workload identity",
            env: { ...IDS, ARM_USE_AKS_WORKLOAD_IDENTITY: "true" },
            message: `ARM_USE_AKS_WORKLOAD_IDENTITY is set, but the license assignment cannot sign in to Microsoft Graph that way: AKS workload identity is not supported here. ${ALTERNATIVES}, and unset ARM_USE_AKS_WORKLOAD_IDENTITY.`,
        },
        {
            name: "a client secret read from a file",
            env: { ...IDS, ARM_CLIENT_SECRET_FILE_PATH: "/secrets/secret" },
            message: `ARM_CLIENT_SECRET_FILE_PATH is set, but the license assignment cannot sign in to Microsoft Graph that way: reading the client secret from a file is not supported here. ${ALTERNATIVES}, and unset ARM_CLIENT_SECRET_FILE_PATH.`,
        },
        {
            name: "no way to sign in when the Azure CLI is switched off",
            env: { ...IDS, ARM_USE_CLI: "false" },
            message:
                "ARM_USE_CLI is false and no other way to sign in is set: set ARM_CLIENT_SECRET, ARM_USE_OIDC or ARM_USE_MSI (with ARM_TENANT_ID and ARM_CLIENT_ID), or allow the Azure CLI.",
        },
    ];
    for (const f of failures) {
        it(`refuses ${f.name}, saying what to set`, () => {
            assert.throws(() => chooseCredential(f.env, f.config), { message: f.message });
        });
    }

    it("keeps the secret out of the choice it reports", () => {
        assert.ok(
            !JSON.stringify(chooseCredential({ ...IDS, ARM_CLIENT_SECRET: "very-secret" })).includes("very-secret"),
        );
    });

    it("builds the @azure/identity credential the choice names", () => {
        const names = [
            { ...IDS, ARM_CLIENT_SECRET: "s" },
            { ...IDS, ARM_USE_OIDC: "true", ARM_OIDC_TOKEN: "jwt" },
            { ARM_USE_MSI: "true" },
            { ...IDS, ARM_USE_MSI: "true" },
            {},
        ].map((env) => credentialFor(env).constructor.name);
        assert.deepEqual(names, [
            "ClientSecretCredential",
            "ClientAssertionCredential",
            "ManagedIdentityCredential",
            "ManagedIdentityCredential",
            "DefaultAzureCredential",
        ]);
    });
});

describe("azuread's settings in the stack config", () => {
    it("are read by their azuread: keys and nothing else", () => {
        const config: Record<string, string> = {
            "azuread:clientId": "config-client",
            "azuread:useMsi": "true",
            "azuread:clientCertificatePath": "/secrets/sp.pfx",
            "azure-native:clientId": "another-provider",
            "remote-assist-tenancy:graphEndpoint": "https://graph.microsoft.us",
            clientSecret: "no-namespace",
        };
        assert.deepEqual(azureadSettingsFromStackConfig({ get: (key) => config[key] }), {
            ARM_CLIENT_ID: "config-client",
            ARM_USE_MSI: "true",
            ARM_CLIENT_CERTIFICATE_PATH: "/secrets/sp.pfx",
        });
    });

    it("reach the provider through Pulumi's configure call, before it signs in", async () => {
        const graph = await LoopbackGraph.start();
        try {
            const provider = createGroupLicenseProvider({ environment: {} });
            const config: Record<string, string> = { "azuread:clientCertificatePath": "/secrets/sp.pfx" };
            await provider.configure!({ config: { get: (key) => config[key], require: (key) => config[key] } });
            await assert.rejects(
                provider.create!({
                    groupId: "44444444-4444-4444-8444-444444444444",
                    licenses: [],
                    graphEndpoint: graph.endpoint,
                }),
                {
                    message: `azuread:clientCertificatePath is set, but the license assignment cannot sign in to Microsoft Graph that way: ${PKCS12}. ${ALTERNATIVES}, and unset azuread:clientCertificatePath.`,
                },
            );
            assert.deepEqual(graph.requests, []);
        } finally {
            await graph.stop();
        }
    });
});

describe("the GitHub Actions OIDC token request", () => {
    it("asks for Entra ID's audience with the request token and returns the token", async () => {
        const seen: { url?: string; authorization?: string }[] = [];
        const server = createServer((req, res) => {
            seen.push({ url: req.url, authorization: req.headers.authorization });
            res.writeHead(200, { "Content-Type": "application/json" });
            res.end(JSON.stringify({ value: "federated-jwt" }));
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        try {
            const port = (server.address() as AddressInfo).port;
            const token = await requestOidcToken(`http://127.0.0.1:${port}/token?api-version=2.0`, "request-token");
            assert.equal(token, "federated-jwt");
            assert.deepEqual(seen, [
                {
                    url: `/token?api-version=2.0&audience=${encodeURIComponent(AZURE_OIDC_AUDIENCE)}`,
                    authorization: "Bearer request-token",
                },
            ]);
        } finally {
            server.close();
        }
    });

    it("says what the workflow is missing when the request is refused, without the request token", async () => {
        const server = createServer((_req, res) => {
            res.writeHead(403);
            res.end();
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        try {
            const port = (server.address() as AddressInfo).port;
            await assert.rejects(requestOidcToken(`http://127.0.0.1:${port}/token`, "request-token"), {
                message: `The OIDC token request to http://127.0.0.1:${port}/token failed with 403; does the workflow have \`permissions: id-token: write\`?`,
            });
        } finally {
            server.close();
        }
    });
});
