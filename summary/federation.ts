/**
 * Teams federation changes for the pull-request comment. Federation is no resource: a preview has
 * no step for it. The stack exports it as the `federation` output (`federation/output.ts`);
 * this compares that output of the last deployment with the same value worked out from the config
 * under review.
 *
 * Why not old and new output from the digest: `pulumi preview --json` records each step as its
 * ResourcePreEvent arrives (`ShowPreviewDigest`, pulumi/pulumi pkg/backend/display/json.go). The
 * root `pulumi:pulumi:Stack` step is always recorded (op `same`); its `oldState.outputs` are the last
 * deployment's outputs, its `newState` is what the program registered before `registerOutputs`. The
 * new outputs come later in a ResourceOutputsEvent, which the digest takes only for refresh steps,
 * so they are never in the JSON. The digest does carry the stack config (`config`, from the
 * PreludeEvent; secrets blinded), from which `federationOutput` gives the new value exactly as the
 * program would. A drift report has nothing to say about federation: `pulumi refresh` reads only
 * the resources in the state, and Teams settings are none.
 */
import { rawConfigFromMap } from "../config/load";
import { ConfigError } from "../config/problems";
import { CONFIG_NAMESPACE, FederationManagement, FederationMode, StackConfig } from "../config/types";
import { validateConfig } from "../config/validate";
import { FEDERATION_OUTPUT, FederationOutput, federationOutput } from "../federation/output";
import { PeerStackDomains, peerStackDomains } from "../federation/peers";
import { FederatedDomain, FederationPlan, federationPlan } from "../federation/plan";
import type { Change } from "./changes";
import { PreviewDigest, PreviewStep } from "./digest";
import { code, joinWords, text } from "./markdown";
import { TYPES } from "./types";
import { parseUrn } from "./urn";

const MODES: readonly FederationMode[] = ["open", "allowList", "blockList", "disabled"];

/** What applies federation; every federation line ends with it. */
const RERUN = "then run `Set-RATeamsFederation` (README, Teams federation)";

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isStringList(value: unknown): value is string[] {
    return Array.isArray(value) && value.every((x) => typeof x === "string");
}

/**
 * The `federation` output as the last deployment recorded it, or undefined when it recorded none.
 * A deployment from before `management`, `add` and `remove` existed recorded what the old runbook
 * did: it replaced the mode's list with the allowed (or blocked) domains.
 */
export function recordedFederation(value: unknown): FederationOutput | undefined {
    if (!isRecord(value) || !MODES.includes(value.mode as FederationMode)) {
        return undefined;
    }
    const mode = value.mode as FederationMode;
    const { allowedDomains, blockedDomains, peerStackDomains: peers } = value;
    if (!isStringList(allowedDomains) || !isStringList(blockedDomains)) {
        return undefined;
    }
    const legacy = value.management === undefined;
    const management: FederationManagement = value.management === "merge" ? "merge" : "replace";
    if (!legacy && value.management !== "replace" && value.management !== "merge") {
        return undefined;
    }
    const add = isStringList(value.add) ? value.add : mode === "allowList" ? allowedDomains : blockedDomains;
    return {
        mode,
        management,
        allowedDomains,
        blockedDomains,
        add,
        remove: isStringList(value.remove) ? value.remove : [],
        peerStackDomains: Object.fromEntries(
            Object.entries(isRecord(peers) ? peers : {}).filter((e): e is [string, string[]] => isStringList(e[1])),
        ),
    };
}

/** The settings in words, e.g. "only `a.com` and `b.com` may talk to the tenant". */
function settingsWords(output: FederationOutput): string {
    const domains = (list: readonly string[]) => joinWords(list.map(code));
    const be = (list: readonly string[]) => (list.length === 1 ? "is" : "are");
    if (output.mode === "disabled") {
        return "federation is off";
    }
    const list = output.mode === "allowList" ? "allow list" : "block list";
    if (output.management === "merge") {
        const parts = [
            ...(output.add.length ? [`${domains(output.add)} ${be(output.add)} on the tenant's ${list}`] : []),
            ...(output.remove.length ? [`${domains(output.remove)} ${be(output.remove)} taken off it`] : []),
        ];
        return parts.length
            ? `${parts.join(", ")}, and the other domains on it stay`
            : `the stack changes nothing on the tenant's ${list}`;
    }
    if (output.mode === "allowList") {
        return output.add.length
            ? `only ${domains(output.add)} may talk to the tenant`
            : "no external domain may talk to the tenant";
    }
    return output.add.length
        ? `every external domain but ${domains(output.add)} may talk to the tenant`
        : "every external domain may talk to the tenant";
}

/** `vendor Contoso1, suspended` → `Contoso1 suspended`; config keys as code; names from config as text. */
function sourceWords(source: string): string {
    const suspended = /^vendor (.+), suspended$/.exec(source);
    if (suspended) {
        return `${text(suspended[1])} suspended`;
    }
    const vendor = /^vendor (.+)$/.exec(source);
    if (vendor) {
        return `vendor ${text(vendor[1])}`;
    }
    const peer = /^peer stack (.+)$/.exec(source);
    return peer ? `peer stack ${code(peer[1])}` : code(source);
}

/** Why the stack no longer lists a domain, from the config under review. */
function droppedReason(domain: string, config: StackConfig, old: FederationOutput): string {
    const droppedPeer = Object.entries(old.peerStackDomains).find(
        ([stack, domains]) => !config.federation.peerStacks.includes(stack) && domains.includes(domain),
    );
    if (droppedPeer) {
        return `peer stack ${code(droppedPeer[0])} removed from ${code("federation.peerStacks")}`;
    }
    const vendor = config.vendors.find((v) => v.domains.some((d) => d.toLowerCase() === domain));
    if (vendor) {
        return vendor.state === "suspended" ? `${text(vendor.name)} suspended` : `${text(vendor.name)} active`;
    }
    return "no longer listed by a vendor or federation setting";
}

interface DomainChange {
    readonly domain: string;
    /** [singular, plural] */
    readonly verb: readonly [string, string];
    readonly reason: string;
}

/** Domain changes with the same verb and reason told together: "`a` and `b` leave the allow list (X suspended)". */
function clauses(changes: readonly DomainChange[]): string[] {
    const groups = new Map<string, DomainChange[]>();
    for (const c of changes) {
        const key = `${c.verb[0]}\u0000${c.reason}`;
        groups.set(key, [...(groups.get(key) ?? []), c]);
    }
    return [...groups.values()].map((group) => {
        const { verb, reason } = group[0];
        return `${joinWords(group.map((c) => code(c.domain)))} ${verb[group.length === 1 ? 0 : 1]} (${reason})`;
    });
}

/** The verbs of one mode's list: joining it, leaving it. */
function listVerbs(mode: FederationMode): { joins: [string, string]; leaves: [string, string]; list: string } {
    return mode === "allowList"
        ? {
              joins: ["joins the allow list", "join the allow list"],
              leaves: ["leaves the allow list", "leave the allow list"],
              list: "allow list",
          }
        : {
              joins: ["is blocked", "are blocked"],
              leaves: ["is no longer blocked", "are no longer blocked"],
              list: "block list",
          };
}

function domainChanges(
    old: FederationOutput,
    now: FederationOutput,
    plan: FederationPlan,
    config: StackConfig,
): DomainChange[] {
    const out: DomainChange[] = [];
    const verbs = listVerbs(now.mode);
    const source = (list: readonly FederatedDomain[], domain: string) =>
        sourceWords(list.find((d) => d.domain === domain)?.source ?? "");
    for (const domain of now.add.filter((d) => !old.add.includes(d))) {
        out.push({ domain, verb: verbs.joins, reason: source(plan.add, domain) });
    }
    // After replace, a domain the stack did not list was not on the tenant's list either.
    const wasListed = (d: string) => old.management === "merge" || old.add.includes(d);
    for (const domain of now.remove.filter((d) => !old.remove.includes(d) && wasListed(d))) {
        out.push({ domain, verb: verbs.leaves, reason: droppedReason(domain, config, old) });
    }
    for (const domain of old.add.filter((d) => !now.add.includes(d) && !now.remove.includes(d))) {
        out.push(
            now.management === "replace"
                ? { domain, verb: verbs.leaves, reason: droppedReason(domain, config, old) }
                : {
                      domain,
                      verb: [
                          `is no longer the stack's, and merge leaves it on the tenant's ${verbs.list}`,
                          `are no longer the stack's, and merge leaves them on the tenant's ${verbs.list}`,
                      ],
                      reason: droppedReason(domain, config, old),
                  },
        );
    }
    return out;
}

/** The Teams federation line, or nothing when federation stays as it is. */
function federationLine(stack: PreviewStep, config: StackConfig): string | undefined {
    const old = recordedFederation(stack.oldState?.outputs?.[FEDERATION_OUTPUT]);
    // Sibling stacks' domains are read at deploy time; until then, the ones the last deployment read.
    const peers: PeerStackDomains[] = config.federation.peerStacks.map((s) =>
        peerStackDomains(s, old && Object.hasOwn(old.peerStackDomains, s) ? old.peerStackDomains[s] : undefined),
    );
    const plan = federationPlan(config, peers);
    const now = federationOutput(config, peers);
    if (!old) {
        const first = `after the deploy run \`Set-RATeamsFederation\` (README, Teams federation), so that ${settingsWords(now)}`;
        return stack.op === "create"
            ? `Teams federation: ${first}`
            : `Teams federation: the last deployment recorded no federation settings to compare with; ${first}`;
    }
    const parts: string[] = [];
    if (old.mode !== now.mode) {
        parts.push(`mode ${code(old.mode)} → ${code(now.mode)}: ${settingsWords(now)}`);
    } else {
        if (old.management !== now.management) {
            parts.push(
                now.management === "merge"
                    ? `management ${code(old.management)} → ${code("merge")}: the stack adds and removes only its own domains and leaves the others on the tenant's list`
                    : `management ${code(old.management)} → ${code("replace")}: the tenant's list becomes exactly the stack's, and domains added by hand are dropped`,
            );
        }
        parts.push(...clauses(domainChanges(old, now, plan, config)));
    }
    const newPeers = plan.unresolvedPeers.filter((s) => !Object.hasOwn(old.peerStackDomains, s));
    if (newPeers.length) {
        parts.push(
            `the domains of peer ${newPeers.length === 1 ? "stack" : "stacks"} ${joinWords(newPeers.map(code))} join the allow list when the deploy reads them`,
        );
    }
    return parts.length ? `Teams federation: ${parts.join("; ")}; ${RERUN}` : undefined;
}

/**
 * Teams federation changes of a preview: how the allow and block lists differ between the last
 * deployment's `federation` output and the config under review. Nothing when the digest holds no
 * stack step or no config of this project (not a preview of it).
 */
export function federationChanges(digest: PreviewDigest): Change[] {
    const stack = (digest.steps ?? []).find((s) => parseUrn(s.urn)?.type === TYPES.stack);
    const config = digest.config ?? {};
    if (!stack || !Object.keys(config).some((k) => k.startsWith(`${CONFIG_NAMESPACE}:`))) {
        return [];
    }
    const change = (line: string): Change[] => [
        { section: { kind: "tenant" }, category: "federation", text: line, destructive: false },
    ];
    let validated: StackConfig;
    try {
        validated = validateConfig(rawConfigFromMap(config));
    } catch (e) {
        if (!(e instanceof ConfigError)) {
            throw e;
        }
        return change(
            `Teams federation: not compared, the stack config in the preview does not validate (${text(e.problems[0] ?? "")})`,
        );
    }
    const line = federationLine(stack, validated);
    return line ? change(line) : [];
}
