/**
 * What Pulumi's refresh cannot see: `pulumi refresh` reads only the resources in the stack's state,
 * so a service account or a guest made by hand next to the stack, a license assigned straight to a
 * user, a license Entra ID failed to give, an invitation nobody redeemed, or an attribute the stack
 * leaves alone goes unnoticed. Each rule here compares the stack config with one reading of the
 * tenant (tenant/read.ts) and returns its findings; a rule that does not apply finds nothing. Their
 * wording (titles, advice) lives in `RULE_TITLES` and each finding's `advice`.
 */
import type { ServiceAccountConfig, StackConfig, VendorConfig } from "../config/types";
import { LICENSE_ERROR_MEANINGS } from "../licensing/licenseHealth";
import {
    EXPERTS_SEGMENT_NICKNAME,
    SERVICE_ACCOUNT_EMPLOYEE_TYPE,
    SERVICE_ACCOUNTS_GROUP_NICKNAME,
    serviceAccountSignInName,
    vendorSegmentNickname,
} from "../naming";
import { directRemoteAssist, skuWords } from "../tenant/licenses";
import type { DirectoryGroup, DirectoryUser, TenantSnapshot } from "../tenant/model";
import { guestEmail, SERVICE_ACCOUNT_NAME_PREFIX } from "../tenant/read";

/** The kinds of finding, in the order the report lists them. */
export const FINDING_KINDS = [
    "unmanaged-service-account",
    "unmanaged-team-guest",
    "missing-adopted-object",
    "direct-license",
    "license-error",
    "unredeemed-invitation",
    "suspended-vendor-account",
    "segment-attribute",
    "segment-membership",
] as const;

/** A kind of finding. */
export type FindingKind = (typeof FINDING_KINDS)[number];

/** What each kind is called in the report. */
export const RULE_TITLES: Readonly<Record<FindingKind, string>> = {
    "unmanaged-service-account": "Users that look like service accounts but are not in config",
    "unmanaged-team-guest": "Guests in the experts' team that are not in config",
    "missing-adopted-object": "Adopted objects the tenant no longer has",
    "direct-license": "Remote Assist licenses assigned directly instead of through a group",
    "license-error": "Licenses Entra ID failed to give",
    "unredeemed-invitation": "Invitations not redeemed",
    "suspended-vendor-account":
        "Accounts of suspended vendors still enabled or licensed, or still in the experts' team",
    "segment-attribute": "Attributes that differ from what the stack sets",
    "segment-membership": "Segment group memberships that differ from config",
};

/** One thing found. */
export interface Finding {
    readonly kind: FindingKind;
    /** Whom it is about: a UPN, a guest's email, a group. */
    readonly subject: string;
    /** The vendor in config it concerns, by id, when there is one. */
    readonly vendor?: string;
    /** What was found. */
    readonly detail: string;
    /** What to do about it. */
    readonly advice: string;
}

/** What the rules are told besides the config and the reading. */
export interface AuditOptions {
    /** A pending invitation older than this many days is a finding. */
    readonly invitationDays: number;
    /** UPNs (lower-case) the admin says are internal users, never service accounts. */
    readonly internal: ReadonlySet<string>;
}

/** Facts every rule uses, worked out once. */
interface Context {
    readonly config: StackConfig;
    readonly snapshot: TenantSnapshot;
    readonly options: AuditOptions;
    readonly ra: ReadonlySet<string>;
    /** Every service account config lists, with its user when the tenant has it. */
    readonly serviceAccounts: readonly ConfigAccount[];
    /** Config's service accounts by UPN, lower-case. */
    readonly accounts: ReadonlyMap<string, ConfigAccount>;
    readonly usersByUpn: ReadonlyMap<string, DirectoryUser>;
    readonly usersById: ReadonlyMap<string, DirectoryUser>;
    readonly groupsById: ReadonlyMap<string, DirectoryGroup>;
    /** The experts' team config names, when the tenant has it. */
    readonly team?: DirectoryGroup;
    /** A config guest's user, by object id when adopted, else by email. */
    readonly guestUser: (email: string, userId?: string) => DirectoryUser | undefined;
    readonly sku: (skuId: string) => string;
}

/** A service account config lists, with its sign-in name and its user when the tenant has it. */
interface ConfigAccount {
    readonly vendor: VendorConfig;
    readonly account: ServiceAccountConfig;
    readonly upn: string;
    readonly user?: DirectoryUser;
}

const lower = (s: string) => s.toLowerCase();

function context(config: StackConfig, snapshot: TenantSnapshot, options: AuditOptions): Context {
    const usersByUpn = new Map(snapshot.users.map((u) => [lower(u.userPrincipalName), u]));
    const serviceAccounts = config.vendors.flatMap((vendor) =>
        vendor.serviceAccounts.map((account): ConfigAccount => {
            const upn = serviceAccountSignInName(vendor.id, account, config.tenant.domain);
            const user = usersByUpn.get(lower(upn));
            return { vendor, account, upn, ...(user ? { user } : {}) };
        }),
    );
    const guestsByEmail = new Map(
        snapshot.users
            .filter((u) => u.userType === "Guest")
            .flatMap((u) => {
                const email = guestEmail(u);
                return email === undefined ? [] : [[email, u] as const];
            }),
    );
    const usersById = new Map(snapshot.users.map((u) => [u.id, u]));
    const groupsById = new Map(snapshot.groups.map((g) => [g.id, g]));
    const team = config.experts.team === undefined ? undefined : groupsById.get(config.experts.team);
    return {
        config,
        snapshot,
        options,
        ra: new Set(snapshot.remoteAssistSkuIds),
        serviceAccounts,
        accounts: new Map(serviceAccounts.map((a) => [lower(a.upn), a])),
        usersByUpn,
        usersById,
        groupsById,
        ...(team ? { team } : {}),
        guestUser: (email, userId) => (userId === undefined ? guestsByEmail.get(lower(email)) : usersById.get(userId)),
        sku: (skuId) => skuWords(snapshot, skuId),
    };
}

/** Every guest config lists, with its user when the tenant has it. */
function configGuests(ctx: Context) {
    return ctx.config.vendors.flatMap((vendor) =>
        vendor.guests.map((guest) => ({ vendor, guest, user: ctx.guestUser(guest.email, guest.existing?.userId) })),
    );
}

/** Members (not guests) that look like service accounts and are not in config. */
function unmanagedServiceAccounts(ctx: Context): Finding[] {
    const experts = new Set(ctx.config.experts.members.map(lower));
    return ctx.snapshot.users.flatMap((u): Finding[] => {
        const upn = lower(u.userPrincipalName);
        if (u.userType === "Guest" || ctx.accounts.has(upn) || experts.has(upn) || ctx.options.internal.has(upn)) {
            return [];
        }
        const held = [...new Set(u.licenseAssignmentStates.filter((s) => ctx.ra.has(s.skuId)).map((s) => s.skuId))];
        const why = [
            ...(u.employeeType === SERVICE_ACCOUNT_EMPLOYEE_TYPE ? ["has the stack's employeeType"] : []),
            ...(upn.startsWith(SERVICE_ACCOUNT_NAME_PREFIX) ? ["is named like the stack's service accounts"] : []),
            ...held.map((s) => `holds ${ctx.sku(s)}`),
        ];
        return why.length === 0
            ? []
            : [
                  {
                      kind: "unmanaged-service-account",
                      subject: u.userPrincipalName,
                      detail: `${why.join(", ")}, but no vendor in config has it`,
                      advice: "add it to its vendor's serviceAccounts with existing.userPrincipalName (npm run adopt writes the entry), or delete it; an internal user goes under internal in the hints file",
                  },
              ];
    });
}

/** Guests in the experts' team that no vendor lists. */
function unmanagedTeamGuests(ctx: Context): Finding[] {
    const { team } = ctx;
    if (!team) {
        return [];
    }
    const known = new Set(configGuests(ctx).flatMap((g) => (g.user ? [g.user.id] : [])));
    return team.members.flatMap((m): Finding[] => {
        const user = ctx.usersById.get(m.id);
        if (m.userType !== "Guest" || known.has(m.id)) {
            return [];
        }
        return [
            {
                kind: "unmanaged-team-guest",
                subject: (user && guestEmail(user)) ?? m.userPrincipalName ?? m.id,
                detail: `in the experts' team ${JSON.stringify(team.displayName)}, but in no vendor's guests`,
                advice: "add it to its vendor's guests with existing.userId (its object id), or remove it from the team",
            },
        ];
    });
}

/**
 * Objects config adopts (`existing`) that Graph says the tenant does not have: service accounts
 * looked up by UPN (`missingUsers`), license groups read by id (`missingGroups`), and guests (by
 * object id, read with every guest).
 */
function missingAdoptedObjects(ctx: Context): Finding[] {
    const missingUsers = new Set(ctx.snapshot.missingUsers.map(lower));
    const missingGroups = new Set(ctx.snapshot.missingGroups.map(lower));
    const accounts = ctx.config.vendors.flatMap((vendor) =>
        vendor.serviceAccounts.flatMap((a): Finding[] =>
            a.existing && missingUsers.has(lower(a.existing.userPrincipalName))
                ? [
                      {
                          kind: "missing-adopted-object",
                          subject: a.existing.userPrincipalName,
                          vendor: vendor.id,
                          detail: "config adopts this service account, but the tenant has no such user",
                          advice: "restore it from Deleted users within 30 days, or remove its existing block so that the stack creates it anew",
                      },
                  ]
                : [],
        ),
    );
    const guests = configGuests(ctx).flatMap(({ vendor, guest, user }): Finding[] =>
        guest.existing && !user
            ? [
                  {
                      kind: "missing-adopted-object",
                      subject: guest.email,
                      vendor: vendor.id,
                      detail: `config adopts guest user ${guest.existing.userId}, but the tenant has no such user`,
                      advice: "restore it from Deleted users within 30 days, or remove its existing block so that the stack invites it again",
                  },
              ]
            : [],
    );
    const licenseGroups = ctx.config.vendors.flatMap((vendor): Finding[] => {
        const group = vendor.existing?.licenseGroup;
        return group && missingGroups.has(lower(group.id))
            ? [
                  {
                      kind: "missing-adopted-object",
                      subject: group.displayName,
                      vendor: vendor.id,
                      detail: `config adopts license group ${group.id}, but the tenant has no such group`,
                      // "both Microsoft 365 and security groups are moved to a temporary container and can be
                      // restored within 30 days" (Microsoft Graph, "Delete group", https://learn.microsoft.com/graph/api/group-delete).
                      advice: "restore it from Deleted groups within 30 days, or remove its existing block so that the stack creates a license group anew",
                  },
              ]
            : [];
    });
    return [...accounts, ...guests, ...licenseGroups];
}

/** Remote Assist assigned to a user directly, not inherited from a group. */
function directLicenses(ctx: Context): Finding[] {
    return ctx.snapshot.users.flatMap((u): Finding[] => {
        if (ctx.options.internal.has(lower(u.userPrincipalName))) {
            return [];
        }
        const account = ctx.accounts.get(lower(u.userPrincipalName));
        return directRemoteAssist(u, ctx.ra).map((s) => ({
            kind: "direct-license" as const,
            subject: u.userPrincipalName,
            ...(account ? { vendor: account.vendor.id } : {}),
            detail: `holds ${ctx.sku(s.skuId)} directly, not through a license group`,
            advice: account
                ? `remove the direct assignment (Entra admin center > Users > ${u.userPrincipalName} > Licenses) once its license group licenses it; a license the stack does not assign is one it cannot take back`
                : "license it through a group, or remove it",
        }));
    });
}

/** Licenses Entra ID could not give: a state of Error, or an error other than None. Not of internal users. */
function licenseErrors(ctx: Context): Finding[] {
    return ctx.snapshot.users.flatMap((u): Finding[] => {
        if (ctx.options.internal.has(lower(u.userPrincipalName))) {
            return [];
        }
        const account = ctx.accounts.get(lower(u.userPrincipalName));
        if (!account && !u.licenseAssignmentStates.some((s) => ctx.ra.has(s.skuId))) {
            return [];
        }
        return u.licenseAssignmentStates
            .filter((s) => (s.error !== null && s.error !== "None") || s.state === "Error")
            .map((s) => {
                const group = s.assignedByGroup === null ? undefined : ctx.groupsById.get(s.assignedByGroup);
                const from =
                    s.assignedByGroup === null
                        ? "assigned directly"
                        : `from group ${group ? JSON.stringify(group.displayName) : s.assignedByGroup}`;
                const error = s.error ?? "Other";
                return {
                    kind: "license-error" as const,
                    subject: u.userPrincipalName,
                    ...(account ? { vendor: account.vendor.id } : {}),
                    detail: `${ctx.sku(s.skuId)} ${from}: ${error}`,
                    advice: LICENSE_ERROR_MEANINGS[error] ?? LICENSE_ERROR_MEANINGS.Other,
                };
            });
    });
}

/** Pending invitations older than the configured number of days, of config's guests and the team's. */
function unredeemedInvitations(ctx: Context): Finding[] {
    const read = Date.parse(ctx.snapshot.readAt);
    const { team } = ctx;
    const ofConfig = configGuests(ctx).flatMap((g) => (g.user ? [{ user: g.user, vendor: g.vendor.id }] : []));
    const ofTeam = (team?.members ?? [])
        .flatMap((m) => (m.userType === "Guest" ? [ctx.usersById.get(m.id)] : []))
        .filter((u): u is DirectoryUser => u !== undefined && !ofConfig.some((g) => g.user.id === u.id))
        .map((user) => ({ user, vendor: undefined }));
    return [...ofConfig, ...ofTeam].flatMap(({ user, vendor }): Finding[] => {
        if (user.externalUserState !== "PendingAcceptance" || user.externalUserStateChangeDateTime === undefined) {
            return [];
        }
        const days = Math.floor((read - Date.parse(user.externalUserStateChangeDateTime)) / 86_400_000);
        if (days < ctx.options.invitationDays) {
            return [];
        }
        return [
            {
                kind: "unredeemed-invitation",
                subject: guestEmail(user) ?? user.userPrincipalName,
                ...(vendor === undefined ? {} : { vendor }),
                detail: `invited ${user.externalUserStateChangeDateTime.slice(0, 10)}, ${days} days ago, and not redeemed`,
                advice: "resend the invitation from the guest's page in the Entra admin center, or remove the guest if it is no longer needed",
            },
        ];
    });
}

/** A suspended vendor's accounts that can still sign in or still hold a license, and its guests still in the experts' team. */
function suspendedVendorAccounts(ctx: Context): Finding[] {
    const { team } = ctx;
    const guests = configGuests(ctx).flatMap(({ vendor, guest, user }): Finding[] =>
        vendor.state === "suspended" && user && team?.members.some((m) => m.id === user.id)
            ? [
                  {
                      kind: "suspended-vendor-account",
                      subject: guest.email,
                      vendor: vendor.id,
                      detail: `${vendor.name} is suspended, but its guest is still in the experts' team ${JSON.stringify(team.displayName)}`,
                      advice: "remove it from the team (the stack removes only memberships it made or imported: unprotect them first, README Offboarding)",
                  },
              ]
            : [],
    );
    const accounts = ctx.serviceAccounts
        .filter((a) => a.vendor.state === "suspended")
        .flatMap(({ vendor, user }): Finding[] => {
            if (!user) {
                return [];
            }
            const licenses = [...new Set(user.assignedLicenses.map((l) => ctx.sku(l.skuId)))];
            const what = [
                ...(user.accountEnabled ? ["is enabled"] : []),
                ...(licenses.length > 0 ? [`still holds ${licenses.join(", ")}`] : []),
            ];
            return what.length === 0
                ? []
                : [
                      {
                          kind: "suspended-vendor-account",
                          subject: user.userPrincipalName,
                          vendor: vendor.id,
                          detail: `${vendor.name} is suspended, but its account ${what.join(" and ")}`,
                          advice: "pulumi up --refresh disables it and takes it out of its license group; remove a license assigned directly by hand",
                      },
                  ];
        });
    return [...accounts, ...guests];
}

/** A service account's company name and department, which hand-made information barriers keyed on. */
function segmentAttributes(ctx: Context): Finding[] {
    return ctx.serviceAccounts.flatMap(({ vendor, account, user }): Finding[] => {
        if (!user) {
            return [];
        }
        const fix = account.existing
            ? "the stack leaves an adopted account's attributes alone: correct it in the Entra admin center"
            : "pulumi up --refresh sets it back";
        const about = { kind: "segment-attribute", subject: user.userPrincipalName, vendor: vendor.id } as const;
        const findings: Finding[] = [];
        if (user.companyName !== vendor.name) {
            findings.push({
                ...about,
                detail: `companyName is ${user.companyName === undefined ? "empty" : JSON.stringify(user.companyName)}, not the vendor's name ${JSON.stringify(vendor.name)}`,
                advice: fix,
            });
        }
        if (user.department !== undefined) {
            findings.push({
                ...about,
                detail: `department is ${JSON.stringify(user.department)}; the stack sets none, since segments are group membership now, and an old segment filtering on department may still match it`,
                advice: account.existing ? fix : "pulumi up --refresh clears it",
            });
        }
        return findings;
    });
}

/**
 * Members of the stack's segment groups that differ from config, where the groups exist already:
 * a vendor's service accounts in its `ra-segment-<id>` group, every service account in
 * `ra-service-accounts`, the experts in `ra-experts-segment`, and no one else.
 */
function segmentMemberships(ctx: Context): Finding[] {
    const groupNamed = (nickname: string) =>
        ctx.snapshot.groups.find((g) => g.mailNickname !== undefined && lower(g.mailNickname) === nickname);
    const idOf = (upn: string) => ctx.usersByUpn.get(lower(upn))?.id;
    const compare = (group: DirectoryGroup | undefined, wanted: readonly string[], vendor?: string): Finding[] => {
        if (!group) {
            return [];
        }
        const ids = new Map(
            wanted.flatMap((upn) => {
                const id = idOf(upn);
                return id === undefined ? [] : [[id, upn] as const];
            }),
        );
        const name = JSON.stringify(group.displayName);
        const missing = [...ids].filter(([id]) => !group.members.some((m) => m.id === id)).map(([, upn]) => upn);
        const extra = group.members.filter((m) => !ids.has(m.id));
        const at = vendor === undefined ? {} : { vendor };
        return [
            ...missing.map((upn) => ({
                kind: "segment-membership" as const,
                subject: upn,
                ...at,
                detail: `not a member of the segment group ${name}, so not in its segment`,
                advice: "pulumi up --refresh adds it (membership is the stack's)",
            })),
            ...extra.map((m) => ({
                kind: "segment-membership" as const,
                subject: m.userPrincipalName ?? m.id,
                ...at,
                detail: `a member of the segment group ${name}, which config does not put there`,
                advice: "pulumi up --refresh removes it; add it to config first if it belongs there",
            })),
        ];
    };
    const accountsOf = (v: VendorConfig) => ctx.serviceAccounts.filter((a) => a.vendor === v).map((a) => a.upn);
    return [
        ...ctx.config.vendors
            .filter((v) => v.serviceAccounts.length > 0)
            .flatMap((v) => compare(groupNamed(vendorSegmentNickname(v.id)), accountsOf(v), v.id)),
        ...compare(
            groupNamed(SERVICE_ACCOUNTS_GROUP_NICKNAME),
            ctx.serviceAccounts.map((a) => a.upn),
        ),
        ...(ctx.config.experts.segmentFilter === undefined
            ? compare(groupNamed(EXPERTS_SEGMENT_NICKNAME), ctx.config.experts.members)
            : []),
    ];
}

/** Every rule, each finding sorted within it by subject. */
const RULES: Readonly<Record<FindingKind, (ctx: Context) => Finding[]>> = {
    "unmanaged-service-account": unmanagedServiceAccounts,
    "unmanaged-team-guest": unmanagedTeamGuests,
    "missing-adopted-object": missingAdoptedObjects,
    "direct-license": directLicenses,
    "license-error": licenseErrors,
    "unredeemed-invitation": unredeemedInvitations,
    "suspended-vendor-account": suspendedVendorAccounts,
    "segment-attribute": segmentAttributes,
    "segment-membership": segmentMemberships,
};

/** The findings of every rule, in {@link FINDING_KINDS} order, each rule's by subject. */
export function audit(config: StackConfig, snapshot: TenantSnapshot, options: AuditOptions): Finding[] {
    const ctx = context(config, snapshot, options);
    return FINDING_KINDS.flatMap((kind) =>
        RULES[kind](ctx).sort((a, b) => a.subject.localeCompare(b.subject) || a.detail.localeCompare(b.detail)),
    );
}
