import { onlyFor, resourcePolicy, RuleSubject, Verdict, verdictOf } from "../verdict";
import { USER } from "../resourceTypes";

/** A user has a department: its vendor's information-barrier segment, which segments filter on. */
export function checkDepartment(subject: RuleSubject): Verdict {
    const skip = onlyFor(subject, [USER]);
    if (skip) {
        return skip;
    }
    const department = subject.props.department;
    return verdictOf(
        typeof department === "string" && department.trim() !== ""
            ? []
            : [
                  `department ${JSON.stringify(department)} is empty; it must name the vendor's segment, or information barriers leave the account unsegmented`,
              ],
    );
}

/** The policy. */
export const userDepartment = resourcePolicy(
    {
        name: "user-department-segment",
        description: "Users the stack creates have a department naming their information-barrier segment.",
        severity: "high",
        remediationSteps: "Pass the vendor's segment as department (components/vendor.ts does).",
    },
    checkDepartment,
);
