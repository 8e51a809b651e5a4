import { onlyFor, resourcePolicy, RuleSubject, Verdict, verdictOf } from "../verdict";
import { INVITATION } from "../resourceTypes";

/** An invitation redirects to an https URL, so the redeemed guest lands on a page nobody can tamper with in transit. */
export function checkHttpsRedirect(subject: RuleSubject): Verdict {
    const skip = onlyFor(subject, [INVITATION]);
    if (skip) {
        return skip;
    }
    const url = subject.props.redirectUrl;
    let protocol: string | undefined;
    try {
        protocol = typeof url === "string" ? new URL(url).protocol : undefined;
    } catch {
        protocol = undefined;
    }
    return verdictOf(
        protocol === "https:"
            ? []
            : [`redirectUrl ${JSON.stringify(url)} is not an https URL; use e.g. https://teams.microsoft.com`],
    );
}

/** The policy. */
export const invitationHttpsRedirect = resourcePolicy(
    {
        name: "invitation-https-redirect",
        description: "Guest invitations redirect to an https URL.",
        severity: "medium",
        remediationSteps: "Set the guest's redirectUrl to an https URL (config validation rejects others).",
    },
    checkHttpsRedirect,
);
