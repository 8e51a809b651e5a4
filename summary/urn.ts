/** A Pulumi URN taken apart. */
export interface ParsedUrn {
    readonly stack: string;
    readonly project: string;
    /** Types from the outermost ancestor to the resource itself (the URN's `$`-joined parent chain). */
    readonly typeChain: readonly string[];
    /** The resource's own type, e.g. `azuread:index/user:User`. */
    readonly type: string;
    /** The resource's name, e.g. `contoso1-sa1-user`. */
    readonly name: string;
}

const PREFIX = "urn:pulumi:";

/**
 * Parses `urn:pulumi:<stack>::<project>::<parent types $-joined>$<type>::<name>`. The name is the rest
 * of the URN, since it may itself contain `::`. Returns `undefined` for anything else.
 */
export function parseUrn(urn: string): ParsedUrn | undefined {
    if (!urn.startsWith(PREFIX)) {
        return undefined;
    }
    const parts = urn.slice(PREFIX.length).split("::");
    if (parts.length < 4) {
        return undefined;
    }
    const [stack, project, qualifiedType, ...nameParts] = parts;
    const typeChain = qualifiedType.split("$");
    return { stack, project, typeChain, type: typeChain[typeChain.length - 1], name: nameParts.join("::") };
}
