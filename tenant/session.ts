/**
 * The Graph reader `npm run adopt` and `npm run audit` use: signed in the way the azuread provider
 * and the license assignment are (licensing/credentials.ts: the stack's `azuread:*` config, else the
 * `ARM_*` variables), to the stack's `graphEndpoint`, through a {@link GraphGate} with the license
 * assignment's settings (`RA_GRAPH_*`, licensing/providerSettings.ts).
 */
import type { TokenCredential } from "@azure/identity";
import { azureadSettingsFromStackConfig, credentialFor, Settings } from "../licensing/credentials";
import { GraphGate } from "../licensing/graphGate";
import { ProviderSettings, providerSettingsFrom } from "../licensing/providerSettings";
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
