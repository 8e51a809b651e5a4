import { resourcePolicy } from "../verdict";
import { GROUPS } from "../resourceTypes";

/** A group is not role-assignable: its members could otherwise be handed directory roles through it. */
export const groupNotRoleAssignable = resourcePolicy(
    {
        name: "group-not-role-assignable",
        description: "Groups the stack creates cannot be assigned directory roles.",
        severity: "critical",
        remediationSteps: "Set assignableToRole: false (components/securityGroup.ts and segmentGroup.ts do).",
    },
    {
        appliesTo: GROUPS,
        problems: (group) =>
            group.props.assignableToRole === true
                ? [
                      "assignableToRole is true; a role-assignable group can carry directory roles to the vendor accounts and guests in it",
                  ]
                : [],
    },
);
