/**
 * What adoption says besides the config: comments at config paths, each a guess (marked `guess:`
 * and counted, for the admin to review) or a plain note, and the objects it left out. Comments are
 * kept in the order they are made, which is the order the YAML shows several on one node.
 */
import type { ConfigPath } from "../config/problems";

/** A comment the YAML gets at a config path: before the entry, or after the value. */
export interface Comment {
    /** Path in the config, without namespace: `["vendors", 0, "serviceAccounts", 1, "holder"]`. */
    readonly path: ConfigPath;
    readonly text: string;
    /** On its own line before the key (or list entry), rather than after the value. */
    readonly before?: boolean;
}

/** What could not be adopted, and why; listed at the top of the file. */
export interface Left {
    readonly subject: string;
    readonly why: string;
}

/** Where a comment goes; after the value unless `before`. */
export interface Placement {
    /** On its own line before the key (or list entry). */
    readonly before?: boolean;
}

/** The comments and the objects left out, in the order made, and how many comments are guesses. */
export class Remarks {
    readonly comments: Comment[] = [];
    readonly left: Left[] = [];
    private guessed = 0;

    /** How many comments are guesses. */
    get guesses(): number {
        return this.guessed;
    }

    /** A value adoption could not be sure of, said as `guess: <text>`. */
    guess(path: ConfigPath, text: string, placement: Placement = {}): void {
        this.guessed += 1;
        this.note(path, `guess: ${text}`, placement);
    }

    /** What the value alone does not say: what the tenant has, or what the first `pulumi up` does. */
    note(path: ConfigPath, text: string, { before = false }: Placement = {}): void {
        this.comments.push({ path, text, ...(before ? { before } : {}) });
    }

    /** An object that exists but is not in the config. */
    leave(left: Left): void {
        this.left.push(left);
    }
}
