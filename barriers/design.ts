/**
 * The information-barrier design, worked out from the config and the e-mail addresses of the
 * Microsoft 365 groups the stack manages (README, Information barriers design):
 *
 * - Every segment is membership of a group the stack manages. Purview evaluates `MemberOf` only
 *   for Microsoft 365 groups ("Only Modern Groups are currently supported in IB and Distribution
 *   Lists/Security Groups are treated as non-IB groups", "Get started with information barriers",
 *   Configuration concepts), so those groups are Microsoft 365 groups (`components/segmentGroup.ts`).
 * - Experts: members of the experts' segment group, or `experts.segmentFilter` in parentheses and,
 *   when vendors have service accounts, not a member of the service accounts' group (a service
 *   account the override also selects stays in its vendor's segment only).
 * - One segment per vendor with service accounts: members of its segment group, which holds its
 *   service accounts only. Guests are in no vendor segment: the experts' team governs them.
 * - Internal (on by default): every user who is neither an expert nor a service account. In a
 *   tenant that enabled information barriers after 2023-02-15, users in no segment stay visible to
 *   segmented users under allow policies; the catch-all segment is what keeps vendors from them.
 * - No user is in two segments: the filters exclude each other. Single-segment mode, and legacy
 *   mode, allow one segment per user.
 * - Policies: one allow policy per vendor segment, nothing for the experts or the internal
 *   segment. Barriers are checked on both sides, so the vendors' policies are enough and the
 *   experts keep every colleague (the Contoso example of the same page gives HR and Marketing no
 *   policy and Manufacturing an allow policy, exactly this shape).
 */
import type { StackConfig, VendorConfig } from "../config/types";
import { POLICY_NAME_PREFIX, policyName } from "../naming";
import { SEGMENT_LIMITS } from "./limits";
import { allOf, grouped, memberOf, not } from "./opath";
import type { AllowPolicy, BarrierSegment, InformationBarriersOutput } from "./output";

/** E-mail addresses of the segment groups, as Entra ID reports them (the azuread Group `mail` output). */
export interface SegmentGroupMails {
    /** The experts' segment group. */
    readonly experts: string;
    /** The group of every service account; absent when the stack has none ({@link needsServiceAccountsGroup}). */
    readonly serviceAccounts?: string;
    /** Per vendor id, its segment group; only vendors with service accounts have one. */
    readonly vendors: Readonly<Record<string, string>>;
}

/** Whether a vendor has an information-barrier segment: only service accounts are segmented. */
export function hasSegment(vendor: VendorConfig): boolean {
    return vendor.serviceAccounts.length > 0;
}

/**
 * Whether the stack keeps `RA Service Accounts`, the group of every service account: only while
 * some vendor has service accounts and a filter must keep them out, the internal segment's (on by
 * default) or an `experts.segmentFilter` override's. No user may be in two segments.
 */
export function needsServiceAccountsGroup(config: StackConfig): boolean {
    return (
        config.vendors.some(hasSegment) &&
        (config.informationBarriers.internalSegment !== undefined || config.experts.segmentFilter !== undefined)
    );
}

/**
 * A group's address, which a filter cannot do without: an empty one would make `MemberOf -ne ''`
 * match everyone, putting service accounts into the internal segment.
 */
function requireMail(mail: string | undefined, group: string): string {
    if (mail === undefined || mail.trim() === "") {
        throw new Error(
            `Entra ID reported no e-mail address for ${group}, and the information-barrier segments are defined by group addresses; run pulumi up --refresh once Exchange Online has provisioned the group`,
        );
    }
    return mail;
}

/** The segments: experts, internal (when on), then each vendor with service accounts in config order. */
function segments(config: StackConfig, mails: SegmentGroupMails): BarrierSegment[] {
    const expertsGroup = requireMail(mails.experts, "the experts' segment group");
    const override = config.experts.segmentFilter;
    // Never left out when the stack has the group: without it a filter would match service accounts too.
    const serviceAccounts = needsServiceAccountsGroup(config)
        ? [memberOf("-ne", requireMail(mails.serviceAccounts, "the service accounts' group"))]
        : [];
    const out: BarrierSegment[] = [
        {
            name: config.experts.segment,
            kind: "experts",
            // Validation made the override's parentheses and quotes balance, so it can be grouped.
            userGroupFilter:
                override === undefined
                    ? memberOf("-eq", expertsGroup)
                    : serviceAccounts.length === 0
                      ? override
                      : allOf(grouped(override), ...serviceAccounts),
        },
    ];
    const internal = config.informationBarriers.internalSegment;
    if (internal !== undefined) {
        out.push({
            name: internal,
            kind: "internal",
            userGroupFilter: allOf(
                override === undefined ? memberOf("-ne", expertsGroup) : not(override),
                ...serviceAccounts,
            ),
        });
    }
    for (const v of config.vendors.filter(hasSegment)) {
        out.push({
            name: v.segment,
            kind: "vendor",
            vendorId: v.id,
            userGroupFilter: memberOf(
                "-eq",
                // An own property: a vendor id such as "constructor" must not find Object's constructor.
                requireMail(
                    Object.hasOwn(mails.vendors, v.id) ? mails.vendors[v.id] : undefined,
                    `the segment group of vendor ${v.id}`,
                ),
            ),
        });
    }
    return out;
}

/**
 * A vendor's allow policy: its own segment, the experts', and each active vendor with a segment
 * that its `canTalkTo` names (validation made those mutual). A suspended vendor's policy allows
 * only its own segment, and no other policy lists it.
 */
function vendorPolicy(config: StackConfig, vendor: VendorConfig): AllowPolicy {
    const canonical = new Map(
        config.vendors
            .filter((v) => v.state === "active" && hasSegment(v))
            .map((v) => [v.segment.toLowerCase(), v.segment]),
    );
    const allowed = [vendor.segment];
    if (vendor.state === "active") {
        allowed.push(config.experts.segment);
        for (const target of vendor.canTalkTo) {
            const segment = canonical.get(target.toLowerCase());
            if (segment !== undefined && !allowed.some((a) => a.toLowerCase() === segment.toLowerCase())) {
                allowed.push(segment);
            }
        }
    }
    return { name: policyName(vendor.segment), assignedSegment: vendor.segment, segmentsAllowed: allowed };
}

/** The `informationBarriers` output for a config and the segment groups' addresses. */
export function informationBarriersDesign(config: StackConfig, mails: SegmentGroupMails): InformationBarriersOutput {
    const legacy = config.informationBarriers.legacy;
    return {
        mode: legacy ? "legacy" : "singleSegment",
        segmentLimit: legacy ? SEGMENT_LIMITS.legacy : SEGMENT_LIMITS.current,
        policyNamePrefix: POLICY_NAME_PREFIX,
        segments: segments(config, mails),
        policies: config.vendors.filter(hasSegment).map((v) => vendorPolicy(config, v)),
    };
}
