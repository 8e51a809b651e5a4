import { onlyFor, resourcePolicy, RuleSubject, Verdict, verdictOf } from "../verdict";
import { USER } from "../resourceTypes";

/** A user must change the generated password at first sign-in, so only its holder knows the password in use. */
export function checkForcePasswordChange(subject: RuleSubject): Verdict {
    const skip = onlyFor(subject, [USER]);
    if (skip) {
        return skip;
    }
    return verdictOf(
        subject.props.forcePasswordChange === true
            ? []
            : [
                  `forcePasswordChange is ${JSON.stringify(subject.props.forcePasswordChange)}; it must be true so the holder replaces the password the stack generated and stored`,
              ],
    );
}

/** The policy. */
export const userForcePasswordChange = resourcePolicy(
    {
        name: "user-force-password-change",
        description: "Users the stack creates must change their password at first sign-in.",
        severity: "high",
        remediationSteps: "Set forcePasswordChange: true on the user (components/serviceAccount.ts does).",
    },
    checkForcePasswordChange,
);
