/**
 * The identity the GroupLicense provider calls Microsoft Graph with: the same one that runs the
 * azuread provider, found the way that provider finds it, from the `ARM_*` environment variables
 * (https://www.pulumi.com/registry/packages/azuread/installation-configuration/), else from
 * `DefaultAzureCredential` (an `az login` on a workstation).
 *
 * Token values never leave the credential: nothing here logs them, returns them in errors or puts
 * them in resource state.
 */
import type { TokenCredential } from "@azure/identity";

/** The audience Entra ID federated credentials expect of a GitHub Actions OIDC token. */
export const AZURE_OIDC_AUDIENCE = "api://AzureADTokenExchange";

/** Which credential the environment calls for. Holds names of variables, never their secret values. */
export type CredentialChoice =
    | {
          readonly kind: "oidc";
          readonly tenantId: string;
          readonly clientId: string;
          /** Where the federated token comes from. */
          readonly token:
              | { readonly from: "variable" }
              | { readonly from: "file"; readonly path: string }
              | { readonly from: "request"; readonly urlVariable: string; readonly tokenVariable: string };
          readonly authorityHost?: string;
      }
    | {
          readonly kind: "clientSecret";
          readonly tenantId: string;
          readonly clientId: string;
          readonly authorityHost?: string;
      }
    | { readonly kind: "default"; readonly tenantId?: string; readonly authorityHost?: string };

/** Sign-in hosts of the clouds the azuread provider's `ARM_ENVIRONMENT` names. */
const AUTHORITY_HOSTS: Readonly<Record<string, string>> = {
    global: "https://login.microsoftonline.com",
    public: "https://login.microsoftonline.com",
    usgovernment: "https://login.microsoftonline.us",
    usgovernmentl4: "https://login.microsoftonline.us",
    usgovernmentl5: "https://login.microsoftonline.us",
    china: "https://login.chinacloudapi.cn",
};

function isTrue(value: string | undefined): boolean {
    return value !== undefined && /^(true|1)$/i.test(value.trim());
}

function present(value: string | undefined): string | undefined {
    return value !== undefined && value.trim() !== "" ? value.trim() : undefined;
}

/**
 * Decides, from the environment alone, which credential to use. Throws when the variables ask for
 * a method they do not complete, naming what is missing.
 */
export function chooseCredential(env: Readonly<Record<string, string | undefined>>): CredentialChoice {
    const tenantId = present(env.ARM_TENANT_ID);
    const clientId = present(env.ARM_CLIENT_ID);
    const armEnvironment = present(env.ARM_ENVIRONMENT)?.toLowerCase();
    const authorityHost = armEnvironment === undefined ? undefined : AUTHORITY_HOSTS[armEnvironment];
    if (armEnvironment !== undefined && authorityHost === undefined) {
        throw new Error(
            `ARM_ENVIRONMENT "${env.ARM_ENVIRONMENT}" is not a cloud this stack knows; use one of: ${Object.keys(AUTHORITY_HOSTS).join(", ")}.`,
        );
    }
    const cloud = authorityHost === undefined ? {} : { authorityHost };

    if (isTrue(env.ARM_USE_OIDC)) {
        if (!tenantId || !clientId) {
            throw new Error("ARM_USE_OIDC is true but ARM_TENANT_ID or ARM_CLIENT_ID is not set; set both.");
        }
        if (present(env.ARM_OIDC_TOKEN)) {
            return { kind: "oidc", tenantId, clientId, token: { from: "variable" }, ...cloud };
        }
        const path = present(env.ARM_OIDC_TOKEN_FILE_PATH);
        if (path) {
            return { kind: "oidc", tenantId, clientId, token: { from: "file", path }, ...cloud };
        }
        for (const [urlVariable, tokenVariable] of [
            ["ARM_OIDC_REQUEST_URL", "ARM_OIDC_REQUEST_TOKEN"],
            ["ACTIONS_ID_TOKEN_REQUEST_URL", "ACTIONS_ID_TOKEN_REQUEST_TOKEN"],
        ]) {
            if (present(env[urlVariable]) && present(env[tokenVariable])) {
                return {
                    kind: "oidc",
                    tenantId,
                    clientId,
                    token: { from: "request", urlVariable, tokenVariable },
                    ...cloud,
                };
            }
        }
        throw new Error(
            "ARM_USE_OIDC is true but there is no OIDC token: set ARM_OIDC_TOKEN or ARM_OIDC_TOKEN_FILE_PATH, or run in GitHub Actions with `permissions: id-token: write` so that ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN are set.",
        );
    }
    if (present(env.ARM_CLIENT_SECRET)) {
        if (!tenantId || !clientId) {
            throw new Error("ARM_CLIENT_SECRET is set but ARM_TENANT_ID or ARM_CLIENT_ID is not; set both.");
        }
        return { kind: "clientSecret", tenantId, clientId, ...cloud };
    }
    return tenantId ? { kind: "default", tenantId, ...cloud } : { kind: "default", ...cloud };
}

/**
 * Asks a GitHub Actions (or compatible) OIDC endpoint for a token with the Entra ID audience.
 * The request token authorises the call; neither token appears in errors.
 */
export async function requestOidcToken(requestUrl: string, requestToken: string): Promise<string> {
    const url = new URL(requestUrl);
    url.searchParams.set("audience", AZURE_OIDC_AUDIENCE);
    const response = await fetch(url, {
        headers: { Authorization: `Bearer ${requestToken}`, Accept: "application/json" },
    });
    if (!response.ok) {
        throw new Error(
            `The OIDC token request to ${url.origin}${url.pathname} failed with ${response.status}; does the workflow have \`permissions: id-token: write\`?`,
        );
    }
    const body = (await response.json()) as { value?: unknown };
    if (typeof body.value !== "string" || body.value === "") {
        throw new Error(`The OIDC token response from ${url.origin}${url.pathname} has no "value".`);
    }
    return body.value;
}

/** Builds the credential {@link chooseCredential} picks. `@azure/identity` is loaded only now. */
export function credentialFromEnvironment(
    env: Readonly<Record<string, string | undefined>> = process.env,
): TokenCredential {
    const choice = chooseCredential(env);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use: it runs in the provider's process
    const identity = require("@azure/identity") as typeof import("@azure/identity");
    const options = choice.authorityHost === undefined ? {} : { authorityHost: choice.authorityHost };
    switch (choice.kind) {
        case "oidc": {
            const token = choice.token;
            const assertion = async (): Promise<string> => {
                if (token.from === "variable") {
                    return String(env.ARM_OIDC_TOKEN).trim();
                }
                if (token.from === "file") {
                    // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
                    const fs = require("node:fs") as typeof import("node:fs");
                    return fs.readFileSync(token.path, "utf8").trim();
                }
                return requestOidcToken(String(env[token.urlVariable]), String(env[token.tokenVariable]));
            };
            return new identity.ClientAssertionCredential(choice.tenantId, choice.clientId, assertion, options);
        }
        case "clientSecret":
            return new identity.ClientSecretCredential(
                choice.tenantId,
                choice.clientId,
                String(env.ARM_CLIENT_SECRET).trim(),
                options,
            );
        case "default":
            return new identity.DefaultAzureCredential({ ...options, tenantId: choice.tenantId });
    }
}
