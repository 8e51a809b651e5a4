/**
 * A local stand-in for the two Microsoft Graph endpoints group-based licensing uses, answering the
 * way Graph does: `GET /v1.0/groups/{id}?$select=assignedLicenses` (200), `POST
 * /v1.0/groups/{id}/assignLicense` (202 Accepted with the group), errors as
 * `{"error":{"code","message","innerError"}}`, 401 without a bearer token, and whatever status and
 * `Retry-After` a test scripts in front of them.
 */
import { createServer, IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import type { AssignedLicense } from "../../licensing/graphClient";

/** A request the fake received. */
export interface SeenRequest {
    readonly method: string;
    /** Path and query, e.g. `/v1.0/groups/g1?$select=assignedLicenses`. */
    readonly url: string;
    readonly authorization?: string;
    readonly body?: unknown;
    /** When the request arrived, in `performance.now()` milliseconds. */
    readonly receivedAt: number;
}

/** A canned answer for the next request. */
export interface ScriptedResponse {
    readonly status: number;
    readonly headers?: Record<string, string>;
    readonly error?: { readonly code: string; readonly message: string };
    /** Milliseconds to wait before answering; dropped when the client gives up first. */
    readonly delayMs?: number;
}

/** The Remote Assist skuIds, from Microsoft's licensing table. */
export const RA = "7a551360-26c4-4f61-84e6-ef715673e083";
export const RA_HOLOLENS = "e48328a2-8e98-4484-a70f-a99f8ac9ec89";
/** Exchange Online Kiosk. */
export const EXCHANGE_KIOSK = "80b2d799-d2ba-4d2a-8842-fb0d0f3a4b82";
/** Service plans of Remote Assist: TEAMS1 (and a second GUID standing for another plan). */
export const TEAMS1 = "57ff2da0-773e-42df-b2af-ffb7a2317929";
export const OTHER_PLAN = "0a0a0a0a-0000-4000-8000-000000000001";

/** The bearer token the fake expects; tests check it never shows up in state or errors. */
export const FAKE_TOKEN = "fake-graph-token-5b0c";

/** A running fake Graph. */
export class FakeGraph {
    /** Licenses per group object id; a group missing here does not exist. */
    readonly groups = new Map<string, AssignedLicense[]>();
    /** skuIds the tenant has subscriptions for. */
    readonly subscribed = new Set([RA, RA_HOLOLENS, EXCHANGE_KIOSK]);
    /** Every request, in order. */
    readonly requests: SeenRequest[] = [];
    /** Answers for the next requests, used up in order before the real handling. */
    readonly script: ScriptedResponse[] = [];
    /** When set, every request gets this answer (after the script). */
    always?: ScriptedResponse;

    private constructor(
        private readonly server: Server,
        /** `http://127.0.0.1:<port>`. */
        readonly endpoint: string,
    ) {}

    /** Starts a fake on a free port of 127.0.0.1. */
    static async start(): Promise<FakeGraph> {
        const started: { fake?: FakeGraph } = {};
        const server = createServer((req, res) => {
            void started.fake?.handle(req, res);
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        started.fake = new FakeGraph(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
        return started.fake;
    }

    /** Forgets groups, requests and scripted answers. */
    reset(): void {
        this.groups.clear();
        this.requests.length = 0;
        this.script.length = 0;
        this.always = undefined;
    }

    /** The assignLicense bodies received, in order. */
    assignments(): { addLicenses: AssignedLicense[]; removeLicenses: string[] }[] {
        return this.requests
            .filter((r) => r.method === "POST")
            .map((r) => r.body as { addLicenses: AssignedLicense[]; removeLicenses: string[] });
    }

    async stop(): Promise<void> {
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
        this.requests.push({
            method: req.method ?? "",
            url,
            authorization: req.headers.authorization,
            body: text ? JSON.parse(text) : undefined,
            receivedAt,
        });
        const scripted = this.script.shift() ?? this.always;
        if (scripted) {
            if (scripted.delayMs !== undefined && !(await answeredLater(res, scripted.delayMs))) {
                return;
            }
            return this.send(res, scripted.status, scripted.error ? errorBody(scripted.error) : {}, scripted.headers);
        }
        if (req.headers.authorization !== `Bearer ${FAKE_TOKEN}`) {
            return this.send(
                res,
                401,
                errorBody({ code: "InvalidAuthenticationToken", message: "Access token is empty." }),
            );
        }
        const match = /^\/v1\.0\/groups\/([^/?]+)(\/assignLicense)?(\?.*)?$/.exec(url);
        if (!match) {
            return this.send(
                res,
                400,
                errorBody({ code: "BadRequest", message: `Resource not found for the segment.` }),
            );
        }
        const [, groupId, assign, query] = match;
        const licenses = this.groups.get(groupId);
        if (!licenses) {
            return this.send(
                res,
                404,
                errorBody({
                    code: "Request_ResourceNotFound",
                    message: `Resource '${groupId}' does not exist or one of its queried reference-property objects are not present.`,
                }),
            );
        }
        if (req.method === "GET" && !assign && query === "?$select=assignedLicenses") {
            return this.send(res, 200, {
                "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#groups(assignedLicenses)/$entity",
                assignedLicenses: licenses,
            });
        }
        if (req.method === "POST" && assign) {
            return this.assignLicense(res, groupId, licenses, this.requests[this.requests.length - 1].body);
        }
        return this.send(res, 405, errorBody({ code: "Request_BadRequest", message: "Unsupported request." }));
    }

    private assignLicense(res: ServerResponse, groupId: string, licenses: AssignedLicense[], body: unknown): void {
        const { addLicenses, removeLicenses } = (body ?? {}) as {
            addLicenses?: AssignedLicense[];
            removeLicenses?: string[];
        };
        const missing = [addLicenses ? undefined : "addLicenses", removeLicenses ? undefined : "removeLicenses"]
            .filter(Boolean)
            .join(", ");
        if (missing) {
            return this.send(
                res,
                400,
                errorBody({
                    code: "Request_BadRequest",
                    message: `One or more parameters of the operation 'assignLicense' are missing from the request payload. The missing parameters are: ${missing}.`,
                }),
            );
        }
        const unknown = [...(addLicenses ?? []).map((l) => l.skuId), ...(removeLicenses ?? [])].find(
            (s) => !this.subscribed.has(s),
        );
        if (unknown) {
            return this.send(
                res,
                400,
                errorBody({
                    code: "Request_BadRequest",
                    message: `License ${unknown} does not correspond to a valid company License.`,
                }),
            );
        }
        // Stricter than needed: the provider must never ask to remove a SKU the group does not have.
        const notAssigned = (removeLicenses ?? []).find((s) => !licenses.some((l) => l.skuId === s));
        if (notAssigned) {
            return this.send(
                res,
                400,
                errorBody({
                    code: "Request_BadRequest",
                    message: `License ${notAssigned} is not assigned to the group.`,
                }),
            );
        }
        const next = licenses.filter(
            (l) => !(removeLicenses ?? []).includes(l.skuId) && !(addLicenses ?? []).some((a) => a.skuId === l.skuId),
        );
        next.push(...(addLicenses ?? []).map((a) => ({ skuId: a.skuId, disabledPlans: a.disabledPlans ?? [] })));
        this.groups.set(groupId, next);
        this.send(res, 202, {
            "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#groups/$entity",
            id: groupId,
            assignedLicenses: next,
        });
    }

    private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
        res.writeHead(status, { "Content-Type": "application/json", ...headers });
        res.end(JSON.stringify(body));
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

function errorBody(error: { code: string; message: string }): unknown {
    return {
        error: {
            ...error,
            innerError: { date: "2026-01-05T10:00:00", "request-id": "8d5f0a52-0000-4000-8000-000000000abc" },
        },
    };
}
