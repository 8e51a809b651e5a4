/**
 * Each guardrail is a pure check with three outcomes (cdk-nag style): not applicable to a resource
 * of another type, compliant, or non-compliant with the problems found. A rule states the types it
 * applies to as data, so that outcome is decided here once, and its wording lives apart from its
 * logic. Tests call the policies' `validateResource` without starting a policy pack.
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
    /**
     * The resource's URN, whose type part holds the types of its parents
     * (`...::remote-assist-tenancy:vendor:LicenseGroup$azuread:index/group:Group::name`).
     */
    readonly urn: string;
}

/** A rule's finding about one resource. */
export type Verdict =
    | { readonly outcome: "compliant" }
    | { readonly outcome: "non-compliant"; readonly problems: readonly string[] }
    | { readonly outcome: "not-applicable"; readonly reason: string };

/** How a rule presents itself: name, description, severity and how to fix a violation. */
export interface RuleWords {
    /** Policy name, unique in the pack; also the key of its config in `--policy-pack-config`. */
    readonly name: string;
    readonly description: string;
    readonly severity: Severity;
    readonly remediationSteps: string;
}

/** The logic of a guardrail. */
export interface Rule<Config extends object = Record<string, never>> {
    /** Type tokens the rule checks; it is not applicable to any other resource. */
    readonly appliesTo: readonly string[];
    /** What the rule applies to, in words, for the not-applicable reason; by default the type tokens. */
    readonly scope?: string;
    /** The problems of a resource of one of those types; none means compliant. */
    readonly problems: (subject: RuleSubject, config: Partial<Config>) => readonly string[];
    /** Schema of the rule's entry in `--policy-pack-config`, for rules that take config. */
    readonly configSchema?: PolicyConfigSchema;
}

/** The rule's verdict on one resource. */
export function evaluate<Config extends object>(
    rule: Rule<Config>,
    subject: RuleSubject,
    config: Partial<Config>,
): Verdict {
    if (!rule.appliesTo.includes(subject.type)) {
        return { outcome: "not-applicable", reason: `applies to ${rule.scope ?? rule.appliesTo.join(", ")} only` };
    }
    const problems = rule.problems(subject, config);
    return problems.length === 0 ? { outcome: "compliant" } : { outcome: "non-compliant", problems };
}

/**
 * A mandatory resource policy from a rule's words and its logic. The not-applicable outcome is
 * reported as such; each problem becomes one violation.
 */
export function resourcePolicy<Config extends object = Record<string, never>>(
    words: RuleWords,
    rule: Rule<Config>,
): ResourceValidationPolicy {
    return {
        ...words,
        enforcementLevel: "mandatory",
        ...(rule.configSchema ? { configSchema: rule.configSchema } : {}),
        validateResource: (args, reportViolation) => {
            const verdict = evaluate(
                rule,
                { type: args.type, props: args.props, protect: args.opts.protect, urn: args.urn },
                rule.configSchema ? args.getConfig<Partial<Config>>() : {},
            );
            if (verdict.outcome === "not-applicable") {
                args.notApplicable(verdict.reason);
            } else if (verdict.outcome === "non-compliant") {
                verdict.problems.forEach((problem) => reportViolation(problem));
            }
        },
    };
}
