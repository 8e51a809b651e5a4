import { onlyFor, resourcePolicy, RuleSubject, Verdict, verdictOf } from "../verdict";
import { USER } from "../resourceTypes";

/** A user has a usage location (an ISO 3166-1 alpha-2 code); licenses cannot be assigned without one. */
export function checkUsageLocation(subject: RuleSubject): Verdict {
    const skip = onlyFor(subject, [USER]);
    if (skip) {
        return skip;
    }
    const location = subject.props.usageLocation;
    return verdictOf(
        typeof location === "string" && /^[A-Za-z]{2}$/.test(location)
            ? []
            : [
                  `usageLocation ${JSON.stringify(location)} is not a two-letter country code; Microsoft 365 refuses to license a user without one`,
              ],
    );
}

/** The policy. */
export const userUsageLocation = resourcePolicy(
    {
        name: "user-usage-location",
        description: "Users the stack creates have a usage location, which licensing requires.",
        severity: "medium",
        remediationSteps:
            "Set tenant.usageLocation, or usageLocation on the service account, to an ISO 3166-1 alpha-2 code.",
    },
    checkUsageLocation,
);
