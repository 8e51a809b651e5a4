/**
 * The GroupLicense dynamic provider: assigns a license bundle's SKUs to a group through Microsoft
 * Graph (group-based licensing), and removes exactly those SKUs again on delete.
 *
 * Pulumi runs this module in a process of its own, from the text `providerBundle.ts` builds and
 * every GroupLicense carries in its state. So it imports only packages (required on first use) and
 * the modules bundled with it, and creates the credential and the Graph client in that process,
 * on first use, from the environment and the stack's `azuread:*` config (see credentials.ts).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { TokenCredential } from "@azure/identity";
import { azureadSettingsFromStackConfig, credentialFor, Settings } from "./credentials";
import { AssignedLicense, GraphLicenseClient, GraphLicenseError, RetryEvent, SkuLabeller } from "./graphClient";
import { knownSkuById } from "./skuCatalogue";

/** What a GroupLicense is asked for. */
export interface GroupLicenseInputs {
    /** Object id of the group the SKUs are assigned to. */
    readonly groupId: string;
    /** The SKUs, each with the service plans switched off; sorted by skuId. */
    readonly licenses: readonly AssignedLicense[];
    /** Graph's base URL, e.g. `https://graph.microsoft.com`. */
    readonly graphEndpoint: string;
}

/** What a GroupLicense records in state. Holds no credential. */
export interface GroupLicenseOutputs extends GroupLicenseInputs {
    /**
     * The bundle's skuIds this resource added to the group, and so removes on delete. A bundle SKU
     * that was already on the group when this resource created it, or when the bundle gained it,
     * is not among them: it was assigned by someone else, and stays when this resource goes.
     */
    readonly managedSkuIds: readonly string[];
    /**
     * Other SKUs on the group, outside the bundle, when it was last written or read (assigned by
     * hand or by another tool). They show up here as drift on `pulumi refresh`; this resource never
     * removes them.
     */
    readonly otherSkuIds: readonly string[];
}

/** What has to change on a group to go from what it has to what is wanted. */
export interface LicenseChange {
    /** SKUs to add, or to re-add with other disabled plans. */
    readonly add: readonly AssignedLicense[];
    /** skuIds to remove. */
    readonly remove: readonly string[];
}

/** Options of {@link createGroupLicenseProvider}; tests use them, deployments use the defaults. */
export interface GroupLicenseProviderOptions {
    /**
     * The credential; by default chosen from {@link environment} and the stack's `azuread:*`
     * config the way the azuread provider chooses its own (see credentials.ts).
     */
    readonly credential?: () => TokenCredential;
    /** The environment variables the credential is chosen from; default `process.env`. */
    readonly environment?: Settings;
    /** Retries per request at most (default 10). */
    readonly maxRetries?: number;
    /** Seconds a request may take in all, attempts and waits, before it gives up (default 300). */
    readonly maxRequestSeconds?: number;
    /**
     * Seconds create waits, in total, for a group Graph does not find yet (default 60): a group
     * created moments ago may not have replicated to every Entra ID replica, for the read or for
     * the assignLicense that follows it.
     */
    readonly replicationWaitSeconds?: number;
    /** Called before each retry. */
    readonly onRetry?: (event: RetryEvent) => void;
}

/** Lower-cases, de-duplicates and sorts, so that equal bundles compare equal. */
export function normaliseLicenses(licenses: readonly AssignedLicense[]): AssignedLicense[] {
    const bySku = new Map<string, AssignedLicense>();
    for (const l of licenses) {
        const skuId = l.skuId.toLowerCase();
        bySku.set(skuId, { skuId, disabledPlans: [...new Set(l.disabledPlans.map((p) => p.toLowerCase()))].sort() });
    }
    return [...bySku.values()].sort((a, b) => a.skuId.localeCompare(b.skuId));
}

function samePlans(a: readonly string[], b: readonly string[]): boolean {
    const x = new Set(a.map((p) => p.toLowerCase()));
    const y = new Set(b.map((p) => p.toLowerCase()));
    return x.size === y.size && [...x].every((p) => y.has(p));
}

/**
 * The change from `current` to `wanted`, touching only what differs: a SKU is added when missing or
 * when its disabled plans differ (Graph replaces them in place), and removed when it is among
 * `removable` and no longer wanted. SKUs outside `removable` are never removed.
 */
export function licenseChange(
    current: readonly AssignedLicense[],
    wanted: readonly AssignedLicense[],
    removable: readonly string[],
): LicenseChange {
    const have = new Map(current.map((l) => [l.skuId.toLowerCase(), l]));
    const want = new Set(wanted.map((l) => l.skuId.toLowerCase()));
    const add = normaliseLicenses(wanted).filter((w) => {
        const h = have.get(w.skuId);
        return h === undefined || !samePlans(h.disabledPlans, w.disabledPlans);
    });
    const remove = [...new Set(removable.map((s) => s.toLowerCase()))]
        .filter((s) => have.has(s) && !want.has(s))
        .sort();
    return { add, remove };
}

/** A SKU as messages name it: `MICROSOFT_REMOTE_ASSIST (7a551360-…)`, or the bare skuId. */
export const skuLabel: SkuLabeller = (skuId) => {
    const known = knownSkuById(skuId);
    return known ? `${known.partNumber} (${skuId})` : skuId;
};

function isNotFound(e: unknown): boolean {
    return e instanceof GraphLicenseError && e.failure.status === 404;
}

/** The default of {@link GroupLicenseProviderOptions.replicationWaitSeconds}. */
export const REPLICATION_WAIT_SECONDS = 60;

/**
 * The waits between attempts while Entra ID replicates a new group: 1, 2, 4, … seconds, the last
 * one shortened so that they add up to exactly `totalSeconds` (60 s: 1, 2, 4, 8, 16, 29).
 */
export function replicationDelays(totalSeconds: number): number[] {
    const delays: number[] = [];
    let left = totalSeconds;
    for (let next = 1; left > 0; next *= 2) {
        const delay = Math.min(next, left);
        delays.push(delay);
        left -= delay;
    }
    return delays;
}

/**
 * Runs Graph calls that may fail with 404 while a new group replicates, retrying each after the
 * next of {@link replicationDelays}. The calls share the waits: the read and the assignLicense of
 * one create wait `totalSeconds` at most between them. Past that, the last 404 is the error.
 */
export function replicationRetry(totalSeconds: number): <T>(attempt: () => Promise<T>) => Promise<T> {
    const delays = replicationDelays(totalSeconds);
    return async (attempt) => {
        for (;;) {
            try {
                return await attempt();
            } catch (e) {
                const delay = delays.shift();
                if (!isNotFound(e) || delay === undefined) {
                    throw e;
                }
                await new Promise((resolve) => setTimeout(resolve, delay * 1000));
            }
        }
    };
}

/** skuIds of a list of licenses. */
function skuIdsOf(licenses: readonly AssignedLicense[]): string[] {
    return licenses.map((l) => l.skuId);
}

/**
 * Builds the provider. What it needs at run time is created inside its methods, on first use, and
 * kept for the rest of the process: one credential, and one Graph client per endpoint.
 */
export function createGroupLicenseProvider(
    options: GroupLicenseProviderOptions = {},
): pulumi.dynamic.ResourceProvider<GroupLicenseInputs, GroupLicenseOutputs> {
    const cache: {
        credential?: TokenCredential;
        stackConfig: Settings;
        clients: Record<string, GraphLicenseClient>;
    } = { stackConfig: {}, clients: {} };
    const clientFor = (endpoint: string): GraphLicenseClient => {
        if (!cache.clients[endpoint]) {
            cache.credential ??= options.credential
                ? options.credential()
                : credentialFor(options.environment ?? process.env, cache.stackConfig);
            cache.clients[endpoint] = new GraphLicenseClient({
                endpoint,
                credential: cache.credential,
                maxRetries: options.maxRetries,
                maxRequestSeconds: options.maxRequestSeconds,
                onRetry: options.onRetry,
            });
        }
        return cache.clients[endpoint];
    };

    return {
        // Pulumi's dynamic-provider host calls this once, before any other method, with the whole
        // stack config (namespaces kept), so azuread set up through `azuread:*` config is seen here.
        async configure(req) {
            cache.stackConfig = azureadSettingsFromStackConfig(req.config);
        },

        async check(_olds, news) {
            return { inputs: { ...news, licenses: normaliseLicenses(news.licenses ?? []) } };
        },

        async diff(_id, olds, news) {
            const replaces = olds.groupId === news.groupId ? [] : ["groupId"];
            const change = licenseChange(olds.licenses, news.licenses, olds.managedSkuIds);
            // A SKU this resource added counts even when a refresh found it gone: the update then
            // forgets it, so that one assigned by hand later is not taken for this resource's own.
            const dropped = [...skuIdsOf(olds.licenses), ...olds.managedSkuIds].some(
                (s) => !news.licenses.some((l) => l.skuId === s),
            );
            const changes =
                replaces.length > 0 || change.add.length > 0 || dropped || olds.graphEndpoint !== news.graphEndpoint;
            return { changes, replaces, deleteBeforeReplace: false };
        },

        async create(inputs) {
            const client = clientFor(inputs.graphEndpoint);
            const wanted = normaliseLicenses(inputs.licenses);
            const untilReplicated = replicationRetry(options.replicationWaitSeconds ?? REPLICATION_WAIT_SECONDS);
            const before = await untilReplicated(() => client.assignedLicenses(inputs.groupId, skuLabel));
            const change = licenseChange(before, wanted, []);
            if (change.add.length > 0) {
                await untilReplicated(() => client.assignLicense(inputs.groupId, change.add, [], skuLabel));
            }
            // A bundle SKU already on the group was assigned by someone else: not claimed, so that
            // delete leaves it (even when this resource changed its disabled plans).
            const beforeIds = skuIdsOf(before);
            const outs: GroupLicenseOutputs = {
                groupId: inputs.groupId,
                graphEndpoint: inputs.graphEndpoint,
                // What was asked for, not read back: Entra ID replicates the write in the
                // background, and a read right after it can miss it.
                licenses: wanted,
                managedSkuIds: skuIdsOf(wanted).filter((s) => !beforeIds.includes(s)),
                otherSkuIds: beforeIds.filter((s) => !wanted.some((w) => w.skuId === s)),
            };
            return { id: inputs.groupId, outs };
        },

        async read(id, props) {
            if (!props) {
                throw new Error(`GroupLicense ${id} has no recorded state to refresh from.`);
            }
            let current: AssignedLicense[];
            try {
                current = await clientFor(props.graphEndpoint).assignedLicenses(props.groupId, skuLabel);
            } catch (e) {
                // The group is gone, and its license assignment with it.
                if (isNotFound(e)) {
                    return { id: "" };
                }
                throw e;
            }
            const bundle = new Set([...props.managedSkuIds, ...skuIdsOf(props.licenses)]);
            const outs: GroupLicenseOutputs = {
                ...props,
                licenses: normaliseLicenses(current.filter((l) => bundle.has(l.skuId))),
                otherSkuIds: skuIdsOf(current).filter((s) => !bundle.has(s)),
            };
            return { id, props: outs };
        },

        async update(_id, olds, news) {
            const client = clientFor(news.graphEndpoint);
            const wanted = normaliseLicenses(news.licenses);
            // Read first, so that only what differs is sent and nothing missing is removed.
            const current = await client.assignedLicenses(news.groupId, skuLabel);
            const change = licenseChange(current, wanted, olds.managedSkuIds);
            if (change.add.length > 0 || change.remove.length > 0) {
                await client.assignLicense(news.groupId, change.add, change.remove, skuLabel);
            }
            // Still ours: what this resource added before and the bundle still has. Newly ours: what
            // it adds now because the group lacked it. A SKU the bundle gained while it was already
            // on the group stays someone else's.
            const currentIds = skuIdsOf(current);
            const managedSkuIds = skuIdsOf(wanted).filter(
                (s) => olds.managedSkuIds.includes(s) || !currentIds.includes(s),
            );
            const outs: GroupLicenseOutputs = {
                groupId: news.groupId,
                graphEndpoint: news.graphEndpoint,
                licenses: wanted,
                managedSkuIds,
                otherSkuIds: currentIds.filter((s) => !wanted.some((w) => w.skuId === s) && !change.remove.includes(s)),
            };
            return { outs };
        },

        async delete(_id, props) {
            const client = clientFor(props.graphEndpoint);
            let current: AssignedLicense[];
            try {
                current = await client.assignedLicenses(props.groupId, skuLabel);
            } catch (e) {
                if (isNotFound(e)) {
                    return;
                }
                throw e;
            }
            const remove = licenseChange(current, [], props.managedSkuIds).remove;
            if (remove.length > 0) {
                await client.assignLicense(props.groupId, [], remove, skuLabel);
            }
        },
    };
}
