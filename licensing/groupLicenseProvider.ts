/**
 * The GroupLicense dynamic provider: assigns a license bundle's SKUs to a group through Microsoft
 * Graph (group-based licensing), reports the members Entra ID could not license, warns about
 * seats, and removes exactly the SKUs it added on delete.
 *
 * Pulumi runs it in its dynamic-provider host, a process of its own started in the project
 * directory; every GroupLicense's `__provider` is a small stub that loads this module from the
 * project (see providerStub.ts and groupLicenseEntry.js), so every resource runs this code. The
 * credential and the Graph clients are created in that process, on first use, from the environment
 * and the stack's `azuread:*` config (see credentials.ts), and all requests go through one
 * {@link GraphGate} per Graph endpoint (see graphGate.ts).
 *
 * Warnings go to the process's stderr as `warning: ...` lines. `pulumi.log` cannot reach the engine
 * from there: the host is given no engine address it dials (its `PULUMI_NODEJS_ENGINE` is unset, so
 * `@pulumi/pulumi/log` falls back to the console). The engine reads a dynamic provider's stderr line
 * by line and shows each line as a message of the update (pulumi/pulumi
 * sdk/go/common/resource/plugin/plugin.go: `runtrace`, `Diag.Infoerrf`, unscoped).
 */
import { setTimeout as sleep } from "node:timers/promises";
import type * as pulumi from "@pulumi/pulumi";
import type { TokenCredential } from "@azure/identity";
import { azureadSettingsFromStackConfig, credentialFor, Settings } from "./credentials";
import { AssignedLicense, GraphLicenseClient, GraphLicenseError, SkuLabeller } from "./graphClient";
import { Deadline, GraphGate } from "./graphGate";
import { licenseErrorWarning, MemberLicenseError, memberLicenseErrors } from "./licenseHealth";
import { ProviderSettings, providerSettingsFrom } from "./providerSettings";
import { isProviderStub } from "./providerStub";
import { SeatCheck, SeatLedger } from "./seats";
import { knownSkuById } from "./skuCatalogue";

/** What a GroupLicense is asked for. */
export interface GroupLicenseInputs {
    /** Object id of the group the SKUs are assigned to. */
    readonly groupId: string;
    /** The SKUs, each with the service plans switched off; sorted by skuId. */
    readonly licenses: readonly AssignedLicense[];
    /** Graph's base URL, e.g. `https://graph.microsoft.com`. */
    readonly graphEndpoint: string;
    /** The bundle's seats and the group's members, for the seat warnings; never a reason to update. */
    readonly seatCheck?: SeatCheck;
}

/** What a GroupLicense records in state. Holds no credential. */
export interface GroupLicenseOutputs extends GroupLicenseInputs {
    /**
     * The bundle's skuIds this resource added to the group, and so removes on delete. A bundle SKU
     * that was already on the group when this resource created it, or when the bundle gained it,
     * is not among them: it was assigned by someone else, and stays when this resource goes.
     * State written before this property existed counts as none.
     */
    readonly managedSkuIds: readonly string[];
    /**
     * Other SKUs on the group, outside the bundle, when it was last written or read (assigned by
     * hand or by another tool). They show up here as drift on `pulumi refresh`; this resource never
     * removes them.
     */
    readonly otherSkuIds: readonly string[];
    /** The group's `licenseProcessingState.state` when last read, e.g. `ProcessingComplete`. */
    readonly licenseProcessingState?: string;
    /** Members Entra ID could not license from this group, with the SKU and the error, when last read. */
    readonly membersWithLicenseErrors: readonly MemberLicenseError[];
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
    /** The environment the credential and the settings are read from; default `process.env`. */
    readonly environment?: Settings;
    /** Settings that replace those of the environment (see providerSettings.ts). */
    readonly settings?: Partial<ProviderSettings>;
    /** Where warnings go; by default a `warning: ...` line on stderr (see the module comment). */
    readonly warn?: (message: string) => void;
}

/**
 * Thrown when Graph may have applied a write whose answer was lost. Pulumi's dynamic-provider host
 * turns an error that carries `id` and `properties` into a partial failure (`ErrorResourceInitFailed`
 * in `@pulumi/pulumi/cmd/dynamic-provider`, `grpcResponseFromError`): the engine records the
 * resource with these properties, and the next `pulumi up` updates it even when nothing changed
 * ("initialization errors" get an update step: pulumi/pulumi pkg/resource/deploy/step_generator.go).
 * So the SKUs it may have added stay its own, and the update reconciles them with the group.
 */
export class AssignmentOutcomeUnknown extends Error {
    /** Recorded by the engine as the resource's initialization errors. */
    readonly reasons: string[];

    constructor(
        message: string,
        /** The resource's id. */
        readonly id: string,
        /** The state to record, `__provider` included (the host does not add it on this path). */
        readonly properties: Record<string, unknown>,
    ) {
        super(message);
        this.name = "AssignmentOutcomeUnknown";
        this.reasons = [message];
    }
}

/** Lower-cases, de-duplicates and sorts, so that equal bundles compare equal. */
export function normaliseLicenses(licenses: readonly AssignedLicense[]): AssignedLicense[] {
    const bySku = new Map<string, AssignedLicense>();
    for (const l of licenses) {
        const skuId = l.skuId.toLowerCase();
        bySku.set(skuId, {
            skuId,
            disabledPlans: [...new Set((l.disabledPlans ?? []).map((p) => p.toLowerCase()))].sort(),
        });
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

/**
 * Recorded state as this version reads it, whatever version wrote it: a missing `managedSkuIds`
 * (state written before it existed) counts as none, missing lists as empty.
 */
export function recordedState(props: Partial<GroupLicenseOutputs>): GroupLicenseOutputs {
    return {
        ...props,
        groupId: String(props.groupId),
        graphEndpoint: String(props.graphEndpoint),
        licenses: normaliseLicenses(props.licenses ?? []),
        managedSkuIds: props.managedSkuIds ?? [],
        otherSkuIds: props.otherSkuIds ?? [],
        membersWithLicenseErrors: props.membersWithLicenseErrors ?? [],
    };
}

/** A SKU as messages name it: `MICROSOFT_REMOTE_ASSIST (7a551360-…)`, or the bare skuId. */
export const skuLabel: SkuLabeller = (skuId) => {
    const known = knownSkuById(skuId);
    return known ? `${known.partNumber} (${skuId})` : skuId;
};

function isNotFound(e: unknown): boolean {
    return e instanceof GraphLicenseError && e.notFound;
}

/**
 * Whether a write failed without knowing whether Graph applied it: an attempt was sent and its
 * answer lost, and no retry succeeded. That includes a retry Graph refused because the first
 * attempt had been applied (assignLicense removing a SKU already removed: graphClient.ts).
 */
function outcomeUnknown(e: unknown): e is GraphLicenseError {
    return e instanceof GraphLicenseError && e.failure.outcome === "unknown";
}

/** Whether a group's licenses show `change` made: every SKU added there with its disabled plans, every SKU removed gone. */
function changeMade(current: readonly AssignedLicense[], change: LicenseChange): boolean {
    const have = new Map(current.map((l) => [l.skuId.toLowerCase(), l]));
    return (
        change.add.every((a) => {
            const h = have.get(a.skuId.toLowerCase());
            return h !== undefined && samePlans(h.disabledPlans, a.disabledPlans);
        }) && change.remove.every((s) => !have.has(s.toLowerCase()))
    );
}

/**
 * The waits between attempts while Entra ID replicates a new group, in seconds: 1, 2, 4, …, the
 * last one shortened so that they add up to exactly `totalSeconds` (60 s: 1, 2, 4, 8, 16, 29).
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
 * next of {@link replicationDelays} (seconds). The calls share the waits: the read and the
 * assignLicense of one create wait `totalSeconds` at most between them, and never past `deadline`.
 * Past that, the last 404 is the error.
 */
export function replicationRetry(
    totalSeconds: number,
    deadline?: Deadline,
): <T>(attempt: () => Promise<T>) => Promise<T> {
    const delays = replicationDelays(totalSeconds);
    return async (attempt) => {
        for (;;) {
            try {
                return await attempt();
            } catch (e) {
                const delay = delays.shift();
                if (!isNotFound(e) || delay === undefined || (deadline && Date.now() + delay * 1000 > deadline.at)) {
                    throw e;
                }
                await sleep(delay * 1000);
            }
        }
    };
}

/** skuIds of a list of licenses. */
function skuIdsOf(licenses: readonly AssignedLicense[]): string[] {
    return licenses.map((l) => l.skuId);
}

/**
 * `value` without its undefined properties: the dynamic-provider host turns results into protobuf
 * Structs, which reject undefined ("Unexpected struct type"), so Graph's `null` must not become one.
 */
function defined<T extends object>(value: T): T {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function messageOf(e: unknown): string {
    return e instanceof Error ? e.message : String(e);
}

function stderrWarning(message: string): void {
    process.stderr.write(`warning: ${message}\n`);
}

/**
 * Builds the provider. What it needs at run time is created inside its methods, on first use, and
 * kept for the rest of the process: one credential, and one Graph client and gate per endpoint.
 */
export function createGroupLicenseProvider(
    options: GroupLicenseProviderOptions = {},
): pulumi.dynamic.ResourceProvider<GroupLicenseInputs, GroupLicenseOutputs> {
    const environment = options.environment ?? process.env;
    const settings: ProviderSettings = { ...providerSettingsFrom(environment), ...options.settings };
    const warn = options.warn ?? stderrWarning;
    const cache: {
        credential?: TokenCredential;
        stackConfig: Settings;
        clients: Record<string, GraphLicenseClient>;
        ledgers: Record<string, Promise<SeatLedger | undefined>>;
        seatWarnings: Set<string>;
    } = { stackConfig: {}, clients: {}, ledgers: {}, seatWarnings: new Set() };

    const clientFor = (endpoint: string): GraphLicenseClient => {
        if (!cache.clients[endpoint]) {
            cache.credential ??= options.credential
                ? options.credential()
                : credentialFor(environment, cache.stackConfig);
            cache.clients[endpoint] = new GraphLicenseClient({
                endpoint,
                credential: cache.credential,
                gate: new GraphGate(settings),
                label: skuLabel,
            });
        }
        return cache.clients[endpoint];
    };

    /**
     * The tenant's subscriptions, read once per process and endpoint; undefined when unreadable.
     * Only a ledger is kept: after a failure (a 5xx past the first caller's bound, ...) the next
     * caller reads again. Callers at the same time share one read. Each failure's message is
     * warned once.
     */
    const seatLedger = (endpoint: string, deadline: Deadline): Promise<SeatLedger | undefined> => {
        const cached = cache.ledgers[endpoint];
        if (cached) {
            return cached;
        }
        const reading: Promise<SeatLedger | undefined> = clientFor(endpoint)
            .subscribedSkus(deadline)
            .then(
                (skus) => new SeatLedger(skus, skuLabel),
                (e: unknown) => {
                    if (cache.ledgers[endpoint] === reading) {
                        delete cache.ledgers[endpoint];
                    }
                    const message = `could not compare the license bundles with the tenant's seats: ${messageOf(e)}`;
                    if (!cache.seatWarnings.has(message)) {
                        cache.seatWarnings.add(message);
                        warn(message);
                    }
                    return undefined;
                },
            );
        cache.ledgers[endpoint] = reading;
        return reading;
    };

    /** Seat warnings for a bundle, and for the SKUs `adding` newly gives the group's members. */
    const checkSeats = async (
        inputs: GroupLicenseInputs,
        adding: readonly string[],
        deadline: Deadline,
    ): Promise<void> => {
        if (!inputs.seatCheck) {
            return;
        }
        const ledger = await seatLedger(inputs.graphEndpoint, deadline);
        const wanted = skuIdsOf(normaliseLicenses(inputs.licenses));
        const warnings = ledger
            ? [...ledger.declared(inputs.seatCheck, wanted), ...ledger.assign(inputs.groupId, inputs.seatCheck, adding)]
            : [];
        warnings.forEach(warn);
    };

    /**
     * The group's license processing state and its members with license errors, warning about each
     * error. Advisory: when Graph cannot say, it warns and keeps what `previous` recorded.
     */
    const health = async (
        client: GraphLicenseClient,
        groupId: string,
        deadline: Deadline,
        previous: Pick<GroupLicenseOutputs, "licenseProcessingState" | "membersWithLicenseErrors">,
        readState: boolean,
    ): Promise<Pick<GroupLicenseOutputs, "licenseProcessingState" | "membersWithLicenseErrors">> => {
        let state = previous.licenseProcessingState;
        if (readState) {
            try {
                state = (await client.group(groupId, deadline)).processingState;
            } catch (e) {
                warn(`license group ${groupId}: could not read its license processing state: ${messageOf(e)}`);
            }
        }
        try {
            const errors = memberLicenseErrors(groupId, await client.membersWithLicenseErrors(groupId, deadline));
            errors.forEach((e) => warn(licenseErrorWarning(groupId, e, skuLabel)));
            return { licenseProcessingState: state, membersWithLicenseErrors: errors };
        } catch (e) {
            warn(`license group ${groupId}: could not check its members' license errors: ${messageOf(e)}`);
            return { licenseProcessingState: state, membersWithLicenseErrors: previous.membersWithLicenseErrors };
        }
    };

    /**
     * After a write whose outcome is unknown, whether the group shows it made: one more read of
     * the group, bounded by one attempt's timeout, since the operation's own bound may have passed.
     * Entra ID replicates writes asynchronously, so the read may miss a change that was made: it
     * then says false, and the write stays of unknown outcome. A group Graph says is gone has
     * nothing left to remove.
     */
    const made = async (client: GraphLicenseClient, groupId: string, change: LicenseChange): Promise<boolean> => {
        try {
            return changeMade(
                (await client.group(groupId, new Deadline(settings.attemptTimeoutSeconds))).licenses,
                change,
            );
        } catch (e) {
            return isNotFound(e) && change.add.length === 0;
        }
    };

    /**
     * Sends `change` to the group; when Graph may have applied it though the answer was lost, reads
     * the group, and counts the write as done when the change is there. Otherwise fails with the
     * state to record, so that the resource keeps what it may own (see {@link AssignmentOutcomeUnknown}).
     */
    const write = async (
        client: GraphLicenseClient,
        groupId: string,
        change: LicenseChange,
        send: () => Promise<void>,
        id: string,
        properties: Record<string, unknown>,
    ) => {
        try {
            await send();
        } catch (e) {
            if (outcomeUnknown(e)) {
                if (await made(client, groupId, change)) {
                    return;
                }
                throw new AssignmentOutcomeUnknown(
                    `${e.message} Graph may have applied it before the answer was lost: the license assignment is recorded with the SKUs it asked for, and the next pulumi up reconciles them with the group.`,
                    id,
                    properties,
                );
            }
            throw e;
        }
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

        async diff(_id, oldProps, news) {
            const olds = recordedState(oldProps);
            const wanted = normaliseLicenses(news.licenses ?? []);
            const replaces = olds.groupId === news.groupId ? [] : ["groupId"];
            const change = licenseChange(olds.licenses, wanted, olds.managedSkuIds);
            // A SKU this resource added counts even when a refresh found it gone: the update then
            // forgets it, so that one assigned by hand later is not taken for this resource's own.
            const dropped = [...skuIdsOf(olds.licenses), ...olds.managedSkuIds].some(
                (s) => !wanted.some((l) => l.skuId === s),
            );
            // State written with the provider's whole code in `__provider` runs that old code on
            // refresh and delete until an update stores the stub; stubs themselves never differ.
            const legacyCode = !isProviderStub((oldProps as { __provider?: unknown }).__provider);
            const changes =
                replaces.length > 0 ||
                change.add.length > 0 ||
                dropped ||
                olds.graphEndpoint !== news.graphEndpoint ||
                legacyCode;
            return { changes, replaces, deleteBeforeReplace: false };
        },

        async create(inputs) {
            const deadline = new Deadline(settings.operationSeconds);
            const client = clientFor(inputs.graphEndpoint);
            const wanted = normaliseLicenses(inputs.licenses);
            const untilReplicated = replicationRetry(settings.replicationWaitSeconds, deadline);
            const before = await untilReplicated(() => client.group(inputs.groupId, deadline));
            const change = licenseChange(before.licenses, wanted, []);
            // A bundle SKU already on the group was assigned by someone else: not claimed, so that
            // delete leaves it (even when this resource changed its disabled plans).
            const beforeIds = skuIdsOf(before.licenses);
            const outs: GroupLicenseOutputs = {
                groupId: inputs.groupId,
                graphEndpoint: inputs.graphEndpoint,
                ...(inputs.seatCheck ? { seatCheck: inputs.seatCheck } : {}),
                // What was asked for, not read back: Entra ID replicates the write in the
                // background, and a read right after it can miss it.
                licenses: wanted,
                managedSkuIds: skuIdsOf(wanted).filter((s) => !beforeIds.includes(s)),
                otherSkuIds: beforeIds.filter((s) => !wanted.some((w) => w.skuId === s)),
                licenseProcessingState: before.processingState,
                membersWithLicenseErrors: [],
            };
            if (change.add.length > 0) {
                await checkSeats(
                    inputs,
                    skuIdsOf(change.add).filter((s) => !beforeIds.includes(s)),
                    deadline,
                );
                const provider = (inputs as { __provider?: unknown }).__provider;
                await write(
                    client,
                    inputs.groupId,
                    change,
                    () => untilReplicated(() => client.assignLicense(inputs.groupId, change.add, [], deadline)),
                    inputs.groupId,
                    defined({ ...outs, __provider: provider }),
                );
            }
            return {
                id: inputs.groupId,
                outs: defined({
                    ...outs,
                    ...(await health(client, inputs.groupId, deadline, outs, change.add.length > 0)),
                }),
            };
        },

        async read(id, props) {
            if (!props) {
                throw new Error(`GroupLicense ${id} has no recorded state to refresh from.`);
            }
            const state = recordedState(props);
            const deadline = new Deadline(settings.operationSeconds);
            const client = clientFor(state.graphEndpoint);
            let group;
            try {
                group = await client.group(state.groupId, deadline);
            } catch (e) {
                // Only "not found" means the group is gone, and its license assignment with it; any
                // other failure (403, a 5xx past the bound) fails the refresh and keeps the state.
                if (isNotFound(e)) {
                    return { id: "" };
                }
                throw e;
            }
            const bundle = new Set([...state.managedSkuIds, ...skuIdsOf(state.licenses)]);
            const current = skuIdsOf(group.licenses);
            if (state.seatCheck) {
                const ledger = await seatLedger(state.graphEndpoint, deadline);
                ledger?.declared(state.seatCheck, [...bundle].sort()).forEach(warn);
            }
            const checked = await health(
                client,
                state.groupId,
                deadline,
                { ...state, licenseProcessingState: group.processingState },
                false,
            );
            const outs: GroupLicenseOutputs = {
                ...state,
                licenses: normaliseLicenses(group.licenses.filter((l) => bundle.has(l.skuId))),
                otherSkuIds: current.filter((s) => !bundle.has(s)),
                ...checked,
            };
            return { id, props: defined(outs) };
        },

        async update(id, oldProps, news) {
            const olds = recordedState(oldProps);
            const deadline = new Deadline(settings.operationSeconds);
            const client = clientFor(news.graphEndpoint);
            const wanted = normaliseLicenses(news.licenses);
            // Read first, so that only what differs is sent and nothing missing is removed.
            const current = await client.group(news.groupId, deadline);
            const change = licenseChange(current.licenses, wanted, olds.managedSkuIds);
            // Still ours: what this resource added before and the bundle still has. Newly ours: what
            // it adds now because the group lacked it. A SKU the bundle gained while it was already
            // on the group stays someone else's.
            const currentIds = skuIdsOf(current.licenses);
            const managedSkuIds = skuIdsOf(wanted).filter(
                (s) => olds.managedSkuIds.includes(s) || !currentIds.includes(s),
            );
            const outs: GroupLicenseOutputs = {
                groupId: news.groupId,
                graphEndpoint: news.graphEndpoint,
                ...(news.seatCheck ? { seatCheck: news.seatCheck } : {}),
                licenses: wanted,
                managedSkuIds,
                otherSkuIds: currentIds.filter((s) => !wanted.some((w) => w.skuId === s) && !change.remove.includes(s)),
                licenseProcessingState: current.processingState,
                membersWithLicenseErrors: olds.membersWithLicenseErrors,
            };
            const writing = change.add.length > 0 || change.remove.length > 0;
            if (writing) {
                await checkSeats(
                    news,
                    skuIdsOf(change.add).filter((s) => !currentIds.includes(s)),
                    deadline,
                );
                // Should the answer be lost, the SKUs being removed may still be on the group: they
                // stay this resource's own until an update sees them gone.
                const unknownState = {
                    ...outs,
                    managedSkuIds: [...new Set([...managedSkuIds, ...change.remove])].sort(),
                    __provider: (news as { __provider?: unknown }).__provider,
                };
                await write(
                    client,
                    news.groupId,
                    change,
                    () => client.assignLicense(news.groupId, change.add, change.remove, deadline),
                    id,
                    defined(unknownState),
                );
            }
            return { outs: defined({ ...outs, ...(await health(client, news.groupId, deadline, outs, writing)) }) };
        },

        async delete(_id, props) {
            const state = recordedState(props);
            const deadline = new Deadline(settings.operationSeconds);
            const client = clientFor(state.graphEndpoint);
            let current;
            try {
                current = await client.group(state.groupId, deadline);
            } catch (e) {
                // Only "not found" means there is nothing left to remove; see read.
                if (isNotFound(e)) {
                    return;
                }
                throw e;
            }
            const remove = licenseChange(current.licenses, [], state.managedSkuIds).remove;
            if (remove.length === 0) {
                return;
            }
            try {
                await client.assignLicense(state.groupId, [], remove, deadline);
            } catch (e) {
                if (isNotFound(e)) {
                    return;
                }
                if (outcomeUnknown(e)) {
                    if (await made(client, state.groupId, { add: [], remove })) {
                        return;
                    }
                    throw new Error(
                        `${e.message} Graph may have removed them before the answer was lost: the license assignment stays in the stack, and the next pulumi destroy or up reads the group again and removes what is left.`,
                    );
                }
                throw e;
            }
        },
    };
}
