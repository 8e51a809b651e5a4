/**
 * The GroupLicense dynamic provider: assigns a license bundle's SKUs to a group through Microsoft
 * Graph (group-based licensing), and removes exactly those SKUs again on delete.
 *
 * Pulumi runs this module in a process of its own, from the text `providerBundle.ts` builds and
 * every GroupLicense carries in its state. So it imports only packages (required on first use) and
 * the modules bundled with it, and creates the credential and the Graph client in that process,
 * on first use, from the environment.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { TokenCredential } from "@azure/identity";
import { credentialFromEnvironment } from "./credentials";
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
    /** The skuIds this resource assigned, and so removes on delete. */
    readonly managedSkuIds: readonly string[];
    /**
     * Other SKUs on the group when it was last written or read (assigned by hand or by another
     * tool). They show up here as drift on `pulumi refresh`; this resource never removes them.
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
    /** The credential; by default built from the `ARM_*` variables in the provider's process. */
    readonly credential?: () => TokenCredential;
    /** Retries per request at most (default 10). */
    readonly maxRetries?: number;
    /** Seconds a request may spend waiting between retries, in total (default 300). */
    readonly maxRetryWaitSeconds?: number;
    /**
     * Seconds create waits, in total, for a group Graph does not find yet (default 60): a group
     * created moments ago may not have replicated to every Entra ID replica.
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

/**
 * Calls `attempt` until it stops failing with 404, waiting 1, 2, 4… seconds in between, for at
 * most `waitSeconds` in total; then fails with the last 404.
 */
export async function untilReplicated<T>(attempt: () => Promise<T>, waitSeconds: number): Promise<T> {
    let waited = 0;
    for (let delay = 1; ; delay *= 2) {
        try {
            return await attempt();
        } catch (e) {
            if (!isNotFound(e) || waited + delay > waitSeconds) {
                throw e;
            }
            await new Promise((resolve) => setTimeout(resolve, delay * 1000));
            waited += delay;
        }
    }
}

/**
 * Builds the provider. What it needs at run time is created inside its methods, on first use, and
 * kept for the rest of the process: one credential, and one Graph client per endpoint.
 */
export function createGroupLicenseProvider(
    options: GroupLicenseProviderOptions = {},
): pulumi.dynamic.ResourceProvider<GroupLicenseInputs, GroupLicenseOutputs> {
    const cache: { credential?: TokenCredential; clients: Record<string, GraphLicenseClient> } = { clients: {} };
    const clientFor = (endpoint: string): GraphLicenseClient => {
        if (!cache.clients[endpoint]) {
            cache.credential ??= options.credential ? options.credential() : credentialFromEnvironment();
            cache.clients[endpoint] = new GraphLicenseClient({
                endpoint,
                credential: cache.credential,
                maxRetries: options.maxRetries,
                maxRetryWaitSeconds: options.maxRetryWaitSeconds,
                onRetry: options.onRetry,
            });
        }
        return cache.clients[endpoint];
    };

    return {
        async check(_olds, news) {
            return { inputs: { ...news, licenses: normaliseLicenses(news.licenses ?? []) } };
        },

        async diff(_id, olds, news) {
            const replaces = olds.groupId === news.groupId ? [] : ["groupId"];
            const change = licenseChange(olds.licenses, news.licenses, olds.managedSkuIds);
            const dropped = olds.managedSkuIds.some((s) => !news.licenses.some((l) => l.skuId === s));
            const changes =
                replaces.length > 0 || change.add.length > 0 || dropped || olds.graphEndpoint !== news.graphEndpoint;
            return { changes, replaces, deleteBeforeReplace: false };
        },

        async create(inputs) {
            const client = clientFor(inputs.graphEndpoint);
            const wanted = normaliseLicenses(inputs.licenses);
            const before = await untilReplicated(
                () => client.assignedLicenses(inputs.groupId, skuLabel),
                options.replicationWaitSeconds ?? 60,
            );
            await client.assignLicense(inputs.groupId, wanted, [], skuLabel);
            const managedSkuIds = wanted.map((l) => l.skuId);
            // What was asked for, not read back: Entra ID replicates the write in the background, and
            // a read right after it can miss it.
            const outs: GroupLicenseOutputs = {
                groupId: inputs.groupId,
                graphEndpoint: inputs.graphEndpoint,
                licenses: wanted,
                managedSkuIds,
                otherSkuIds: before.map((l) => l.skuId).filter((s) => !managedSkuIds.includes(s)),
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
            const managed = new Set(props.managedSkuIds);
            const outs: GroupLicenseOutputs = {
                ...props,
                licenses: normaliseLicenses(current.filter((l) => managed.has(l.skuId))),
                otherSkuIds: current.map((l) => l.skuId).filter((s) => !managed.has(s)),
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
            const managedSkuIds = wanted.map((l) => l.skuId);
            const outs: GroupLicenseOutputs = {
                groupId: news.groupId,
                graphEndpoint: news.graphEndpoint,
                licenses: wanted,
                managedSkuIds,
                otherSkuIds: current
                    .map((l) => l.skuId)
                    .filter((s) => !managedSkuIds.includes(s) && !change.remove.includes(s)),
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
