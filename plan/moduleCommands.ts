/**
 * How an admin applies the data outputs, as plan.md prints it (README, Teams federation and
 * information barriers: the PowerShell module). The module `RemoteAssistTenancy` reads them from
 * the file `-OutputsPath` names: the JSON object `pulumi stack output --json` prints, or plan.json
 * of `npm run plan`, whose `outputs` it reads when the file has neither output at its top level
 * (`Read-RAStackOutput` in powershell/RemoteAssistTenancy/Private/Common.ps1).
 *
 * Only the deployed stack's outputs are applied. plan.json holds what the program computed
 * offline, under mocks: each segment's filter names the group address the mocks made up
 * (`<mailNickname>@<tenant.domain>`, offline/mocks.ts), not the one Exchange Online gives the
 * group, so a segment applied from it could match nobody; and a peer stack's domains come from its
 * config file, not from its deployment (plan/peers.ts). plan.json serves `-WhatIf` alone, with
 * which the module changes nothing.
 */
import { shellLine } from "../cli/args";
import { mdCode } from "./md";

/** The file plan.md has `pulumi stack output --json` write. */
export const DEPLOYED_OUTPUTS_FILE = "outputs.json";

/** plan.json where `npm run plan -- --out plan-out`, the README's example, writes it. */
export const PLAN_JSON_EXAMPLE = "plan-out/plan.json";

/** One `Set-*` command of the module and the sign-in it needs. */
export interface ModuleApply {
    /** The stack output it applies. */
    readonly output: "federation" | "informationBarriers";
    readonly connect: "Connect-MicrosoftTeams" | "Connect-IPPSSession";
    readonly cmdlet: "Set-RATeamsFederation" | "Set-RAInformationBarriers";
}

/** Applies the `federation` output with Teams PowerShell. */
export const SET_FEDERATION: ModuleApply = {
    output: "federation",
    connect: "Connect-MicrosoftTeams",
    cmdlet: "Set-RATeamsFederation",
};

/** Applies the `informationBarriers` output with Security & Compliance PowerShell. */
export const SET_BARRIERS: ModuleApply = {
    output: "informationBarriers",
    connect: "Connect-IPPSSession",
    cmdlet: "Set-RAInformationBarriers",
};

/** `pulumi stack output --json --stack STACK > outputs.json`: the deployed stack's outputs, to a file. */
export function stackOutputCommand(stack: string): string {
    return `${shellLine(["pulumi", "stack", "output", "--json", "--stack", stack])} > ${DEPLOYED_OUTPUTS_FILE}`;
}

/**
 * The one-line form: a new `pwsh` that signs in, loads the module and runs the command on
 * `outputsPath`, with `-WhatIf` when asked.
 */
export function moduleCommand(apply: ModuleApply, outputsPath: string, whatIf = false): string {
    const command = `${apply.cmdlet} -OutputsPath ${outputsPath}${whatIf ? " -WhatIf" : ""}`;
    return `pwsh -NoProfile -Command "${apply.connect}; Import-Module ./powershell/RemoteAssistTenancy; ${command}"`;
}

/**
 * plan.md's lines on applying one output of `stack`: after `pulumi up` from the deployed outputs;
 * from this plan's plan.json only with `-WhatIf`. `offline` says what in this output is offline
 * data, as a sentence.
 */
export function applyLines(apply: ModuleApply, stack: string, offline: string): string[] {
    return [
        `Stack output ${mdCode(apply.output)}: after ${mdCode("pulumi up")}, apply the deployed stack's output with`,
        "",
        "```sh",
        stackOutputCommand(stack),
        moduleCommand(apply, DEPLOYED_OUTPUTS_FILE),
        "```",
        "",
        `${offline} This plan's plan.json (${mdCode("npm run plan -- --out plan-out")}) serves only to preview what the command would change, with ${mdCode("-WhatIf")}, which changes nothing:`,
        "",
        "```sh",
        moduleCommand(apply, PLAN_JSON_EXAMPLE, true),
        "```",
    ];
}
