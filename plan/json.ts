/**
 * The plan as machine-readable JSON: every registered resource with its inputs (secrets
 * masked), the stack outputs (secrets masked) and the plan in domain terms.
 */
import { isSecretValue, RecordedResource } from "../offline/mocks";
import type { TenantPlan } from "./model";

/** What a secret value reads as in the JSON plan. */
export const SECRET_MASK = "[secret]";

/**
 * The key under which Pulumi's dynamic providers pass their serialized code to every
 * resource; it is code, not configuration, and can be large, so the JSON plan elides it.
 */
const DYNAMIC_PROVIDER_KEY = "__provider";

/** A resource in the JSON plan. */
export interface PlanJsonResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    /** URN of the parent resource; `null` for the stack's top-level resources. */
    readonly parent: string | null;
    readonly protect: boolean;
    readonly ignoreChanges: readonly string[];
    readonly inputs: unknown;
}

/** The JSON plan. */
export interface PlanJson {
    readonly stack: string;
    readonly resources: readonly PlanJsonResource[];
    readonly outputs: Readonly<Record<string, unknown>>;
    readonly plan: TenantPlan;
}

/** A value with every secret replaced by {@link SECRET_MASK}, at any depth. */
export function maskSecrets(value: unknown): unknown {
    if (isSecretValue(value)) {
        return SECRET_MASK;
    }
    if (Array.isArray(value)) {
        return value.map(maskSecrets);
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(
            Object.entries(value).map(([k, v]) => [
                k,
                k === DYNAMIC_PROVIDER_KEY && typeof v === "string" ? `[serialized provider code]` : maskSecrets(v),
            ]),
        );
    }
    return value;
}

/** Resources parent first, children in registration order: the order the tree reads in. */
export function treeOrder(resources: readonly RecordedResource[]): RecordedResource[] {
    const byParent = new Map<string, RecordedResource[]>();
    for (const r of resources) {
        const siblings = byParent.get(r.parent) ?? [];
        siblings.push(r);
        byParent.set(r.parent, siblings);
    }
    const known = new Set(resources.map((r) => r.urn));
    const out: RecordedResource[] = [];
    const visit = (parent: string) => {
        for (const r of byParent.get(parent) ?? []) {
            out.push(r);
            visit(r.urn);
        }
    };
    // Top-level resources have no recorded parent; visit them (and any orphan) as roots.
    for (const root of new Set(resources.filter((r) => !known.has(r.parent)).map((r) => r.parent))) {
        visit(root);
    }
    return out;
}

/** The JSON plan of one run. `outputs` must already have its secrets masked. */
export function planJson(
    plan: TenantPlan,
    resources: readonly RecordedResource[],
    outputs: Readonly<Record<string, unknown>>,
): PlanJson {
    return {
        stack: plan.stack,
        resources: treeOrder(resources).map((r) => ({
            urn: r.urn,
            type: r.type,
            name: r.name,
            parent: r.parent === "" ? null : r.parent,
            protect: r.protect,
            ignoreChanges: r.ignoreChanges,
            inputs: maskSecrets(r.inputs),
        })),
        outputs,
        plan,
    };
}
