import { resourcePolicy } from "../verdict";
import { INVITATION } from "../resourceTypes";

/** The URL's protocol, or undefined when it is no URL. */
function protocolOf(url: unknown): string | undefined {
    try {
        return typeof url === "string" ? new URL(url).protocol : undefined;
    } catch {
        return undefined;
    }
}

/** An invitation redirects to an https URL, so the redeemed guest lands on a page nobody can tamper with in transit. */
export const invitationHttpsRedirect = resourcePolicy(
    {
        name: "invitation-https-redirect",
        description: "Guest invitations redirect to an https URL.",
        severity: "medium",
        remediationSteps: "Set the guest's redirectUrl to an https URL (config validation rejects others).",
    },
    {
        appliesTo: [INVITATION],
        problems: ({ props: { redirectUrl } }) =>
            protocolOf(redirectUrl) === "https:"
                ? []
                : [
                      `redirectUrl ${JSON.stringify(redirectUrl)} is not an https URL; use e.g. https://teams.microsoft.com`,
                  ],
    },
);
