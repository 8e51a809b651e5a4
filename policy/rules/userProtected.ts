import { resourcePolicy } from "../verdict";
import { USER } from "../resourceTypes";

/** A user is protected, so removing it from config cannot delete the account and its data by accident. */
export const userProtected = resourcePolicy(
    {
        name: "user-protected",
        description: "Users the stack creates are protected from deletion.",
        severity: "high",
        remediationSteps: "Register the user with { protect: true } (components/serviceAccount.ts does).",
    },
    {
        appliesTo: [USER],
        problems: (user) =>
            user.protect
                ? []
                : [
                      "the user is not protected; deleting it deletes its mailbox, files and chats, so it must carry protect: true (offboard with `pulumi state unprotect`, see the README)",
                  ],
    },
);
