/**
 * From the tenant as read to this project's config: which users are service accounts and of which
 * vendor, which guests belong to which vendor, which license groups can be adopted as they are,
 * and the license bundles that keep every account licensed as it is. Pure: the reading is done
 * before (tenant/read.ts), the writing after (yaml.ts).
 *
 * Every guess is said, as a comment on the value it decided (`guess: ...`): a vendor grouped by
 * company name, department or domain rather than by a hint, a holder taken from an alternate
 * address, a suspended state inferred from disabled accounts, the experts taken from the team.
 * What cannot be told is left out of the config and listed at the top of the file, never guessed
 * silently.
 *
 * The steps, each in a module of its own: group the service accounts (accounts.ts) and the guests
 * (guests.ts) into vendors (vendors.ts), settle the vendors (settle.ts), then write each section
 * (sections.ts, vendorEntry.ts with licenseGroups.ts, bundles.ts), saying every guess (remarks.ts).
 */
import type { TenantSnapshot } from "../tenant/model";
import { groupAccounts } from "./accounts";
import { Bundles } from "./bundles";
import { groupGuests } from "./guests";
import type { Hints } from "./hints";
import { Remarks, type Comment, type Left } from "./remarks";
import { expertsSection, graphEndpoint, tenantSection } from "./sections";
import { settleVendors } from "./settle";
import { tenantFacts } from "./tenantFacts";
import { vendorEntry } from "./vendorEntry";
import { VendorIndex } from "./vendors";

export type { Comment, Left } from "./remarks";

/** What adoption found: the config, its comments, and what was left out. */
export interface Adoption {
    /** The config, keys without the namespace, as `validateConfig` takes it. */
    readonly config: Record<string, unknown>;
    readonly comments: readonly Comment[];
    /** Objects that exist but are not in the config. */
    readonly left: readonly Left[];
    /** How many values are guesses. */
    readonly guesses: number;
}

/** What the admin tells `npm run adopt` besides the hints. */
export interface AdoptOptions {
    /** The host tenant's domain for new service accounts (`tenant.domain`). */
    readonly domain: string;
    /** `tenant.usageLocation`; by default the one most adopted accounts have. */
    readonly usageLocation?: string;
    /** Object id of the group behind the experts' Teams team. */
    readonly teamGroupId?: string;
    /** `graphEndpoint`, written when not Graph's global endpoint. */
    readonly graphEndpoint?: string;
    readonly hints: Hints;
}

/** Turns the tenant as read into config (see the module comment). */
export function classify(snapshot: TenantSnapshot, options: AdoptOptions): Adoption {
    const facts = tenantFacts(snapshot, options.domain);
    const remarks = new Remarks();
    const found = new VendorIndex(options.hints.vendors);
    const grouping = { facts, hints: options.hints, vendors: found, remarks };
    groupAccounts(grouping);
    groupGuests(grouping);
    const vendors = settleVendors(found.all(), facts, remarks);

    // Sections in the order their comments are made: a bundle is noted once every vendor has named it.
    const ctx = { facts, options, remarks, vendors };
    const tenant = tenantSection(ctx);
    const bundles = new Bundles();
    const entries = vendors.map((vendor, at) =>
        vendorEntry({ ...ctx, bundles, usageLocation: tenant.usageLocation }, vendor, at),
    );
    const licenses = bundles.section(snapshot, remarks);
    const experts = expertsSection(ctx);
    const endpoint = graphEndpoint(options);
    const config: Record<string, unknown> = {
        tenant,
        licenses,
        ...(experts ? { experts } : {}),
        ...(endpoint === undefined ? {} : { graphEndpoint: endpoint }),
        vendors: entries,
    };
    return { config, comments: remarks.comments, left: remarks.left, guesses: remarks.guesses };
}
