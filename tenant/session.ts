/**
 * The Graph reader `npm run adopt` and `npm run audit` use: signed in the way the azuread provider
 * and the license assignment are (licensing/credentials.ts: the stack's `azuread:*` config, else the
 * `ARM_*` variables), to the stack's `graphEndpoint`, through a {@link GraphGate} with the license
 * assignment's settings (`RA_GRAPH_*`, licensing/providerSettings.ts); and the reading both commands
 * do with it, from what their environment gives them.
 */
import type { TokenCredential } from "@azure/identity";
import { azureadSettingsFromStackConfig, credentialFor, Settings } from "../licensing/credentials";
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

/** The reader for `options`; throws naming the setting when the sign-in settings cannot be followed. */
export function directoryReader(options: SessionOptions): DirectoryReader {
    const settings: ProviderSettings = { ...providerSettingsFrom(options.environment), ...options.settings };
    const stackConfig = options.stackConfig ?? {};
    const credential =
        options.credential ??
        credentialFor(options.environment, azureadSettingsFromStackConfig({ get: (key) => stackConfig[key] }));
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
