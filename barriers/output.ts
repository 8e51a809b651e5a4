/**
 * The `informationBarriers` stack output: segments and policies as data, in the shape the
 * PowerShell module `RemoteAssistTenancy` (`Set-RAInformationBarriers`) applies (the data contract
 * in the README, Stack outputs). Segments and policies live in Microsoft Purview and are set only
 * with Security & Compliance PowerShell, which Pulumi cannot drive.
 */

/** Name of the stack output. */
export const INFORMATION_BARRIERS_OUTPUT = "informationBarriers";

/** Who a segment holds. */
export type SegmentKind = "experts" | "internal" | "vendor";

/** One segment, as `New-OrganizationSegment -Name <name> -UserGroupFilter <userGroupFilter>` creates it. */
export interface BarrierSegment {
    readonly name: string;
    readonly kind: SegmentKind;
    /** The vendor whose service accounts the segment holds (`kind: "vendor"` only). */
    readonly vendorId?: string;
    /** OPATH filter exactly as passed to `-UserGroupFilter`. */
    readonly userGroupFilter: string;
}

/** An allow policy: its segment may talk only to these segments (itself included). */
export interface AllowPolicy {
    readonly name: string;
    readonly assignedSegment: string;
    readonly segmentsAllowed: readonly string[];
}

/** A block policy: its segment may not talk to these segments. Part of the format; not generated. */
export interface BlockPolicy {
    readonly name: string;
    readonly assignedSegment: string;
    readonly segmentsBlocked: readonly string[];
}

/** An information-barrier policy; each segment has at most one. */
export type BarrierPolicy = AllowPolicy | BlockPolicy;

/** Whether a policy is an allow policy. */
export function isAllowPolicy(policy: BarrierPolicy): policy is AllowPolicy {
    return "segmentsAllowed" in policy;
}

/** The value of the `informationBarriers` output. */
export interface InformationBarriersOutput {
    /** `singleSegment`: information barriers enabled after 2023-02-15; `legacy`: before. */
    readonly mode: "singleSegment" | "legacy";
    /** Most segments the tenant may have: 5,000, or 250 in legacy mode. */
    readonly segmentLimit: number;
    /** Every policy the stack owns starts with this. */
    readonly policyNamePrefix: string;
    readonly segments: readonly BarrierSegment[];
    readonly policies: readonly BarrierPolicy[];
}
