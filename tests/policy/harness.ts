/**
 * Calls a policy's `validateResource` the way the policy server does, with a recorded
 * `reportViolation` and a `notApplicable` that stops the validation, and no PolicyPack.
 *
 * The props are what the server hands a policy (@pulumi/policy 1.21.0, `server.js` `analyze`, from
 * pulumi/pulumi-policy sdk/nodejs/policy/server.ts): `deserializeProperties` drops properties whose
 * value is undefined ("We treat properties with undefined values as if they do not exist",
 * deserialize.ts), then `const props = unknownCheckingProxy(deserd)` wraps them, so that reading a
 * value unknown during preview throws `UnknownValueError` (proxy.ts: "intercepts all property
 * accesses to check if they are unknown"). The server reports that as "can't run policy ... during
 * preview" at advisory level, and the policy says nothing about the resource; here it is
 * {@link Outcome.cannotRun}. The proxy traps `get` alone, so `"key" in props` reads no value.
 */
import * as policySdk from "@pulumi/policy";
import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";

/**
 * The SDK's proxy and its error: `index.js` exports both, but their typings are stripped as
 * `@internal` (proxy.d.ts is empty), hence the cast.
 */
const { unknownCheckingProxy, UnknownValueError } = policySdk as unknown as {
    unknownCheckingProxy: <T extends object>(props: T) => T;
    UnknownValueError: new (...args: never[]) => Error;
};

/**
 * A string input unknown during preview, as the engine sends it (`unknownValue` of
 * @pulumi/pulumi's runtime/rpc; the policy SDK's `unknownStringValue`, proxy.ts): a new password
 * is, until the provider generates it.
 */
export const UNKNOWN: string = unknownValue;

/** What the policy said about one resource. */
export interface Outcome {
    readonly violations: readonly string[];
    /** Set when the policy declared itself not applicable, with its reason. */
    readonly notApplicable?: string;
    /** Set when the policy read a value unknown during preview, and so could not run: the SDK's message. */
    readonly cannotRun?: string;
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
    const defined = Object.fromEntries(Object.entries(candidate.props).filter(([, v]) => v !== undefined));
    const args: ResourceValidationArgs = {
        type: candidate.type,
        props: unknownCheckingProxy(defined),
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
        if (e instanceof UnknownValueError) {
            return { violations, cannotRun: e.message };
        }
        throw e;
    }
    return { violations };
}
