import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import {
    AZURE_OIDC_AUDIENCE,
    AZUREAD_CONFIG_KEYS,
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
            name: "OIDC from the token endpoint named by ARM_OIDC_REQUEST_URL and ARM_OIDC_REQUEST_TOKEN, before GitHub's",
            env: {
                ...IDS,
                ARM_USE_OIDC: "true",
                ARM_OIDC_REQUEST_URL: "https://oidc.example/",
                ARM_OIDC_REQUEST_TOKEN: "rt",
                ...GITHUB,
            },
            expected: {
                kind: "oidc",
                tenantId: "tenant-guid",
                clientId: "client-guid",
                token: { from: "request", urlSetting: "ARM_OIDC_REQUEST_URL", tokenSetting: "ARM_OIDC_REQUEST_TOKEN" },
            },
        },
        {
            name: "GitHub's token endpoint when ARM_OIDC_REQUEST_URL comes without its token",
            env: { ...IDS, ARM_USE_OIDC: "true", ARM_OIDC_REQUEST_URL: "https://oidc.example/", ...GITHUB },
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
            name: "a managed identity when ARM_USE_MSI is True in any case and padded",
            env: { ARM_USE_MSI: " True " },
            expected: { kind: "managedIdentity" },
        },
        {
            name: "the Azure CLI login when ARM_USE_MSI is neither true nor 1 (10, xtrue, truest)",
            env: { ARM_USE_MSI: "10", ARM_USE_OIDC: "xtrue", ARM_USE_AKS_WORKLOAD_IDENTITY: "truest" },
            expected: { kind: "default" },
        },
        {
            name: "the Azure CLI login when ARM_USE_CLI is neither false nor 0 (00, 10, falsey)",
            env: { ARM_USE_CLI: "00" },
            expected: { kind: "default" },
        },
        {
            name: "the Azure CLI login when ARM_USE_CLI is 10",
            env: { ARM_USE_CLI: "10" },
            expected: { kind: "default" },
        },
        {
            name: "the Azure CLI login when ARM_USE_CLI is falsey",
            env: { ARM_USE_CLI: "falsey" },
            expected: { kind: "default" },
        },
        {
            name: "nothing from blank settings: a blank secret, OIDC flag or stack config value counts as unset",
            env: { ARM_CLIENT_SECRET: "  ", ARM_USE_OIDC: "", ARM_TENANT_ID: " " },
            config: { ARM_CLIENT_SECRET: " " },
            expected: { kind: "default" },
        },
        {
            name: "ids without the spaces around them",
            env: { ARM_TENANT_ID: " tenant-guid ", ARM_CLIENT_ID: "\tclient-guid\n", ARM_CLIENT_SECRET: "s" },
            expected: { kind: "clientSecret", tenantId: "tenant-guid", clientId: "client-guid" },
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
    const clouds: [string, string][] = [
        ["global", "https://login.microsoftonline.com"],
        ["public", "https://login.microsoftonline.com"],
        ["usgovernment", "https://login.microsoftonline.us"],
        ["USGovernmentL4", "https://login.microsoftonline.us"],
        ["usgovernmentl5", "https://login.microsoftonline.us"],
        ["dod", "https://login.microsoftonline.us"],
        ["china", "https://login.chinacloudapi.cn"],
    ];
    for (const [environment, authorityHost] of clouds) {
        cases.push({
            name: `the sign-in host of the ${environment} cloud`,
            env: { ...IDS, ARM_CLIENT_SECRET: "s", ARM_ENVIRONMENT: environment },
            expected: { kind: "clientSecret", tenantId: "tenant-guid", clientId: "client-guid", authorityHost },
        });
    }
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
            name: "a client id read from a file",
            env: { ...IDS, ARM_CLIENT_ID_FILE_PATH: "/secrets/client-id" },
            message: `ARM_CLIENT_ID_FILE_PATH is set, but the license assignment cannot sign in to Microsoft Graph that way: reading the client id from a file is not supported here. ${ALTERNATIVES}, and unset ARM_CLIENT_ID_FILE_PATH.`,
        },
        {
            name: "an Azure DevOps service connection",
            env: { ...IDS, ARM_ADO_PIPELINE_SERVICE_CONNECTION_ID: "sc-1" },
            message: `ARM_ADO_PIPELINE_SERVICE_CONNECTION_ID is set, but the license assignment cannot sign in to Microsoft Graph that way: Azure DevOps service connections are not supported here. ${ALTERNATIVES}, and unset ARM_ADO_PIPELINE_SERVICE_CONNECTION_ID.`,
        },
        {
            name: "a custom cloud's metadata host",
            env: { ...IDS, ARM_METADATA_HOSTNAME: "management.azure.example" },
            message: `ARM_METADATA_HOSTNAME is set, but the license assignment cannot sign in to Microsoft Graph that way: custom cloud metadata hosts are not supported here. ${ALTERNATIVES}, and unset ARM_METADATA_HOSTNAME.`,
        },
        {
            name: "OIDC with GitHub's token URL but not its request token",
            env: { ...IDS, ARM_USE_OIDC: "true", ACTIONS_ID_TOKEN_REQUEST_URL: GITHUB.ACTIONS_ID_TOKEN_REQUEST_URL },
            message:
                "ARM_USE_OIDC is true but there is no OIDC token: set ARM_OIDC_TOKEN or ARM_OIDC_TOKEN_FILE_PATH, or run in GitHub Actions with `permissions: id-token: write` so that ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN are set.",
        },
        {
            name: "OIDC with GitHub's request token but not its URL",
            env: { ...IDS, ARM_USE_OIDC: "true", ACTIONS_ID_TOKEN_REQUEST_TOKEN: "rt" },
            message:
                "ARM_USE_OIDC is true but there is no OIDC token: set ARM_OIDC_TOKEN or ARM_OIDC_TOKEN_FILE_PATH, or run in GitHub Actions with `permissions: id-token: write` so that ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN are set.",
        },
        {
            name: "no way to sign in when the Azure CLI is switched off with a padded False",
            env: { ARM_USE_CLI: " False " },
            message:
                "ARM_USE_CLI is false and no other way to sign in is set: set ARM_CLIENT_SECRET, ARM_USE_OIDC or ARM_USE_MSI (with ARM_TENANT_ID and ARM_CLIENT_ID), or allow the Azure CLI.",
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

describe("the managed identity the credential signs in as", () => {
    it("is the user-assigned one named by ARM_CLIENT_ID, else the system-assigned one", async () => {
        const asked: (string | null)[] = [];
        const server = createServer((req, res) => {
            asked.push(new URL(req.url ?? "", "http://127.0.0.1").searchParams.get("client_id"));
            res.writeHead(200, { "Content-Type": "application/json" });
            const expiresOn = String(Math.floor(Date.now() / 1000) + 3600);
            res.end(JSON.stringify({ access_token: "t", expires_on: expiresOn, token_type: "Bearer" }));
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        // The App Service managed-identity endpoint, which @azure/identity reads from these variables.
        const saved = { endpoint: process.env.IDENTITY_ENDPOINT, header: process.env.IDENTITY_HEADER };
        process.env.IDENTITY_ENDPOINT = `http://127.0.0.1:${(server.address() as AddressInfo).port}/msi/token`;
        process.env.IDENTITY_HEADER = "loopback";
        try {
            for (const env of [{ ARM_USE_MSI: "true", ARM_CLIENT_ID: "user-assigned-id" }, { ARM_USE_MSI: "true" }]) {
                await credentialFor(env).getToken("https://graph.microsoft.com/.default");
            }
            assert.deepEqual(asked, ["user-assigned-id", null]);
        } finally {
            for (const [name, value] of [
                ["IDENTITY_ENDPOINT", saved.endpoint],
                ["IDENTITY_HEADER", saved.header],
            ] as const) {
                if (value === undefined) {
                    delete process.env[name];
                } else {
                    process.env[name] = value;
                }
            }
            server.close();
        }
    });
});

describe("azuread's settings in the stack config", () => {
    it("are read by every key the azuread provider documents", () => {
        const keys = [
            "tenantId",
            "clientId",
            "clientSecret",
            "useOidc",
            "oidcToken",
            "oidcTokenFilePath",
            "oidcRequestUrl",
            "oidcRequestToken",
            "useMsi",
            "msiEndpoint",
            "useCli",
            "environment",
            "metadataHost",
            "clientCertificate",
            "clientCertificatePath",
            "clientCertificatePassword",
            "clientIdFilePath",
            "clientSecretFilePath",
            "useAksWorkloadIdentity",
            "adoPipelineServiceConnectionId",
        ];
        const settings = azureadSettingsFromStackConfig({
            get: (key) => (keys.some((k) => key === `azuread:${k}`) ? `value of ${key}` : undefined),
        });
        assert.deepEqual(settings, {
            ARM_TENANT_ID: "value of azuread:tenantId",
            ARM_CLIENT_ID: "value of azuread:clientId",
            ARM_CLIENT_SECRET: "value of azuread:clientSecret",
            ARM_USE_OIDC: "value of azuread:useOidc",
            ARM_OIDC_TOKEN: "value of azuread:oidcToken",
            ARM_OIDC_TOKEN_FILE_PATH: "value of azuread:oidcTokenFilePath",
            ARM_OIDC_REQUEST_URL: "value of azuread:oidcRequestUrl",
            ARM_OIDC_REQUEST_TOKEN: "value of azuread:oidcRequestToken",
            ARM_USE_MSI: "value of azuread:useMsi",
            ARM_MSI_ENDPOINT: "value of azuread:msiEndpoint",
            ARM_USE_CLI: "value of azuread:useCli",
            ARM_ENVIRONMENT: "value of azuread:environment",
            ARM_METADATA_HOSTNAME: "value of azuread:metadataHost",
            ARM_CLIENT_CERTIFICATE: "value of azuread:clientCertificate",
            ARM_CLIENT_CERTIFICATE_PATH: "value of azuread:clientCertificatePath",
            ARM_CLIENT_CERTIFICATE_PASSWORD: "value of azuread:clientCertificatePassword",
            ARM_CLIENT_ID_FILE_PATH: "value of azuread:clientIdFilePath",
            ARM_CLIENT_SECRET_FILE_PATH: "value of azuread:clientSecretFilePath",
            ARM_USE_AKS_WORKLOAD_IDENTITY: "value of azuread:useAksWorkloadIdentity",
            ARM_ADO_PIPELINE_SERVICE_CONNECTION_ID: "value of azuread:adoPipelineServiceConnectionId",
        });
    });

    it("are named by their azuread: key in messages, for every setting it refuses", () => {
        const refused: [string, string][] = [
            ["ARM_CLIENT_CERTIFICATE", "azuread:clientCertificate"],
            ["ARM_MSI_ENDPOINT", "azuread:msiEndpoint"],
            ["ARM_METADATA_HOSTNAME", "azuread:metadataHost"],
            ["ARM_CLIENT_ID_FILE_PATH", "azuread:clientIdFilePath"],
            ["ARM_CLIENT_SECRET_FILE_PATH", "azuread:clientSecretFilePath"],
            ["ARM_USE_AKS_WORKLOAD_IDENTITY", "azuread:useAksWorkloadIdentity"],
            ["ARM_ADO_PIPELINE_SERVICE_CONNECTION_ID", "azuread:adoPipelineServiceConnectionId"],
        ];
        for (const [variable, key] of refused) {
            assert.throws(
                () => chooseCredential({}, { [variable]: "true" }),
                (e: Error) => e.message.startsWith(`${key} is set, but `) && e.message.endsWith(`, and unset ${key}.`),
                variable,
            );
        }
        assert.throws(() => chooseCredential({}, { ARM_ENVIRONMENT: "mars" }), {
            message:
                'azuread:environment "mars" is not a cloud this stack knows; use one of: global, public, usgovernment, usgovernmentl4, usgovernmentl5, dod, china.',
        });
        assert.throws(() => chooseCredential({}, { ARM_USE_CLI: "false" }), /^Error: azuread:useCli is false and/);
        assert.throws(
            () => chooseCredential(IDS, { ARM_USE_OIDC: "true", ARM_OIDC_REQUEST_URL: "https://oidc.example/" }),
            {
                message:
                    "azuread:useOidc is true but there is no OIDC token: set ARM_OIDC_TOKEN or ARM_OIDC_TOKEN_FILE_PATH, or run in GitHub Actions with `permissions: id-token: write` so that ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN are set.",
            },
        );
    });

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
        const seen: { url?: string; authorization?: string; accept?: string }[] = [];
        const server = createServer((req, res) => {
            seen.push({ url: req.url, authorization: req.headers.authorization, accept: req.headers.accept });
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
                    url: "/token?api-version=2.0&audience=api%3A%2F%2FAzureADTokenExchange",
                    authorization: "Bearer request-token",
                    accept: "application/json",
                },
            ]);
        } finally {
            server.close();
        }
    });

    it("fails, naming the endpoint but not the token, when the answer holds no token", async () => {
        for (const body of [{}, { value: "" }, { value: 42 }]) {
            const server = createServer((_req, res) => {
                res.writeHead(200, { "Content-Type": "application/json" });
                res.end(JSON.stringify(body));
            });
            await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
            try {
                const port = (server.address() as AddressInfo).port;
                await assert.rejects(
                    requestOidcToken(`http://127.0.0.1:${port}/token?api-version=2.0`, "request-token"),
                    {
                        message: `The OIDC token response from http://127.0.0.1:${port}/token has no "value".`,
                    },
                );
            } finally {
                server.close();
            }
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

/**
 * The arguments credentialFor hands each @azure/identity constructor, caught by swapping the
 * module's exports in Node's require cache for the length of `run` (credentialFor requires it on use).
 */
function constructorCalls(run: () => void): { name: string; args: unknown[] }[] {
    const modulePath = require.resolve("@azure/identity");
    const cached = require.cache[modulePath];
    assert.ok(cached, "@azure/identity is loaded");
    const real = cached.exports as Record<string, unknown>;
    const calls: { name: string; args: unknown[] }[] = [];
    const spy = (name: string) =>
        class {
            constructor(...args: unknown[]) {
                calls.push({ name, args });
            }
        };
    cached.exports = {
        ...real,
        ClientSecretCredential: spy("ClientSecretCredential"),
        ClientAssertionCredential: spy("ClientAssertionCredential"),
        ManagedIdentityCredential: spy("ManagedIdentityCredential"),
        DefaultAzureCredential: spy("DefaultAzureCredential"),
    };
    try {
        run();
    } finally {
        cached.exports = real;
    }
    return calls;
}

describe("the @azure/identity credential built from the choice", () => {
    it("gets the tenant, client, secret and cloud's sign-in host for a client secret", () => {
        const calls = constructorCalls(() => {
            credentialFor({ ...IDS, ARM_CLIENT_SECRET: "the-secret", ARM_ENVIRONMENT: "china" });
            credentialFor({ ...IDS, ARM_CLIENT_SECRET: "env-secret" }, { ARM_CLIENT_SECRET: "config-secret" });
        });
        assert.deepEqual(calls, [
            {
                name: "ClientSecretCredential",
                args: ["tenant-guid", "client-guid", "the-secret", { authorityHost: "https://login.chinacloudapi.cn" }],
            },
            { name: "ClientSecretCredential", args: ["tenant-guid", "client-guid", "config-secret", {}] },
        ]);
    });

    it("gets the cloud's sign-in host for OIDC, and no host option without ARM_ENVIRONMENT", () => {
        const calls = constructorCalls(() => {
            credentialFor({ ...IDS, ARM_USE_OIDC: "true", ARM_OIDC_TOKEN: "jwt", ARM_ENVIRONMENT: "usgovernment" });
            credentialFor({ ...IDS, ARM_USE_OIDC: "true", ARM_OIDC_TOKEN: "jwt" });
        });
        assert.deepEqual(
            calls.map((c) => ({ name: c.name, ids: c.args.slice(0, 2), options: c.args[3] })),
            [
                {
                    name: "ClientAssertionCredential",
                    ids: ["tenant-guid", "client-guid"],
                    options: { authorityHost: "https://login.microsoftonline.us" },
                },
                { name: "ClientAssertionCredential", ids: ["tenant-guid", "client-guid"], options: {} },
            ],
        );
    });

    it("signs OIDC in with the token from the setting, the file (trimmed) or the request endpoint", async () => {
        const dir = mkdtempSync(path.join(tmpdir(), "oidc-"));
        const file = path.join(dir, "token");
        writeFileSync(file, "  file-jwt\n");
        const server = createServer((_req, res) => {
            res.writeHead(200, { "Content-Type": "application/json" });
            res.end(JSON.stringify({ value: "requested-jwt" }));
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        try {
            const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`;
            const calls = constructorCalls(() => {
                credentialFor({ ...IDS, ARM_USE_OIDC: "true", ARM_OIDC_TOKEN: "setting-jwt" });
                credentialFor({ ...IDS, ARM_USE_OIDC: "true" }, { ARM_OIDC_TOKEN: "config-jwt" });
                credentialFor({ ...IDS, ARM_USE_OIDC: "true", ARM_OIDC_TOKEN_FILE_PATH: file });
                credentialFor({
                    ...IDS,
                    ARM_USE_OIDC: "true",
                    ARM_OIDC_REQUEST_URL: url,
                    ARM_OIDC_REQUEST_TOKEN: "rt",
                });
            });
            const tokens = [];
            for (const c of calls) {
                tokens.push(await (c.args[2] as () => Promise<string>)());
            }
            assert.deepEqual(tokens, ["setting-jwt", "config-jwt", "file-jwt", "requested-jwt"]);
        } finally {
            server.close();
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it("gives the Azure CLI chain the tenant when one is set, and no options otherwise", () => {
        const calls = constructorCalls(() => {
            credentialFor({ ARM_TENANT_ID: "tenant-guid" });
            credentialFor({});
        });
        assert.deepEqual(calls, [
            { name: "DefaultAzureCredential", args: [{ tenantId: "tenant-guid" }] },
            { name: "DefaultAzureCredential", args: [{}] },
        ]);
    });
});

describe("the names the credential settings go by", () => {
    it("asks for the audience Entra ID federated credentials expect", () => {
        assert.equal(AZURE_OIDC_AUDIENCE, "api://AzureADTokenExchange");
    });

    it("maps each ARM_* variable to the azuread provider's config key", () => {
        assert.deepEqual(AZUREAD_CONFIG_KEYS, {
            ARM_TENANT_ID: "azuread:tenantId",
            ARM_CLIENT_ID: "azuread:clientId",
            ARM_CLIENT_SECRET: "azuread:clientSecret",
            ARM_USE_OIDC: "azuread:useOidc",
            ARM_OIDC_TOKEN: "azuread:oidcToken",
            ARM_OIDC_TOKEN_FILE_PATH: "azuread:oidcTokenFilePath",
            ARM_OIDC_REQUEST_URL: "azuread:oidcRequestUrl",
            ARM_OIDC_REQUEST_TOKEN: "azuread:oidcRequestToken",
            ARM_USE_MSI: "azuread:useMsi",
            ARM_MSI_ENDPOINT: "azuread:msiEndpoint",
            ARM_USE_CLI: "azuread:useCli",
            ARM_ENVIRONMENT: "azuread:environment",
            ARM_METADATA_HOSTNAME: "azuread:metadataHost",
            ARM_CLIENT_CERTIFICATE: "azuread:clientCertificate",
            ARM_CLIENT_CERTIFICATE_PATH: "azuread:clientCertificatePath",
            ARM_CLIENT_CERTIFICATE_PASSWORD: "azuread:clientCertificatePassword",
            ARM_CLIENT_ID_FILE_PATH: "azuread:clientIdFilePath",
            ARM_CLIENT_SECRET_FILE_PATH: "azuread:clientSecretFilePath",
            ARM_USE_AKS_WORKLOAD_IDENTITY: "azuread:useAksWorkloadIdentity",
            ARM_ADO_PIPELINE_SERVICE_CONNECTION_ID: "azuread:adoPipelineServiceConnectionId",
        });
    });
});
