import { resourcePolicy } from "../verdict";
import { USER } from "../resourceTypes";

/** A user has a usage location (an ISO 3166-1 alpha-2 code); licenses cannot be assigned without one. */
export const userUsageLocation = resourcePolicy(
    {
        name: "user-usage-location",
        description: "Users the stack creates have a usage location, which licensing requires.",
        severity: "medium",
        remediationSteps:
            "Set tenant.usageLocation, or usageLocation on the service account, to an ISO 3166-1 alpha-2 code.",
    },
    {
        appliesTo: [USER],
        problems: ({ props: { usageLocation } }) =>
            typeof usageLocation === "string" && /^[A-Za-z]{2}$/.test(usageLocation)
                ? []
                : [
                      `usageLocation ${JSON.stringify(usageLocation)} is not a two-letter country code; Microsoft 365 refuses to license a user without one`,
                  ],
    },
);
