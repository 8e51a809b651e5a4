import { resourcePolicy } from "../verdict";
import { DIRECTORY_ROLE_GRANTS } from "../resourceTypes";

/** Nothing in the stack grants a directory role: vendors' accounts and guests must never administer the tenant. */
export const noDirectoryRoleGrant = resourcePolicy(
    {
        name: "no-directory-role-assignment",
        description: "The stack creates no directory role assignment.",
        severity: "critical",
        remediationSteps: "Remove the role assignment from the program; grant roles outside the stack, through PIM.",
    },
    {
        appliesTo: DIRECTORY_ROLE_GRANTS,
        scope: "resources that grant directory roles",
        problems: (grant) => [
            `${grant.type} grants a directory role; this stack must not create directory role assignments`,
        ],
    },
);
