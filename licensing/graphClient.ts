/**
 * A small Microsoft Graph client for group-based licensing: read a group's assigned licenses and
 * assign or remove licenses on it. Built on `@microsoft/microsoft-graph-client`, whose RetryHandler
 * retries 429/503/504 honouring `Retry-After`; this module adds the bearer token, a bound on the
 * total time a request may take (attempts and waits), and errors that say which group and SKUs
 * failed and why.
 *
 * The packages are required lazily, inside the functions that use them, so that the stack program
 * never loads them: this code runs in the GroupLicense provider's own process (see providerBundle.ts).
 */
import type { AccessToken, TokenCredential } from "@azure/identity";
import type { Context, GraphError, Middleware } from "@microsoft/microsoft-graph-client";

/** A license on a group as Graph reports and accepts it (`assignedLicense`). */
export interface AssignedLicense {
    /** The SKU's GUID, lower-case. */
    readonly skuId: string;
    /** Service-plan GUIDs switched off, lower-case. */
    readonly disabledPlans: readonly string[];
}

/** One retry the client is about to make, for logs and tests. */
export interface RetryEvent {
    /** The status that is being retried: 429, 503 or 504. */
    readonly status: number;
    /** Which retry this is, from 1. */
    readonly retry: number;
    /** Seconds the client waits before it: Graph's `Retry-After` when present. */
    readonly waitSeconds: number;
}

/** Options of a {@link GraphLicenseClient}. */
export interface GraphLicenseClientOptions {
    /** Graph's base URL without version, e.g. `https://graph.microsoft.com`. */
    readonly endpoint: string;
    /** Where tokens come from; asked for `<endpoint>/.default`. */
    readonly credential: TokenCredential;
    /** Retries per request at most; the RetryHandler allows 10 at most. Default 10. */
    readonly maxRetries?: number;
    /**
     * Seconds a request may take in all, from its first attempt until it gives up: attempts and
     * the waits between them. Default 300.
     */
    readonly maxRequestSeconds?: number;
    /** Called before each retry. */
    readonly onRetry?: (event: RetryEvent) => void;
}

/** What was being done when Graph failed, for the error message. */
export interface GraphOperation {
    /** `read`, `assign` or `remove`. */
    readonly action: "read" | "assign" | "remove";
    /** Object id of the group. */
    readonly groupId: string;
    /** skuIds involved (empty for a read). */
    readonly skuIds: readonly string[];
}

/** Graph's answer to a failed request. */
export interface GraphFailure {
    readonly status: number;
    /** Graph's `error.code`, e.g. `Authorization_RequestDenied`. */
    readonly code: string;
    /** Graph's `error.message`. */
    readonly message: string;
    /** Graph's `request-id`, which Microsoft support asks for. */
    readonly requestId?: string;
    /** Set when the client stopped retrying a throttled or transient failure, or ran out of time. */
    readonly gaveUp?: GaveUp;
}

/** Why and when a request was given up. */
export interface GaveUp {
    /** Attempts made, the first included. */
    readonly attempts: number;
    /** Seconds waited between attempts, as `Retry-After` (or the RetryHandler's back-off) asked. */
    readonly waitedSeconds: number;
    /** What bound was reached, for the message. */
    readonly reason: string;
    /** Set when the bound on total time passed while an attempt had no answer yet. */
    readonly timedOut?: { readonly boundSeconds: number; readonly lastStatus?: number };
}

/** A Graph request that failed; the message names the group, the SKUs and Graph's error. */
export class GraphLicenseError extends Error {
    constructor(
        message: string,
        /** Graph's answer. */
        readonly failure: GraphFailure,
    ) {
        super(message);
        this.name = "GraphLicenseError";
    }
}

/*
 * The RetryHandler's own constants. Its typings declare every one of them private
 * (`RetryHandler.RETRY_STATUS_CODES`, `RetryHandlerOptions.MAX_MAX_RETRIES`, `MAX_DELAY`), so they
 * are repeated here; tests/licensing/graphClient.test.ts checks them against the installed library.
 */
/** Status codes the RetryHandler retries. */
export const RETRIED_STATUSES: readonly number[] = [429, 503, 504];
/** The most retries the RetryHandler allows. */
export const LIBRARY_MAX_RETRIES = 10;
/** The longest wait the RetryHandler makes, whatever `Retry-After` says. */
export const LIBRARY_MAX_DELAY_SECONDS = 180;
/** The base delay this client gives the RetryHandler, for answers without `Retry-After`. */
const BASE_DELAY_SECONDS = 3;
/** The default bound on a request's total time. */
const DEFAULT_MAX_REQUEST_SECONDS = 300;
/** Tokens are renewed this long before they expire. */
const TOKEN_RENEWAL_MS = 2 * 60 * 1000;

/** A label for a SKU in messages: its part number when the catalogue knows it, and its skuId. */
export type SkuLabeller = (skuId: string) => string;

/**
 * The message for a failed Graph request: what was attempted on which group and SKUs, Graph's
 * status, code and message, and what to do about the failures people actually meet.
 */
export function describeGraphFailure(op: GraphOperation, failure: GraphFailure, label: SkuLabeller): string {
    const skus = op.skuIds.map(label).join(", ");
    const what =
        op.action === "read"
            ? `read the licenses of license group ${op.groupId}`
            : op.action === "assign"
              ? `assign ${skus} to license group ${op.groupId}`
              : `remove ${skus} from license group ${op.groupId}`;
    const graph = `${failure.status} ${failure.code}: ${failure.message}`;
    const requestId = failure.requestId ? ` (request-id ${failure.requestId})` : "";
    const g = failure.gaveUp;
    if (g?.timedOut) {
        const last =
            g.timedOut.lastStatus === undefined ? "" : ` (the attempt before answered ${g.timedOut.lastStatus})`;
        return `Microsoft Graph did not answer in time to ${what}: attempt ${g.attempts} had no answer when the bound of ${g.timedOut.boundSeconds} s on a request's total time passed${last}. Gave up after ${g.attempts} attempt${g.attempts === 1 ? "" : "s"} and ${g.waitedSeconds} s of waiting; run pulumi up again later.`;
    }
    if (g) {
        return `Microsoft Graph kept failing to ${what}: ${graph}${requestId}. Gave up after ${g.attempts} attempt${g.attempts === 1 ? "" : "s"} and ${g.waitedSeconds} s of waiting (${g.reason}); run pulumi up again later.`;
    }
    return `Microsoft Graph could not ${what}: ${graph}${requestId}.${adviceFor(op, failure)}`;
}

function adviceFor(op: GraphOperation, failure: GraphFailure): string {
    if (failure.status === 401) {
        return " The token was rejected: check ARM_TENANT_ID and ARM_CLIENT_ID (or your az login) and that graphEndpoint matches the identity's cloud.";
    }
    if (failure.status === 403) {
        return op.action === "read"
            ? " The identity running the stack needs the Microsoft Graph permission Group.Read.All (Group.ReadWrite.All, which the license groups already need, includes it)."
            : " The identity running the stack needs the Microsoft Graph application permission LicenseAssignment.ReadWrite.All with admin consent (Group.ReadWrite.All or Directory.ReadWrite.All also allow it); a signed-in user needs at least the License Administrator role.";
    }
    if (failure.status === 404) {
        return " The group does not exist: if it was deleted by hand, run pulumi refresh and pulumi up to recreate it; if it was created moments ago, Entra ID may not have replicated it yet, so run pulumi up again.";
    }
    if (/does not correspond to a valid company License/i.test(failure.message)) {
        return " The tenant has no subscription with this skuId: check the SKU in licenses, and the tenant's products in the Microsoft 365 admin center (Billing > Your products) or GET /v1.0/subscribedSkus.";
    }
    return "";
}

/**
 * Seconds the RetryHandler will wait before retry number `retry` (from 1): Graph's `Retry-After`
 * (seconds or an HTTP date), else its exponential back-off from `baseDelay`, at most 180 s.
 *
 * This repeats `RetryHandler.getDelay`, because the decision to give up has to be taken in the
 * `shouldRetry` callback, before the handler sleeps, and the library exposes no way to ask it how
 * long it will sleep (`getDelay` is private in its typings). The library adds up to 1 s of random
 * jitter, left out here; the bound on total time is enforced on the clock anyway (see `send`).
 * tests/licensing/graphClient.test.ts checks this against the installed library's `getDelay`.
 */
export function retryWaitSeconds(
    retryAfter: string | null,
    retry: number,
    baseDelay = BASE_DELAY_SECONDS,
    now = Date.now(),
): number {
    let wait: number;
    if (retryAfter !== null) {
        wait = Number.isNaN(Number(retryAfter))
            ? Math.round((new Date(retryAfter).getTime() - now) / 1000)
            : Number(retryAfter);
    } else {
        wait = retry >= 2 ? Math.round((Math.pow(2, retry) - 1) / 2) + baseDelay : baseDelay;
    }
    // A date in the past makes the library sleep 0 s (setTimeout with a negative delay).
    return Math.max(0, Math.min(wait, LIBRARY_MAX_DELAY_SECONDS));
}

function graphSdk(): typeof import("@microsoft/microsoft-graph-client") {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use; see the module comment
    return require("@microsoft/microsoft-graph-client");
}

/**
 * Adds `Authorization: Bearer <token>` to requests for the configured endpoint, and refuses to send
 * a token anywhere else. One token serves every request until shortly before it expires, so a
 * credential that shells out (`az account get-access-token`) runs once, not once per request.
 *
 * Why not the library's `AuthenticationHandler` with `TokenCredentialAuthenticationProvider`
 * (`@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials`), as of 3.0.7:
 * - it asks the credential for a token on every request, and `AzureCliCredential` (the `az login`
 *   path) keeps no cache, so every request would start the Azure CLI;
 * - it decides by host alone, and only for `https://` URLs on its list of Graph hosts or in
 *   `customHosts` (`GraphRequestUtil.isValidEndpoint`); any other URL is sent on without a token
 *   rather than refused. This handler pins the exact origin (scheme, host and port) and fails
 *   otherwise, and so also serves the plain-HTTP stand-in for Graph on 127.0.0.1 that the tests
 *   check the token against.
 */
export class BearerTokenHandler implements Middleware {
    private next?: Middleware;
    private token?: Promise<AccessToken>;

    constructor(
        private readonly credential: TokenCredential,
        private readonly scope: string,
        private readonly origin: string,
    ) {}

    async execute(context: Context): Promise<void> {
        const url = typeof context.request === "string" ? context.request : context.request.url;
        if (new URL(url).origin !== this.origin) {
            throw new Error(
                `Refusing to send a Microsoft Graph token to ${new URL(url).origin}; expected ${this.origin}.`,
            );
        }
        const { token } = await this.accessToken();
        const options = context.options ?? {};
        if (typeof (options.headers as Headers | undefined)?.set === "function") {
            (options.headers as Headers).set("Authorization", `Bearer ${token}`);
        } else {
            options.headers = { ...(options.headers as Record<string, string>), Authorization: `Bearer ${token}` };
        }
        context.options = options;
        await this.next?.execute(context);
    }

    setNext(next: Middleware): void {
        this.next = next;
    }

    private async accessToken(): Promise<AccessToken> {
        const current = this.token;
        if (current) {
            const t = await current.catch(() => undefined);
            if (t && t.expiresOnTimestamp - Date.now() > TOKEN_RENEWAL_MS) {
                return t;
            }
            if (this.token !== current) {
                return this.accessToken();
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
        return fresh;
    }
}

interface RetryLog {
    attempts: number;
    waitedSeconds: number;
    /** The status of the last answer that could be retried. */
    lastStatus?: number;
    gaveUp?: string;
}

/** Reads and changes the licenses assigned to groups through Microsoft Graph. */
export class GraphLicenseClient {
    private readonly client: import("@microsoft/microsoft-graph-client").Client;
    private readonly maxRetries: number;
    private readonly maxRequestSeconds: number;

    constructor(private readonly options: GraphLicenseClientOptions) {
        const sdk = graphSdk();
        const endpoint = options.endpoint.replace(/\/+$/, "");
        this.maxRetries = Math.min(options.maxRetries ?? LIBRARY_MAX_RETRIES, LIBRARY_MAX_RETRIES);
        this.maxRequestSeconds = options.maxRequestSeconds ?? DEFAULT_MAX_REQUEST_SECONDS;
        const auth = new BearerTokenHandler(options.credential, `${endpoint}/.default`, new URL(endpoint).origin);
        const retry = new sdk.RetryHandler(new sdk.RetryHandlerOptions(BASE_DELAY_SECONDS, this.maxRetries));
        const http = new sdk.HTTPMessageHandler();
        auth.setNext(retry);
        retry.setNext(http);
        this.client = sdk.Client.initWithMiddleware({ middleware: auth, baseUrl: endpoint, defaultVersion: "v1.0" });
    }

    /**
     * The licenses assigned to a group: `GET /v1.0/groups/{id}?$select=assignedLicenses`.
     * Entra ID replicates writes asynchronously, so a read right after a write can miss it.
     */
    async assignedLicenses(groupId: string, label: SkuLabeller): Promise<AssignedLicense[]> {
        const body = (await this.send({ action: "read", groupId, skuIds: [] }, label, (req) =>
            req.select("assignedLicenses").get(),
        )) as { assignedLicenses?: { skuId: string; disabledPlans?: string[] }[] };
        return (body.assignedLicenses ?? []).map((l) => ({
            skuId: l.skuId.toLowerCase(),
            disabledPlans: (l.disabledPlans ?? []).map((p) => p.toLowerCase()),
        }));
    }

    /**
     * Adds and removes licenses on a group in one request: `POST /v1.0/groups/{id}/assignLicense`,
     * which Graph answers 202 Accepted before Entra ID licenses the members in the background.
     */
    async assignLicense(
        groupId: string,
        add: readonly AssignedLicense[],
        remove: readonly string[],
        label: SkuLabeller,
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
        await this.send(op, label, (req) => req.post(body), "/assignLicense");
    }

    private async send(
        op: GraphOperation,
        label: SkuLabeller,
        call: (req: import("@microsoft/microsoft-graph-client").GraphRequest) => Promise<unknown>,
        suffix = "",
    ): Promise<unknown> {
        const sdk = graphSdk();
        const bound = this.maxRequestSeconds;
        const started = Date.now();
        const log: RetryLog = { attempts: 1, waitedSeconds: 0 };
        const shouldRetry = (delay: number, attempt: number, _req: unknown, _opts: unknown, response: Response) => {
            log.lastStatus = response.status;
            const wait = retryWaitSeconds(response.headers.get("Retry-After"), attempt + 1, delay);
            const elapsed = (Date.now() - started) / 1000;
            if (elapsed + wait > bound) {
                log.gaveUp = `waiting ${wait} s more would pass the bound of ${bound} s on a request's total time`;
                return false;
            }
            log.attempts += 1;
            log.waitedSeconds += wait;
            this.options.onRetry?.({ status: response.status, retry: attempt + 1, waitSeconds: wait });
            return true;
        };
        // The same signal serves every attempt, so an attempt still without an answer when the
        // bound passes is aborted: shouldRetry alone cannot stop a slow answer.
        const deadline = AbortSignal.timeout(bound * 1000);
        const request = this.client
            .api(`/groups/${encodeURIComponent(op.groupId)}${suffix}`)
            .option("signal", deadline)
            .middlewareOptions([new sdk.RetryHandlerOptions(BASE_DELAY_SECONDS, this.maxRetries, shouldRetry)]);
        try {
            return await call(request);
        } catch (e) {
            const failure = deadline.aborted ? timedOut(log, bound) : toFailure(e, log, this.maxRetries);
            throw new GraphLicenseError(describeGraphFailure(op, failure, label), failure);
        }
    }
}

function toFailure(e: unknown, log: RetryLog, maxRetries: number): GraphFailure {
    const err = e as Partial<GraphError> & { message?: string };
    const status = typeof err.statusCode === "number" ? err.statusCode : -1;
    const failure = {
        status,
        code: err.code || (status === -1 ? "NoResponse" : "UnknownError"),
        message: err.message || String(e),
        requestId: err.requestId ?? undefined,
    };
    if (!RETRIED_STATUSES.includes(status) || (log.attempts === 1 && !log.gaveUp)) {
        return failure;
    }
    const reason = log.gaveUp ?? `the bound is ${maxRetries} retries`;
    return { ...failure, gaveUp: { attempts: log.attempts, waitedSeconds: log.waitedSeconds, reason } };
}

function timedOut(log: RetryLog, boundSeconds: number): GraphFailure {
    const reason = `no answer within the bound of ${boundSeconds} s on a request's total time`;
    return {
        status: -1,
        code: "Timeout",
        message: reason,
        gaveUp: {
            attempts: log.attempts,
            waitedSeconds: log.waitedSeconds,
            reason,
            timedOut: { boundSeconds, lastStatus: log.lastStatus },
        },
    };
}
