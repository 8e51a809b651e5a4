/**
 * Builders for the steps of a Pulumi preview or refresh digest, shaped as the CLI prints them
 * (summary/digest.ts), for tests that need one step of a kind rather than a whole fixture.
 */
import type { PreviewDigest, PreviewStep, ResourceState } from "../../summary/digest";
import { TYPES } from "../../summary/types";

const PREFIX = "urn:pulumi:dev::remote-assist-tenancy::";

/** Parent type chains of the stack's resources, as the engine writes them into URNs. */
export const PARENTS = {
    none: [],
    vendor: [TYPES.vendor],
    serviceAccount: [TYPES.vendor, TYPES.serviceAccount],
    guest: [TYPES.vendor, TYPES.guestInvitation],
    licenseGroup: [TYPES.vendor, TYPES.licenseGroup],
    expertsSegment: [TYPES.expertsSegment],
    serviceAccountsGroup: [TYPES.serviceAccountsGroup],
    teamsBarriersApp: [TYPES.teamsBarriersApp],
} as const satisfies Record<string, readonly string[]>;

/** A resource of the stack: where it sits, its type and its name. */
export interface Resource {
    readonly parents: readonly string[];
    readonly type: string;
    readonly name: string;
}

/** The URN of a resource. */
export function urnOf(r: Resource): string {
    return `${PREFIX}${[...r.parents, r.type].join("$")}::${r.name}`;
}

/** A state of a resource: its inputs, and its id and outputs when given. */
export function stateOf(
    r: Resource,
    inputs: Record<string, unknown>,
    more: { id?: string; outputs?: Record<string, unknown> } = {},
): ResourceState {
    return { urn: urnOf(r), custom: true, type: r.type, inputs, ...more };
}

/** A step of `op` on a resource, from `oldState` to `newState`. */
export function stepOf(
    op: string,
    r: Resource,
    states: { old?: ResourceState; new?: ResourceState } = {},
    more: Pick<PreviewStep, "diffReasons" | "replaceReasons" | "detailedDiff"> = {},
): PreviewStep {
    return {
        op,
        urn: urnOf(r),
        ...(states.old ? { oldState: states.old } : {}),
        ...(states.new ? { newState: states.new } : {}),
        ...more,
    };
}

/** A digest of these steps, with the vendors of the stack config. */
export function digestOf(steps: readonly PreviewStep[], vendors: { id: string; name?: string }[] = []): PreviewDigest {
    return {
        ...(vendors.length ? { config: { "remote-assist-tenancy:vendors": JSON.stringify(vendors) } } : {}),
        steps,
    };
}
