/**
 * What the summary knows about the resources in a digest: which vendor each belongs to, and how to
 * name users, guests and groups in words a reviewer recognises instead of object ids.
 */
import { PreviewDigest, PreviewStep, ResourceState, SECRET_VALUE, UNKNOWN_VALUE } from "./digest";
import { code } from "./markdown";
import { TYPES, VENDORS_CONFIG_KEY } from "./types";
import { ParsedUrn, parseUrn } from "./urn";

/** A step with its URN taken apart. */
export interface Subject {
    readonly step: PreviewStep;
    readonly op: string;
    readonly urn: ParsedUrn;
    readonly type: string;
    readonly name: string;
}

/** Where a change is listed: under a vendor, under the host's experts, or tenant-wide. */
export type Section =
    | { readonly kind: "vendor"; readonly id: string }
    | { readonly kind: "experts" }
    | { readonly kind: "tenant" };

/** Wraps the steps whose URN parses; others cannot be attributed and are left to the generic report. */
export function subjectsOf(steps: readonly PreviewStep[]): Subject[] {
    const subjects: Subject[] = [];
    for (const step of steps) {
        const urn = parseUrn(step.urn);
        if (urn) {
            subjects.push({ step, op: step.op, urn, type: urn.type, name: urn.name });
        }
    }
    return subjects;
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Whether a value is known and not a secret placeholder. */
export function isKnown(value: unknown): boolean {
    return value !== undefined && value !== null && value !== UNKNOWN_VALUE && value !== SECRET_VALUE;
}

/** A property from a state: inputs first (what the program or refresh set), then outputs. */
export function prop(state: ResourceState | undefined, key: string): unknown {
    if (!state) {
        return undefined;
    }
    const fromInputs = state.inputs?.[key];
    return fromInputs !== undefined ? fromInputs : state.outputs?.[key];
}

/** A property as the step leaves it (new state), falling back to the old state; unknowns are skipped. */
export function latest(step: PreviewStep, key: string): unknown {
    const fresh = prop(step.newState, key);
    return isKnown(fresh) ? fresh : prop(step.oldState, key);
}

/** A known string property of one state (the old or the new one), or undefined. */
export function stringIn(state: ResourceState | undefined, key: string): string | undefined {
    const value = prop(state, key);
    return typeof value === "string" && isKnown(value) ? value : undefined;
}

/** Display names of the groups in a digest, by object id (old and new): a license assignment names its group by id only. */
export function groupNames(subjects: readonly Subject[]): Map<string, string> {
    const names = new Map<string, string>();
    for (const s of subjects.filter((x) => x.type === TYPES.group)) {
        for (const state of [s.step.oldState, s.step.newState]) {
            const name = stringIn(state, "displayName");
            if (state?.id && isKnown(state.id) && name) {
                names.set(state.id, name);
            }
        }
    }
    return names;
}

/** A string property as the step leaves it, or undefined. */
export function latestString(step: PreviewStep, key: string): string | undefined {
    const value = latest(step, key);
    return typeof value === "string" && isKnown(value) ? value : undefined;
}

/** Whether a type chain places a resource under one of the stack's vendors. */
function underVendor(urn: ParsedUrn): boolean {
    return urn.typeChain.some((t) => t.startsWith("remote-assist-tenancy:vendor:"));
}

/**
 * The vendors named in a digest, from every place that carries a vendor id: Vendor components, the
 * stack config, Key Vault secret tags and group mail nicknames. A vendor that only appears through
 * its children (say, removed from config) is still found through its groups and secrets.
 */
export class VendorDirectory {
    private readonly names = new Map<string, string>();

    constructor(digest: PreviewDigest, subjects: readonly Subject[]) {
        this.readConfig(digest.config?.[VENDORS_CONFIG_KEY]);
        for (const s of subjects) {
            if (s.type === TYPES.vendor) {
                this.add(s.name);
            }
            const tags = latest(s.step, "tags");
            if (s.type === TYPES.credential && isRecord(tags) && typeof tags.vendor === "string") {
                this.add(tags.vendor);
            }
            const nickname = latestString(s.step, "mailNickname");
            const match = s.type === TYPES.group && nickname ? /^ra-(?:license|segment)-(.+)$/.exec(nickname) : null;
            if (match) {
                this.add(match[1]);
            }
        }
        // A vendor seen only through children whose names carry a fixed suffix (a refresh of a
        // partial state, say) is inferred from those names; account names are too ambiguous to try.
        for (const s of subjects) {
            const inferred =
                underVendor(s.urn) && !this.idFor(s.name)
                    ? /^(.+?)-(?:guest-|license-group$|segment$)/.exec(s.name)
                    : null;
            if (inferred) {
                this.add(inferred[1]);
            }
        }
        // Display names: a service account records its vendor's name as companyName.
        for (const s of subjects) {
            const company = s.type === TYPES.user ? latestString(s.step, "companyName") : undefined;
            const id = company ? this.idFor(s.name) : undefined;
            if (id && company && this.names.get(id) === id) {
                this.names.set(id, company);
            }
        }
    }

    /** Vendor ids known, longest first. */
    get ids(): string[] {
        return [...this.names.keys()].sort((a, b) => b.length - a.length || a.localeCompare(b));
    }

    /** The vendor's display name, or its id when no name is known. */
    displayName(id: string): string {
        return this.names.get(id) ?? id;
    }

    /**
     * The vendor a resource name belongs to. Child names start with the vendor id and a dash
     * (`contoso-east-sa1-user`); since ids may contain dashes, the longest matching id wins, so
     * `contoso-east-sa1-user` belongs to `contoso-east`, not `contoso`.
     */
    idFor(resourceName: string): string | undefined {
        return this.ids.find((id) => resourceName === id || resourceName.startsWith(`${id}-`));
    }

    /** The section a resource is listed in. */
    sectionOf(s: Subject): Section {
        if (s.urn.typeChain.includes(TYPES.expertsSegment)) {
            return { kind: "experts" };
        }
        if (s.type === TYPES.vendor || underVendor(s.urn)) {
            const id = this.idFor(s.name);
            return id ? { kind: "vendor", id } : { kind: "tenant" };
        }
        return { kind: "tenant" };
    }

    private add(id: string, name?: string): void {
        if (!this.names.has(id) || (name && this.names.get(id) === id)) {
            this.names.set(id, name ?? id);
        }
    }

    private readConfig(text: string | undefined): void {
        if (!text) {
            return;
        }
        try {
            const vendors: unknown = JSON.parse(text);
            if (Array.isArray(vendors)) {
                for (const v of vendors) {
                    if (isRecord(v) && typeof v.id === "string") {
                        this.add(v.id, typeof v.name === "string" ? v.name : undefined);
                    }
                }
            }
        } catch {
            // A blinded or malformed config value names no vendor; the resources still do.
        }
    }
}

/**
 * Words for directory object ids: a member id becomes the service account's UPN or the guest's
 * email when the digest holds that user; otherwise the id itself.
 */
export class Labels {
    private readonly byObjectId = new Map<string, string>();
    private readonly upnByAccount = new Map<string, string>();

    constructor(subjects: readonly Subject[]) {
        for (const s of subjects) {
            const isUser = s.type === TYPES.user;
            if (!isUser && s.type !== TYPES.invitation) {
                continue;
            }
            // Each state names its own user: a replaced invitation's old id is the old guest.
            for (const state of [s.step.oldState, s.step.newState]) {
                const name = prop(state, isUser ? "userPrincipalName" : "userEmailAddress");
                if (typeof name !== "string" || !isKnown(name)) {
                    continue;
                }
                for (const id of [prop(state, isUser ? "objectId" : "userId"), state?.id]) {
                    if (typeof id === "string" && isKnown(id)) {
                        this.byObjectId.set(id, isUser ? code(name) : `guest ${code(name)}`);
                    }
                }
            }
            const upn = isUser ? latestString(s.step, "userPrincipalName") : undefined;
            if (upn) {
                this.upnByAccount.set(s.name.replace(/-user$/, ""), upn);
            }
        }
    }

    /** A directory object in Markdown: the user it is, or its id marked as unknown to the stack. */
    member(objectId: string, stranger = "not managed by this stack"): string {
        if (objectId === UNKNOWN_VALUE) {
            return "an account created in this change";
        }
        return this.byObjectId.get(objectId) ?? `${code(objectId)} (${stranger})`;
    }

    /** The UPN of the service account whose component is named `account` (`contoso1-sa1`), if known. */
    accountUpn(account: string): string | undefined {
        return this.upnByAccount.get(account);
    }
}

/** The multiset difference of two lists: what `after` adds to and removes from `before`. */
export function listDelta(before: readonly string[], after: readonly string[]): { added: string[]; removed: string[] } {
    const remaining = new Map<string, number>();
    for (const x of before) {
        remaining.set(x, (remaining.get(x) ?? 0) + 1);
    }
    const added: string[] = [];
    for (const x of after) {
        const n = remaining.get(x) ?? 0;
        if (n > 0) {
            remaining.set(x, n - 1);
        } else {
            added.push(x);
        }
    }
    const removed = [...remaining].flatMap(([x, n]) => Array<string>(n).fill(x));
    return { added, removed };
}

/** A list of strings from a state property, or [] when absent. */
export function stringList(value: unknown): string[] {
    return Array.isArray(value) ? value.filter((x): x is string => typeof x === "string") : [];
}

/** Top-level property names a step changes: from its detailed diff, its diff reasons, or by comparing inputs. */
export function changedKeys(step: PreviewStep, compare: "inputs" | "outputs" = "inputs"): string[] {
    const keys = new Set<string>();
    for (const path of Object.keys(step.detailedDiff ?? {})) {
        keys.add(topKey(path));
    }
    for (const key of step.diffReasons ?? []) {
        keys.add(topKey(key));
    }
    if (keys.size === 0) {
        const before = (compare === "inputs" ? step.oldState?.inputs : step.oldState?.outputs) ?? {};
        const after = (compare === "inputs" ? step.newState?.inputs : step.newState?.outputs) ?? {};
        for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
            if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
                keys.add(key);
            }
        }
    }
    return [...keys].filter((k) => !k.startsWith("__")).sort();
}

/** `members[2]` → `members`, `message.body` → `message`, `["a.b"].c` → `a.b`. */
export function topKey(path: string): string {
    const quoted = /^\["([^"]+)"\]/.exec(path);
    if (quoted) {
        return quoted[1];
    }
    return path.split(/[.[]/)[0];
}
