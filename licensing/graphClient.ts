/**
 * The Microsoft Graph requests group-based licensing needs, each sent through the process's
 * {@link GraphGate}: read a group's licenses and license processing state, assign or remove
 * licenses, list the members with license errors, and list the tenant's subscribed SKUs.
 *
 * Errors say what was being done (which group, which SKUs), what Graph answered, and what to do.
 */
import type { AccessToken, TokenCredential } from "@azure/identity";
import { Deadline, GraphFailure, GraphGate, GraphRequestError, describeRequestFailure } from "./graphGate";
import type { SubscribedSku } from "./seats";

/** A license on a group as Graph reports and accepts it (`assignedLicense`). */
export interface AssignedLicense {
    /** The SKU's GUID, lower-case. */
    readonly skuId: string;
    /** Service-plan GUIDs switched off, lower-case. */
    readonly disabledPlans: readonly string[];
}

/** What a group's licensing looks like to Graph. */
export interface GroupLicensing {
    readonly licenses: AssignedLicense[];
    /**
     * `licenseProcessingState.state`: `QueuedForProcessing`, `ProcessingInProgress` or
     * `ProcessingComplete` (Graph, group resource, "Returned only on $select"); undefined when absent.
     */
    readonly processingState?: string;
}

/** One license assignment of a user (`licenseAssignmentState`). */
export interface LicenseAssignmentState {
    readonly skuId?: string;
    /** The group it is inherited from; null when assigned directly. */
    readonly assignedByGroup?: string | null;
    /** `Active`, `ActiveWithError`, `Disabled` or `Error`. */
    readonly state?: string;
    /** `CountViolation`, `MutuallyExclusiveViolation`, ..., or null when assigned successfully. */
    readonly error?: string | null;
}

/** A member of a group whose license assignment failed. */
export interface MemberWithLicenseErrors {
    readonly id: string;
    readonly userPrincipalName?: string;
    /** Absent when the identity may not read users' license states (User.Read.All). */
    readonly licenseAssignmentStates?: readonly LicenseAssignmentState[];
}

/** What was being done when Graph failed, for the error message. */
export interface GraphOperation {
    readonly action: "read" | "assign" | "remove" | "health" | "seats";
    /** Object id of the group (empty for the tenant's SKUs). */
    readonly groupId: string;
    /** skuIds involved (empty for reads). */
    readonly skuIds: readonly string[];
}

/**
 * Graph's `error.code` for a directory object that does not exist: a missing group (or user) is
 * answered `404` with `{"error":{"code":"Request_ResourceNotFound","message":"Resource '<id>' does
 * not exist or one of its queried reference-property objects are not present.", ...}}`
 * (microsoftgraph/microsoft-graph-docs-contrib#4847, a deleted group; #6431; errors come as a JSON
 * error object with `code` and `message`: Microsoft Graph, "Microsoft Graph error responses and
 * resource types", https://learn.microsoft.com/graph/errors). A 404 without it (a proxy, a
 * graphEndpoint that is not Graph) says nothing about the group.
 */
const GRAPH_NOT_FOUND_CODE = "Request_ResourceNotFound";

/** Whether a failure is Graph saying the object asked for does not exist: a 404 with {@link GRAPH_NOT_FOUND_CODE}. */
export function isGraphNotFound(failure: GraphFailure): boolean {
    return failure.status === 404 && failure.boundSeconds === undefined && failure.code === GRAPH_NOT_FOUND_CODE;
}

/** A Graph request that failed; the message names the group, the SKUs, the request and Graph's answer. */
export class GraphLicenseError extends Error {
    constructor(
        message: string,
        /** What failed and how. */
        readonly failure: GraphFailure,
    ) {
        super(message);
        this.name = "GraphLicenseError";
    }

    /** Whether Graph said the group does not exist (see {@link isGraphNotFound}). */
    get notFound(): boolean {
        return isGraphNotFound(this.failure);
    }
}

/** A label for a SKU in messages: its part number when the catalogue knows it, and its skuId. */
export type SkuLabeller = (skuId: string) => string;

/** Tokens are renewed this long before they expire. */
const TOKEN_RENEWAL_MS = 2 * 60 * 1000;

/**
 * The message for a failed Graph request: what was attempted on which group and SKUs, the
 * request and Graph's answer, and what to do about the failures people actually meet. `origin`
 * (`https://graph.microsoft.com`) names where a 404 that is not Graph's came from.
 */
export function describeGraphFailure(
    op: GraphOperation,
    failure: GraphFailure,
    label: SkuLabeller,
    origin = "the graphEndpoint",
): string {
    const skus = op.skuIds.map(label).join(", ");
    const what = {
        read: `read the licenses of license group ${op.groupId}`,
        assign: `assign ${skus} to license group ${op.groupId}`,
        remove: `remove ${skus} from license group ${op.groupId}`,
        health: `list the members with license errors of license group ${op.groupId}`,
        seats: `read the tenant's subscribed SKUs`,
    }[op.action];
    if (failure.boundSeconds !== undefined) {
        // The same operation runs in pulumi up, refresh, destroy or import: the command is not known here.
        return `Microsoft Graph did not ${what} in time: ${describeRequestFailure(failure)}. Run it again later.`;
    }
    return `Microsoft Graph could not ${what}: ${describeRequestFailure(failure)}.${adviceFor(op, failure, origin)}`;
}

/** The advice for a 404 that does not carry Graph's {@link GRAPH_NOT_FOUND_CODE}: it came from somewhere else. */
export function notGraphNotFoundAdvice(origin: string, failure: GraphFailure): string {
    return ` A 404 without Graph's error code ${GRAPH_NOT_FOUND_CODE} does not say that the object is gone: check that ${origin}${failure.path} reaches Microsoft Graph (graphEndpoint ${origin}), not a proxy or another service.`;
}

function adviceFor(op: GraphOperation, failure: GraphFailure, origin: string): string {
    if (failure.status === 401) {
        return " The token was rejected: check ARM_TENANT_ID and ARM_CLIENT_ID (or your az login) and that graphEndpoint matches the identity's cloud.";
    }
    if (failure.status === 403) {
        switch (op.action) {
            case "read":
                return " The identity running the stack needs the Microsoft Graph permission Group.Read.All (Group.ReadWrite.All, which the license groups already need, includes it).";
            case "health":
                return " The identity running the stack needs GroupMember.Read.All (or Group.Read.All) to list members with license errors, and User.Read.All to read their license states.";
            case "seats":
                return " The identity running the stack needs Organization.Read.All (or LicenseAssignment.Read.All) to read the tenant's subscribed SKUs.";
            default:
                return " The identity running the stack needs the Microsoft Graph application permission LicenseAssignment.ReadWrite.All with admin consent (Group.ReadWrite.All or Directory.ReadWrite.All also allow it); a signed-in user needs at least the License Administrator role.";
        }
    }
    if (failure.status === 404 && !isGraphNotFound(failure)) {
        return notGraphNotFoundAdvice(origin, failure);
    }
    if (failure.status === 404 && op.groupId) {
        return " The group does not exist: if it was deleted by hand, run pulumi refresh and pulumi up to recreate it; if it was created moments ago, Entra ID may not have replicated it yet, so run pulumi up again.";
    }
    if (/does not correspond to a valid company License/i.test(failure.message ?? "")) {
        return " The tenant has no subscription with this skuId: check the SKU in licenses, and the tenant's products in the Microsoft 365 admin center (Billing > Your products) or GET /v1.0/subscribedSkus.";
    }
    return "";
}

/**
 * One access token for every request until shortly before it expires, so a credential that
 * shells out (`az account get-access-token`, which keeps no cache) runs once, not once per request.
 * The token only ever goes into the `Authorization` header of requests to the configured origin.
 */
export class TokenSource {
    private token?: Promise<AccessToken>;

    constructor(
        private readonly credential: TokenCredential,
        private readonly scope: string,
    ) {}

    async get(): Promise<string> {
        const current = this.token;
        if (current) {
            const t = await current.catch(() => undefined);
            if (t && t.expiresOnTimestamp - Date.now() > TOKEN_RENEWAL_MS) {
                return t.token;
            }
            if (this.token !== current) {
                return this.get();
            }
        }
        const fresh = this.credential.getToken(this.scope).then((t) => {
            if (!t) {
                throw new Error(`The credential returned no token for ${this.scope}.`);
            }
            return t;
        });
        this.token = fresh;
        fresh.catch(() => {
            if (this.token === fresh) {
                this.token = undefined;
            }
        });
        return (await fresh).token;
    }
}

/** Options of a {@link GraphLicenseClient}. */
export interface GraphLicenseClientOptions {
    /** Graph's base URL without version, e.g. `https://graph.microsoft.com`. */
    readonly endpoint: string;
    /** Where tokens come from; asked for `<endpoint>/.default`. */
    readonly credential: TokenCredential;
    /** The gate every request goes through. */
    readonly gate: GraphGate;
    /** How SKUs are named in messages. */
    readonly label: SkuLabeller;
}

/** Reads and changes the licenses assigned to groups through Microsoft Graph. */
export class GraphLicenseClient {
    private readonly base: string;
    private readonly origin: string;
    private readonly tokens: TokenSource;

    constructor(private readonly options: GraphLicenseClientOptions) {
        this.base = `${options.endpoint.replace(/\/+$/, "")}/v1.0`;
        this.origin = new URL(this.base).origin;
        this.tokens = new TokenSource(options.credential, `${options.endpoint.replace(/\/+$/, "")}/.default`);
    }

    /**
     * A group's licenses and license processing state:
     * `GET /v1.0/groups/{id}?$select=assignedLicenses,licenseProcessingState`. Entra ID replicates
     * writes asynchronously, so a read right after a write can miss it.
     */
    async group(groupId: string, deadline: Deadline): Promise<GroupLicensing> {
        const body = (await this.get(
            `/groups/${encodeURIComponent(groupId)}?$select=assignedLicenses,licenseProcessingState`,
            { action: "read", groupId, skuIds: [] },
            deadline,
        )) as {
            assignedLicenses?: { skuId: string; disabledPlans?: string[] }[];
            licenseProcessingState?: { state?: string } | null;
        };
        return {
            licenses: (body.assignedLicenses ?? []).map((l) => ({
                skuId: l.skuId.toLowerCase(),
                disabledPlans: (l.disabledPlans ?? []).map((p) => p.toLowerCase()),
            })),
            processingState: body.licenseProcessingState?.state ?? undefined,
        };
    }

    /**
     * Adds and removes licenses on a group in one request: `POST /v1.0/groups/{id}/assignLicense`,
     * which Graph answers 202 Accepted before Entra ID licenses the members in the background
     * (Microsoft Graph, "group: assignLicense", https://learn.microsoft.com/graph/api/group-assignlicense).
     * Sending it twice is not the same as once: Graph refuses to remove a license that is not
     * assigned, 400 `Request_BadRequest` (for a user: "User does not have a corresponding license.",
     * as public code that removes licenses through Graph handles it; the page documents no such
     * case), so a retry after an attempt that was applied and whose answer was lost fails though the
     * group is as asked. Such a failure has the outcome `unknown`, and the provider then reads the
     * group to see whether the change is there (groupLicenseProvider.ts, `applied`).
     */
    async assignLicense(
        groupId: string,
        add: readonly AssignedLicense[],
        remove: readonly string[],
        deadline: Deadline,
    ): Promise<void> {
        const op: GraphOperation =
            add.length > 0
                ? { action: "assign", groupId, skuIds: add.map((l) => l.skuId) }
                : { action: "remove", groupId, skuIds: [...remove] };
        // Both lists are required, even when empty (Graph answers 400 Request_BadRequest otherwise).
        const body = {
            addLicenses: add.map((l) => ({ skuId: l.skuId, disabledPlans: [...l.disabledPlans] })),
            removeLicenses: [...remove],
        };
        await this.send("POST", `${this.base}/groups/${encodeURIComponent(groupId)}/assignLicense`, op, deadline, body);
    }

    /**
     * The group's members whose license assignment from it failed, with their license states:
     * `GET /v1.0/groups/{id}/membersWithLicenseErrors?$select=id,userPrincipalName,licenseAssignmentStates`,
     * following `@odata.nextLink` pages (Graph, "List membersWithLicenseErrors").
     */
    async membersWithLicenseErrors(groupId: string, deadline: Deadline): Promise<MemberWithLicenseErrors[]> {
        const op: GraphOperation = { action: "health", groupId, skuIds: [] };
        return this.list<MemberWithLicenseErrors>(
            `/groups/${encodeURIComponent(groupId)}/membersWithLicenseErrors?$select=id,userPrincipalName,licenseAssignmentStates`,
            op,
            deadline,
        );
    }

    /**
     * The tenant's subscriptions: `GET /v1.0/subscribedSkus` (Graph, "List subscribedSkus"; it
     * supports `$select` only). Each with its enabled prepaid units and consumed units.
     */
    async subscribedSkus(deadline: Deadline): Promise<SubscribedSku[]> {
        const skus = await this.list<{
            skuId: string;
            skuPartNumber?: string;
            capabilityStatus?: string;
            consumedUnits?: number;
            prepaidUnits?: { enabled?: number };
        }>(
            "/subscribedSkus?$select=skuId,skuPartNumber,capabilityStatus,consumedUnits,prepaidUnits",
            { action: "seats", groupId: "", skuIds: [] },
            deadline,
        );
        return skus.map((s) => ({
            skuId: s.skuId.toLowerCase(),
            skuPartNumber: s.skuPartNumber ?? "",
            capabilityStatus: s.capabilityStatus ?? "",
            enabled: s.prepaidUnits?.enabled ?? 0,
            consumed: s.consumedUnits ?? 0,
        }));
    }

    private async list<T>(path: string, op: GraphOperation, deadline: Deadline): Promise<T[]> {
        const items: T[] = [];
        for (let url: string | undefined = `${this.base}${path}`; url !== undefined;) {
            const page = (await this.send("GET", url, op, deadline)) as { value?: T[]; "@odata.nextLink"?: string };
            items.push(...(page.value ?? []));
            url = page["@odata.nextLink"];
        }
        return items;
    }

    private get(path: string, op: GraphOperation, deadline: Deadline): Promise<unknown> {
        return this.send("GET", `${this.base}${path}`, op, deadline);
    }

    private async send(
        method: "GET" | "POST",
        url: string,
        op: GraphOperation,
        deadline: Deadline,
        body?: unknown,
    ): Promise<unknown> {
        // A next-page link comes from Graph; the token only ever goes to the configured endpoint.
        if (new URL(url).origin !== this.origin) {
            throw new Error(
                `Refusing to send a Microsoft Graph token to ${new URL(url).origin}; expected ${this.origin}.`,
            );
        }
        const headers = async () => ({ Authorization: `Bearer ${await this.tokens.get()}` });
        try {
            return (await this.options.gate.send({ method, url, body, headers }, deadline)).body ?? {};
        } catch (e) {
            if (e instanceof GraphRequestError) {
                throw new GraphLicenseError(
                    describeGraphFailure(op, e.failure, this.options.label, this.origin),
                    e.failure,
                );
            }
            throw e;
        }
    }
}
