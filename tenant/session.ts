/**
 * The Graph reader `npm run adopt` and `npm run audit` use: signed in the way the azuread provider
 * and the license assignment are (licensing/credentials.ts: the stack's `azuread:*` config, else the
 * `ARM_*` variables; a secret in the stack file, which they cannot decrypt, gives way to its
 * variable: {@link commandSignInSettings}), to the stack's `graphEndpoint`, through a {@link GraphGate} with the license
 * assignment's settings (`RA_GRAPH_*`, licensing/providerSettings.ts); and the reading both commands
 * do with it, from what their environment gives them.
 */
import type { TokenCredential } from "@azure/identity";
import { AZUREAD_CONFIG_KEYS, azureadSettingsFromStackConfig, credentialFor, Settings } from "../licensing/credentials";
import { GraphGate } from "../licensing/graphGate";
import { ProviderSettings, providerSettingsFrom } from "../licensing/providerSettings";
import type { TenantSnapshot } from "./model";
import { readTenant, type ReadOptions, type ReadProgress } from "./read";
import { DirectoryReader } from "./reader";

/** Where the reader signs in and how it paces itself. */
export interface SessionOptions {
    /** Graph's base URL without version, e.g. `https://graph.microsoft.com`. */
    readonly endpoint: string;
    /** The environment the credential and the gate's settings are read from (`process.env`). */
    readonly environment: Settings;
    /** The stack's config map (`namespace:key` to text), for its `azuread:*` sign-in settings. */
    readonly stackConfig?: Readonly<Record<string, string>>;
    /** A credential instead of the one the settings choose (tests). */
    readonly credential?: TokenCredential;
    /** Settings that replace those of the environment (tests use small timings). */
    readonly settings?: Partial<ProviderSettings>;
}

/** Sign-in settings a command cannot follow; the message names the setting and what to set instead. */
export class SignInSettingsError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "SignInSettingsError";
    }
}

/**
 * Whether a stack config value is a secret: Pulumi keeps it encrypted in the stack file as
 * `key: {secure: <ciphertext>}` (pulumi/pulumi `sdk/nodejs/automation/stackSettings.ts`,
 * `StackSettingsSecureConfigValue`, "A secret Stack config entry"), which offline/stackFile.ts,
 * reading the file without Pulumi, hands on as that object's JSON text.
 */
export function isSecretConfigValue(text: string): boolean {
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch {
        return false;
    }
    return (
        typeof value === "object" &&
        value !== null &&
        Object.keys(value).length === 1 &&
        typeof (value as { secure?: unknown }).secure === "string"
    );
}

/**
 * The stack's `azuread:*` sign-in settings as `npm run adopt` and `npm run audit` can use them,
 * by `ARM_*` variable (licensing/credentials.ts). They read the stack file without Pulumi, so a
 * secret there (`secure:`) is ciphertext: it is left out, so that the variable in `environment`
 * is used instead, and when the environment does not set that variable either, this throws a
 * {@link SignInSettingsError} naming the key and the variable to set (signing in some other way
 * would be another identity than the stack's).
 */
export function commandSignInSettings(environment: Settings, stackConfig: Readonly<Record<string, string>>): Settings {
    const settings: Record<string, string | undefined> = {
        ...azureadSettingsFromStackConfig({ get: (key) => stackConfig[key] }),
    };
    for (const [variable, value] of Object.entries(settings)) {
        if (value === undefined || !isSecretConfigValue(value)) {
            continue;
        }
        if ((environment[variable] ?? "").trim() === "") {
            const key = AZUREAD_CONFIG_KEYS[variable];
            throw new SignInSettingsError(
                `${key} in the stack config file is a secret (secure:), which npm run adopt and npm run audit cannot decrypt: they read the file without Pulumi. Set ${variable} in the environment to its value.`,
            );
        }
        delete settings[variable];
    }
    return settings;
}

/** The reader for `options`; throws naming the setting when the sign-in settings cannot be followed. */
export function directoryReader(options: SessionOptions): DirectoryReader {
    const settings: ProviderSettings = { ...providerSettingsFrom(options.environment), ...options.settings };
    const credential =
        options.credential ??
        credentialFor(options.environment, commandSignInSettings(options.environment, options.stackConfig ?? {}));
    return new DirectoryReader({
        endpoint: options.endpoint,
        credential,
        gate: new GraphGate(settings),
        requestSeconds: settings.operationSeconds,
    });
}

/** What a command that reads the tenant is given besides its arguments; tests give their own. */
export interface ReadingEnvironment {
    /** The environment: the sign-in settings (`ARM_*`) and the Graph gate's (`RA_GRAPH_*`). */
    readonly env: Settings;
    readonly stdout: (text: string) => void;
    readonly stderr: (text: string) => void;
    /** Progress of the reading on stderr; none without it (or with --quiet). */
    readonly progress?: () => ReadProgress;
    /**
     * Tests: where to read from instead of the endpoint the command would use (a loopback Graph, which
     * config's https-only graphEndpoint could not name), a credential instead of the one the settings
     * choose, small timings, the clock.
     */
    readonly readFrom?: string;
    readonly credential?: TokenCredential;
    readonly settings?: Partial<ProviderSettings>;
    readonly now?: () => Date;
}

/** How a command reads the tenant. */
export interface CommandReading {
    /** Graph's endpoint, as the command's arguments or its stack config name it. */
    readonly endpoint: string;
    /** The stack's config map, for its `azuread:*` sign-in settings. */
    readonly stackConfig: Readonly<Record<string, string>>;
    /** What to read besides the Remote Assist set-up Graph can find by itself. */
    readonly options: Omit<ReadOptions, "now">;
    /** Show no progress (--quiet). */
    readonly quiet: boolean;
}

/** Reads the tenant for a command, signed in and paced as its environment says: see {@link directoryReader}. */
export function readForCommand(io: ReadingEnvironment, reading: CommandReading): Promise<TenantSnapshot> {
    const reader = directoryReader({
        endpoint: io.readFrom ?? reading.endpoint,
        environment: io.env,
        stackConfig: reading.stackConfig,
        ...(io.credential ? { credential: io.credential } : {}),
        ...(io.settings ? { settings: io.settings } : {}),
    });
    return readTenant(
        reader,
        { ...reading.options, ...(io.now ? { now: io.now } : {}) },
        reading.quiet ? undefined : io.progress?.(),
    );
}
