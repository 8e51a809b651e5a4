/**
 * The one door every Microsoft Graph request of a provider process goes through.
 *
 * Microsoft's throttling guidance (https://learn.microsoft.com/graph/throttling) says: on `429 Too
 * Many Requests`, wait the `Retry-After` Graph sends (seconds, possibly fractional, e.g. `2.128`),
 * then retry; requests sent while throttled still count against the limits; without `Retry-After`,
 * back off exponentially. The directory's limits are counted per application and tenant, across
 * every request (https://learn.microsoft.com/graph/throttling-limits, "Identity and access service
 * limits"), so one throttled request means the others will be throttled too. Hence one gate per
 * Graph endpoint in a process, shared by every resource that process serves:
 *
 * - at most `concurrency` requests in flight; the others wait for a turn, the request of the
 *   operation that started first going first. (cockatiel's bulkhead would queue them first come
 *   first served: 1,000 parallel creates would then each send their read, then each their
 *   assignment, and so on, so that every create finished only near the end of the whole run, and
 *   a large enough run passed every create's bound);
 * - a 429 holds every request of the gate until its `Retry-After` has passed, plus a random share
 *   of it (`holdJitter`), so that clients throttled together do not return together;
 * - after a 429 the gate also spaces requests out: as many per `Retry-After` as Graph accepted in
 *   the `Retry-After` before the 429, less 10%, so that it stays under the limit instead of
 *   running into it again; a 429 at that pace slows it by another 10%, accepted requests speed
 *   it up again by 10% over 30 `Retry-After`s, and the pace is forgotten once 30 `Retry-After`s
 *   pass without a 429 ("reduce the frequency of calls");
 * - network errors, attempts without an answer within `attemptTimeoutSeconds`, and 500, 502, 503
 *   and 504 are retried after a back-off with decorrelated jitter (cockatiel's
 *   `decorrelatedJitterGenerator`), or after the `Retry-After` of a 503;
 * - retries stop when the caller's {@link Deadline} would pass, however many there were: the
 *   bound is time, not a count;
 * - a failure names the method, the path, the status or the network error's code (ECONNRESET, ...),
 *   and never a token: request headers are never part of an error.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { IBackoff } from "cockatiel";

/** How the gate paces and retries; see the module comment. */
export interface GateSettings {
    /** Requests in flight at once. */
    readonly concurrency: number;
    /** Seconds one attempt may wait for its answer before it is abandoned and retried. */
    readonly attemptTimeoutSeconds: number;
    /** The first back-off after a network error or a 5xx, in seconds; later ones grow from it. */
    readonly backoffSeconds: number;
    /** The longest back-off, in seconds. */
    readonly maxBackoffSeconds: number;
    /** Up to this share of a 429's `Retry-After` is added at random to the hold (0.1: up to 10%). */
    readonly holdJitter: number;
}

/** The gate's defaults. */
export const DEFAULT_GATE_SETTINGS: GateSettings = Object.freeze({
    concurrency: 4,
    attemptTimeoutSeconds: 60,
    backoffSeconds: 1,
    maxBackoffSeconds: 30,
    holdJitter: 0.1,
});

/** The bound on one whole operation (a create, an update, a read, a delete), shared by its requests. */
export class Deadline {
    /** When it passes, in `Date.now()` milliseconds. */
    readonly at: number;
    /** Aborted when it passes. */
    readonly signal: AbortSignal;

    constructor(
        /** The bound, in seconds. */
        readonly seconds: number,
    ) {
        this.at = Date.now() + seconds * 1000;
        this.signal = AbortSignal.timeout(Math.max(0, seconds * 1000));
    }
}

/** A request to send. */
export interface GraphRequest {
    readonly method: "GET" | "POST";
    /** The full URL. */
    readonly url: string;
    /** Serialised as JSON. */
    readonly body?: unknown;
    /** Headers for one attempt, e.g. the bearer token; asked for anew before each attempt. */
    readonly headers: () => Promise<Record<string, string>>;
}

/** A successful answer. */
export interface GraphResponse {
    readonly status: number;
    /** The parsed JSON body, or `undefined` when there is none. */
    readonly body: unknown;
}

/** Why a request failed, as messages need it. Holds no header, so no token. */
export interface GraphFailure {
    readonly method: string;
    /** Path and query, e.g. `/v1.0/groups/{id}/assignLicense`. */
    readonly path: string;
    /** Graph's status, when it answered. */
    readonly status?: number;
    /** Graph's `error.code`. */
    readonly code?: string;
    /** Graph's `error.message`. */
    readonly message?: string;
    /** Graph's `request-id`, which Microsoft support asks for. */
    readonly requestId?: string;
    /** Why there was no answer: a network error's code and message, or the attempt timeout. */
    readonly cause?: string;
    /** Attempts made. */
    readonly attempts: number;
    /** Seconds from the first attempt's turn to the failure. */
    readonly elapsedSeconds: number;
    /** Set when the request was given up because the operation's bound would pass; its seconds. */
    readonly boundSeconds?: number;
    /** Seconds Graph asked to wait when that wait would have passed the bound. */
    readonly askedToWaitSeconds?: number;
    /** Set when the bound passed while an attempt still had no answer. */
    readonly unanswered?: boolean;
    /** Set when the request gave up before its first attempt: what it was waiting for. */
    readonly waitingFor?: Waiting;
    /**
     * `unknown` when a write may have been applied though no success came back: an attempt was
     * sent and then lost (connection reset, no answer in time, 5xx). Reads are never `unknown`.
     */
    readonly outcome: "not applied" | "unknown";
}

/**
 * What holds a request back before an attempt: its turn behind the requests in flight, the hold
 * after a 429 (the `Retry-After` that set it, in seconds), or the pace kept after a 429 (seconds
 * between the starts of two requests).
 */
export type Waiting =
    | { readonly kind: "turn" }
    | { readonly kind: "hold"; readonly retryAfterSeconds: number }
    | { readonly kind: "pace"; readonly spacingSeconds: number };

/** What a request was waiting for, in words: `held by Graph's Retry-After of 30 s`. */
function describeWaiting(w: Waiting): string {
    switch (w.kind) {
        case "turn":
            return "waiting for its turn behind other requests";
        case "hold":
            return `held by Graph's Retry-After of ${seconds(w.retryAfterSeconds)}, which holds every request of the gate`;
        case "pace":
            return `held to the pace kept after Graph throttled, one request every ${seconds(w.spacingSeconds)}`;
    }
}

/** A request the gate gave up on, or that Graph refused. */
export class GraphRequestError extends Error {
    constructor(readonly failure: GraphFailure) {
        super(describeRequestFailure(failure));
        this.name = "GraphRequestError";
    }
}

/** Statuses retried after a back-off: the server failed, and may succeed next time. */
export const RETRIED_STATUSES: readonly number[] = [500, 502, 503, 504];

/** Network error codes that mean the request never left: a write cannot have been applied. */
const NOT_SENT_CODES = ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT"];

/**
 * Seconds a `Retry-After` value asks for: a number of seconds (Graph sends fractions, e.g.
 * `2.128`) or an HTTP date; `undefined` when absent or unreadable.
 */
export function retryAfterSeconds(value: string | null, now = Date.now()): number | undefined {
    if (value === null || value.trim() === "") {
        return undefined;
    }
    const seconds = Number(value);
    if (Number.isFinite(seconds)) {
        return Math.max(0, seconds);
    }
    const date = Date.parse(value);
    return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}

/**
 * The code and message of a network error, digging through `cause` (Node's fetch throws
 * `TypeError: fetch failed` with the socket's error as its cause): `ECONNRESET (read ECONNRESET)`.
 */
export function networkCause(error: unknown): string {
    let e: unknown = error;
    for (let depth = 0; depth < 5 && e instanceof Error; depth++) {
        const code = (e as { code?: unknown }).code;
        if (typeof code === "string") {
            return e.message && e.message !== code ? `${code} (${e.message})` : code;
        }
        e = (e as { cause?: unknown }).cause;
    }
    return error instanceof Error ? error.message : String(error);
}

function seconds(s: number): string {
    return `${Math.round(s * 10) / 10} s`;
}

/** What Graph answered, for messages: `503 serviceNotAvailable: Service unavailable. (request-id …)`. */
export function describeAnswer(f: GraphFailure): string {
    if (f.status === undefined) {
        return f.cause ?? "no answer";
    }
    const text = [f.code, f.message].filter((x) => x).join(": ");
    const requestId = f.requestId ? ` (request-id ${f.requestId})` : "";
    return `${f.status}${text ? ` ${text}` : ""}${requestId}`;
}

/** The request's own failure, without what it was for: `POST /v1.0/… answered 403 …`. */
export function describeRequestFailure(f: GraphFailure): string {
    const request = `${f.method} ${f.path}`;
    if (f.boundSeconds === undefined) {
        return f.status === undefined
            ? `${request} failed: ${describeAnswer(f)}`
            : `${request} answered ${describeAnswer(f)}`;
    }
    if (f.attempts === 0) {
        const waiting = f.waitingFor === undefined ? "" : `, ${describeWaiting(f.waitingFor)}`;
        return `${request} gave up at the ${seconds(f.boundSeconds)} bound on one operation before its first attempt${waiting}`;
    }
    const tries = `${f.attempts} attempt${f.attempts === 1 ? "" : "s"} in ${seconds(f.elapsedSeconds)}`;
    const failed = f.status !== undefined || f.cause !== undefined;
    const which = f.unanswered ? "the one before" : "the last one";
    const last = !failed
        ? ""
        : f.status === undefined
          ? `; ${which} failed: ${describeAnswer(f)}`
          : `; ${which} answered ${describeAnswer(f)}`;
    const pending = f.unanswered ? `; the last one had no answer yet when the bound passed` : "";
    const asked =
        f.askedToWaitSeconds === undefined ? "" : `, and Graph asked to wait ${seconds(f.askedToWaitSeconds)} more`;
    return `${request} gave up at the ${seconds(f.boundSeconds)} bound on one operation after ${tries}${pending}${last}${asked}`;
}

type Attempt =
    | { readonly kind: "answer"; readonly status: number; readonly headers: Headers; readonly body: unknown }
    | { readonly kind: "network"; readonly cause: string; readonly sent: boolean }
    | { readonly kind: "timeout" }
    | { readonly kind: "deadline" };

interface GraphErrorBody {
    readonly error?: {
        readonly code?: string;
        readonly message?: string;
        readonly innerError?: { readonly "request-id"?: string };
    };
}

function cockatiel(): typeof import("cockatiel") {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- only the provider's process needs it
    return require("cockatiel");
}

/** The share by which the pace after a 429 stays under the rate Graph accepted before it. */
const PACE_SLACK = 0.1;
/** The pace is forgotten after this many `Retry-After`s without a 429. */
const PACE_MEMORY = 30;
/** How long accepted answers are remembered for setting the pace, in milliseconds. */
const ACCEPTED_MEMORY_MS = 10 * 60 * 1000;

/** Thrown when the deadline passes, or would, while a request waits: for its turn, a hold or its pace. */
class DeadlinePassed extends Error {
    constructor(readonly waitingFor: Waiting) {
        super("The operation's bound passed while the request waited.");
    }
}

const TURN: Waiting = { kind: "turn" };

/**
 * At most `capacity` tasks at once; the others wait, the one with the earliest deadline (then the
 * one that asked first) going next. A task whose deadline passes while it waits is dropped.
 */
export class Turns {
    private active = 0;
    private asked = 0;
    private readonly waiting: { at: number; order: number; go: () => void }[] = [];

    constructor(private readonly capacity: number) {}

    /** Runs `task` when its turn comes; rejects with {@link DeadlinePassed} if `deadline` passes first. */
    async run<T>(deadline: Deadline, task: () => Promise<T>): Promise<T> {
        await this.turn(deadline);
        try {
            return await task();
        } finally {
            this.active -= 1;
            this.next();
        }
    }

    private turn(deadline: Deadline): Promise<void> {
        if (deadline.signal.aborted) {
            return Promise.reject(new DeadlinePassed(TURN));
        }
        if (this.active < this.capacity && this.waiting.length === 0) {
            this.active += 1;
            return Promise.resolve();
        }
        return new Promise((resolve, reject) => {
            const entry = {
                at: deadline.at,
                order: this.asked++,
                go: () => {
                    deadline.signal.removeEventListener("abort", drop);
                    resolve();
                },
            };
            const drop = () => {
                this.waiting.splice(this.waiting.indexOf(entry), 1);
                reject(new DeadlinePassed(TURN));
            };
            deadline.signal.addEventListener("abort", drop, { once: true });
            // Sorted by deadline, then by order of asking; binary search for the place.
            let lo = 0;
            let hi = this.waiting.length;
            while (lo < hi) {
                const mid = (lo + hi) >> 1;
                const w = this.waiting[mid];
                if (w.at < entry.at || (w.at === entry.at && w.order < entry.order)) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            this.waiting.splice(lo, 0, entry);
        });
    }

    private next(): void {
        while (this.active < this.capacity && this.waiting.length > 0) {
            this.active += 1;
            this.waiting.shift()!.go();
        }
    }
}

/**
 * The gate of one Graph endpoint. Every request of the provider process to that endpoint goes
 * through {@link send}; see the module comment for what it guarantees.
 */
export class GraphGate {
    private readonly turns: Turns;
    private readonly backoffs: { next(context: unknown): IBackoff<unknown> };
    /** Until when a 429 holds every request, in `Date.now()` milliseconds. */
    private holdUntil = 0;
    /** The `Retry-After` of the 429 that set {@link holdUntil}, in seconds. */
    private holdRetryAfter = 0;
    /** When Graph accepted requests (answered other than 429), oldest first, for the pace. */
    private readonly acceptedAt: number[] = [];
    /** Milliseconds between the starts of two requests; 0 when not pacing. */
    private spacingMs = 0;
    /** When the next request may start while pacing. */
    private nextStartAt = 0;
    /** When the pace was last set: 429s of requests sent before it do not set it again. */
    private paceSetAt = 0;
    /** When the pace is forgotten unless Graph throttles again. */
    private paceUntil = 0;
    /** The `Retry-After` the pace was last set by, in milliseconds. */
    private paceWindowMs = 0;

    constructor(
        readonly settings: GateSettings = DEFAULT_GATE_SETTINGS,
        private readonly random: () => number = Math.random,
    ) {
        const { ExponentialBackoff, decorrelatedJitterGenerator } = cockatiel();
        this.turns = new Turns(settings.concurrency);
        this.backoffs = new ExponentialBackoff({
            generator: decorrelatedJitterGenerator,
            initialDelay: settings.backoffSeconds * 1000,
            maxDelay: settings.maxBackoffSeconds * 1000,
        });
    }

    /**
     * Sends a request, retrying as the module comment says until it succeeds, Graph refuses it
     * (a 4xx other than 429), or `deadline` would pass. Throws a {@link GraphRequestError}.
     */
    async send(request: GraphRequest, deadline: Deadline): Promise<GraphResponse> {
        const url = new URL(request.url);
        const path = `${url.pathname}${decodeURIComponent(url.search)}`;
        const write = request.method !== "GET";
        let attempts = 0;
        let unknown = false;
        let started: number | undefined;
        let sentAt = 0;
        let backoff: IBackoff<unknown> | undefined;
        let last: Pick<GraphFailure, "status" | "code" | "message" | "requestId" | "cause"> = {};

        const failure = (extra: Partial<GraphFailure> = {}): GraphRequestError =>
            new GraphRequestError({
                method: request.method,
                path,
                ...last,
                attempts,
                elapsedSeconds: started === undefined ? 0 : (Date.now() - started) / 1000,
                outcome: unknown ? "unknown" : "not applied",
                ...extra,
            });
        const gaveUp = (askedToWaitSeconds?: number) => failure({ boundSeconds: deadline.seconds, askedToWaitSeconds });
        const nextBackoff = (): number => {
            backoff = (backoff ?? this.backoffs).next(undefined);
            return backoff.duration / 1000;
        };

        for (;;) {
            let attempt: Attempt;
            try {
                attempt = await this.turns.run(deadline, async () => {
                    // A 429 may arrive while this request waits for its pace: it must wait for the hold too.
                    do {
                        await this.waitForHold(deadline);
                        await this.waitForPace(deadline);
                    } while (Date.now() < this.holdUntil);
                    sentAt = Date.now();
                    started ??= sentAt;
                    const headers = await request.headers();
                    attempts += 1;
                    return this.attempt(request, headers, deadline);
                });
            } catch (e) {
                if (e instanceof DeadlinePassed) {
                    throw failure({ boundSeconds: deadline.seconds, waitingFor: e.waitingFor });
                }
                if (deadline.signal.aborted) {
                    throw gaveUp();
                }
                throw e;
            }

            if (attempt.kind === "deadline") {
                unknown ||= write;
                throw failure({ boundSeconds: deadline.seconds, unanswered: true });
            }
            if (attempt.kind === "answer" && attempt.status !== 429) {
                this.accepted();
            }
            if (attempt.kind === "answer" && attempt.status < 300) {
                return { status: attempt.status, body: attempt.body };
            }

            let wait: number;
            if (attempt.kind === "answer") {
                const error = (attempt.body as GraphErrorBody | undefined)?.error;
                last = {
                    status: attempt.status,
                    code: error?.code,
                    message: error?.message,
                    requestId: error?.innerError?.["request-id"] ?? attempt.headers.get("request-id") ?? undefined,
                };
                const retryAfter = retryAfterSeconds(attempt.headers.get("Retry-After"));
                if (attempt.status === 429) {
                    wait = retryAfter ?? nextBackoff();
                    // The hold first: the other requests must wait even when this one gives up.
                    this.throttled(wait, sentAt);
                    if (Date.now() + wait * 1000 > deadline.at) {
                        throw gaveUp(wait);
                    }
                    continue;
                }
                if (!RETRIED_STATUSES.includes(attempt.status)) {
                    throw failure();
                }
                // A 5xx may come after the write was applied (a gateway timing out on a slow backend).
                unknown ||= write;
                wait = retryAfter ?? nextBackoff();
            } else if (attempt.kind === "network") {
                last = { cause: attempt.cause };
                unknown ||= write && attempt.sent;
                wait = nextBackoff();
            } else {
                last = {
                    cause: `no answer within the ${seconds(this.settings.attemptTimeoutSeconds)} attempt timeout`,
                };
                unknown ||= write;
                wait = nextBackoff();
            }
            if (Date.now() + wait * 1000 > deadline.at) {
                throw gaveUp();
            }
            try {
                await sleep(wait * 1000, undefined, { signal: deadline.signal });
            } catch {
                throw gaveUp();
            }
        }
    }

    private accepted(): void {
        const now = Date.now();
        this.acceptedAt.push(now);
        while (this.acceptedAt[0] < now - ACCEPTED_MEMORY_MS) {
            this.acceptedAt.shift();
        }
        if (this.spacingMs > 0) {
            // Speed up again a little with each accepted request: by the slack over 30 Retry-Afters,
            // so that a 429 caused by chance does not slow the rest of the run.
            this.spacingMs *= 1 - (PACE_SLACK * this.spacingMs) / (PACE_MEMORY * this.paceWindowMs);
        }
    }

    /**
     * A 429 for a request sent at `sentAt`: holds every request for `retryAfter` seconds plus
     * jitter (a longer hold already set stays), and, unless the request was sent before the pace
     * was last set, paces requests to what Graph accepted in the last `retryAfter`, less
     * {@link PACE_SLACK}; when already pacing, slows the pace by that share instead (the last
     * `retryAfter` may then include a hold, and would undercount what Graph accepts).
     */
    private throttled(retryAfter: number, sentAt: number): void {
        const now = Date.now();
        const window = retryAfter * 1000;
        if (sentAt > this.paceSetAt) {
            if (this.spacingMs > 0 && now <= this.paceUntil) {
                // Throttled at the pace: slow down by the slack again.
                this.spacingMs *= 1 + PACE_SLACK;
            } else {
                let accepted = 0;
                for (let i = this.acceptedAt.length - 1; i >= 0 && this.acceptedAt[i] > now - window; i--) {
                    accepted += 1;
                }
                this.spacingMs = (window * (1 + PACE_SLACK)) / Math.max(2, accepted);
            }
            this.paceSetAt = now;
            this.paceWindowMs = window;
        }
        this.paceUntil = now + window * PACE_MEMORY;
        const until = now + window * (1 + this.random() * this.settings.holdJitter);
        if (until > this.holdUntil) {
            this.holdUntil = until;
            this.holdRetryAfter = retryAfter;
        }
    }

    private async waitForPace(deadline: Deadline): Promise<void> {
        const now = Date.now();
        if (this.spacingMs === 0 || now > this.paceUntil) {
            this.spacingMs = 0;
            return;
        }
        const at = Math.max(now, this.nextStartAt);
        this.nextStartAt = at + this.spacingMs;
        if (at > now) {
            const pace = new DeadlinePassed({ kind: "pace", spacingSeconds: this.spacingMs / 1000 });
            if (at > deadline.at) {
                throw pace;
            }
            await sleep(at - now, undefined, { signal: deadline.signal }).catch(() => {
                throw pace;
            });
        }
    }

    private async waitForHold(deadline: Deadline): Promise<void> {
        for (let wait = this.holdUntil - Date.now(); wait > 0; wait = this.holdUntil - Date.now()) {
            const hold = new DeadlinePassed({ kind: "hold", retryAfterSeconds: this.holdRetryAfter });
            if (Date.now() + wait > deadline.at) {
                throw hold;
            }
            await sleep(wait, undefined, { signal: deadline.signal }).catch(() => {
                throw hold;
            });
        }
    }

    private async attempt(
        request: GraphRequest,
        headers: Record<string, string>,
        deadline: Deadline,
    ): Promise<Attempt> {
        const controller = new AbortController();
        let timedOut = false;
        const timer = setTimeout(() => {
            timedOut = true;
            controller.abort();
        }, this.settings.attemptTimeoutSeconds * 1000);
        const onDeadline = () => controller.abort();
        deadline.signal.addEventListener("abort", onDeadline, { once: true });
        try {
            const response = await fetch(request.url, {
                method: request.method,
                headers: {
                    Accept: "application/json",
                    ...(request.body === undefined ? {} : { "Content-Type": "application/json" }),
                    ...headers,
                },
                body: request.body === undefined ? undefined : JSON.stringify(request.body),
                signal: controller.signal,
            });
            const text = await response.text();
            return { kind: "answer", status: response.status, headers: response.headers, body: parseJson(text) };
        } catch (e) {
            if (timedOut) {
                return { kind: "timeout" };
            }
            if (deadline.signal.aborted) {
                return { kind: "deadline" };
            }
            const cause = networkCause(e);
            return { kind: "network", cause, sent: !NOT_SENT_CODES.some((c) => cause.startsWith(c)) };
        } finally {
            clearTimeout(timer);
            deadline.signal.removeEventListener("abort", onDeadline);
        }
    }
}

function parseJson(text: string): unknown {
    if (text === "") {
        return undefined;
    }
    try {
        return JSON.parse(text);
    } catch {
        return { error: { message: text.slice(0, 200) } };
    }
}
