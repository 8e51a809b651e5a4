/**
 * A small model of Microsoft Purview's information-barrier rules, to check the stack's
 * `informationBarriers` output against what the seeds promise. It knows only what the stack relies
 * on ("Get started with information barriers", Configuration concepts):
 *
 * - A segment holds the users its OPATH filter matches (the subset the stack emits: `MemberOf` and
 *   other attributes with `-eq`/`-ne`, `-and`, `-or`, `-not`, parentheses, single-quoted strings
 *   with doubled quotes). A user in two segments is an error in single-segment and legacy mode.
 * - A segment with an allow policy may talk only to the segments it lists; with a block policy,
 *   to every segment but those; with no policy, to everyone. Both sides are checked.
 * - Users in no segment (and users Purview does not evaluate, such as guests hidden from the
 *   address list) are visible under allow policies after 2023-02-15, and not in legacy mode.
 * - Disabled accounts cannot communicate with anyone.
 */
import type { BarrierPolicy, InformationBarriersOutput } from "../../barriers/output";

/** A user as the model sees it. */
export interface ModelUser {
    /** A name for messages, e.g. `sa-contoso1-sa1@…`. */
    readonly name: string;
    /** E-mail addresses of the groups the user is a member of. */
    readonly groups: readonly string[];
    /** Other attributes filters may name, e.g. `{ Department: "Field Experts" }`. */
    readonly attributes?: Readonly<Record<string, string>>;
    /** False for a guest hidden from the address list: Purview does not evaluate it. */
    readonly evaluated?: boolean;
    /** A disabled account (a suspended vendor's service account). */
    readonly disabled?: boolean;
}

type Token = { kind: "word"; text: string } | { kind: "string"; text: string } | { kind: "(" } | { kind: ")" };

function tokenize(filter: string): Token[] {
    const tokens: Token[] = [];
    let i = 0;
    while (i < filter.length) {
        const c = filter[i];
        if (/\s/.test(c)) {
            i++;
        } else if (c === "(" || c === ")") {
            tokens.push({ kind: c });
            i++;
        } else if (c === "'") {
            let text = "";
            i++;
            for (;;) {
                if (i >= filter.length) {
                    throw new Error(`unterminated string in filter: ${filter}`);
                }
                if (filter[i] === "'" && filter[i + 1] === "'") {
                    text += "'";
                    i += 2;
                } else if (filter[i] === "'") {
                    i++;
                    break;
                } else {
                    text += filter[i++];
                }
            }
            tokens.push({ kind: "string", text });
        } else {
            const word = /^[-A-Za-z0-9]+/.exec(filter.slice(i));
            if (!word) {
                throw new Error(`unexpected ${c} in filter: ${filter}`);
            }
            tokens.push({ kind: "word", text: word[0] });
            i += word[0].length;
        }
    }
    return tokens;
}

/** A parsed filter: whether a user matches. */
type Predicate = (user: ModelUser) => boolean;

/** Parses the OPATH subset; throws on anything else, so an unexpected filter fails the test. */
export function parseFilter(filter: string): Predicate {
    const tokens = tokenize(filter);
    let at = 0;
    const peekWord = () => {
        const t = tokens[at];
        return t?.kind === "word" ? t.text.toLowerCase() : undefined;
    };
    const expect = (kind: Token["kind"]): Token => {
        const t = tokens[at++];
        if (t?.kind !== kind) {
            throw new Error(`expected ${kind} at token ${at} of filter: ${filter}`);
        }
        return t;
    };
    const comparison = (): Predicate => {
        const attribute = (expect("word") as { text: string }).text;
        const operator = (expect("word") as { text: string }).text.toLowerCase();
        const value = (expect("string") as { text: string }).text.toLowerCase();
        if (operator !== "-eq" && operator !== "-ne") {
            throw new Error(`unsupported operator ${operator} in filter: ${filter}`);
        }
        // OPATH compares strings case-insensitively.
        const has = (u: ModelUser) =>
            attribute.toLowerCase() === "memberof"
                ? u.groups.some((g) => g.toLowerCase() === value)
                : (u.attributes?.[attribute] ?? "").toLowerCase() === value;
        return operator === "-eq" ? has : (u) => !has(u);
    };
    const unary = (): Predicate => {
        if (peekWord() === "-not") {
            at++;
            const inner = unary();
            return (u) => !inner(u);
        }
        if (tokens[at]?.kind === "(") {
            at++;
            const inner = or();
            expect(")");
            return inner;
        }
        return comparison();
    };
    const and = (): Predicate => {
        const parts = [unary()];
        while (peekWord() === "-and") {
            at++;
            parts.push(unary());
        }
        return (u) => parts.every((p) => p(u));
    };
    const or = (): Predicate => {
        const parts = [and()];
        while (peekWord() === "-or") {
            at++;
            parts.push(and());
        }
        return (u) => parts.some((p) => p(u));
    };
    const predicate = or();
    if (at !== tokens.length) {
        throw new Error(`unexpected text after token ${at} of filter: ${filter}`);
    }
    return predicate;
}

/** Purview's verdicts for one `informationBarriers` output. */
export class BarrierModel {
    private readonly filters: { name: string; matches: Predicate }[];

    constructor(private readonly output: InformationBarriersOutput) {
        this.filters = output.segments.map((s) => ({ name: s.name, matches: parseFilter(s.userGroupFilter) }));
    }

    /** The user's segment, or undefined; throws when the user is in two (not allowed in these modes). */
    segmentOf(user: ModelUser): string | undefined {
        if (user.evaluated === false) {
            return undefined;
        }
        const matched = this.filters.filter((f) => f.matches(user)).map((f) => f.name);
        if (matched.length > 1) {
            throw new Error(`${user.name} is in ${matched.length} segments: ${matched.join(", ")}`);
        }
        return matched[0];
    }

    private policyOf(segment: string | undefined): BarrierPolicy | undefined {
        return segment === undefined ? undefined : this.output.policies.find((p) => p.assignedSegment === segment);
    }

    /** Whether `from`'s policy lets it reach `to` (one side only). */
    private allows(from: ModelUser, to: ModelUser): boolean {
        const policy = this.policyOf(this.segmentOf(from));
        if (!policy) {
            return true;
        }
        const target = this.segmentOf(to);
        if ("segmentsAllowed" in policy) {
            return target === undefined
                ? this.output.mode === "singleSegment"
                : policy.segmentsAllowed.includes(target);
        }
        return target === undefined || !policy.segmentsBlocked.includes(target);
    }

    /** Whether two users can find and talk to each other: neither disabled, both sides' policies allow it. */
    canTalk(a: ModelUser, b: ModelUser): boolean {
        return !a.disabled && !b.disabled && this.allows(a, b) && this.allows(b, a);
    }
}
