/**
 * Each guardrail is a pure check with three outcomes, kept apart from its wording and from the
 * Pulumi policy plumbing (cdk-nag style): tests call the checks and the policies' `validateResource`
 * without starting a policy pack.
 */
import type { PolicyConfigSchema, ResourceValidationPolicy, Severity } from "@pulumi/policy";

/** What a rule sees of a resource. */
export interface RuleSubject {
    /** Type token, e.g. `azuread:index/user:User`. */
    readonly type: string;
    /** The resource's inputs as the program registers them. */
    readonly props: Readonly<Record<string, unknown>>;
    /** Whether the resource is protected from deletion. */
    readonly protect: boolean;
}

/** A rule's finding about one resource. */
export type Verdict =
    | { readonly outcome: "compliant" }
    | { readonly outcome: "non-compliant"; readonly problems: readonly string[] }
    | { readonly outcome: "not-applicable"; readonly reason: string };

/** The resource passes. */
export const COMPLIANT: Verdict = { outcome: "compliant" };

/** The rule does not apply to this resource. */
export function notApplicable(reason: string): Verdict {
    return { outcome: "not-applicable", reason };
}

/** Compliant when there are no problems, non-compliant listing them otherwise. */
export function verdictOf(problems: readonly string[]): Verdict {
    return problems.length === 0 ? COMPLIANT : { outcome: "non-compliant", problems };
}

/** Applies only to resources of the given types. */
export function onlyFor(subject: RuleSubject, types: readonly string[]): Verdict | undefined {
    return types.includes(subject.type) ? undefined : notApplicable(`applies to ${types.join(", ")} only`);
}

/** How a rule presents itself: name, description, severity and how to fix a violation. */
export interface RuleWords {
    /** Policy name, unique in the pack; also the key of its config in `--policy-pack-config`. */
    readonly name: string;
    readonly description: string;
    readonly severity: Severity;
    readonly remediationSteps: string;
}

/**
 * A mandatory resource policy from a rule's words and its check. The check's not-applicable
 * outcome is reported as such; each problem becomes one violation.
 */
export function resourcePolicy<Config extends object = Record<string, never>>(
    words: RuleWords,
    check: (subject: RuleSubject, config: Partial<Config>) => Verdict,
    configSchema?: PolicyConfigSchema,
): ResourceValidationPolicy {
    return {
        ...words,
        enforcementLevel: "mandatory",
        ...(configSchema ? { configSchema } : {}),
        validateResource: (args, reportViolation) => {
            const verdict = check(
                { type: args.type, props: args.props, protect: args.opts.protect },
                configSchema ? args.getConfig<Partial<Config>>() : {},
            );
            if (verdict.outcome === "not-applicable") {
                args.notApplicable(verdict.reason);
            } else if (verdict.outcome === "non-compliant") {
                verdict.problems.forEach((problem) => reportViolation(problem));
            }
        },
    };
}
