/**
 * One read-only reading of the tenant's Remote Assist set-up, shared by `npm run adopt` and
 * `npm run audit` (README, Adopting an existing tenant; Auditing what the stack cannot see).
 *
 * What is read, in this order:
 * 1. the tenant's subscriptions (`GET /subscribedSkus`), to know its Remote Assist SKUs;
 * 2. the users that hold one of them (`assignedLicenses/any(x:x/skuId eq <sku>)`), those with the
 *    stack's `employeeType`, those named like the stack's service accounts (`sa-...`), and every
 *    guest (`userType eq 'Guest'`), each with `licenseAssignmentStates` (returned only on
 *    `$select`; `assignedByGroup` tells a license inherited from a group from a direct one) and, for
 *    guests, `externalUserState` and `externalUserStateChangeDateTime` (Microsoft Graph, user
 *    resource);
 * 3. the groups those licenses come from, the groups named like the stack's (`ra-...`) and the
 *    experts' team group, each with its direct members;
 * 4. users named in config that none of the lists returned, one by one.
 *
 * Users and groups asked for by name or id that Graph says do not exist are recorded as missing
 * (`missingUsers`, `missingGroups`), for the audit's adopted objects the tenant no longer has.
 */
import { knownSkuById } from "../licensing/skuCatalogue";
import { SERVICE_ACCOUNT_EMPLOYEE_TYPE } from "../naming";
import type {
    AssignedLicense,
    DirectoryGroup,
    DirectoryUser,
    GroupMember,
    LicenseAssignment,
    TenantSku,
    TenantSnapshot,
} from "./model";
import { DirectoryReader, PageProgress, PERMISSIONS } from "./reader";

/** The user properties read (`$select`); Graph returns most of them only when selected. */
export const USER_FIELDS = [
    "id",
    "userPrincipalName",
    "displayName",
    "mailNickname",
    "mail",
    "otherMails",
    "userType",
    "accountEnabled",
    "usageLocation",
    "companyName",
    "department",
    "employeeType",
    "createdDateTime",
    "creationType",
    "externalUserState",
    "externalUserStateChangeDateTime",
    "assignedLicenses",
    "licenseAssignmentStates",
] as const;

/** The group properties read. */
export const GROUP_FIELDS = [
    "id",
    "displayName",
    "mailNickname",
    "mail",
    "description",
    "securityEnabled",
    "mailEnabled",
    "groupTypes",
    "isAssignableToRole",
    "assignedLicenses",
] as const;

/** The member properties read; a member is a user, or another kind of directory object. */
export const MEMBER_FIELDS = ["id", "userPrincipalName", "userType", "displayName"] as const;

/** Every stack-made group's mail nickname starts with this (naming.ts: ra-license-, ra-segment-, ...). */
export const STACK_GROUP_NICKNAME_PREFIX = "ra-";

/** Users named like the stack's service accounts (naming.serviceAccountLocalPart) start with this. */
export const SERVICE_ACCOUNT_NAME_PREFIX = "sa-";

/** Where progress goes while the tenant is read. */
export interface ReadProgress {
    /** A list or a step starts; returns what follows it. */
    start(label: string): PageProgress & { stop(): void };
}

/** What to read besides the Remote Assist set-up Graph can find by itself. */
export interface ReadOptions {
    /** Object id of the group behind the experts' Teams team. */
    readonly teamGroupId?: string;
    /** UPNs to look up by name (the service accounts in config). */
    readonly userPrincipalNames?: readonly string[];
    /** Groups to read besides (license groups adopted in config). */
    readonly groupIds?: readonly string[];
    /** The clock; tests pass their own. */
    readonly now?: () => Date;
}

/** A string for an OData string literal: quoted, with embedded quotes doubled. */
export function odataString(value: string): string {
    return `'${value.replace(/'/g, "''")}'`;
}

/**
 * The tenant's Remote Assist SKUs: the ones the catalogue knows as Remote Assist, and any other
 * whose part number names it (MICROSOFT_REMOTE_ASSIST_ATTACH, ...).
 */
export function remoteAssistSkuIds(skus: readonly TenantSku[]): string[] {
    return skus
        .filter(
            (s) =>
                /REMOTE_ASSIST/i.test(s.skuPartNumber) || /REMOTE_ASSIST/.test(knownSkuById(s.skuId)?.partNumber ?? ""),
        )
        .map((s) => s.skuId);
}

const lower = (s: unknown): string => String(s).toLowerCase();
const text = (s: unknown): string | undefined => (typeof s === "string" && s !== "" ? s : undefined);

function licenses(raw: unknown): AssignedLicense[] {
    return (Array.isArray(raw) ? raw : []).map((l: { skuId?: unknown; disabledPlans?: unknown }) => ({
        skuId: lower(l.skuId),
        disabledPlans: (Array.isArray(l.disabledPlans) ? l.disabledPlans : []).map(lower),
    }));
}

/** A guest's address: its mail, else its first other address, else the one its UPN encodes (`carol_contoso1.com#EXT#@...`). */
export function guestEmail(user: DirectoryUser): string | undefined {
    const encoded = /^(.+)_([^_]+)#EXT#@/i.exec(user.userPrincipalName);
    const address = user.mail ?? user.otherMails[0] ?? (encoded ? `${encoded[1]}@${encoded[2]}` : undefined);
    return address?.toLowerCase();
}

/** A user as Graph answered it, with Graph's nulls made absent and GUIDs lower-case. */
export function toUser(raw: Record<string, unknown>): DirectoryUser {
    const states = Array.isArray(raw.licenseAssignmentStates)
        ? (raw.licenseAssignmentStates as Record<string, unknown>[])
        : [];
    return {
        id: lower(raw.id),
        userPrincipalName: String(raw.userPrincipalName ?? ""),
        displayName: String(raw.displayName ?? ""),
        ...optional("mailNickname", raw.mailNickname),
        ...optional("mail", raw.mail),
        otherMails: Array.isArray(raw.otherMails) ? raw.otherMails.map(String) : [],
        userType: String(raw.userType ?? "Member"),
        accountEnabled: raw.accountEnabled !== false,
        ...optional("usageLocation", raw.usageLocation),
        ...optional("companyName", raw.companyName),
        ...optional("department", raw.department),
        ...optional("employeeType", raw.employeeType),
        ...optional("createdDateTime", raw.createdDateTime),
        ...optional("creationType", raw.creationType),
        ...optional("externalUserState", raw.externalUserState),
        ...optional("externalUserStateChangeDateTime", raw.externalUserStateChangeDateTime),
        assignedLicenses: licenses(raw.assignedLicenses),
        licenseAssignmentStates: states.map((s): LicenseAssignment => ({
            skuId: lower(s.skuId),
            assignedByGroup: text(s.assignedByGroup)?.toLowerCase() ?? null,
            state: String(s.state ?? ""),
            error: text(s.error) ?? null,
            disabledPlans: (Array.isArray(s.disabledPlans) ? s.disabledPlans : []).map(lower),
        })),
    };
}

function optional<K extends string>(key: K, value: unknown): { [P in K]?: string } {
    const t = text(value);
    return (t === undefined ? {} : { [key]: t }) as { [P in K]?: string };
}

/** A member as Graph lists it (`@odata.type` `#microsoft.graph.user`, ...). */
function toMember(raw: Record<string, unknown>): GroupMember {
    const type = String(raw["@odata.type"] ?? "");
    return {
        id: lower(raw.id),
        kind: type.startsWith("#microsoft.graph.") ? type.slice("#microsoft.graph.".length) : "unknown",
        ...optional("userPrincipalName", raw.userPrincipalName),
        ...optional("userType", raw.userType),
        ...optional("displayName", raw.displayName),
    };
}

function toGroup(raw: Record<string, unknown>, members: GroupMember[]): DirectoryGroup {
    return {
        id: lower(raw.id),
        displayName: String(raw.displayName ?? ""),
        ...optional("mailNickname", raw.mailNickname),
        ...optional("mail", raw.mail),
        ...optional("description", raw.description),
        securityEnabled: raw.securityEnabled === true,
        mailEnabled: raw.mailEnabled === true,
        groupTypes: Array.isArray(raw.groupTypes) ? raw.groupTypes.map(String) : [],
        isAssignableToRole: raw.isAssignableToRole === true,
        assignedLicenses: licenses(raw.assignedLicenses),
        members,
    };
}

/** `$filter`, `$select` and `$top` of a user list, the filter percent-encoded. */
function userQuery(filter: string): string {
    return `/users?$filter=${encodeURIComponent(filter)}&$select=${USER_FIELDS.join(",")}&$top=999`;
}

const NO_PROGRESS: ReadProgress = { start: () => Object.assign(() => undefined, { stop: () => undefined }) };

/** Reads the tenant's Remote Assist set-up (see the module comment). Never writes. */
export async function readTenant(
    reader: DirectoryReader,
    options: ReadOptions = {},
    progress: ReadProgress = NO_PROGRESS,
): Promise<TenantSnapshot> {
    const readAt = (options.now ?? (() => new Date()))().toISOString();
    const listed = async <T>(label: string, run: (p: PageProgress) => Promise<T>): Promise<T> => {
        const shown = progress.start(label);
        try {
            return await run(shown);
        } finally {
            shown.stop();
        }
    };

    const skus = (
        await listed("subscriptions", (p) =>
            reader.list<Record<string, unknown>>(
                { what: "list the tenant's subscribed SKUs", permission: PERMISSIONS.skus },
                "/subscribedSkus?$select=skuId,skuPartNumber",
                false,
                p,
            ),
        )
    ).map((s): TenantSku => ({ skuId: lower(s.skuId), skuPartNumber: String(s.skuPartNumber ?? "") }));
    const raSkus = remoteAssistSkuIds(skus);

    const users = new Map<string, DirectoryUser>();
    const lists: { label: string; what: string; filter: string }[] = [
        ...raSkus.map((skuId) => {
            const name = skus.find((s) => s.skuId === skuId)?.skuPartNumber ?? skuId;
            return {
                label: `users holding ${name}`,
                what: `list the users that hold ${name}`,
                filter: `assignedLicenses/any(x:x/skuId eq ${skuId})`,
            };
        }),
        {
            label: "users with the stack's employeeType",
            what: `list the users whose employeeType is ${SERVICE_ACCOUNT_EMPLOYEE_TYPE}`,
            filter: `employeeType eq ${odataString(SERVICE_ACCOUNT_EMPLOYEE_TYPE)}`,
        },
        {
            label: `users named ${SERVICE_ACCOUNT_NAME_PREFIX}…`,
            what: `list the users whose name starts with ${SERVICE_ACCOUNT_NAME_PREFIX}`,
            filter: `startsWith(userPrincipalName,${odataString(SERVICE_ACCOUNT_NAME_PREFIX)})`,
        },
        { label: "guests", what: "list the guests", filter: "userType eq 'Guest'" },
    ];
    for (const list of lists) {
        const found = await listed(list.label, (p) =>
            reader.list<Record<string, unknown>>(
                { what: list.what, permission: PERMISSIONS.users },
                userQuery(list.filter),
                true,
                p,
            ),
        );
        found.map(toUser).forEach((u) => users.set(u.id, u));
    }

    const missingUsers: string[] = [];
    const known = new Set([...users.values()].map((u) => u.userPrincipalName.toLowerCase()));
    const lookups = (options.userPrincipalNames ?? []).filter((upn) => !known.has(upn.toLowerCase()));
    if (lookups.length > 0) {
        await listed("users named in config", async (p) => {
            let done = 0;
            await Promise.all(
                lookups.map(async (upn) => {
                    const raw = await reader.get<Record<string, unknown>>(
                        { what: `read the user ${upn}`, permission: PERMISSIONS.users },
                        `/users/${encodeURIComponent(upn)}?$select=${USER_FIELDS.join(",")}`,
                    );
                    if (raw === undefined) {
                        missingUsers.push(upn);
                    } else {
                        const user = toUser(raw);
                        users.set(user.id, user);
                    }
                    p(++done, lookups.length);
                }),
            );
        });
    }

    const groups = new Map<string, DirectoryGroup>();
    const missingGroups: string[] = [];
    const stackGroups = await listed("groups named ra-…", (p) =>
        reader.list<Record<string, unknown>>(
            {
                what: `list the groups whose mail nickname starts with ${STACK_GROUP_NICKNAME_PREFIX}`,
                permission: PERMISSIONS.groups,
            },
            `/groups?$filter=${encodeURIComponent(`startsWith(mailNickname,${odataString(STACK_GROUP_NICKNAME_PREFIX)})`)}&$select=${GROUP_FIELDS.join(",")}&$top=999`,
            true,
            p,
        ),
    );
    const licensing = [...users.values()].flatMap((u) =>
        u.licenseAssignmentStates
            .filter((s) => raSkus.includes(s.skuId) && s.assignedByGroup !== null)
            .map((s) => s.assignedByGroup as string),
    );
    const wanted = [
        ...new Set(
            [...licensing, ...(options.teamGroupId ? [options.teamGroupId] : []), ...(options.groupIds ?? [])].map(
                lower,
            ),
        ),
    ].filter((id) => !stackGroups.some((g) => lower(g.id) === id));
    const total = stackGroups.length + wanted.length;
    await listed("groups and their members", async (p) => {
        let done = 0;
        const membersOf = (id: string, name: string) =>
            reader
                .list<Record<string, unknown>>(
                    { what: `list the members of group ${name} (${id})`, permission: PERMISSIONS.members },
                    `/groups/${encodeURIComponent(id)}/members?$select=${MEMBER_FIELDS.join(",")}&$top=999`,
                    true,
                )
                .then((m) => m.map(toMember));
        const add = async (raw: Record<string, unknown>) => {
            const group = toGroup(raw, await membersOf(lower(raw.id), String(raw.displayName ?? "")));
            groups.set(group.id, group);
            p(++done, total);
        };
        await Promise.all([
            ...stackGroups.map(add),
            ...wanted.map(async (id) => {
                const raw = await reader.get<Record<string, unknown>>(
                    { what: `read group ${id}`, permission: PERMISSIONS.groups },
                    `/groups/${encodeURIComponent(id)}?$select=${GROUP_FIELDS.join(",")}`,
                );
                if (raw === undefined) {
                    missingGroups.push(id);
                    p(++done, total);
                    return;
                }
                await add(raw);
            }),
        ]);
    });

    const byName = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    return {
        readAt,
        skus,
        remoteAssistSkuIds: raSkus,
        users: [...users.values()].sort(byName),
        groups: [...groups.values()].sort(byName),
        missingUsers: missingUsers.sort(),
        missingGroups: missingGroups.sort(),
        ...(options.teamGroupId !== undefined && groups.has(lower(options.teamGroupId))
            ? { teamGroupId: lower(options.teamGroupId) }
            : {}),
    };
}
