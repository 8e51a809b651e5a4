/**
 * The identity the GroupLicense provider calls Microsoft Graph with: the same one that runs the
 * azuread provider, chosen from the same settings in the same order. The azuread provider reads
 * each setting from the stack's `azuread:*` config, else from its `ARM_*` environment variable
 * (https://www.pulumi.com/registry/packages/azuread/installation-configuration/), and tries, in
 * this order: a client certificate, a client secret, OIDC, a managed identity (`use_msi`), the
 * Azure CLI (`use_cli`, on by default) (hashicorp/go-azure-sdk `sdk/auth`, `NewAuthorizerFromCredentials`).
 *
 * Settings this module cannot honour with `@azure/identity` fail loudly, naming the setting,
 * rather than signing in as some other identity.
 *
 * Token values never leave the credential: nothing here logs them, returns them in errors or puts
 * them in resource state.
 */
import type { TokenCredential } from "@azure/identity";

/** The audience Entra ID federated credentials expect of a GitHub Actions OIDC token. */
export const AZURE_OIDC_AUDIENCE = "api://AzureADTokenExchange";

/** Setting values by `ARM_*` variable name (environment variables, or stack config mapped to them). */
export type Settings = Readonly<Record<string, string | undefined>>;

/** Which credential the settings call for. Holds names of settings, never their secret values. */
export type CredentialChoice =
    | {
          readonly kind: "clientSecret";
          readonly tenantId: string;
          readonly clientId: string;
          readonly authorityHost?: string;
      }
    | {
          readonly kind: "oidc";
          readonly tenantId: string;
          readonly clientId: string;
          /** Where the federated token comes from. */
          readonly token:
              | { readonly from: "setting"; readonly name: string }
              | { readonly from: "file"; readonly path: string }
              | { readonly from: "request"; readonly urlSetting: string; readonly tokenSetting: string };
          readonly authorityHost?: string;
      }
    | {
          readonly kind: "managedIdentity";
          /** A user-assigned identity's client id; absent for the system-assigned identity. */
          readonly clientId?: string;
      }
    | { readonly kind: "default"; readonly tenantId?: string };

/**
 * The azuread provider's stack config keys (`@pulumi/azuread` 6.9.1, `config/vars.d.ts`) and the
 * `ARM_*` variables they stand for. A key set in the stack config wins over the variable.
 */
export const AZUREAD_CONFIG_KEYS: Readonly<Record<string, string>> = {
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
};

/**
 * azuread settings that would make the azuread provider sign in some way this module cannot
 * follow, and what to do instead. A boolean setting counts only when true.
 */
const UNSUPPORTED: readonly { readonly name: string; readonly flag?: true; readonly why: string }[] = [
    {
        name: "ARM_CLIENT_CERTIFICATE_PATH",
        why: "the azuread provider reads a PKCS#12 (.pfx) client certificate, which @azure/identity cannot read (it takes PEM only)",
    },
    {
        name: "ARM_CLIENT_CERTIFICATE",
        why: "the azuread provider reads a PKCS#12 (.pfx) client certificate, which @azure/identity cannot read (it takes PEM only)",
    },
    {
        name: "ARM_MSI_ENDPOINT",
        why: "@azure/identity finds the managed identity endpoint itself and cannot be pointed at another one",
    },
    { name: "ARM_CLIENT_ID_FILE_PATH", why: "reading the client id from a file is not supported here" },
    { name: "ARM_CLIENT_SECRET_FILE_PATH", why: "reading the client secret from a file is not supported here" },
    { name: "ARM_USE_AKS_WORKLOAD_IDENTITY", flag: true, why: "AKS workload identity is not supported here" },
    {
        name: "ARM_ADO_PIPELINE_SERVICE_CONNECTION_ID",
        why: "Azure DevOps service connections are not supported here",
    },
    { name: "ARM_METADATA_HOSTNAME", why: "custom cloud metadata hosts are not supported here" },
];

/** Sign-in hosts of the clouds the azuread provider's `environment` names. */
const AUTHORITY_HOSTS: Readonly<Record<string, string>> = {
    global: "https://login.microsoftonline.com",
    public: "https://login.microsoftonline.com",
    usgovernment: "https://login.microsoftonline.us",
    usgovernmentl4: "https://login.microsoftonline.us",
    usgovernmentl5: "https://login.microsoftonline.us",
    dod: "https://login.microsoftonline.us",
    china: "https://login.chinacloudapi.cn",
};

function isTrue(value: string | undefined): boolean {
    return value !== undefined && /^(true|1)$/i.test(value.trim());
}

function isFalse(value: string | undefined): boolean {
    return value !== undefined && /^(false|0)$/i.test(value.trim());
}

function present(value: string | undefined): string | undefined {
    return value !== undefined && value.trim() !== "" ? value.trim() : undefined;
}

/**
 * The `azuread:*` keys of the stack config, by the `ARM_*` variable each stands for. `config` is
 * what Pulumi's dynamic-provider host passes to `configure` (the whole stack config).
 */
export function azureadSettingsFromStackConfig(config: { get(key: string): string | undefined }): Settings {
    const settings: Record<string, string> = {};
    for (const [variable, key] of Object.entries(AZUREAD_CONFIG_KEYS)) {
        const value = config.get(key);
        if (value !== undefined) {
            settings[variable] = value;
        }
    }
    return settings;
}

/** Looks a setting up in the stack config first, then the environment, and names where it came from. */
class Lookup {
    constructor(
        private readonly env: Settings,
        private readonly stackConfig: Settings,
    ) {}

    value(variable: string): string | undefined {
        return present(this.stackConfig[variable]) ?? present(this.env[variable]);
    }

    /** How messages name the setting: its config key when set there, else its variable. */
    name(variable: string): string {
        return present(this.stackConfig[variable]) !== undefined ? AZUREAD_CONFIG_KEYS[variable] : variable;
    }

    names(...variables: string[]): string {
        return variables.map((v) => this.name(v)).join(" or ");
    }
}

/**
 * Decides, from the environment and the stack's `azuread:*` config (see
 * {@link azureadSettingsFromStackConfig}), which credential to use. Throws when the settings ask
 * for a method they do not complete, or one this module cannot follow, naming the setting.
 */
export function chooseCredential(env: Settings, stackConfig: Settings = {}): CredentialChoice {
    const s = new Lookup(env, stackConfig);
    for (const u of UNSUPPORTED) {
        const value = s.value(u.name);
        if (u.flag ? isTrue(value) : value !== undefined) {
            throw new Error(
                `${s.name(u.name)} is set, but the license assignment cannot sign in to Microsoft Graph that way: ${u.why}. Sign the deployment in with OIDC (ARM_USE_OIDC), a client secret (ARM_CLIENT_SECRET), a managed identity (ARM_USE_MSI) or az login instead, and unset ${s.name(u.name)}.`,
            );
        }
    }
    const tenantId = s.value("ARM_TENANT_ID");
    const clientId = s.value("ARM_CLIENT_ID");
    const environment = s.value("ARM_ENVIRONMENT");
    const authorityHost = environment === undefined ? undefined : AUTHORITY_HOSTS[environment.toLowerCase()];
    if (environment !== undefined && authorityHost === undefined) {
        throw new Error(
            `${s.name("ARM_ENVIRONMENT")} "${environment}" is not a cloud this stack knows; use one of: ${Object.keys(AUTHORITY_HOSTS).join(", ")}.`,
        );
    }
    const cloud = authorityHost === undefined ? {} : { authorityHost };
    const servicePrincipal = (method: string) => {
        if (!tenantId || !clientId) {
            throw new Error(`${method} but ${s.names("ARM_TENANT_ID", "ARM_CLIENT_ID")} is not set; set both.`);
        }
        return { tenantId, clientId };
    };

    if (s.value("ARM_CLIENT_SECRET") !== undefined) {
        const ids = servicePrincipal(`${s.name("ARM_CLIENT_SECRET")} is set`);
        return { kind: "clientSecret", ...ids, ...cloud };
    }
    if (isTrue(s.value("ARM_USE_OIDC"))) {
        const ids = servicePrincipal(`${s.name("ARM_USE_OIDC")} is true`);
        if (s.value("ARM_OIDC_TOKEN") !== undefined) {
            return { kind: "oidc", ...ids, token: { from: "setting", name: s.name("ARM_OIDC_TOKEN") }, ...cloud };
        }
        const path = s.value("ARM_OIDC_TOKEN_FILE_PATH");
        if (path !== undefined) {
            return { kind: "oidc", ...ids, token: { from: "file", path }, ...cloud };
        }
        for (const [urlSetting, tokenSetting] of [
            ["ARM_OIDC_REQUEST_URL", "ARM_OIDC_REQUEST_TOKEN"],
            ["ACTIONS_ID_TOKEN_REQUEST_URL", "ACTIONS_ID_TOKEN_REQUEST_TOKEN"],
        ]) {
            if (s.value(urlSetting) !== undefined && s.value(tokenSetting) !== undefined) {
                return { kind: "oidc", ...ids, token: { from: "request", urlSetting, tokenSetting }, ...cloud };
            }
        }
        throw new Error(
            `${s.name("ARM_USE_OIDC")} is true but there is no OIDC token: set ${s.name("ARM_OIDC_TOKEN")} or ${s.name("ARM_OIDC_TOKEN_FILE_PATH")}, or run in GitHub Actions with \`permissions: id-token: write\` so that ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN are set.`,
        );
    }
    if (isTrue(s.value("ARM_USE_MSI"))) {
        return clientId === undefined ? { kind: "managedIdentity" } : { kind: "managedIdentity", clientId };
    }
    if (isFalse(s.value("ARM_USE_CLI"))) {
        throw new Error(
            `${s.name("ARM_USE_CLI")} is false and no other way to sign in is set: set ARM_CLIENT_SECRET, ARM_USE_OIDC or ARM_USE_MSI (with ARM_TENANT_ID and ARM_CLIENT_ID), or allow the Azure CLI.`,
        );
    }
    return tenantId === undefined ? { kind: "default" } : { kind: "default", tenantId };
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

/**
 * Builds the credential {@link chooseCredential} picks. `@azure/identity` is loaded only now.
 * With neither a service principal nor a managed identity set, that is `DefaultAzureCredential`,
 * whose chain ends in the `az login` session the azuread provider also uses. It tries `AZURE_*`
 * variables and a machine's managed identity first: on a workstation with neither, both
 * providers sign in as the same user; anywhere else, set the `ARM_*` variables explicitly.
 */
export function credentialFor(env: Settings, stackConfig: Settings = {}): TokenCredential {
    const choice = chooseCredential(env, stackConfig);
    const s = new Lookup(env, stackConfig);
    const secret = (variable: string): string => String(s.value(variable));
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use: it runs in the provider's process
    const identity = require("@azure/identity") as typeof import("@azure/identity");
    switch (choice.kind) {
        case "clientSecret": {
            const options = choice.authorityHost === undefined ? {} : { authorityHost: choice.authorityHost };
            return new identity.ClientSecretCredential(
                choice.tenantId,
                choice.clientId,
                secret("ARM_CLIENT_SECRET"),
                options,
            );
        }
        case "oidc": {
            const options = choice.authorityHost === undefined ? {} : { authorityHost: choice.authorityHost };
            const token = choice.token;
            const assertion = async (): Promise<string> => {
                if (token.from === "setting") {
                    return secret("ARM_OIDC_TOKEN");
                }
                if (token.from === "file") {
                    // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
                    const fs = require("node:fs") as typeof import("node:fs");
                    return fs.readFileSync(token.path, "utf8").trim();
                }
                return requestOidcToken(secret(token.urlSetting), secret(token.tokenSetting));
            };
            return new identity.ClientAssertionCredential(choice.tenantId, choice.clientId, assertion, options);
        }
        case "managedIdentity":
            return choice.clientId === undefined
                ? new identity.ManagedIdentityCredential()
                : new identity.ManagedIdentityCredential({ clientId: choice.clientId });
        case "default":
            return new identity.DefaultAzureCredential(
                choice.tenantId === undefined ? {} : { tenantId: choice.tenantId },
            );
    }
}
