/**
 * What a reading of the tenant says about licenses, as `npm run adopt` and `npm run audit` both
 * word and compare them.
 */
import { knownSkuById } from "../licensing/skuCatalogue";
import type { AssignedLicense, DirectoryUser, LicenseAssignment, TenantSnapshot } from "./model";

/** How a SKU reads in a comment or a finding: its part number from the tenant or the catalogue, else its GUID. */
export function skuWords(snapshot: Pick<TenantSnapshot, "skus">, skuId: string): string {
    return snapshot.skus.find((s) => s.skuId === skuId)?.skuPartNumber ?? knownSkuById(skuId)?.partNumber ?? skuId;
}

/** The Remote Assist licenses a user holds directly rather than through a group (`ra`: the Remote Assist skuIds). */
export function directRemoteAssist(user: DirectoryUser, ra: ReadonlySet<string>): LicenseAssignment[] {
    return user.licenseAssignmentStates.filter((s) => ra.has(s.skuId) && s.assignedByGroup === null);
}

/**
 * A key equal for two lists of licenses exactly when they hold the same SKUs with the same disabled
 * plans, in any order and case (config may spell a GUID in capitals; Graph answers lower-case).
 */
export function licensesKey(licenses: readonly AssignedLicense[]): string {
    return licenses
        .map(
            (l) =>
                `${l.skuId.toLowerCase()}:${l.disabledPlans
                    .map((p) => p.toLowerCase())
                    .sort()
                    .join("+")}`,
        )
        .sort()
        .join(",");
}
