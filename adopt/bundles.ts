/**
 * The license bundles of the adopted config (`licenses`): one for each set of licenses vendors'
 * accounts get, shared by every vendor with exactly that set (the same SKUs, the same disabled
 * plans), named `remote-assist`, `remote-assist-2`, ... in the order first needed, each with a note
 * of its SKUs and where it came from.
 */
import { KNOWN_SKUS, knownSkuById } from "../licensing/skuCatalogue";
import { licensesKey, skuWords } from "../tenant/licenses";
import type { AssignedLicense, TenantSnapshot } from "../tenant/model";
import type { Remarks } from "./remarks";

/** A bundle as config writes it, and where it came from. */
interface Bundle {
    readonly name: string;
    readonly licenses: readonly AssignedLicense[];
    readonly origins: string[];
}

/** A SKU as config names it: its part number when the catalogue knows exactly that skuId, else the GUID. */
function skuName(skuId: string): string {
    const known = knownSkuById(skuId);
    return known && KNOWN_SKUS[known.partNumber]?.skuId === skuId ? known.partNumber : skuId;
}

/** The bundles made so far, in the order made. */
export class Bundles {
    private readonly made: Bundle[] = [];

    /** The name of the bundle with exactly these licenses, made when new; `origin` goes into its note. */
    nameFor(licenses: readonly AssignedLicense[], origin: string): string {
        const key = licensesKey(licenses);
        let bundle = this.made.find((b) => licensesKey(b.licenses) === key);
        if (!bundle) {
            const name = this.made.length === 0 ? "remote-assist" : `remote-assist-${this.made.length + 1}`;
            bundle = { name, licenses, origins: [] };
            this.made.push(bundle);
        }
        bundle.origins.push(origin);
        return bundle.name;
    }

    /** `licenses`: each bundle with its SKUs, and a note of where it came from, its SKUs named as `snapshot` names them. */
    section(snapshot: TenantSnapshot, remarks: Remarks): Record<string, unknown> {
        for (const b of this.made) {
            remarks.note(
                ["licenses", b.name],
                `${b.licenses.map((l) => skuWords(snapshot, l.skuId)).join(", ")}: as ${b.origins.join("; ")}`,
                { before: true },
            );
        }
        return Object.fromEntries(
            this.made.map((b) => [
                b.name,
                {
                    skus: b.licenses.map((l) => ({
                        sku: skuName(l.skuId),
                        ...(l.disabledPlans.length > 0 ? { disabledPlans: [...l.disabledPlans] } : {}),
                    })),
                },
            ]),
        );
    }
}
