/**
 * The "Information barriers" section of plan.md: the `informationBarriers` output in words, and
 * what is true of guests (README, Information barriers design).
 */
import { type BarrierSegment, isAllowPolicy, type InformationBarriersOutput } from "../barriers/output";
import { list, mdCode, mdText, table } from "./md";
import type { TenantPlan } from "./model";
import { applyLines, SET_BARRIERS } from "./moduleCommands";

function holds(s: BarrierSegment, plan: TenantPlan): string {
    switch (s.kind) {
        case "experts":
            return "the experts";
        case "internal":
            return "every other internal user (not an expert, not a service account)";
        case "vendor": {
            const vendor = plan.vendors.find((v) => v.id === s.vendorId);
            const name = vendor ? mdText(vendor.name) : mdCode(s.vendorId ?? "");
            return `the service accounts of ${name}${vendor?.state === "suspended" ? " (suspended)" : ""}`;
        }
    }
}

function policyWords(s: BarrierSegment, barriers: InformationBarriersOutput): string {
    const policy = barriers.policies.find((p) => p.assignedSegment === s.name);
    if (!policy) {
        return "none (not restricted; a segment with an allow policy reaches it only if that policy lists it)";
    }
    if (isAllowPolicy(policy)) {
        const others = policy.segmentsAllowed.filter((a) => a !== s.name);
        return `${mdText(policy.name)}: may talk only to ${list([s.name, ...others].map(mdText))}`;
    }
    return `${mdText(policy.name)}: may not talk to ${list(policy.segmentsBlocked.map(mdText))}`;
}

/** What is true of guests, by mode: they are in no vendor segment. */
function guestLines(barriers: InformationBarriersOutput): string[] {
    const internal = barriers.segments.some((s) => s.kind === "internal");
    const hidden =
        barriers.mode === "legacy"
            ? "invisible to the vendors' service accounts (users under allow policies do not see users in no segment in a legacy tenant) and visible to the experts"
            : "visible to everyone, the vendors' service accounts included (a tenant that enabled information barriers after 15 February 2023 keeps users in no segment visible)";
    return [
        "Guests are in no vendor segment: the experts' Teams team governs them. Teams checks every new team member against the policies of the members already there, so guests of two vendors that may not talk to each other, in vendor segments, could not share the experts' team.",
        "",
        internal
            ? "- A guest Purview evaluates (one made discoverable in the address list) matches the internal segment's filter: the vendors' service accounts cannot reach it; the experts and their colleagues can."
            : "- A guest Purview evaluates (one made discoverable in the address list) is in no segment either, with the consequence below.",
        `- A guest hidden from the address list (the default) is not evaluated: ${hidden}.`,
    ];
}

/** The section's lines. */
export function barriersSection(plan: TenantPlan): string[] {
    const b = plan.barriers;
    const since = b.mode === "legacy" ? "before" : "after";
    return [
        "## Information barriers",
        "",
        `Mode ${mdCode(b.mode)} (information barriers enabled ${since} 15 February 2023): ${b.segments.length} of at most ${b.segmentLimit.toLocaleString("en-US")} segments, one per user.`,
        "",
        ...applyLines(
            SET_BARRIERS,
            plan.stack,
            "The members filters below name the group addresses the offline mocks made up, not the ones Exchange Online gives the groups, so apply only the deployed output: a segment applied from this plan could match nobody.",
        ),
        "",
        ...table(
            ["Segment", "Holds", "Members filter", "Policy"],
            b.segments.map((s) => [mdText(s.name), holds(s, plan), mdCode(s.userGroupFilter), policyWords(s, b)]),
        ),
        "",
        ...guestLines(b),
        "",
        `Microsoft's information-barriers app for Teams: ${plan.teamsBarriersApp ? "the stack declares its service principal; grant it admin consent once (README, Permissions and prerequisites)." : "not declared by the stack (informationBarriers.teamsServicePrincipal: false)."}`,
    ];
}
