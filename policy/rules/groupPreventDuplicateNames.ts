import { resourcePolicy } from "../verdict";
import { GROUPS } from "../resourceTypes";

/** A group refuses to be created under a display name that exists, so it never shadows a group made by hand. */
export const groupPreventDuplicateNames = resourcePolicy(
    {
        name: "group-prevent-duplicate-names",
        description: "Groups the stack creates use preventDuplicateNames.",
        severity: "medium",
        remediationSteps: "Set preventDuplicateNames: true (components/securityGroup.ts and segmentGroup.ts do).",
    },
    {
        appliesTo: GROUPS,
        problems: (group) =>
            group.props.preventDuplicateNames === true
                ? []
                : [
                      `preventDuplicateNames is ${JSON.stringify(group.props.preventDuplicateNames)}; it must be true, or a second "RA License - ..." group with the same name can appear and be licensed by mistake`,
                  ],
    },
);
