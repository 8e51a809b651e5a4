import { resourcePolicy } from "../verdict";
import { USER } from "../resourceTypes";

/** A user must change the generated password at first sign-in, so only its holder knows the password in use. */
export const userForcePasswordChange = resourcePolicy(
    {
        name: "user-force-password-change",
        description: "Users the stack creates must change their password at first sign-in.",
        severity: "high",
        remediationSteps: "Set forcePasswordChange: true on the user (components/serviceAccount.ts does).",
    },
    {
        appliesTo: [USER],
        problems: ({ props: { forcePasswordChange } }) =>
            forcePasswordChange === true
                ? []
                : [
                      `forcePasswordChange is ${JSON.stringify(forcePasswordChange)}; it must be true so the holder replaces the password the stack generated and stored`,
                  ],
    },
);
