function Set-RAInformationBarriers {
    <#
    .SYNOPSIS
    Creates and updates the information-barrier segments and policies of the stack's
    `informationBarriers` output.

    .DESCRIPTION
    Reads the `informationBarriers` output from OutputsPath (`pulumi stack output --json`, or plan.json
    of `npm run plan -- --json` / `--out DIR`), reads every segment and policy of the tenant once, and:

    1. creates missing segments and updates a segment whose filter differs (it never deletes one);
    2. creates missing policies Inactive and updates policies whose segment list differs;
    3. once all of the stack's policies exist, sets every one of them Active;
    4. reports policies named with `policyNamePrefix` that the output no longer lists (stale), and with
       -RemoveStalePolicies sets them Inactive and removes them;
    5. starts Start-InformationBarrierPoliciesApplication only when it changed something.

    It refuses to run when the output has more segments than `segmentLimit` (5,000; 250 in legacy mode),
    and when a policy exists with another kind (allow or block) or another assigned segment, which Purview
    cannot change in place, unless -ReplaceConflictingPolicies. A second run changes nothing.

    Never connects: run Connect-IPPSSession first (Compliance Administrator or IB Compliance Management).

    .PARAMETER OutputsPath
    The deployed stack's outputs: `pulumi stack output --json > outputs.json` after `pulumi up`.
    plan-out/plan.json of `npm run plan` only with -WhatIf, to preview: its segment filters name the
    group addresses the offline mocks made up, so a segment applied from it could match nobody.

    .PARAMETER ReplaceConflictingPolicies
    Set a conflicting policy Inactive, remove it and create it again as the output says.

    .PARAMETER RemoveStalePolicies
    Set stale policies (the stack's prefix, no longer in the output) Inactive and remove them.

    .EXAMPLE
    Connect-IPPSSession -UserPrincipalName admin@abc.onmicrosoft.com; Set-RAInformationBarriers -OutputsPath ./outputs.json
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType('RemoteAssistTenancy.Difference')]
    param(
        [Parameter(Mandatory)] [ValidateNotNullOrEmpty()] [string] $OutputsPath,
        [Parameter()] [switch] $ReplaceConflictingPolicies,
        [Parameter()] [switch] $RemoveStalePolicies
    )
    $ErrorActionPreference = 'Stop'
    $data = Get-RABarrierData -OutputsPath $OutputsPath
    Assert-RASegmentLimit -Data $data
    $state = Get-RABarrierState
    Assert-RASegmentLimit -Data $data -State $state
    $differences = @(Get-RABarrierPlan -Data $data -State $state)
    $conflicts = @($differences | Where-Object { $_.Kind -eq 'PolicyConflict' })
    if ($conflicts.Count -gt 0 -and -not $ReplaceConflictingPolicies) {
        throw "Nothing was changed: $($conflicts.Count) of the stack's policies exist in another form that Purview cannot change in place. Re-run with -ReplaceConflictingPolicies to set each Inactive, remove it and create it again, or fix them by hand:`n  $(@($conflicts | ForEach-Object { $_.Message }) -join "`n  ")"
    }
    Write-RABarrierState -Title 'Information barriers now (the stack''s part):' -Data $data -State $state
    $applied = [System.Collections.Generic.List[object]]::new()
    $declined = 0
    $of = { param([string] $Kind) @($differences | Where-Object { $_.Kind -eq $Kind }) }

    foreach ($difference in (& $of 'SegmentMissing')) {
        $target = "segment '$($difference.Subject)'"
        if ($PSCmdlet.ShouldProcess($target, "Create with the filter $($difference.Expected)")) {
            Invoke-RABarrierCall -Command 'New-OrganizationSegment' -Concerning $target -Parameters @{ Name = $difference.Subject; UserGroupFilter = $difference.Expected; Confirm = $false }
            $applied.Add($difference)
        }
    }
    foreach ($difference in (& $of 'SegmentFilter')) {
        $target = "segment '$($difference.Subject)'"
        if ($PSCmdlet.ShouldProcess($target, "Change the filter from $($difference.Actual) to $($difference.Expected)")) {
            Invoke-RABarrierCall -Command 'Set-OrganizationSegment' -Concerning $target -Parameters @{ Identity = $difference.Subject; UserGroupFilter = $difference.Expected }
            $applied.Add($difference)
        }
    }

    $toActivate = [System.Collections.Generic.List[string]]::new()
    foreach ($difference in $conflicts) {
        $policy = $difference.Expected
        $target = "policy '$($policy.Name)'"
        if ($PSCmdlet.ShouldProcess($target, "Remove it and create it again as the stack's $($policy.Kind) policy for segment '$($policy.AssignedSegment)', Inactive")) {
            if ($difference.Actual.State -eq 'Active') {
                Invoke-RABarrierCall -Command 'Set-InformationBarrierPolicy' -Concerning $target -Parameters @{ Identity = $policy.Name; State = 'Inactive'; Force = $true }
            }
            Invoke-RABarrierCall -Command 'Remove-InformationBarrierPolicy' -Concerning $target -Parameters @{ Identity = $policy.Name; Confirm = $false }
            Invoke-RABarrierCall -Command 'New-InformationBarrierPolicy' -Concerning $target -Parameters (New-RAPolicyParameters -Policy $policy)
            $toActivate.Add($policy.Name)
            $applied.Add($difference)
        }
        elseif ($WhatIfPreference) {
            $toActivate.Add($policy.Name)
        }
        else {
            $declined++
        }
    }
    foreach ($difference in (& $of 'PolicyMissing')) {
        $policy = $difference.Expected
        $target = "policy '$($policy.Name)'"
        if ($PSCmdlet.ShouldProcess($target, "Create it Inactive: the stack's $($policy.Kind) policy for segment '$($policy.AssignedSegment)' listing $($policy.Segments -join ', ')")) {
            Invoke-RABarrierCall -Command 'New-InformationBarrierPolicy' -Concerning $target -Parameters (New-RAPolicyParameters -Policy $policy)
            $toActivate.Add($policy.Name)
            $applied.Add($difference)
        }
        elseif ($WhatIfPreference) {
            # -WhatIf shows the activation the run would make, too.
            $toActivate.Add($policy.Name)
        }
        else {
            $declined++
        }
    }
    foreach ($difference in (& $of 'PolicySegments')) {
        $policy = $data.Policies | Where-Object { $_.Name -eq $difference.Subject } | Select-Object -First 1
        $target = "policy '$($policy.Name)'"
        $list = if ($policy.Kind -eq 'allow') { 'SegmentsAllowed' } else { 'SegmentsBlocked' }
        if ($PSCmdlet.ShouldProcess($target, "Set $list to $($policy.Segments -join ', ')")) {
            Invoke-RABarrierCall -Command 'Set-InformationBarrierPolicy' -Concerning $target -Parameters @{ Identity = $policy.Name; $list = [string[]]$policy.Segments; Force = $true }
            $applied.Add($difference)
        }
    }
    foreach ($difference in (& $of 'PolicyInactive')) {
        $toActivate.Add($difference.Subject)
    }

    # Activation waits until every policy of the stack exists, so no segment is restricted by some
    # policies while the policies that let it reach others are still missing.
    if ($declined -gt 0) {
        Write-Warning "Not activating the stack's policies: $declined of them were not created, and they take effect together."
    }
    else {
        foreach ($name in $toActivate) {
            $target = "policy '$name'"
            if ($PSCmdlet.ShouldProcess($target, 'Set it Active')) {
                Invoke-RABarrierCall -Command 'Set-InformationBarrierPolicy' -Concerning $target -Parameters @{ Identity = $name; State = 'Active'; Force = $true }
                foreach ($difference in (& $of 'PolicyInactive')) {
                    if ($difference.Subject -eq $name) { $applied.Add($difference) }
                }
            }
        }
    }

    foreach ($difference in (& $of 'PolicyStale')) {
        $target = "policy '$($difference.Subject)'"
        if (-not $RemoveStalePolicies) {
            Write-Warning "Policy '$($difference.Subject)' ($($difference.Actual.State)) starts with '$($data.PolicyNamePrefix)' but the stack no longer has it; re-run with -RemoveStalePolicies to set it Inactive and remove it."
            continue
        }
        if ($PSCmdlet.ShouldProcess($target, 'Set it Inactive and remove it (stale: not in the stack''s output)')) {
            if ($difference.Actual.State -eq 'Active') {
                Invoke-RABarrierCall -Command 'Set-InformationBarrierPolicy' -Concerning $target -Parameters @{ Identity = $difference.Subject; State = 'Inactive'; Force = $true }
            }
            Invoke-RABarrierCall -Command 'Remove-InformationBarrierPolicy' -Concerning $target -Parameters @{ Identity = $difference.Subject; Confirm = $false }
            $applied.Add($difference)
        }
    }

    if ($differences.Count -eq 0) {
        Write-Host 'Information barriers already match the stack; nothing to change, nothing to apply.'
        return
    }
    if ($applied.Count -eq 0 -and -not $WhatIfPreference) {
        return
    }
    foreach ($difference in $applied) {
        Write-Information -MessageData "Information barriers: $($difference.Message)" -Tags 'RemoteAssistTenancy'
    }
    # Applying runs in the background and can take hours in a large tenant, so only after a change.
    if ($PSCmdlet.ShouldProcess('information barrier policies', 'Start applying them (Start-InformationBarrierPoliciesApplication)')) {
        Invoke-RABarrierCall -Command 'Start-InformationBarrierPoliciesApplication' -Concerning 'applying the policies' -Parameters @{ Confirm = $false }
        Write-Host 'Started applying the information barrier policies; follow it with Get-InformationBarrierPoliciesApplicationStatus.'
    }
    if ($applied.Count -gt 0) {
        Write-RABarrierState -Title 'Information barriers after this run (the stack''s part):' -Data $data -State (Get-RABarrierState)
        $applied.ToArray()
    }
}
