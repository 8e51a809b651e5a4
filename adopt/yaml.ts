/**
 * The adopted config as a stack config file (`Pulumi.<stack>.yaml`), with a comment on every guess
 * and on everything the first `pulumi up` will or will not do, written with the `yaml` package's
 * Document API (comments belong to nodes: `commentBefore` on a key or a list entry, `comment` after
 * a value).
 */
import { Document, isMap, isPair, isScalar, isSeq, Node, Pair, Scalar, YAMLMap } from "yaml";
import { CONFIG_KEYS } from "../config/validate";
import { CONFIG_NAMESPACE } from "../config/types";
import type { Adoption } from "./classify";
import type { Comment } from "./remarks";

/** Comment lines are wrapped at this width. */
const WIDTH = 100;

function wrap(text: string, width: number): string[] {
    const lines: string[] = [];
    let line = "";
    for (const word of text.split(" ")) {
        if (line !== "" && line.length + 1 + word.length > width) {
            lines.push(line);
            line = word;
        } else {
            line = line === "" ? word : `${line} ${word}`;
        }
    }
    return line === "" ? lines : [...lines, line];
}

/** The node a comment goes on: the key (or list entry) for one before, the value for one after. */
function target(root: YAMLMap, comment: Comment): Node | undefined {
    const [section, ...rest] = comment.path;
    let pair = root.items.find((p) => isScalar(p.key) && p.key.value === `${CONFIG_NAMESPACE}:${String(section)}`) as
        | Pair<Scalar, Node>
        | undefined;
    let node: Node | undefined = pair?.value ?? undefined;
    if (rest.length === 0) {
        return comment.before ? (pair?.key ?? undefined) : node;
    }
    for (const [k, step] of rest.entries()) {
        const last = k === rest.length - 1;
        if (typeof step === "number") {
            node = isSeq(node) ? (node.items[step] as Node) : undefined;
            pair = undefined;
        } else {
            pair = isMap(node)
                ? (node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === step) as Pair<Scalar, Node>)
                : undefined;
            node = pair?.value ?? undefined;
            if (last && comment.before) {
                return pair?.key ?? undefined;
            }
        }
    }
    return node;
}

/** Sequences of plain values read better on one line: `domains: [contoso1.com]`. */
function flowScalarLists(node: unknown): void {
    if (isSeq(node)) {
        if (node.items.every((i) => isScalar(i))) {
            node.flow = true;
        }
        node.items.forEach(flowScalarLists);
    } else if (isMap(node)) {
        node.items.forEach((p) => flowScalarLists(p.value));
    }
}

/** What the file says at the top. */
export interface Heading {
    /** Where the tenant was read from, e.g. `https://graph.microsoft.com`. */
    readonly source: string;
    /** When it was read (ISO 8601). */
    readonly readAt: string;
}

/** The stack config file's text. */
export function adoptionYaml(adoption: Adoption, heading: Heading): string {
    const ordered = Object.fromEntries(
        [...CONFIG_KEYS]
            .filter((k) => adoption.config[k] !== undefined)
            .map((k) => [`${CONFIG_NAMESPACE}:${k}`, adoption.config[k]]),
    );
    const doc = new Document({ config: ordered });
    const root = (doc.contents as YAMLMap).items[0].value as YAMLMap;
    flowScalarLists(root);

    const before = new Map<Node, string[]>();
    const after = new Map<Node, string[]>();
    for (const comment of adoption.comments) {
        const node = target(root, comment);
        if (node === undefined) {
            throw new Error(
                `adopt: no config value at ${comment.path.join(".")} for the comment ${JSON.stringify(comment.text)}`,
            );
        }
        const into = comment.before ? before : after;
        into.set(node, [...(into.get(node) ?? []), comment.text]);
    }
    before.forEach((texts, node) => {
        (node as Scalar).commentBefore = texts
            .flatMap((t) => wrap(t, WIDTH))
            .map((l) => ` ${l}`)
            .join("\n");
    });
    after.forEach((texts, node) => {
        (node as Scalar).comment = ` ${texts.join("; ")}`;
    });

    const header = [
        `Stack config written by npm run adopt from ${heading.source}, read ${heading.readAt.slice(0, 10)}.`,
        `Review it before the first pulumi up (README, Adopting an existing tenant): ${adoption.guesses === 1 ? "1 value is a guess" : `${adoption.guesses} values are guesses`}, each marked "guess:".`,
        ...(adoption.left.length === 0
            ? []
            : [
                  "Not adopted (they stay as they are, outside the stack):",
                  ...adoption.left.map((l) => `- ${l.subject}: ${l.why}`),
              ]),
    ];
    doc.commentBefore = header
        .flatMap((l) => wrap(l, WIDTH).map((w, i) => (i === 0 ? w : `  ${w}`)))
        .map((l) => ` ${l}`)
        .join("\n");
    return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}
