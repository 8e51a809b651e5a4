/**
 * A directory of users and groups for the loopback Graph (graph.ts), answering the read-only
 * requests of `npm run adopt` and `npm run audit` the way Microsoft Graph does:
 *
 * - `GET /v1.0/users?$filter=...&$select=...&$top=...` and `GET /v1.0/groups?$filter=...`, paged with
 *   `@odata.nextLink` (`pageSize` objects a page) and counted (`@odata.count`) when asked with
 *   `$count=true` and `ConsistencyLevel: eventual`; filters Graph serves only as advanced queries
 *   (`employeeType eq`) are refused without them, with Graph's `Request_UnsupportedQuery`;
 * - `GET /v1.0/users/{id | userPrincipalName}`, `GET /v1.0/groups/{id}`, `404 Request_ResourceNotFound`
 *   when there is none;
 * - `GET /v1.0/groups/{id}/members`, directory objects typed by `@odata.type`, paged;
 * - `GET /v1.0/subscribedSkus`;
 * - `$select` returns only the properties named (and `id`);
 * - `403 Authorization_RequestDenied` ("Insufficient privileges to complete the operation.") for
 *   every request whose permission is in {@link LoopbackDirectory.denied}.
 *
 * The filters are the ones the reading sends (tenant/read.ts); any other is a 400, so that a new
 * query is noticed here first.
 */
import { errorBody, type DirectoryRoutes, type SeenRequest } from "./graph";

/** A user as Graph keeps it: any of its properties, by Graph's names. */
export type GraphUser = Readonly<Record<string, unknown>> & { readonly id: string; readonly userPrincipalName: string };

/** A group as Graph keeps it, with the object ids of its direct members. */
export type GraphGroup = Readonly<Record<string, unknown>> & {
    readonly id: string;
    readonly members: string[];
};

/** The tenant the directory serves; tests may change it between requests, as someone would in the admin center. */
export interface DirectoryFixture {
    users: GraphUser[];
    groups: GraphGroup[];
    skus: { readonly skuId: string; readonly skuPartNumber: string }[];
}

/** The permissions the directory checks, as Graph names them. */
export type DirectoryPermission = "User.Read.All" | "Group.Read.All" | "GroupMember.Read.All" | "Organization.Read.All";

interface Query {
    readonly filter?: string;
    readonly select?: readonly string[];
    readonly count: boolean;
    readonly skip: number;
}

type Answer = { status: number; body: unknown };

const DENIED: Answer = {
    status: 403,
    body: errorBody("Authorization_RequestDenied", "Insufficient privileges to complete the operation."),
};

/** Parses a decoded query string (`$filter=a eq 'b'&$select=x,y`); values hold no `&`. */
function parseQuery(search: string): Query {
    const params = new Map(
        search
            .replace(/^\?/, "")
            .split("&")
            .filter((p) => p !== "")
            .map((p) => [p.slice(0, p.indexOf("=")), p.slice(p.indexOf("=") + 1)] as const),
    );
    const select = params.get("$select");
    return {
        ...(params.has("$filter") ? { filter: params.get("$filter") } : {}),
        ...(select === undefined ? {} : { select: select.split(",") }),
        count: params.get("$count") === "true",
        skip: Number(params.get("$skiptoken") ?? 0),
    };
}

/** A filter the reading sends, as a predicate; `advanced` when Graph needs an advanced query for it. */
function predicate(filter: string): { test: (o: Record<string, unknown>) => boolean; advanced: boolean } | undefined {
    const license = /^assignedLicenses\/any\(x:x\/skuId eq ([0-9a-f-]+)\)$/i.exec(filter);
    if (license) {
        const sku = license[1].toLowerCase();
        const test = (o: Record<string, unknown>) =>
            ((o.assignedLicenses ?? []) as { skuId: string }[]).some((l) => l.skuId.toLowerCase() === sku);
        return { test, advanced: false };
    }
    const eq = /^(employeeType|userType) eq '((?:[^']|'')*)'$/.exec(filter);
    if (eq) {
        const [, property, quoted] = eq;
        const value = quoted.replace(/''/g, "'");
        return { test: (o) => o[property] === value, advanced: property === "employeeType" };
    }
    const starts = /^startsWith\((userPrincipalName|mailNickname),'((?:[^']|'')*)'\)$/.exec(filter);
    if (starts) {
        const [, property, quoted] = starts;
        const prefix = quoted.replace(/''/g, "'").toLowerCase();
        return {
            test: (o) =>
                String(o[property] ?? "")
                    .toLowerCase()
                    .startsWith(prefix),
            advanced: false,
        };
    }
    return undefined;
}

function selected(o: Record<string, unknown>, select: readonly string[] | undefined): Record<string, unknown> {
    if (select === undefined) {
        return { ...o };
    }
    return Object.fromEntries(["id", ...select].filter((k) => k in o).map((k) => [k, o[k]]));
}

/** Routes of a loopback Graph serving a directory; install with `graph.directory = new LoopbackDirectory(...)`. */
export class LoopbackDirectory implements DirectoryRoutes {
    /** Objects a page. */
    pageSize = 100;
    /** Permissions the signed-in identity lacks; requests that need one of them answer 403. */
    readonly denied = new Set<DirectoryPermission>();

    constructor(
        readonly fixture: DirectoryFixture,
        /** `http://127.0.0.1:<port>` of the loopback Graph, for next-page links. */
        private readonly endpoint: string,
    ) {}

    answer(request: SeenRequest): Answer | undefined {
        if (request.method !== "GET") {
            return undefined;
        }
        const [pathname, search = ""] = request.url.split(/\?(.*)/s);
        const query = parseQuery(search);
        const advanced = request.consistencyLevel === "eventual" && query.count;
        if (pathname === "/v1.0/subscribedSkus") {
            return this.denied.has("Organization.Read.All")
                ? DENIED
                : { status: 200, body: { value: this.fixture.skus } };
        }
        if (pathname === "/v1.0/users" || pathname === "/v1.0/groups") {
            const users = pathname === "/v1.0/users";
            if (this.denied.has(users ? "User.Read.All" : "Group.Read.All")) {
                return DENIED;
            }
            const all = (users ? this.fixture.users : this.fixture.groups) as readonly Record<string, unknown>[];
            return this.list(pathname, all, query, advanced);
        }
        const user = /^\/v1\.0\/users\/([^/]+)$/.exec(pathname);
        if (user) {
            if (this.denied.has("User.Read.All")) {
                return DENIED;
            }
            const key = user[1].toLowerCase();
            const found = this.fixture.users.find(
                (u) => u.id.toLowerCase() === key || u.userPrincipalName.toLowerCase() === key,
            );
            return found ? { status: 200, body: selected(found, query.select) } : notFound(user[1]);
        }
        const group = /^\/v1\.0\/groups\/([^/]+)(\/members)?$/.exec(pathname);
        if (group) {
            const found = this.fixture.groups.find((g) => g.id.toLowerCase() === group[1].toLowerCase());
            if (!found) {
                // Not this directory's group: the licensing routes may know it.
                return undefined;
            }
            if (group[2] === undefined) {
                const properties = Object.fromEntries(Object.entries(found).filter(([k]) => k !== "members"));
                return this.denied.has("Group.Read.All")
                    ? DENIED
                    : { status: 200, body: selected(properties, query.select) };
            }
            if (this.denied.has("GroupMember.Read.All") && this.denied.has("Group.Read.All")) {
                return DENIED;
            }
            const members = found.members.map((id) => this.memberObject(id, query.select));
            return this.list(pathname, members, query, advanced, (o) => o);
        }
        return undefined;
    }

    private memberObject(id: string, select: readonly string[] | undefined): Record<string, unknown> {
        const user = this.fixture.users.find((u) => u.id === id);
        if (user) {
            return { "@odata.type": "#microsoft.graph.user", ...selected(user, select) };
        }
        const group = this.fixture.groups.find((g) => g.id === id);
        return { "@odata.type": "#microsoft.graph.group", id, displayName: group?.displayName ?? null };
    }

    private list(
        pathname: string,
        all: readonly Record<string, unknown>[],
        query: Query,
        advanced: boolean,
        present: (o: Record<string, unknown>) => Record<string, unknown> = (o) => selected(o, query.select),
    ): Answer {
        let matching = all;
        if (query.filter !== undefined) {
            const p = predicate(query.filter);
            if (!p) {
                return {
                    status: 400,
                    body: errorBody(
                        "Request_BadRequest",
                        `The loopback Graph does not know the filter ${query.filter}.`,
                    ),
                };
            }
            if (p.advanced && !advanced) {
                return {
                    status: 400,
                    body: errorBody(
                        "Request_UnsupportedQuery",
                        "Unsupported or invalid query filter clause specified for property 'employeeType' of resource 'User'.",
                    ),
                };
            }
            matching = all.filter(p.test);
        }
        const page = matching.slice(query.skip, query.skip + this.pageSize).map(present);
        const next = query.skip + this.pageSize;
        const link = [
            ...(query.filter === undefined ? [] : [`$filter=${encodeURIComponent(query.filter)}`]),
            ...(query.select === undefined ? [] : [`$select=${query.select.join(",")}`]),
            ...(query.count ? ["$count=true"] : []),
            `$skiptoken=${next}`,
        ].join("&");
        return {
            status: 200,
            body: {
                ...(advanced ? { "@odata.count": matching.length } : {}),
                value: page,
                ...(next < matching.length ? { "@odata.nextLink": `${this.endpoint}${pathname}?${link}` } : {}),
            },
        };
    }
}

function notFound(key: string): Answer {
    return {
        status: 404,
        body: errorBody(
            "Request_ResourceNotFound",
            `Resource '${key}' does not exist or one of its queried reference-property objects are not present.`,
        ),
    };
}
