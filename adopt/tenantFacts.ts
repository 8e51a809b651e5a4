/**
 * What every step of adoption asks of the tenant as read, worked out once: its Remote Assist SKUs,
 * the host's own domains, and the experts' team with its members.
 */
import type { DirectoryGroup, DirectoryUser, TenantSnapshot } from "../tenant/model";
import { domainOf } from "./names";

/** The tenant as read, and what adoption derives from it once. */
export interface TenantFacts {
    readonly snapshot: TenantSnapshot;
    /** skuIds of the tenant's Remote Assist SKUs. */
    readonly ra: ReadonlySet<string>;
    /** The host tenant's domain for new service accounts, lower-case. */
    readonly host: string;
    /** The experts' team, when it was named and exists. */
    readonly team?: DirectoryGroup;
    /** Object ids of the team's members; none without a team. */
    readonly teamMembers: ReadonlySet<string>;
    /** Whether a user holds Remote Assist, assigned or merely in an assignment state. */
    holdsRemoteAssist(user: DirectoryUser): boolean;
    /** Whether an address is outside the host: neither its domain nor one its members sign in with. */
    isExternal(address: string): boolean;
}

/** The facts of `snapshot`, for a host whose domain for new service accounts is `domain`. */
export function tenantFacts(snapshot: TenantSnapshot, domain: string): TenantFacts {
    const ra = new Set(snapshot.remoteAssistSkuIds);
    const host = domain.toLowerCase();
    const hostDomains = new Set([
        host,
        ...snapshot.users.filter((u) => u.userType === "Member").map((u) => domainOf(u.userPrincipalName)),
    ]);
    const team = snapshot.groups.find((g) => g.id === snapshot.teamGroupId);
    return {
        snapshot,
        ra,
        host,
        ...(team === undefined ? {} : { team }),
        teamMembers: new Set(team?.members.map((m) => m.id) ?? []),
        holdsRemoteAssist: (user) =>
            user.assignedLicenses.some((l) => ra.has(l.skuId)) ||
            user.licenseAssignmentStates.some((s) => ra.has(s.skuId)),
        isExternal: (address) => !hostDomains.has(domainOf(address)),
    };
}
