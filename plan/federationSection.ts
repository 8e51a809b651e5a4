/** The "Teams federation" section of plan.md: the `federation` output in words, with why each domain is listed. */
import type { FederatedDomain } from "../federation/plan";
import { mdCode, mdText, table } from "./md";
import type { TenantPlan } from "./model";
import { applyLines, SET_FEDERATION } from "./moduleCommands";

/** A table of domains with why each is listed, preceded by a blank line; nothing when there are none. */
function domainTable(heading: string, domains: readonly string[], why: readonly FederatedDomain[]): string[] {
    return domains.length === 0
        ? []
        : [
              "",
              ...table(
                  [heading, "Why"],
                  domains.map((d) => [mdCode(d), mdText(why.find((w) => w.domain === d)?.source ?? "")]),
              ),
          ];
}

function modeLines(plan: TenantPlan): string[] {
    const out = plan.federationOutput;
    const merge = out.management === "merge";
    const list = out.mode === "allowList" ? "allowed" : "blocked";
    const kept = merge
        ? ` Management ${mdCode("merge")}: every other domain on the tenant's ${list} list stays.`
        : ` Management ${mdCode("replace")}: the tenant's ${list} list becomes exactly this one.`;
    switch (out.mode) {
        case "disabled":
            return [
                "Mode `disabled`: Teams federation is off; vendors reach the experts only as guests or service accounts.",
            ];
        case "open":
            return [
                `Mode ${mdCode("open")}: every external domain may talk to the tenant${out.add.length ? " except the blocked ones" : ""}.${out.add.length ? kept : ""}`,
                ...domainTable("Blocked domain", out.add, plan.federation.add),
            ];
        case "blockList":
            return [
                `Mode ${mdCode("blockList")}: every external domain may talk to the tenant except the blocked ones.${kept}`,
                ...domainTable("Blocked domain", out.add, plan.federation.add),
            ];
        case "allowList":
            return [
                out.add.length === 0
                    ? `Mode ${mdCode("allowList")}: the stack allows no domain.${kept}`
                    : `Mode ${mdCode("allowList")}: these domains may talk to the tenant.${kept}`,
                ...domainTable("Allowed domain", out.add, plan.federation.add),
            ];
    }
}

/** The section's lines. */
export function federationSection(plan: TenantPlan): string[] {
    const out = plan.federationOutput;
    const taken = out.mode === "allowList" ? "Taken off the allowed list" : "Taken off the blocked list";
    return [
        "## Teams federation",
        "",
        ...applyLines(
            SET_FEDERATION,
            plan.stack,
            "The domains below are what the program computed offline (a peer stack's from its config file, not from its deployment), so apply only the deployed output.",
        ),
        "",
        ...modeLines(plan),
        ...domainTable(taken, out.remove, plan.federation.remove),
        ...(out.mode === "allowList" && out.management === "replace" && plan.federation.suspendedDomains.length > 0
            ? [
                  "",
                  `Left out: ${plan.federation.suspendedDomains.map((d) => `${mdCode(d.domain)} (${mdText(d.source)})`).join(", ")}.`,
              ]
            : []),
        ...plan.federation.unresolvedPeers.flatMap((stack) => [
            "",
            `Peer stack ${mdCode(stack)} exports no domains yet, so none of its domains are allowed.`,
        ]),
        ...(out.mode === "disabled"
            ? []
            : [
                  "",
                  `Federation needs both sides: each federated vendor's own tenant must also allow ${plan.tenant.domains.map(mdCode).join(", ")} (or run open federation); see each vendor above.`,
              ]),
    ];
}
