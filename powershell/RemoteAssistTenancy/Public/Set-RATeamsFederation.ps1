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
    Write-RAFederationState -Title 'Teams federation now:' -State $state
    $changed = $false
    foreach ($step in $plan.Steps) {
        if ($PSCmdlet.ShouldProcess('Teams federation configuration', $step.Description)) {
            Invoke-RAFederationStep -Step $step
            Write-Information -MessageData "Teams federation: $($step.Description)" -Tags 'RemoteAssistTenancy'
            $changed = $true
        }
    }
    if ($plan.Steps.Count -eq 0) {
        Write-Host 'Teams federation already matches the stack; nothing to change.'
    }
    elseif ($changed) {
        Write-RAFederationState -Title 'Teams federation after this run:' -State (Get-RATeamsFederationState)
        # What was changed: the differences this run removed.
        $plan.Differences
    }
    else {
        Write-RAFederationState -Title 'Teams federation if these changes were made:' -State $plan.Target
    }
}
