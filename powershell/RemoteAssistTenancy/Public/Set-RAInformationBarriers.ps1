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
    5. starts Start-InformationBarrierPoliciesApplication when it changed something, or when the latest
       application (Get-InformationBarrierPoliciesApplicationStatus) did not complete: it failed or was
       stopped, or none ran, as when an earlier run stopped after activating the policies. One that has
       not started yet or is in progress is left to finish.

    Under -Confirm, a declined change holds back what depends on it: a policy naming a segment whose
    creation was declined is not created, replaced or changed; a policy whose own change, or whose
    segment's filter change, was declined is not activated; while any policy of the stack is not
    created or replaced, none is activated. After any declined change it does not start the application,
    and warns which changes were declined. -WhatIf shows the application only when the run would change
    something or the latest application did not complete.

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
    # Differences removed by the calls made; under -WhatIf, how many changes it showed instead.
    $applied = [System.Collections.Generic.List[object]]::new()
    $shown = 0
    # Changes declined under -Confirm. Segments and policies take effect together, so one declined
    # change holds back what depends on it and the application of the policies.
    $declined = [System.Collections.Generic.List[string]]::new()
    $segmentsNotCreated = [System.Collections.Generic.HashSet[string]]::new([System.StringComparer]::OrdinalIgnoreCase)
    $segmentsOldFilter = [System.Collections.Generic.HashSet[string]]::new([System.StringComparer]::OrdinalIgnoreCase)
    $policiesNotUpdated = [System.Collections.Generic.HashSet[string]]::new([System.StringComparer]::OrdinalIgnoreCase)
    $of = { param([string] $Kind) @($differences | Where-Object { $_.Kind -eq $Kind }) }
    $ask = {
        # 'Yes' to make the change, 'WhatIf' when -WhatIf only showed it, 'No' when declined under -Confirm.
        param([string] $Target, [string] $Action)
        if (Confirm-RAChange -Cmdlet $PSCmdlet -Target $Target -Action $Action) { return 'Yes' }
        if ($WhatIfPreference) { return 'WhatIf' }
        return 'No'
    }
    $segmentsOf = {
        # The segments a policy of the data names, assigned or listed, each once.
        param([pscustomobject] $Policy)
        @(@($Policy.AssignedSegment) + @($Policy.Segments) | Where-Object { $null -ne $_ } | Sort-Object -Unique)
    }
    $segmentText = {
        param([string[]] $Names)
        $list = @($Names | ForEach-Object { "'$_'" }) -join ', '
        if ($Names.Count -eq 1) { "segment $list" } else { "segments $list" }
    }

    foreach ($difference in (& $of 'SegmentMissing')) {
        $target = "segment '$($difference.Subject)'"
        switch (& $ask $target "Create with the filter $($difference.Expected)") {
            'Yes' {
                Invoke-RABarrierCall -Command 'New-OrganizationSegment' -Concerning $target -Parameters @{ Name = $difference.Subject; UserGroupFilter = $difference.Expected; Confirm = $false }
                $applied.Add($difference)
            }
            'WhatIf' { $shown++ }
            'No' {
                $declined.Add("create $target")
                [void]$segmentsNotCreated.Add($difference.Subject)
            }
        }
    }
    foreach ($difference in (& $of 'SegmentFilter')) {
        $target = "segment '$($difference.Subject)'"
        switch (& $ask $target "Change the filter from $($difference.Actual) to $($difference.Expected)") {
            'Yes' {
                Invoke-RABarrierCall -Command 'Set-OrganizationSegment' -Concerning $target -Parameters @{ Identity = $difference.Subject; UserGroupFilter = $difference.Expected }
                $applied.Add($difference)
            }
            'WhatIf' { $shown++ }
            'No' {
                $declined.Add("change the filter of $target")
                [void]$segmentsOldFilter.Add($difference.Subject)
            }
        }
    }

    # Policies that will not exist as the data says: each holds back the activation of all.
    $notCreated = 0
    $toActivate = [System.Collections.Generic.List[string]]::new()
    foreach ($difference in $conflicts) {
        $policy = $difference.Expected
        $target = "policy '$($policy.Name)'"
        $missing = @(& $segmentsOf $policy | Where-Object { $segmentsNotCreated.Contains($_) })
        if ($missing.Count -gt 0) {
            # Checked before removing it: New-InformationBarrierPolicy would fail on a missing segment.
            Write-Warning "Not replacing $target`: the creation of $(& $segmentText $missing), which it names, was declined."
            $notCreated++
            continue
        }
        switch (& $ask $target "Remove it and create it again as the stack's $($policy.Kind) policy for segment '$($policy.AssignedSegment)', Inactive") {
            'Yes' {
                if ($difference.Actual.State -eq 'Active') {
                    Invoke-RABarrierCall -Command 'Set-InformationBarrierPolicy' -Concerning $target -Parameters @{ Identity = $policy.Name; State = 'Inactive'; Force = $true }
                }
                Invoke-RABarrierCall -Command 'Remove-InformationBarrierPolicy' -Concerning $target -Parameters @{ Identity = $policy.Name; Confirm = $false }
                Invoke-RABarrierCall -Command 'New-InformationBarrierPolicy' -Concerning $target -Parameters (New-RAPolicyParameters -Policy $policy)
                $toActivate.Add($policy.Name)
                $applied.Add($difference)
            }
            'WhatIf' {
                # -WhatIf shows the activation the run would make, too.
                $toActivate.Add($policy.Name)
                $shown++
            }
            'No' {
                $declined.Add("replace $target")
                $notCreated++
            }
        }
    }
    foreach ($difference in (& $of 'PolicyMissing')) {
        $policy = $difference.Expected
        $target = "policy '$($policy.Name)'"
        $missing = @(& $segmentsOf $policy | Where-Object { $segmentsNotCreated.Contains($_) })
        if ($missing.Count -gt 0) {
            Write-Warning "Not creating $target`: the creation of $(& $segmentText $missing), which it names, was declined."
            $notCreated++
            continue
        }
        switch (& $ask $target "Create it Inactive: the stack's $($policy.Kind) policy for segment '$($policy.AssignedSegment)' listing $($policy.Segments -join ', ')") {
            'Yes' {
                Invoke-RABarrierCall -Command 'New-InformationBarrierPolicy' -Concerning $target -Parameters (New-RAPolicyParameters -Policy $policy)
                $toActivate.Add($policy.Name)
                $applied.Add($difference)
            }
            'WhatIf' {
                $toActivate.Add($policy.Name)
                $shown++
            }
            'No' {
                $declined.Add("create $target")
                $notCreated++
            }
        }
    }
    foreach ($difference in (& $of 'PolicySegments')) {
        $policy = $data.Policies | Where-Object { $_.Name -eq $difference.Subject } | Select-Object -First 1
        $target = "policy '$($policy.Name)'"
        $list = if ($policy.Kind -eq 'allow') { 'SegmentsAllowed' } else { 'SegmentsBlocked' }
        $missing = @(& $segmentsOf $policy | Where-Object { $segmentsNotCreated.Contains($_) })
        if ($missing.Count -gt 0) {
            Write-Warning "Not changing the segments of $target`: the creation of $(& $segmentText $missing), which it would name, was declined."
            [void]$policiesNotUpdated.Add($policy.Name)
            continue
        }
        switch (& $ask $target "Set $list to $($policy.Segments -join ', ')") {
            'Yes' {
                Invoke-RABarrierCall -Command 'Set-InformationBarrierPolicy' -Concerning $target -Parameters @{ Identity = $policy.Name; $list = [string[]]$policy.Segments; Force = $true }
                $applied.Add($difference)
            }
            'WhatIf' { $shown++ }
            'No' {
                $declined.Add("change the segments of $target")
                [void]$policiesNotUpdated.Add($policy.Name)
            }
        }
    }
    foreach ($difference in (& $of 'PolicyInactive')) {
        $toActivate.Add($difference.Subject)
    }

    # Activation waits until every policy of the stack exists, so no segment is restricted by some
    # policies while the policies that let it reach others are still missing; and a policy whose own
    # change or whose segment's filter change was declined stays as it is.
    if ($notCreated -gt 0) {
        Write-Warning "Not activating the stack's policies: $notCreated of them were not created or replaced, and they take effect together."
    }
    else {
        foreach ($name in $toActivate) {
            $target = "policy '$name'"
            $policy = $data.Policies | Where-Object { $_.Name -eq $name } | Select-Object -First 1
            if ($policiesNotUpdated.Contains($name)) {
                Write-Warning "Not activating $target`: the change of its segments was declined."
                continue
            }
            $oldFilter = @(& $segmentsOf $policy | Where-Object { $segmentsOldFilter.Contains($_) })
            if ($oldFilter.Count -gt 0) {
                Write-Warning "Not activating $target`: the filter change of $(& $segmentText $oldFilter) was declined."
                continue
            }
            switch (& $ask $target 'Set it Active') {
                'Yes' {
                    Invoke-RABarrierCall -Command 'Set-InformationBarrierPolicy' -Concerning $target -Parameters @{ Identity = $name; State = 'Active'; Force = $true }
                    foreach ($difference in (& $of 'PolicyInactive')) {
                        if ($difference.Subject -eq $name) { $applied.Add($difference) }
                    }
                }
                'WhatIf' { $shown++ }
                'No' { $declined.Add("set $target Active") }
            }
        }
    }

    foreach ($difference in (& $of 'PolicyStale')) {
        $target = "policy '$($difference.Subject)'"
        if (-not $RemoveStalePolicies) {
            Write-Warning "Policy '$($difference.Subject)' ($($difference.Actual.State)) starts with '$($data.PolicyNamePrefix)' but the stack no longer has it; re-run with -RemoveStalePolicies to set it Inactive and remove it."
            continue
        }
        switch (& $ask $target 'Set it Inactive and remove it (stale: not in the stack''s output)') {
            'Yes' {
                if ($difference.Actual.State -eq 'Active') {
                    Invoke-RABarrierCall -Command 'Set-InformationBarrierPolicy' -Concerning $target -Parameters @{ Identity = $difference.Subject; State = 'Inactive'; Force = $true }
                }
                Invoke-RABarrierCall -Command 'Remove-InformationBarrierPolicy' -Concerning $target -Parameters @{ Identity = $difference.Subject; Confirm = $false }
                $applied.Add($difference)
            }
            'WhatIf' { $shown++ }
            'No' { $declined.Add("remove $target") }
        }
    }

    if ($differences.Count -eq 0) {
        Write-Host 'Information barriers already match the stack; nothing to change, nothing to apply.'
        return
    }
    # Applying runs in the background and can take hours in a large tenant, so only after a change
    # (made, or shown by -WhatIf), or when the latest application did not complete.
    $notApplied = @(& $of 'PoliciesNotApplied')
    if ($declined.Count -gt 0) {
        Write-Warning "Not applying the information barrier policies (Start-InformationBarrierPoliciesApplication): $($declined.Count) of this run's changes were declined ($($declined -join '; ')), and the stack's segments and policies take effect together. Run Set-RAInformationBarriers again and accept them; to apply what this run changed as it is, run Start-InformationBarrierPoliciesApplication."
    }
    elseif ($applied.Count -gt 0 -or $shown -gt 0 -or $notApplied.Count -gt 0) {
        if ((& $ask 'information barrier policies' 'Start applying them (Start-InformationBarrierPoliciesApplication)') -eq 'Yes') {
            Invoke-RABarrierCall -Command 'Start-InformationBarrierPoliciesApplication' -Concerning 'applying the policies' -Parameters @{ Confirm = $false }
            Write-Host 'Started applying the information barrier policies; follow it with Get-InformationBarrierPoliciesApplicationStatus.'
            foreach ($difference in $notApplied) { $applied.Add($difference) }
        }
    }
    if ($applied.Count -gt 0) {
        foreach ($difference in $applied) {
            Write-Information -MessageData "Information barriers: $($difference.Message)" -Tags 'RemoteAssistTenancy'
        }
        Write-RABarrierState -Title 'Information barriers after this run (the stack''s part):' -Data $data -State (Get-RABarrierState)
        $applied.ToArray()
    }
}
