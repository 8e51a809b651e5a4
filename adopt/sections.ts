/**
 * The config's sections besides the vendors and their licenses: `tenant` (the domain given, the
 * adopted accounts' other domains, the usage location given or most common), `experts` (the team,
 * and its internal members as a guess) and `graphEndpoint` (when it is not Graph's global one).
 */
import type { AdoptOptions } from "./classify";
import { domainOf } from "./names";
import type { Remarks } from "./remarks";
import type { TenantFacts } from "./tenantFacts";
import type { Vendor } from "./vendors";

const GLOBAL_GRAPH = "https://graph.microsoft.com";

/** What writing a section reads and adds to. */
export interface SectionContext {
    readonly facts: TenantFacts;
    readonly options: AdoptOptions;
    readonly remarks: Remarks;
    /** The vendors kept. */
    readonly vendors: readonly Vendor[];
}

/** The `tenant` section. */
export interface TenantSection {
    readonly domain: string;
    readonly domains?: readonly string[];
    readonly usageLocation: string;
}

/** The most frequent value (ties: the first in alphabetical order). */
function mostCommon(values: readonly string[]): string | undefined {
    const counts = new Map<string, number>();
    values.forEach((v) => counts.set(v, (counts.get(v) ?? 0) + 1));
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

/** `tenant`: the domain given, the adopted accounts' other domains, the usage location given or most common. */
export function tenantSection({ facts, options, remarks, vendors }: SectionContext): TenantSection {
    const accounts = vendors.flatMap((x) => x.accounts);
    const usageLocation =
        options.usageLocation ??
        mostCommon(accounts.flatMap((a) => (a.user.usageLocation ? [a.user.usageLocation] : []))) ??
        "US";
    const upnDomains = [...new Set(accounts.map((a) => domainOf(a.user.userPrincipalName)))]
        .filter((d) => d !== facts.host)
        .sort();
    if (options.usageLocation === undefined) {
        remarks.guess(
            ["tenant", "usageLocation"],
            "the usage location most adopted service accounts have; new accounts get it",
        );
    }
    if (upnDomains.length > 0) {
        remarks.note(
            ["tenant", "domains"],
            "the domains the adopted service accounts sign in with; they keep their names",
        );
    }
    return { domain: facts.host, ...(upnDomains.length > 0 ? { domains: upnDomains } : {}), usageLocation };
}

/** `experts`: the team, and its internal members (a guess); undefined without a team. */
export function expertsSection({
    facts,
    options,
    remarks,
    vendors,
}: SectionContext): Record<string, unknown> | undefined {
    const { team } = facts;
    if (!team) {
        if (options.teamGroupId !== undefined) {
            remarks.leave({
                subject: `group ${options.teamGroupId}`,
                why: "named as the experts' team, but it does not exist",
            });
        }
        return undefined;
    }
    const accounts = new Set(vendors.flatMap((x) => x.accounts.map((a) => a.user.id)));
    const experts = team.members.filter(
        (m) => m.kind === "user" && m.userType !== "Guest" && m.userPrincipalName !== undefined && !accounts.has(m.id),
    );
    remarks.guess(["experts", "members"], `every internal member of the team ${JSON.stringify(team.displayName)}`);
    return { team: team.id, members: experts.map((m) => m.userPrincipalName as string) };
}

/** `graphEndpoint`, without trailing slashes; undefined when not given or Graph's global endpoint. */
export function graphEndpoint(options: AdoptOptions): string | undefined {
    const endpoint = options.graphEndpoint?.replace(/\/+$/, "");
    return endpoint === GLOBAL_GRAPH ? undefined : endpoint;
}
