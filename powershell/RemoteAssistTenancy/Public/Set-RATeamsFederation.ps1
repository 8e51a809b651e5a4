function Set-RATeamsFederation {
    <#
    .SYNOPSIS
    Sets Teams federation (external access) as the stack's `federation` output says.

    .DESCRIPTION
    Reads the `federation` output from OutputsPath (`pulumi stack output --json`, or plan.json of
    `npm run plan -- --json` / `--out DIR`), compares it with Get-CsTenantFederationConfiguration and
    changes only what differs with Set-CsTenantFederationConfiguration, printing the configuration
    before and after. `management: merge` adds the stack's domains and takes off only the ones the
    output lists under `remove`, so partner domains the stack does not own stay; `replace` makes the
    list exactly the stack's. A second run changes nothing.

    It refuses to run, changing nothing, when the list it would make holds more than the 4,000 domains
    Teams accepts; in `merge` mode the domains already on the list count too.

    Returns the differences it removed: those of the changes it made, not of changes declined under
    -Confirm.

    Never connects: run Connect-MicrosoftTeams first (Teams Administrator).

    .PARAMETER OutputsPath
    The deployed stack's outputs: `pulumi stack output --json > outputs.json` after `pulumi up`.
    plan-out/plan.json of `npm run plan` only with -WhatIf, to preview: its domains are what the
    program computed offline.

    .EXAMPLE
    Connect-MicrosoftTeams; Set-RATeamsFederation -OutputsPath ./outputs.json -WhatIf
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType('RemoteAssistTenancy.Difference')]
    param(
        [Parameter(Mandatory)] [ValidateNotNullOrEmpty()] [string] $OutputsPath
    )
    $ErrorActionPreference = 'Stop'
    $data = Get-RAFederationData -OutputsPath $OutputsPath
    $state = Get-RATeamsFederationState
    $plan = Get-RAFederationPlan -Data $data -State $state
    $limits = @($plan.Differences | Where-Object { $_.Kind -eq 'DomainLimit' })
    if ($limits.Count -gt 0) {
        # Before any call: Teams would refuse the list, and the steps before would stay half made.
        throw "Nothing was changed: $(@($limits | ForEach-Object { $_.Message }) -join ' ')"
    }
    Write-RAFederationState -Title 'Teams federation now:' -State $state
    # What was changed: the differences the steps that ran removed, not those of steps declined under -Confirm.
    $changed = [System.Collections.Generic.List[object]]::new()
    $ran = 0
    foreach ($step in $plan.Steps) {
        if (Confirm-RAChange -Cmdlet $PSCmdlet -Target 'Teams federation configuration' -Action $step.Description) {
            Invoke-RAFederationStep -Step $step
            Write-Information -MessageData "Teams federation: $($step.Description)" -Tags 'RemoteAssistTenancy'
            $ran++
            foreach ($difference in $step.Differences) { $changed.Add($difference) }
        }
    }
    if ($plan.Steps.Count -eq 0) {
        Write-Host 'Teams federation already matches the stack; nothing to change.'
    }
    elseif ($ran -gt 0) {
        Write-RAFederationState -Title 'Teams federation after this run:' -State (Get-RATeamsFederationState)
        $changed.ToArray()
    }
    else {
        Write-RAFederationState -Title 'Teams federation if these changes were made:' -State $plan.Target
    }
}
