/**
 * Read-only Microsoft Graph requests for `npm run adopt` and `npm run audit`, each sent through a
 * {@link GraphGate} (the licensing provider's: at most N in flight, every request held on a 429's
 * `Retry-After`, back-off on 5xx and network errors, a time bound on each request).
 *
 * Lists follow `@odata.nextLink` until the last page, using the link as Graph gives it (as the
 * licensing client does, graphClient.ts), and take `$select` to keep pages small. Filters Graph serves
 * only as advanced queries (`employeeType eq`, `companyName`, `ne`, `endsWith`, ...) need the
 * `ConsistencyLevel: eventual` header and `$count=true` ("Advanced query capabilities on
 * directory objects"); queries that work by default also work with them, eventually consistent. So
 * every filtered list is sent as an advanced query, which also returns `@odata.count`, the total
 * that progress shows.
 *
 * A refused request names the permission to grant; the token only ever goes to the configured
 * endpoint, and never into a message.
 */
import type { TokenCredential } from "@azure/identity";
import { isGraphNotFound, notGraphNotFoundAdvice, TokenSource } from "../licensing/graphClient";
import { Deadline, describeRequestFailure, GraphFailure, GraphGate, GraphRequestError } from "../licensing/graphGate";

/** A read as messages name it, with the permission it needs. */
export interface Read {
    /** What is read, after "could not": `list the users that hold Remote Assist`. */
    readonly what: string;
    /** The least privileged Microsoft Graph application permission that allows it. */
    readonly permission: string;
}

/**
 * The permissions the reads need, least privileged first (Microsoft Graph API reference, the
 * Permissions table of each request): List users and Get user, `User.Read.All`; Get group,
 * `Group.Read.All` (the group's `assignedLicenses`); List group members, `GroupMember.Read.All`;
 * List subscribedSkus, `Organization.Read.All` (or `LicenseAssignment.Read.All`, README, Seats).
 * `Directory.Read.All` allows all of them.
 */
export const PERMISSIONS = {
    users: "User.Read.All",
    groups: "Group.Read.All",
    members: "GroupMember.Read.All (or Group.Read.All)",
    skus: "Organization.Read.All (or LicenseAssignment.Read.All)",
} as const;

/** A read Graph refused or did not answer in time; the message says which and what to do. */
export class DirectoryReadError extends Error {
    constructor(
        message: string,
        /** What failed and how. */
        readonly failure: GraphFailure,
    ) {
        super(message);
        this.name = "DirectoryReadError";
    }
}

/**
 * The message for a failed read: what, the request and Graph's answer, and what to do. `origin`
 * (`https://graph.microsoft.com`) names where a 404 that is not Graph's came from.
 */
export function describeReadFailure(read: Read, failure: GraphFailure, origin = "the graphEndpoint"): string {
    const request = describeRequestFailure(failure);
    if (failure.boundSeconds !== undefined) {
        return `Microsoft Graph did not ${read.what} in time: ${request}. Run it again later.`;
    }
    if (failure.status === 403) {
        return `Microsoft Graph refused to ${read.what}: ${request}. The identity needs the Microsoft Graph permission ${read.permission} (application permission with admin consent; Directory.Read.All also allows it); npm run adopt and npm run audit only read.`;
    }
    if (failure.status === 401) {
        return `Microsoft Graph rejected the token to ${read.what}: ${request}. Check ARM_TENANT_ID and ARM_CLIENT_ID (or your az login) and that graphEndpoint matches the identity's cloud.`;
    }
    if (failure.status === 404 && !isGraphNotFound(failure)) {
        return `Microsoft Graph could not ${read.what}: ${request}.${notGraphNotFoundAdvice(origin, failure)}`;
    }
    return `Microsoft Graph could not ${read.what}: ${request}.`;
}

/** One page of a list. */
interface Page<T> {
    readonly value?: T[];
    readonly "@odata.nextLink"?: string;
    readonly "@odata.count"?: number;
}

/** Options of a {@link DirectoryReader}. */
export interface DirectoryReaderOptions {
    /** Graph's base URL without version, e.g. `https://graph.microsoft.com`. */
    readonly endpoint: string;
    /** Where tokens come from; asked for `<endpoint>/.default`. */
    readonly credential: TokenCredential;
    /** The gate every request goes through. */
    readonly gate: GraphGate;
    /** Seconds one request (one page) may take in all, its turns and retries included. */
    readonly requestSeconds: number;
}

/** What a list reports while it pages: items so far, and the total when Graph counted them. */
export type PageProgress = (items: number, total: number | undefined) => void;

/** Reads the directory through Microsoft Graph; never writes. */
export class DirectoryReader {
    private readonly base: string;
    private readonly origin: string;
    private readonly tokens: TokenSource;

    constructor(private readonly options: DirectoryReaderOptions) {
        const endpoint = options.endpoint.replace(/\/+$/, "");
        this.base = `${endpoint}/v1.0`;
        this.origin = new URL(this.base).origin;
        this.tokens = new TokenSource(options.credential, `${endpoint}/.default`);
    }

    /**
     * Every item of a list, page after page. `path` starts at the version (`/users?$filter=...`);
     * `advanced` sends it as an advanced query (`ConsistencyLevel: eventual`, `$count=true`).
     */
    async list<T>(read: Read, path: string, advanced: boolean, progress?: PageProgress): Promise<T[]> {
        const items: T[] = [];
        const first = advanced ? `${path}${path.includes("?") ? "&" : "?"}$count=true` : path;
        let total: number | undefined;
        for (let url: string | undefined = `${this.base}${first}`; url !== undefined;) {
            const page = (await this.send(read, url, advanced)) as Page<T>;
            items.push(...(page.value ?? []));
            total ??= page["@odata.count"];
            progress?.(items.length, total);
            url = page["@odata.nextLink"];
        }
        return items;
    }

    /**
     * One object, or `undefined` when Graph says it does not exist: a 404 with Graph's
     * `Request_ResourceNotFound` (licensing/graphClient.ts, `GRAPH_NOT_FOUND_CODE`). Any other 404
     * fails, naming the URL.
     */
    async get<T>(read: Read, path: string): Promise<T | undefined> {
        try {
            return (await this.send(read, `${this.base}${path}`, false)) as T;
        } catch (e) {
            if (e instanceof DirectoryReadError && isGraphNotFound(e.failure)) {
                return undefined;
            }
            throw e;
        }
    }

    private async send(read: Read, url: string, advanced: boolean): Promise<unknown> {
        // A next-page link comes from Graph; the token only ever goes to the configured endpoint.
        if (new URL(url).origin !== this.origin) {
            throw new Error(
                `Refusing to send a Microsoft Graph token to ${new URL(url).origin}; expected ${this.origin}.`,
            );
        }
        const headers = async (): Promise<Record<string, string>> => ({
            Authorization: `Bearer ${await this.tokens.get()}`,
            ...(advanced ? { ConsistencyLevel: "eventual" } : {}),
        });
        try {
            const deadline = new Deadline(this.options.requestSeconds);
            return (await this.options.gate.send({ method: "GET", url, headers }, deadline)).body ?? {};
        } catch (e) {
            if (e instanceof GraphRequestError) {
                throw new DirectoryReadError(describeReadFailure(read, e.failure, this.origin), e.failure);
            }
            throw e;
        }
    }
}
