import { notApplicable, resourcePolicy, RuleSubject, Verdict, verdictOf } from "../verdict";
import { DIRECTORY_ROLE_GRANTS } from "../resourceTypes";

/** Nothing in the stack grants a directory role: vendors' accounts and guests must never administer the tenant. */
export function checkNoDirectoryRoleGrant(subject: RuleSubject): Verdict {
    if (!(DIRECTORY_ROLE_GRANTS as readonly string[]).includes(subject.type)) {
        return notApplicable("applies to resources that grant directory roles only");
    }
    return verdictOf([
        `${subject.type} grants a directory role; this stack must not create directory role assignments`,
    ]);
}

/** The policy. */
export const noDirectoryRoleGrant = resourcePolicy(
    {
        name: "no-directory-role-assignment",
        description: "The stack creates no directory role assignment.",
        severity: "critical",
        remediationSteps: "Remove the role assignment from the program; grant roles outside the stack, through PIM.",
    },
    checkNoDirectoryRoleGrant,
);
