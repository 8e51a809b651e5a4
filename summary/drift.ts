/**
 * Turns a `pulumi refresh --preview-only --json` digest into drift: each resource someone changed
 * outside the stack, and the properties that changed.
 *
 * In a refresh digest every resource has a step with op `refresh`; where the provider's read differs
 * from the state, Pulumi replaces that step with an `update` (old state → state read from the tenant,
 * with a detailed diff) or a `delete` (the resource is gone), as `ShowPreviewDigest` does in
 * `pkg/backend/display/json.go`. Older CLIs left the `refresh` op with its diff; both are read.
 */
import { assignedSkus, Category, Change, planChanges, shown, skuName } from "./changes";
import { PreviewDigest, PreviewStep, ResourceState } from "./digest";
import { code, joinWords } from "./markdown";
import {
    changedKeys,
    groupNames,
    Labels,
    latestString,
    listDelta,
    stringList,
    Subject,
    subjectsOf,
    VendorDirectory,
} from "./model";
import { COMPONENT_PREFIX, PROVIDER_PREFIX, TYPES } from "./types";

/** Whether a step of a refresh digest found the resource changed outside the stack. */
export function isDrift(step: PreviewStep): boolean {
    if (step.op === "update" || step.op === "delete") {
        return true;
    }
    return (
        step.op === "refresh" &&
        (Object.keys(step.detailedDiff ?? {}).length > 0 || (step.diffReasons?.length ?? 0) > 0)
    );
}

/** Reads `members[2]`, `properties.value` or `tags["a.b"]` from a state's properties. */
export function valueAt(root: unknown, path: string): unknown {
    const parts: (string | number)[] = [];
    const re = /\["((?:[^"\\]|\\.)*)"\]|\[(\d+)\]|\.?([^.[\]]+)/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(path)) !== null) {
        parts.push(m[1] !== undefined ? m[1] : m[2] !== undefined ? Number(m[2]) : m[3]);
    }
    let value: unknown = root;
    for (const part of parts) {
        // Own properties only: a path such as `constructor` names no property of the state.
        if (value === null || typeof value !== "object" || !Object.hasOwn(value, part)) {
            return undefined;
        }
        value = (value as Record<string | number, unknown>)[part];
    }
    return value;
}

/** What the refresh compares: the provider's outputs, falling back to inputs for providers that read those. */
function props(state: ResourceState | undefined): Record<string, unknown> {
    return { ...(state?.inputs ?? {}), ...(state?.outputs ?? {}) };
}

function categoryOf(s: Subject): Category {
    switch (s.type) {
        case TYPES.user:
            return "account";
        case TYPES.password:
            return "password";
        case TYPES.credential:
            return "credential";
        case TYPES.invitation:
            return "guest";
        case TYPES.groupMember:
            return "team";
        case TYPES.licenseAssignment:
            return "bundle";
        case TYPES.group:
            return s.urn.typeChain.includes(TYPES.licenseGroup) || s.name.endsWith("-license-group")
                ? "license"
                : "segment";
        default:
            return "other";
    }
}

/** The resource in words, with its Pulumi name so it can be targeted (`pulumi up --target`). */
function resourceWords(s: Subject, groups: ReadonlyMap<string, string>): string {
    const step = s.step;
    const pulumiName = code(s.name);
    switch (s.type) {
        case TYPES.user:
            return `Service account ${code(latestString(step, "userPrincipalName") ?? s.name)} (${pulumiName})`;
        case TYPES.group: {
            const noun = categoryOf(s) === "license" ? "License group" : "Segment group";
            return `${noun} ${code(latestString(step, "displayName") ?? s.name)} (${pulumiName})`;
        }
        case TYPES.invitation:
            return `Guest ${code(latestString(step, "userEmailAddress") ?? s.name)} (${pulumiName})`;
        case TYPES.groupMember:
            return `Team membership ${pulumiName}`;
        case TYPES.credential:
            return `Key Vault secret ${code(`${latestString(step, "vaultName") ?? "?"}/${latestString(step, "secretName") ?? s.name}`)} (${pulumiName})`;
        case TYPES.licenseAssignment: {
            const group = groups.get(latestString(step, "groupId") ?? "");
            return `License bundle of ${group ? `license group ${code(group)}` : "a license group"} (${pulumiName})`;
        }
        default:
            return `${code(s.type)} ${pulumiName}`;
    }
}

const GONE: Partial<Record<string, string>> = {
    [TYPES.user]:
        "`pulumi up --refresh` would create a new, empty account; restore the deleted user from the recycle bin first to keep its data",
    [TYPES.invitation]: "`pulumi up --refresh` would invite the guest again, as a new guest user without their chats",
    [TYPES.group]: "`pulumi up --refresh` would create a new group with a new object id",
};

/** List properties told as what was added and removed, in words, rather than index by index. */
const LISTS: readonly {
    readonly key: string;
    readonly added: string;
    readonly removed: string;
    readonly words: (item: string, labels: Labels) => string;
}[] = [
    {
        key: "members",
        added: "members added outside the stack",
        removed: "members removed outside the stack",
        words: (id, labels) => labels.member(id),
    },
    {
        key: "otherSkuIds",
        added: "licenses assigned to the group outside the stack",
        removed: "licenses assigned outside the stack since removed",
        words: (id) => skuName(id),
    },
];

/**
 * How a license assignment's bundle SKUs (`licenses`, as the provider reads them back from the
 * group) changed outside the stack, SKU by SKU: removed, plans switched, added.
 */
export function licenseDrift(before: unknown, after: unknown): string[] {
    const was = assignedSkus(before);
    const now = assignedSkus(after);
    const find = (list: typeof was, skuId: string) => list.find((k) => k.skuId === skuId);
    const out: string[] = [];
    for (const sku of was.filter((k) => !find(now, k.skuId))) {
        out.push(`${skuName(sku.skuId)} removed, so its members lose it`);
    }
    for (const sku of now) {
        const old = find(was, sku.skuId);
        if (!old) {
            out.push(`${skuName(sku.skuId)} added`);
            continue;
        }
        const plans = planChanges(old.disabledPlans, sku.disabledPlans);
        const bits = [
            ...(plans.off.length ? [`${joinWords(plans.off)} switched off`] : []),
            ...(plans.on.length ? [`${joinWords(plans.on)} switched on`] : []),
        ];
        if (bits.length) {
            out.push(`${joinWords(bits)} in ${skuName(sku.skuId)}`);
        }
    }
    return out;
}

function driftOf(s: Subject, labels: Labels, groups: ReadonlyMap<string, string>): string {
    const words = resourceWords(s, groups);
    if (s.op === "delete") {
        const hint = Object.hasOwn(GONE, s.type) ? GONE[s.type] : undefined;
        return `${words} was **deleted outside the stack**${hint ? `; ${hint}` : ""}`;
    }
    const before = props(s.step.oldState);
    const after = props(s.step.newState);
    const details: string[] = [];
    let paths = Object.keys(s.step.detailedDiff ?? {});
    if (paths.length === 0) {
        // A GroupLicense's refresh diff is empty: its dynamic provider returns no detailed diff.
        paths = changedKeys(s.step, "outputs");
    }
    for (const list of LISTS) {
        const inList = (p: string) => p === list.key || p.startsWith(`${list.key}[`);
        if (!paths.some(inList)) {
            continue;
        }
        const { added, removed } = listDelta(stringList(before[list.key]), stringList(after[list.key]));
        if (added.length) {
            details.push(`${list.added}: ${joinWords(added.map((x) => list.words(x, labels)))}`);
        }
        if (removed.length) {
            details.push(`${list.removed}: ${joinWords(removed.map((x) => list.words(x, labels)))}`);
        }
        paths = paths.filter((p) => !inList(p));
    }
    const isLicenses = (p: string) => p === "licenses" || p.startsWith("licenses[");
    if (s.type === TYPES.licenseAssignment && paths.some(isLicenses)) {
        details.push(...licenseDrift(before.licenses, after.licenses));
        paths = paths.filter((p) => !isLicenses(p));
    }
    for (const path of paths.filter((p) => !p.startsWith("__")).sort()) {
        details.push(`${code(path)} ${shown(valueAt(before, path))} → ${shown(valueAt(after, path))}`);
    }
    return `${words} changed outside the stack${details.length ? `: ${details.join("; ")}` : ""}`;
}

/** Every resource the refresh found changed outside the stack. */
export function driftChanges(digest: PreviewDigest): Change[] {
    const subjects = subjectsOf(digest.steps ?? []);
    const vendors = new VendorDirectory(digest, subjects);
    const labels = new Labels(subjects);
    const groups = groupNames(subjects);
    return subjects
        .filter((s) => isDrift(s.step))
        .filter(
            (s) =>
                s.type !== TYPES.stack && !s.type.startsWith(PROVIDER_PREFIX) && !s.type.startsWith(COMPONENT_PREFIX),
        )
        .map((s) => ({
            section: vendors.sectionOf(s),
            category: categoryOf(s),
            text: driftOf(s, labels, groups),
            destructive: s.op === "delete",
        }));
}

/** How many resources Pulumi counted as drifted (`changeSummary`), which the report cross-checks. */
export function countedDrift(digest: PreviewDigest): number {
    const summary = digest.changeSummary ?? {};
    return Object.entries(summary)
        .filter(([op]) => op !== "same" && op !== "refresh")
        .reduce((n, [, count]) => n + count, 0);
}
