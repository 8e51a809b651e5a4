/**
 * A stand-in for the Microsoft Graph endpoints group-based licensing uses, on 127.0.0.1, answering
 * the way Graph does:
 *
 * - `GET /v1.0/groups/{id}?$select=...` with `assignedLicenses` and `licenseProcessingState`;
 * - `POST /v1.0/groups/{id}/assignLicense`, 202 Accepted with the group;
 * - `GET /v1.0/groups/{id}/membersWithLicenseErrors?$select=...`, paged with `@odata.nextLink`;
 * - `GET /v1.0/subscribedSkus?$select=...`;
 * - errors as `{"error":{"code","message","innerError":{"request-id"}}}`, 401 without the bearer token;
 *
 * and, for the credential, an App Service managed-identity endpoint (`IDENTITY_ENDPOINT` /
 * `IDENTITY_HEADER`, which `@azure/identity`'s ManagedIdentityCredential uses when the provider is
 * told `ARM_USE_MSI=true`), so the provider signs in exactly as in a deployment.
 *
 * On top, a throttle (N requests per window, then 429 with `Retry-After`; throttled requests count
 * too, as Graph keeps logging usage while a client is throttled: https://learn.microsoft.com/graph/throttling)
 * and scripted faults: an answer, a connection reset or a hang, before or after the request takes effect.
 */
import { createServer, IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { performance } from "node:perf_hooks";
import type { AssignedLicense, MemberWithLicenseErrors } from "../licensing/graphClient";

/** A request the loopback Graph received (token requests excluded). */
export interface SeenRequest {
    readonly method: string;
    /** Path and query, decoded, e.g. `/v1.0/groups/g1?$select=assignedLicenses`. */
    readonly url: string;
    readonly authorization?: string;
    /** The `ConsistencyLevel` header, which advanced queries need. */
    readonly consistencyLevel?: string;
    readonly body?: unknown;
    /** When it arrived, in `performance.now()` milliseconds. */
    readonly receivedAt: number;
    /** The status it was answered with; undefined while unanswered or when no answer was sent. */
    status?: number;
}

/** A fault for the next requests that match. */
export interface Fault {
    /** Which requests it applies to; all when absent. */
    readonly method?: string;
    readonly path?: RegExp;
    /** How many matching requests it applies to; default 1. */
    readonly times?: number;
    /** How many matching requests pass it by (to an earlier fault, or handled normally) before it applies; default 0. */
    readonly after?: number;
    /** Milliseconds to wait before the rest of the fault, or before handling the request normally. */
    readonly delayMs?: number;
    /** Answer with this status (and body) instead of handling the request. */
    readonly answer?: {
        readonly status: number;
        readonly headers?: Record<string, string>;
        readonly error?: { readonly code: string; readonly message: string };
        /** The body, when not an error. */
        readonly body?: unknown;
    };
    /**
     * Instead of answering: reset the connection (`reset`) or never answer (`hang`), either
     * `before` the request takes effect or `after` (the write is applied, then the answer is lost).
     */
    readonly drop?: { readonly how: "reset" | "hang"; readonly when: "before" | "after" };
}

/** One of the tenant's subscriptions, as Graph lists it. */
export interface GraphSubscribedSku {
    readonly skuId: string;
    readonly skuPartNumber: string;
    readonly capabilityStatus: string;
    readonly consumedUnits: number;
    readonly prepaidUnits: { readonly enabled: number; readonly suspended: number; readonly warning: number };
}

/** More routes of the loopback Graph: an answer for the requests they know, undefined for the others. */
export interface DirectoryRoutes {
    answer(request: SeenRequest): { status: number; body: unknown } | undefined;
}

/** A group as the loopback Graph keeps it. */
export interface LoopbackGroup {
    licenses: AssignedLicense[];
    processingState?: string;
    membersWithLicenseErrors: MemberWithLicenseErrors[];
}

/** The Remote Assist skuIds, from Microsoft's licensing table. */
export const RA = "7a551360-26c4-4f61-84e6-ef715673e083";
export const RA_HOLOLENS = "e48328a2-8e98-4484-a70f-a99f8ac9ec89";
/** Exchange Online Kiosk. */
export const EXCHANGE_KIOSK = "80b2d799-d2ba-4d2a-8842-fb0d0f3a4b82";
/** Service plans of Remote Assist: TEAMS1 (and a second GUID standing for another plan). */
export const TEAMS1 = "57ff2da0-773e-42df-b2af-ffb7a2317929";
export const OTHER_PLAN = "0a0a0a0a-0000-4000-8000-000000000001";

/** The bearer token the loopback Graph issues and expects; tests check it never shows up in state or errors. */
export const FAKE_TOKEN = "fake-graph-token-5b0c";
/** The secret header value of the managed-identity endpoint. */
export const IDENTITY_HEADER = "loopback-identity-header-91e2";
/** The request-id every error carries. */
export const REQUEST_ID = "8d5f0a52-0000-4000-8000-000000000abc";

/** The subscriptions a tenant starts with: 25 seats of each SKU the tests use, none consumed. */
function defaultSubscriptions(): GraphSubscribedSku[] {
    return [
        [RA, "MICROSOFT_REMOTE_ASSIST"],
        [RA_HOLOLENS, "MICROSOFT_REMOTE_ASSIST_HOLOLENS"],
        [EXCHANGE_KIOSK, "EXCHANGEDESKLESS"],
    ].map(([skuId, skuPartNumber]) => ({
        skuId,
        skuPartNumber,
        capabilityStatus: "Enabled",
        consumedUnits: 0,
        prepaidUnits: { enabled: 25, suspended: 0, warning: 0 },
    }));
}

/** A running loopback Graph. */
export class LoopbackGraph {
    /** Groups by object id; a group missing here does not exist. */
    readonly groups = new Map<string, LoopbackGroup>();
    /** The tenant's subscriptions. */
    subscriptions: GraphSubscribedSku[] = defaultSubscriptions();
    /** Every Graph request, in order of arrival. */
    readonly requests: SeenRequest[] = [];
    /** Faults, applied in order to the requests they match, each used up after `times` requests. */
    readonly faults: (Fault & { left: number; skip: number })[] = [];
    /** When set: at most `limit` requests per `windowMs`, then 429 with this `Retry-After`. */
    throttle?: { readonly limit: number; readonly windowMs: number; readonly retryAfter: string };
    /** Members per page of `membersWithLicenseErrors`. */
    pageSize = 100;
    /** Tokens the managed-identity endpoint issued. */
    tokensIssued = 0;
    /** The most Graph requests it was handling at once since the last reset. */
    maxInFlight = 0;
    /** A directory of users and groups (loopback/directory.ts); it answers the requests it knows first. */
    directory?: DirectoryRoutes;

    private inFlight = 0;
    private readonly recent: number[] = [];
    private readonly sockets = new Set<Socket>();

    private constructor(
        private readonly server: Server,
        /** `http://127.0.0.1:<port>`. */
        readonly endpoint: string,
    ) {}

    /** Starts one on a free port of 127.0.0.1. */
    static async start(): Promise<LoopbackGraph> {
        const started: { graph?: LoopbackGraph } = {};
        const server = createServer((req, res) => {
            void started.graph?.handle(req, res);
        });
        server.on("connection", (socket) => {
            started.graph?.sockets.add(socket);
            socket.on("close", () => started.graph?.sockets.delete(socket));
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        started.graph = new LoopbackGraph(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
        return started.graph;
    }

    /** The managed-identity endpoint, for `IDENTITY_ENDPOINT`. */
    get identityEndpoint(): string {
        return `${this.endpoint}/msi/token`;
    }

    /** The environment that makes the provider sign in here with a managed identity. */
    signInEnvironment(): Record<string, string> {
        return { ARM_USE_MSI: "true", IDENTITY_ENDPOINT: this.identityEndpoint, IDENTITY_HEADER };
    }

    /** Adds a group with these licenses (none by default). */
    addGroup(groupId: string, licenses: AssignedLicense[] = [], processingState = "ProcessingComplete"): LoopbackGroup {
        const group = { licenses, processingState, membersWithLicenseErrors: [] };
        this.groups.set(groupId, group);
        return group;
    }

    /** Adds a fault. */
    fail(fault: Fault): void {
        this.faults.push({ ...fault, left: fault.times ?? 1, skip: fault.after ?? 0 });
    }

    /** Forgets groups, requests, faults and the throttle; subscriptions return to the defaults. */
    reset(): void {
        this.groups.clear();
        this.requests.length = 0;
        this.faults.length = 0;
        this.recent.length = 0;
        this.throttle = undefined;
        this.subscriptions = defaultSubscriptions();
        this.pageSize = 100;
        this.maxInFlight = 0;
        this.directory = undefined;
    }

    /** The assignLicense bodies received, in order (including any whose answer was lost). */
    assignments(): { addLicenses: AssignedLicense[]; removeLicenses: string[] }[] {
        return this.requests
            .filter((r) => r.method === "POST")
            .map((r) => r.body as { addLicenses: AssignedLicense[]; removeLicenses: string[] });
    }

    /** Requests answered with a status, counted by status. */
    statusCounts(): Record<number, number> {
        const counts: Record<number, number> = {};
        for (const r of this.requests) {
            if (r.status !== undefined) {
                counts[r.status] = (counts[r.status] ?? 0) + 1;
            }
        }
        return counts;
    }

    async stop(): Promise<void> {
        for (const socket of this.sockets) {
            socket.destroy();
        }
        await new Promise<void>((resolve, reject) => this.server.close((e) => (e ? reject(e) : resolve())));
    }

    private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
        const receivedAt = performance.now();
        const chunks: Buffer[] = [];
        for await (const chunk of req) {
            chunks.push(chunk as Buffer);
        }
        const text = Buffer.concat(chunks).toString("utf8");
        const url = decodeURIComponent(req.url ?? "");
        if (url.startsWith("/msi/token")) {
            return this.token(req, res);
        }
        const seen: SeenRequest = {
            method: req.method ?? "",
            url,
            authorization: req.headers.authorization,
            ...(typeof req.headers.consistencylevel === "string"
                ? { consistencyLevel: req.headers.consistencylevel }
                : {}),
            body: text ? JSON.parse(text) : undefined,
            receivedAt,
        };
        this.requests.push(seen);
        this.inFlight += 1;
        this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
        res.on("close", () => (this.inFlight -= 1));
        const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
            seen.status = status;
            res.writeHead(status, { "Content-Type": "application/json", ...headers });
            res.end(JSON.stringify(body));
        };

        if (this.throttled(receivedAt)) {
            return send(429, errorBody("TooManyRequests", "Please retry again later."), {
                "Retry-After": this.throttle!.retryAfter,
            });
        }
        const fault = this.faultFor(seen);
        if (fault?.delayMs !== undefined && !(await answeredLater(res, fault.delayMs))) {
            return;
        }
        if (fault?.answer) {
            const { status, headers, error, body } = fault.answer;
            return send(status, error ? errorBody(error.code, error.message) : (body ?? {}), headers);
        }
        if (fault?.drop?.when === "before") {
            return drop(req, res, fault.drop.how);
        }
        const answer = this.answer(seen);
        if (fault?.drop) {
            return drop(req, res, fault.drop.how);
        }
        return send(answer.status, answer.body);
    }

    private throttled(now: number): boolean {
        if (!this.throttle) {
            return false;
        }
        while (this.recent.length > 0 && this.recent[0] <= now - this.throttle.windowMs) {
            this.recent.shift();
        }
        this.recent.push(now);
        return this.recent.length > this.throttle.limit;
    }

    private faultFor(seen: SeenRequest): Fault | undefined {
        const matching = this.faults.filter(
            (f) => f.left > 0 && (!f.method || f.method === seen.method) && (!f.path || f.path.test(seen.url)),
        );
        // A fault still letting requests through counts this one, and does not apply to it.
        const fault = matching.find((f) => f.skip === 0);
        matching.filter((f) => f.skip > 0).forEach((f) => (f.skip -= 1));
        if (fault) {
            fault.left -= 1;
        }
        return fault;
    }

    private token(req: IncomingMessage, res: ServerResponse): void {
        if (req.headers["x-identity-header"] !== IDENTITY_HEADER) {
            res.writeHead(401, { "Content-Type": "application/json" });
            res.end(JSON.stringify({ error: "invalid_request", error_description: "wrong identity header" }));
            return;
        }
        this.tokensIssued += 1;
        const resource = new URL(req.url ?? "", this.endpoint).searchParams.get("resource");
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(
            JSON.stringify({
                access_token: FAKE_TOKEN,
                expires_on: String(Math.floor(Date.now() / 1000) + 3600),
                resource,
                token_type: "Bearer",
            }),
        );
    }

    /** The answer Graph would give, applying the request's effect. */
    private answer(seen: SeenRequest): { status: number; body: unknown } {
        if (seen.authorization !== `Bearer ${FAKE_TOKEN}`) {
            return { status: 401, body: errorBody("InvalidAuthenticationToken", "Access token is empty.") };
        }
        const routed = this.directory?.answer(seen);
        if (routed) {
            return routed;
        }
        const skus = /^\/v1\.0\/subscribedSkus(\?.*)?$/.exec(seen.url);
        if (skus && seen.method === "GET") {
            return { status: 200, body: { value: this.subscriptions } };
        }
        const match = /^\/v1\.0\/groups\/([^/?]+)(\/assignLicense|\/membersWithLicenseErrors)?(\?.*)?$/.exec(seen.url);
        if (!match) {
            return { status: 400, body: errorBody("BadRequest", "Resource not found for the segment.") };
        }
        const [, groupId, action, query = ""] = match;
        const group = this.groups.get(groupId);
        if (!group) {
            return {
                status: 404,
                body: errorBody(
                    "Request_ResourceNotFound",
                    `Resource '${groupId}' does not exist or one of its queried reference-property objects are not present.`,
                ),
            };
        }
        if (seen.method === "GET" && !action) {
            const select = new URLSearchParams(query.slice(1)).get("$select")?.split(",") ?? [];
            const body: Record<string, unknown> = {
                "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#groups(assignedLicenses)/$entity",
            };
            if (select.includes("assignedLicenses")) {
                body.assignedLicenses = group.licenses;
            }
            if (select.includes("licenseProcessingState")) {
                body.licenseProcessingState = group.processingState ? { state: group.processingState } : null;
            }
            return { status: 200, body };
        }
        if (seen.method === "GET" && action === "/membersWithLicenseErrors") {
            const skip = Number(new URLSearchParams(query.slice(1)).get("$skiptoken") ?? 0);
            const page = group.membersWithLicenseErrors.slice(skip, skip + this.pageSize);
            const more = skip + this.pageSize < group.membersWithLicenseErrors.length;
            return {
                status: 200,
                body: {
                    value: page,
                    ...(more
                        ? {
                              "@odata.nextLink": `${this.endpoint}/v1.0/groups/${groupId}/membersWithLicenseErrors?$select=id,userPrincipalName,licenseAssignmentStates&$skiptoken=${skip + this.pageSize}`,
                          }
                        : {}),
                },
            };
        }
        if (seen.method === "POST" && action === "/assignLicense") {
            return this.assignLicense(groupId, group, seen.body);
        }
        return { status: 405, body: errorBody("Request_BadRequest", "Unsupported request.") };
    }

    private assignLicense(groupId: string, group: LoopbackGroup, body: unknown): { status: number; body: unknown } {
        const { addLicenses, removeLicenses } = (body ?? {}) as {
            addLicenses?: AssignedLicense[];
            removeLicenses?: string[];
        };
        const missing = [addLicenses ? undefined : "addLicenses", removeLicenses ? undefined : "removeLicenses"]
            .filter(Boolean)
            .join(", ");
        if (missing) {
            return {
                status: 400,
                body: errorBody(
                    "Request_BadRequest",
                    `One or more parameters of the operation 'assignLicense' are missing from the request payload. The missing parameters are: ${missing}.`,
                ),
            };
        }
        const unknown = [...(addLicenses ?? []).map((l) => l.skuId), ...(removeLicenses ?? [])].find(
            (s) => !this.subscriptions.some((sub) => sub.skuId === s),
        );
        if (unknown) {
            return {
                status: 400,
                body: errorBody(
                    "Request_BadRequest",
                    `License ${unknown} does not correspond to a valid company License.`,
                ),
            };
        }
        // Graph refuses to remove a license that is not assigned: for a user it answers 400
        // Request_BadRequest "User does not have a corresponding license." (as public code removing
        // licenses through Graph handles it); the wording for a group is not documented, so this
        // answers the same code with the same sentence about the group. A retried removal whose
        // first attempt was applied meets it.
        const notAssigned = (removeLicenses ?? []).find((s) => !group.licenses.some((l) => l.skuId === s));
        if (notAssigned) {
            return {
                status: 400,
                body: errorBody("Request_BadRequest", "Group does not have a corresponding license."),
            };
        }
        const next = group.licenses.filter(
            (l) => !(removeLicenses ?? []).includes(l.skuId) && !(addLicenses ?? []).some((a) => a.skuId === l.skuId),
        );
        next.push(...(addLicenses ?? []).map((a) => ({ skuId: a.skuId, disabledPlans: a.disabledPlans ?? [] })));
        group.licenses = next;
        group.processingState = "QueuedForProcessing";
        return {
            status: 202,
            body: {
                "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#groups/$entity",
                id: groupId,
                assignedLicenses: next,
            },
        };
    }
}

/** Drops the request: a TCP reset, or no answer until the client gives up. */
function drop(req: IncomingMessage, res: ServerResponse, how: "reset" | "hang"): void {
    if (how === "reset") {
        req.socket.resetAndDestroy();
    } else {
        res.on("close", () => undefined);
    }
}

/** Waits `ms`; false when the client closed the connection meanwhile, so there is no one to answer. */
function answeredLater(res: ServerResponse, ms: number): Promise<boolean> {
    return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(true), ms);
        res.on("close", () => {
            clearTimeout(timer);
            resolve(false);
        });
    });
}

/** Graph's error body. */
export function errorBody(code: string, message: string): unknown {
    return { error: { code, message, innerError: { date: "2026-01-05T10:00:00", "request-id": REQUEST_ID } } };
}
