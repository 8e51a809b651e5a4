/**
 * Every name a user sees in the tenant, derived in one place: UPNs, mail nicknames, group
 * display names, information-barrier policy names, Key Vault secret names and Pulumi resource names.
 */

import { createHash } from "node:crypto";

/** Entra ID's limit on the part of a UPN before the `@`. */
export const MAX_LOCAL_PART_LENGTH = 64;

/** `employeeType` of every service account the stack creates; the policy pack and reports key on it. */
export const SERVICE_ACCOUNT_EMPLOYEE_TYPE = "Remote Assist service account";

/** Local part of a service account's UPN: `sa-<vendor id>-<account id>`. Also its mail nickname. */
export function serviceAccountLocalPart(vendorId: string, accountId: string): string {
    return `sa-${vendorId}-${accountId}`;
}

/** A service account's UPN in the host tenant: `sa-contoso1-sa1@abc.onmicrosoft.com`. */
export function serviceAccountUpn(vendorId: string, accountId: string, tenantDomain: string): string {
    return `${serviceAccountLocalPart(vendorId, accountId)}@${tenantDomain}`;
}

/** A service account as its user names depend on it: its id, and what the tenant has when adopted. */
export interface AccountNames {
    readonly id: string;
    readonly existing?: { readonly userPrincipalName: string; readonly mailNickname: string };
}

/**
 * The UPN a service account signs in with: the one it already has when adopted from the tenant
 * (kept exactly, case included), else {@link serviceAccountUpn}.
 */
export function serviceAccountSignInName(vendorId: string, account: AccountNames, tenantDomain: string): string {
    return account.existing?.userPrincipalName ?? serviceAccountUpn(vendorId, account.id, tenantDomain);
}

/** A service account's mail nickname: the one it already has when adopted, else its UPN's local part. */
export function serviceAccountMailNickname(vendorId: string, account: AccountNames): string {
    return account.existing?.mailNickname ?? serviceAccountLocalPart(vendorId, account.id);
}

/** Default directory display name of a service account: `Contoso1 Remote Assist (sa1)`. */
export function serviceAccountDisplayName(vendorName: string, accountId: string): string {
    return `${vendorName} Remote Assist (${accountId})`;
}

/** Display name of a vendor's license group: `RA License - Contoso1`. */
export function licenseGroupName(vendorName: string): string {
    return `RA License - ${vendorName}`;
}

/** Every license group's mail nickname starts with this. */
export const LICENSE_GROUP_NICKNAME_PREFIX = "ra-license-";

/** Mail nickname of a vendor's license group. */
export function licenseGroupNickname(vendorId: string): string {
    return `${LICENSE_GROUP_NICKNAME_PREFIX}${vendorId}`;
}

/** Display name of an information-barrier segment group: `RA Segment - Contoso1`. */
export function segmentGroupName(segment: string): string {
    return `RA Segment - ${segment}`;
}

/** Every vendor segment group's mail nickname starts with this. */
export const SEGMENT_GROUP_NICKNAME_PREFIX = "ra-segment-";

/** Mail nickname of a vendor's segment group. */
export function vendorSegmentNickname(vendorId: string): string {
    return `${SEGMENT_GROUP_NICKNAME_PREFIX}${vendorId}`;
}

/** Mail nickname of the experts' segment group; its own prefix, so no vendor id can take it. */
export const EXPERTS_SEGMENT_NICKNAME = "ra-experts-segment";

/**
 * Display name of the group of every service account, which the internal segment excludes. Not
 * `RA Segment - ...`: it is no segment of its own, and a segment may be named anything.
 */
export const SERVICE_ACCOUNTS_GROUP_NAME = "RA Service Accounts";

/** Mail nickname of the group of every service account; no vendor id can make it (those start `ra-license-` or `ra-segment-`). */
export const SERVICE_ACCOUNTS_GROUP_NICKNAME = "ra-service-accounts";

/** Key Vault secret name holding a service account's password (Key Vault allows letters, digits, dashes). */
export function credentialSecretName(vendorId: string, accountId: string): string {
    return serviceAccountLocalPart(vendorId, accountId);
}

/** Pulumi name of a vendor's service account component: `contoso1-sa1`. */
export function serviceAccountResourceName(vendorResourceName: string, accountId: string): string {
    return `${vendorResourceName}-${accountId}`;
}

/** Pulumi name of a guest's invitation component: `contoso1-guest-carol@contoso1.com`. */
export function guestResourceName(vendorResourceName: string, email: string): string {
    return `${vendorResourceName}-guest-${email.toLowerCase()}`;
}

/** Longest information-barrier policy name Purview accepts (New-InformationBarrierPolicy -Name). */
export const MAX_POLICY_NAME_LENGTH = 64;

/** Prefix of every information-barrier policy the stack owns; the PowerShell module finds stale ones by it. */
export const POLICY_NAME_PREFIX = "RA Policy - ";

/**
 * Name of the allow policy assigned to `segment`: `RA Policy - Contoso1`. A segment name near
 * the 64-character limit would push the policy name over it, so such a name is cut and ends
 * in a hash of the whole segment name, which keeps two long names apart.
 */
export function policyName(segment: string): string {
    const name = `${POLICY_NAME_PREFIX}${segment}`;
    if (name.length <= MAX_POLICY_NAME_LENGTH) {
        return name;
    }
    const hash = createHash("sha256").update(segment).digest("hex").slice(0, 8);
    return `${POLICY_NAME_PREFIX}${segment.slice(0, MAX_POLICY_NAME_LENGTH - POLICY_NAME_PREFIX.length - hash.length - 1)}~${hash}`;
}
