/**
 * `adoption.md`: what `npm run adopt` found and what happens next, for the admin and the first pull
 * request: the objects `pulumi import` takes over as they are, what the first `pulumi up` creates
 * and what that does in the tenant, and what was left out.
 */
import { stackFileName } from "../cli/args";
import { mdCode, mdText, table } from "../plan/md";
import type { Adoption } from "./classify";
import type { ImportPlan } from "./importFile";

/** Where the files are, as the commands name them. */
export interface ReportFiles {
    readonly stack: string;
    /** The stack config file, relative to the project directory where pulumi runs. */
    readonly config: string;
    readonly importFile: string;
}

/** The report's Markdown. */
export function adoptionReport(adoption: Adoption, plan: ImportPlan, files: ReportFiles, readAt: string): string {
    const lines = [
        `# Adopting the tenant into stack ${mdCode(files.stack)}`,
        "",
        `Read ${readAt.slice(0, 10)}. ${adoption.guesses === 1 ? "1 value" : `${adoption.guesses} values`} in ${mdCode(files.config)} ${adoption.guesses === 1 ? "is a guess" : "are guesses"}, each marked \`guess:\`: review them first.`,
        "",
        `## Imported as they are (${plan.imported.length})`,
        "",
        `\`pulumi import --file ${files.importFile}\` brings these into the stack with their ids; nothing changes in the tenant.`,
        "",
        ...table(
            ["What", "Resource", "Id"],
            plan.imported.map((i) => [mdText(i.what), mdCode(i.name), mdCode(i.id)]),
        ),
        "",
        `## Created by the first \`pulumi up\` (${plan.created.length})`,
        "",
        ...table(
            ["Resource", "Type", "What it does in the tenant"],
            plan.created.map((c) => [mdCode(c.name), mdCode(c.type), mdText(c.why)]),
        ),
        "",
    ];
    if (adoption.left.length > 0) {
        lines.push(
            `## Not adopted (${adoption.left.length})`,
            "",
            "They stay as they are, outside the stack; `npm run audit` keeps reporting them.",
            "",
            ...adoption.left.map((l) => `- ${mdText(l.subject)}: ${mdText(l.why)}`),
            "",
        );
    }
    lines.push(
        "## Next",
        "",
        `1. Review ${mdCode(files.config)}, then \`npm run plan -- --config-file ${files.config}\`.`,
        `2. \`pulumi stack init ${files.stack}\` (or select it), copy the file beside \`Pulumi.yaml\` as ${mdCode(stackFileName(files.stack))}.`,
        `3. \`pulumi import --file ${files.importFile} --generate-code=false --stack ${files.stack}\`.`,
        `4. \`pulumi preview --stack ${files.stack}\`: no update, replace or delete of an imported resource; only the creations above.`,
        "5. Open the first pull request with the stack config; its preview comment lists the same creations.",
        "",
    );
    return lines.join("\n");
}
