import { resourcePolicy } from "../verdict";
import { USER } from "../resourceTypes";

/** A user has a department: its vendor's information-barrier segment, which segments filter on. */
export const userDepartment = resourcePolicy(
    {
        name: "user-department-segment",
        description: "Users the stack creates have a department naming their information-barrier segment.",
        severity: "high",
        remediationSteps: "Pass the vendor's segment as department (components/vendor.ts does).",
    },
    {
        appliesTo: [USER],
        problems: ({ props: { department } }) =>
            typeof department === "string" && department.trim() !== ""
                ? []
                : [
                      `department ${JSON.stringify(department)} is empty; it must name the vendor's segment, or information barriers leave the account unsegmented`,
                  ],
    },
);
