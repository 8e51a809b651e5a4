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
        //
        // The password itself is never read. A new or rotated password is unknown during preview, and
        // the policy server hands a policy its props through the SDK's unknownCheckingProxy, whose
        // `get` throws UnknownValueError on an unknown value ("can't run policy ... during preview",
        // advisory: pulumi/pulumi-policy sdk/nodejs/policy/proxy.ts and server.ts). Destructuring
        // `password` did that, so the rule never ran for exactly the accounts it is for. The proxy
        // traps nothing but `get`, so `in` asks whether there is a password without reading it; and
        // the server drops properties whose value is undefined (deserialize.ts), so `in` is false
        // when the stack gives no password.
        problems: ({ props }) =>
            props.forcePasswordChange === true || !("password" in props)
                ? []
                : [
                      `forcePasswordChange is ${JSON.stringify(props.forcePasswordChange)}; it must be true so the holder replaces the password the stack generated and stored`,
                  ],
    },
);
