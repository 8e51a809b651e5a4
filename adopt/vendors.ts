/**
 * The vendors adoption finds, each with the service accounts and guests grouped into it, and where
 * it came from: the hints (certain), or a company name, a department, the stack's naming or a domain
 * its people share (a guess). A vendor is found again by what grouped it, so the accounts of one
 * company share one vendor. Each remembers who taught it the domains it was not hinted, so that a
 * guest grouped by one of them is told why.
 */
import type { DirectoryUser } from "../tenant/model";
import type { Hints } from "./hints";
import { domainLabel, slugOf, vendorNameOfDomain } from "./names";
import type { Remarks } from "./remarks";
import type { TenantFacts } from "./tenantFacts";

/** Where a vendor came from, for its comment; `hint` is certain, the rest are guesses. */
export type VendorSource =
    | { readonly kind: "hint" }
    | { readonly kind: "companyName" | "department" | "domain" | "pattern"; readonly value: string };

/** A vendor made up from what its people share. */
export type GuessedSource = Exclude<VendorSource, { readonly kind: "hint" }>;

/**
 * Who first taught a vendor a domain it was not hinted: its service accounts' holders, or one of its
 * guests, placed there by the hints file or not.
 */
export type LearntFrom =
    | { readonly kind: "holders" }
    | { readonly kind: "guest"; readonly email: string; readonly hinted: boolean };

/** A service account grouped into a vendor. */
export interface Account {
    readonly user: DirectoryUser;
    /** Its id in config, before it is made unique within the vendor. */
    readonly id: string;
    readonly holder: string;
    readonly holderSource: "hint" | "otherMails" | "unknown";
}

/** A guest grouped into a vendor. */
export interface Guest {
    readonly user: DirectoryUser;
    readonly email: string;
    /** Why it belongs to its vendor, when that is a guess. */
    readonly guess?: string;
}

/** A vendor as found; settling it (settle.ts) makes its id unique and decides its state. */
export interface Vendor {
    id: string;
    readonly name: string;
    readonly source: VendorSource;
    /** Domains hinted. */
    readonly domains: readonly string[];
    /** Domains learnt from holders and guests rather than hinted, each with who taught it first. */
    readonly learnt: Map<string, LearntFrom>;
    state?: "active" | "suspended";
    stateGuessed: boolean;
    accounts: Account[];
    readonly guests: Guest[];
}

/** What a vendor is made of when first found; what is grouped into it starts empty. */
type VendorSeed = Pick<Vendor, "id" | "name" | "source" | "domains" | "state">;

/** What grouping accounts and guests into vendors reads and adds to. */
export interface Grouping {
    readonly facts: TenantFacts;
    readonly hints: Hints;
    readonly vendors: VendorIndex;
    readonly remarks: Remarks;
}

/** Records that `vendor` has people at `domain`; the first to teach it a domain stays its teacher. */
export function learn(vendor: Vendor, domain: string, from: LearntFrom): void {
    if (!vendor.learnt.has(domain)) {
        vendor.learnt.set(domain, from);
    }
}

/** A guessed vendor's key: its id for the stack's naming, else what grouped it, ignoring case. */
function guessedKey(source: GuessedSource): string {
    if (source.kind === "pattern") {
        return `id:${source.value}`;
    }
    return `${source.kind === "companyName" ? "company" : source.kind}:${source.value.toLowerCase()}`;
}

/** A guessed vendor's id: the stack's naming says it; else a slug of the name or of the domain's label. */
function guessedId(source: GuessedSource): string {
    if (source.kind === "pattern") {
        return source.value;
    }
    return slugOf(source.kind === "domain" ? domainLabel(source.value) : source.value, "vendor");
}

/**
 * The vendors found so far, in the order found (the hinted ones first), by what grouped them:
 * `id:<id>` (hinted, or the stack's naming), `company:`, `department:` or `domain:`.
 */
export class VendorIndex {
    private readonly byKey = new Map<string, Vendor>();
    /** The vendors the hints define, each with the names its accounts' company names may have. */
    private readonly hinted: readonly { readonly vendor: Vendor; readonly names: readonly string[] }[];

    constructor(hinted: Hints["vendors"]) {
        this.hinted = hinted.flatMap((h) => {
            if (this.byKey.has(`id:${h.id}`)) {
                return [];
            }
            const vendor = this.vendorFor(`id:${h.id}`, {
                id: h.id,
                name: h.name ?? h.id,
                source: { kind: "hint" },
                domains: [...h.domains],
                ...(h.state === undefined ? {} : { state: h.state }),
            });
            return [{ vendor, names: [h.name ?? "", ...h.companyNames].map((n) => n.toLowerCase()) }];
        });
    }

    /** Every vendor found, in the order found. */
    all(): Vendor[] {
        return [...this.byKey.values()];
    }

    /** The vendor an account's or a guest's hint names; made bare when the hints define no such vendor. */
    hintedVendor(id: string): Vendor {
        return this.vendorFor(`id:${id}`, { id, name: id, source: { kind: "hint" }, domains: [] });
    }

    /** The vendor the hints define with this id. */
    hintedById(id: string): Vendor | undefined {
        return this.hinted.find((h) => h.vendor.id === id)?.vendor;
    }

    /** The vendor the hints define with this name or company name, ignoring case. */
    hintedByCompany(company: string): Vendor | undefined {
        return this.hinted.find((h) => h.names.includes(company.toLowerCase()))?.vendor;
    }

    /** The vendor the hints define with this domain. */
    hintedByDomain(domain: string): Vendor | undefined {
        return this.hinted.find((h) => h.vendor.domains.includes(domain))?.vendor;
    }

    /** The first vendor found whose holders or guests are at this domain, and who taught it the domain. */
    learntAt(domain: string): { readonly vendor: Vendor; readonly from: LearntFrom } | undefined {
        for (const vendor of this.byKey.values()) {
            const from = vendor.learnt.get(domain);
            if (from !== undefined) {
                return { vendor, from };
            }
        }
        return undefined;
    }

    /** The first vendor found with this name, ignoring case. */
    named(name: string): Vendor | undefined {
        return this.all().find((x) => x.name.toLowerCase() === name.toLowerCase());
    }

    /** The vendor made up from `source`, named `name` when it is new; one from a domain is {@link foundByDomain}'s. */
    guessed(source: Exclude<GuessedSource, { readonly kind: "domain" }>, name: string): Vendor {
        return this.vendorFor(guessedKey(source), { id: guessedId(source), name, source, domains: [] });
    }

    /**
     * The vendor made up from a domain its people's addresses share, a holder's or a guest's; named
     * by {@link vendorNameOfDomain} either way.
     */
    foundByDomain(domain: string): Vendor {
        const source: GuessedSource = { kind: "domain", value: domain };
        return this.vendorFor(guessedKey(source), {
            id: guessedId(source),
            name: vendorNameOfDomain(domain),
            source,
            domains: [],
        });
    }

    private vendorFor(key: string, seed: VendorSeed): Vendor {
        let vendor = this.byKey.get(key);
        if (!vendor) {
            vendor = { learnt: new Map(), accounts: [], guests: [], stateGuessed: false, ...seed };
            this.byKey.set(key, vendor);
        }
        return vendor;
    }
}
