import { resourcePolicy } from "../verdict";
import { USER } from "../resourceTypes";

/** A user must change the generated password at first sign-in, so only its holder knows the password in use. */
export const userForcePasswordChange = resourcePolicy(
    {
        name: "user-force-password-change",
        description: "Users given a password by the stack must change it at first sign-in.",
        severity: "high",
        remediationSteps: "Set forcePasswordChange: true on the user (components/serviceAccount.ts does).",
    },
    {
        appliesTo: [USER],
        // A user without a password from the stack keeps its own: an account adopted from the tenant
        // before its first rotation (README, Adopting an existing tenant). There is nothing to change.
        problems: ({ props: { forcePasswordChange, password } }) =>
            forcePasswordChange === true || password === undefined
                ? []
                : [
                      `forcePasswordChange is ${JSON.stringify(forcePasswordChange)}; it must be true so the holder replaces the password the stack generated and stored`,
                  ],
    },
);
