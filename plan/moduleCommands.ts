/**
 * How an admin applies the data outputs: the PowerShell module `RemoteAssistTenancy` reads the
 * outputs from `pulumi stack output --json` or from the plan's `plan.json` (README, Stack outputs).
 * The one-line invocations plan.md and the README print.
 */

/** Applies the `federation` output with Teams PowerShell. */
export const SET_FEDERATION_COMMAND =
    'pwsh -NoProfile -Command "Connect-MicrosoftTeams; Import-Module ./powershell/RemoteAssistTenancy; Set-RATeamsFederation -OutputsPath plan-out/plan.json"';

/** Applies the `informationBarriers` output with Security & Compliance PowerShell. */
export const SET_BARRIERS_COMMAND =
    'pwsh -NoProfile -Command "Connect-IPPSSession; Import-Module ./powershell/RemoteAssistTenancy; Set-RAInformationBarriers -OutputsPath plan-out/plan.json"';
