function Test-RATeamsFederation {
    <#
    .SYNOPSIS
    Finds where Teams federation differs from the stack's `federation` output.

    .DESCRIPTION
    Reads the `federation` output from OutputsPath and the tenant's configuration
    (Get-CsTenantFederationConfiguration) and returns one RemoteAssistTenancy.Difference per setting or
    domain that differs: a domain the stack adds that is missing, a domain it takes off that is there,
    federation switched off, every known domain allowed in allowList mode, and a list the stack would
    take past the 4,000 domains Teams accepts (counting, in `merge` mode, the domains already on it),
    which Set-RATeamsFederation refuses to apply. Domains the stack does not own are not differences in
    `merge` mode.

    With -FailOnDrift it prints a drift report instead (Markdown, like the Pulumi drift report) and,
    when there is drift, ends the process with exit code 7, as `pulumi refresh --expect-no-changes` does.

    Never connects: run Connect-MicrosoftTeams first.

    .PARAMETER OutputsPath
    The stack outputs: `pulumi stack output --json > outputs.json`, or plan-out/plan.json.

    .PARAMETER FailOnDrift
    Print the drift report and exit with code 7 on drift (for CI).
    #>
    [CmdletBinding()]
    [OutputType('RemoteAssistTenancy.Difference')]
    param(
        [Parameter(Mandatory)] [ValidateNotNullOrEmpty()] [string] $OutputsPath,
        [Parameter()] [switch] $FailOnDrift
    )
    $ErrorActionPreference = 'Stop'
    $data = Get-RAFederationData -OutputsPath $OutputsPath
    $plan = Get-RAFederationPlan -Data $data -State (Get-RATeamsFederationState)
    Complete-RATest -Area 'Teams federation' -Output 'federation' -Revert 'Set-RATeamsFederation' -Differences $plan.Differences -FailOnDrift $FailOnDrift.IsPresent
}
