/**
 * Every guardrail of the pack, for `index.ts` and the tests. Importing this starts nothing; only
 * `new PolicyPack(...)` in `index.ts` serves the pack.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { deleteProtected } from "./rules/deleteProtected";
import { groupKindByRole } from "./rules/groupKindByRole";
import { groupNotRoleAssignable } from "./rules/groupNotRoleAssignable";
import { groupPreventDuplicateNames } from "./rules/groupPreventDuplicateNames";
import { invitationHttpsRedirect } from "./rules/invitationHttpsRedirect";
import { noDirectoryRoleGrant } from "./rules/noDirectoryRoleGrant";
import { userForcePasswordChange } from "./rules/userForcePasswordChange";
import { userUpnInHostTenant } from "./rules/userUpnInHostTenant";
import { userUsageLocation } from "./rules/userUsageLocation";

/** The pack's name, as `pulumi preview` reports it. */
export const POLICY_PACK_NAME = "remote-assist-tenancy";

/** The guardrails, all mandatory. */
export const POLICIES: readonly ResourceValidationPolicy[] = [
    userUpnInHostTenant,
    userUsageLocation,
    userForcePasswordChange,
    deleteProtected,
    groupKindByRole,
    groupNotRoleAssignable,
    groupPreventDuplicateNames,
    invitationHttpsRedirect,
    noDirectoryRoleGrant,
];
