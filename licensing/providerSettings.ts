/**
 * The GroupLicense provider's pacing and time bounds, from the environment of the process Pulumi
 * runs it in (the environment `pulumi up` was started with), like the `ARM_*` sign-in settings.
 * Every variable is optional; an invalid value fails the deployment naming the variable.
 */
import { DEFAULT_GATE_SETTINGS, GateSettings } from "./graphGate";

/** Everything the provider's timing depends on. */
export interface ProviderSettings extends GateSettings {
    /**
     * Seconds one create, update, read or delete may take in all: waiting for a turn, every
     * request and retry, and the wait for a new group to replicate.
     */
    readonly operationSeconds: number;
    /**
     * Seconds a create waits, in total, for a group Graph does not find yet: a group created
     * moments ago may not have replicated to every Entra ID replica.
     */
    readonly replicationWaitSeconds: number;
}

/** The defaults. */
export const DEFAULT_PROVIDER_SETTINGS: ProviderSettings = Object.freeze({
    ...DEFAULT_GATE_SETTINGS,
    operationSeconds: 600,
    replicationWaitSeconds: 60,
});

/** The variable of each setting, in the order the README lists them. */
export const SETTING_VARIABLES: Readonly<Record<keyof ProviderSettings, string>> = Object.freeze({
    concurrency: "RA_GRAPH_CONCURRENCY",
    attemptTimeoutSeconds: "RA_GRAPH_ATTEMPT_TIMEOUT",
    operationSeconds: "RA_GRAPH_OPERATION_TIMEOUT",
    replicationWaitSeconds: "RA_GRAPH_REPLICATION_WAIT",
    backoffSeconds: "RA_GRAPH_BACKOFF",
    maxBackoffSeconds: "RA_GRAPH_BACKOFF_MAX",
    holdJitter: "RA_GRAPH_HOLD_JITTER",
});

/** Settings from `env`, each variable that is set replacing its default. */
export function providerSettingsFrom(env: Readonly<Record<string, string | undefined>>): ProviderSettings {
    const settings: Record<string, number> = { ...DEFAULT_PROVIDER_SETTINGS };
    const problems: string[] = [];
    for (const [key, variable] of Object.entries(SETTING_VARIABLES)) {
        const raw = env[variable]?.trim();
        if (raw === undefined || raw === "") {
            continue;
        }
        const value = Number(raw);
        if (key === "concurrency") {
            if (!Number.isInteger(value) || value < 1) {
                problems.push(`${variable} must be a whole number of requests, at least 1; got "${raw}"`);
                continue;
            }
        } else if (key === "holdJitter" || key === "replicationWaitSeconds") {
            if (!Number.isFinite(value) || value < 0) {
                const what = key === "holdJitter" ? "a share of Retry-After" : "a number of seconds";
                problems.push(
                    `${variable} must be ${what}, 0 or more${key === "holdJitter" ? " (e.g. 0.2)" : ""}; got "${raw}"`,
                );
                continue;
            }
        } else if (!Number.isFinite(value) || value <= 0) {
            problems.push(`${variable} must be a number of seconds above 0; got "${raw}"`);
            continue;
        }
        settings[key] = value;
    }
    if (problems.length > 0) {
        throw new Error(
            `The license assignment's Graph settings are invalid: ${problems.join("; ")}. Unset them to use the defaults.`,
        );
    }
    return settings as unknown as ProviderSettings;
}
