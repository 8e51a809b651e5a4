/**
 * The tenant as `npm run adopt` and `npm run audit` read it from Microsoft Graph: plain data, in
 * Graph's own property names, with nothing derived yet. Only what the Remote Assist set-up needs is
 * read (`$select`), see `read.ts`.
 */

/** One license of a user or group (`assignedLicense`). */
export interface AssignedLicense {
    /** The SKU's GUID, lower-case. */
    readonly skuId: string;
    /** Service-plan GUIDs switched off, lower-case. */
    readonly disabledPlans: readonly string[];
}

/** How one license reaches a user (`licenseAssignmentState`). */
export interface LicenseAssignment {
    readonly skuId: string;
    /** The group it is inherited from; `null` when it is assigned directly to the user. */
    readonly assignedByGroup: string | null;
    /** `Active`, `ActiveWithError`, `Disabled` or `Error`. */
    readonly state: string;
    /** `CountViolation`, `MutuallyExclusiveViolation`, ..., or `None`/null when it worked. */
    readonly error: string | null;
    readonly disabledPlans: readonly string[];
}

/** A user, member or guest, with the properties the set-up needs. */
export interface DirectoryUser {
    readonly id: string;
    readonly userPrincipalName: string;
    readonly displayName: string;
    readonly mailNickname?: string;
    readonly mail?: string;
    readonly otherMails: readonly string[];
    /** `Member` or `Guest`. */
    readonly userType: string;
    readonly accountEnabled: boolean;
    readonly usageLocation?: string;
    readonly companyName?: string;
    readonly department?: string;
    readonly employeeType?: string;
    readonly createdDateTime?: string;
    /** `Invitation` for invited guests. */
    readonly creationType?: string;
    /** An invited guest's state: `PendingAcceptance` or `Accepted`. */
    readonly externalUserState?: string;
    /** When `externalUserState` last changed (for a pending guest: when it was invited). */
    readonly externalUserStateChangeDateTime?: string;
    readonly assignedLicenses: readonly AssignedLicense[];
    readonly licenseAssignmentStates: readonly LicenseAssignment[];
}

/** A member of a group as Graph lists it (a `directoryObject`). */
export interface GroupMember {
    readonly id: string;
    /** `user`, `group`, `device`, `servicePrincipal`, `orgContact`, from `@odata.type`. */
    readonly kind: string;
    readonly userPrincipalName?: string;
    readonly userType?: string;
    readonly displayName?: string;
}

/** A group with its direct members. */
export interface DirectoryGroup {
    readonly id: string;
    readonly displayName: string;
    readonly mailNickname?: string;
    readonly mail?: string;
    readonly description?: string;
    readonly securityEnabled: boolean;
    readonly mailEnabled: boolean;
    /** `Unified` for a Microsoft 365 group, `DynamicMembership` for a dynamic one. */
    readonly groupTypes: readonly string[];
    readonly isAssignableToRole: boolean;
    readonly assignedLicenses: readonly AssignedLicense[];
    readonly members: readonly GroupMember[];
}

/** One of the tenant's subscriptions. */
export interface TenantSku {
    readonly skuId: string;
    readonly skuPartNumber: string;
}

/** Everything one reading found. */
export interface TenantSnapshot {
    /** When it was read (ISO 8601), for the age of pending invitations. */
    readonly readAt: string;
    readonly skus: readonly TenantSku[];
    /** skuIds of the tenant's Remote Assist SKUs. */
    readonly remoteAssistSkuIds: readonly string[];
    /**
     * Users read, each once: holders of a Remote Assist SKU, users with the stack's employeeType or
     * its naming pattern, every guest, and the users looked up by name.
     */
    readonly users: readonly DirectoryUser[];
    /** Groups read, with their members: those that license Remote Assist, the stack's, the experts' team. */
    readonly groups: readonly DirectoryGroup[];
    /** UPNs looked up by name that Graph says do not exist. */
    readonly missingUsers: readonly string[];
    /** Object ids (lower-case) of groups read by id (adopted license groups, the team, groups licensing users) that Graph says do not exist. */
    readonly missingGroups: readonly string[];
    /** The experts' team group, when one was named and exists. */
    readonly teamGroupId?: string;
}
