import { strict as assert } from "node:assert";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import {
    AZURE_OIDC_AUDIENCE,
    chooseCredential,
    CredentialChoice,
    credentialFromEnvironment,
    requestOidcToken,
} from "../../licensing/credentials";

const IDS = { ARM_TENANT_ID: "tenant-guid", ARM_CLIENT_ID: "client-guid" };
const GITHUB = {
    ACTIONS_ID_TOKEN_REQUEST_URL: "https://token.actions.example/?api-version=2.0",
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: "rt",
};

describe("the Graph credential, chosen from the ARM_* variables", () => {
    const cases: { name: string; env: Record<string, string>; expected: CredentialChoice }[] = [
        {
            name: "a client secret",
            env: { ...IDS, ARM_CLIENT_SECRET: "s" },
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
                    urlVariable: "ACTIONS_ID_TOKEN_REQUEST_URL",
                    tokenVariable: "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
                },
            },
        },
        {
            name: "OIDC with a token given in ARM_OIDC_TOKEN, preferred over the GitHub endpoint and the secret",
            env: { ...IDS, ARM_USE_OIDC: "TRUE", ARM_OIDC_TOKEN: "jwt", ARM_CLIENT_SECRET: "s", ...GITHUB },
            expected: { kind: "oidc", tenantId: "tenant-guid", clientId: "client-guid", token: { from: "variable" } },
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
            name: "the Azure CLI login when nothing is set",
            env: {},
            expected: { kind: "default" },
        },
        {
            name: "the Azure CLI login in the named tenant and cloud, when only ARM_TENANT_ID and ARM_ENVIRONMENT are set",
            env: { ARM_TENANT_ID: "tenant-guid", ARM_ENVIRONMENT: "usgovernment" },
            expected: { kind: "default", tenantId: "tenant-guid", authorityHost: "https://login.microsoftonline.us" },
        },
        {
            name: "a client secret when ARM_USE_OIDC is false",
            env: { ...IDS, ARM_USE_OIDC: "false", ARM_CLIENT_SECRET: "s", ARM_ENVIRONMENT: "china" },
            expected: {
                kind: "clientSecret",
                tenantId: "tenant-guid",
                clientId: "client-guid",
                authorityHost: "https://login.chinacloudapi.cn",
            },
        },
    ];
    for (const c of cases) {
        it(`uses ${c.name}`, () => {
            assert.deepEqual(chooseCredential(c.env), c.expected);
        });
    }

    const failures: { name: string; env: Record<string, string>; message: string }[] = [
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
            message: "ARM_CLIENT_SECRET is set but ARM_TENANT_ID or ARM_CLIENT_ID is not; set both.",
        },
        {
            name: "an unknown cloud",
            env: { ARM_ENVIRONMENT: "mars" },
            message:
                'ARM_ENVIRONMENT "mars" is not a cloud this stack knows; use one of: global, public, usgovernment, usgovernmentl4, usgovernmentl5, china.',
        },
    ];
    for (const f of failures) {
        it(`refuses ${f.name}, saying what to set`, () => {
            assert.throws(() => chooseCredential(f.env), { message: f.message });
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
            {},
        ].map((env) => credentialFromEnvironment(env).constructor.name);
        assert.deepEqual(names, ["ClientSecretCredential", "ClientAssertionCredential", "DefaultAzureCredential"]);
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
