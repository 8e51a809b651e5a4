/** Warnings about the information-barrier design that config validation lets through on purpose. */
import type { StackConfig } from "../config/types";
import { hasSegment, needsServiceAccountsGroup } from "./design";

/** One warning per design choice that leaves a gap the admin should know about. */
export function barrierWarnings(config: StackConfig): string[] {
    const warnings: string[] = [];
    const { experts, informationBarriers: barriers } = config;
    if (experts.members.length === 0 && experts.segmentFilter === undefined) {
        warnings.push(
            `experts.members is empty, so the experts' segment ${experts.segment} has no members and the vendors' service accounts can reach nobody outside their own segment; list the experts' UPNs under experts.members`,
        );
    }
    if (barriers.internalSegment === undefined && !barriers.legacy) {
        // The group goes with the segment; it is protected, so the deploy that drops it fails unless unprotected.
        const groupGone = !needsServiceAccountsGroup(config) && config.vendors.some(hasSegment);
        warnings.push(
            `informationBarriers.internalSegment is false: internal users who are neither experts nor service accounts are in no segment, and in a tenant that enabled information barriers after 15 February 2023 users in no segment stay visible to segmented users, so every vendor's service accounts can find and reach them; set a segment name to turn the catch-all segment back on${groupGone ? ". Without it the stack keeps no RA Service Accounts group: if an earlier deployment made one, run npm run unprotect -- --service-accounts-group before the pulumi up that deletes it" : ""}`,
        );
    }
    if (experts.segmentFilter !== undefined && barriers.internalSegment !== undefined) {
        warnings.push(
            `experts.segmentFilter is set, so the internal segment ${barriers.internalSegment} excludes the experts with OPATH's -not(...), which Purview's information-barrier page does not list among its operators; after Set-RAInformationBarriers, check with Get-OrganizationSegment that the segment was accepted, or drop the override and list the experts under experts.members`,
        );
    }
    return warnings;
}
