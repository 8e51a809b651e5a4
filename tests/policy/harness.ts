/**
 * Calls a policy's `validateResource` the way the policy server does, with a recorded
 * `reportViolation` and a `notApplicable` that stops the validation, and no PolicyPack.
 */
import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";

/** What the policy said about one resource. */
export interface Outcome {
    readonly violations: readonly string[];
    /** Set when the policy declared itself not applicable, with its reason. */
    readonly notApplicable?: string;
}

/** A resource as the policy server hands it over. */
export interface Candidate {
    readonly type: string;
    readonly props: Record<string, unknown>;
    readonly protect?: boolean;
    readonly name?: string;
    /** The resource's URN; by default one without parents. */
    readonly urn?: string;
    /** This policy's entry of `--policy-pack-config`. */
    readonly config?: Record<string, unknown>;
}

class NotApplicable extends Error {
    constructor(readonly reason: string) {
        super(reason);
    }
}

/** Runs one policy against one resource. */
export async function validate(policy: ResourceValidationPolicy, candidate: Candidate): Promise<Outcome> {
    const name = candidate.name ?? "resource";
    const args: ResourceValidationArgs = {
        type: candidate.type,
        props: candidate.props,
        urn: candidate.urn ?? `urn:pulumi:dev::remote-assist-tenancy::${candidate.type}::${name}`,
        name,
        opts: {
            protect: candidate.protect ?? false,
            ignoreChanges: [],
            aliases: [],
            additionalSecretOutputs: [],
            customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        },
        stackTags: new Map(),
        isType: () => false,
        asType: () => undefined,
        getConfig: <T extends object>() => (candidate.config ?? {}) as T,
        notApplicable: (reason?: string): never => {
            throw new NotApplicable(reason ?? "");
        },
    };
    const violations: string[] = [];
    const validations = [policy.validateResource ?? []].flat();
    try {
        for (const validation of validations) {
            await validation(args, (message) => violations.push(message));
        }
    } catch (e) {
        if (e instanceof NotApplicable) {
            return { violations, notApplicable: e.reason };
        }
        throw e;
    }
    return { violations };
}
