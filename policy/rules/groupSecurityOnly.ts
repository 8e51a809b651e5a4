import { resourcePolicy } from "../verdict";
import { GROUPS } from "../resourceTypes";

/** A group is a security group: security-enabled, not mail-enabled and not a Microsoft 365 group. */
export const groupSecurityOnly = resourcePolicy(
    {
        name: "group-security-only",
        description: "Groups the stack creates are plain security groups.",
        severity: "medium",
        remediationSteps:
            "Create groups with components/securityGroup.ts: securityEnabled: true, mailEnabled: false, no types.",
    },
    {
        appliesTo: GROUPS,
        problems: (group) => {
            const { securityEnabled, mailEnabled, types } = group.props;
            const problems: string[] = [];
            if (securityEnabled !== true) {
                problems.push(
                    `securityEnabled is ${JSON.stringify(securityEnabled)}; license and segment groups must be security groups`,
                );
            }
            if (mailEnabled === true) {
                problems.push("mailEnabled is true; a mail-enabled group can receive mail from outside the tenant");
            }
            if (Array.isArray(types) && types.includes("Unified")) {
                problems.push(
                    'types includes "Unified": a Microsoft 365 group brings a mailbox, a site and self-service joining',
                );
            }
            return problems;
        },
    },
);
