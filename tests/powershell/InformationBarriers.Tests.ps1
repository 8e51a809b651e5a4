# Set-RAInformationBarriers and Test-RAInformationBarriers against the fake Purview tenant (FakeM365.psm1).
BeforeAll {
    . (Join-Path -Path $PSScriptRoot -ChildPath 'TestSupport.ps1')

    $Barriers = Get-FixtureOutput -Name 'informationBarriers'
    $OBrien = "O'Brien & Söhne Ltd"

    function Set-Barriers {
        param([string] $OutputsPath = $StackOutputsFixture, [switch] $WhatIf, [switch] $ReplaceConflictingPolicies, [switch] $RemoveStalePolicies)
        Set-RAInformationBarriers -OutputsPath $OutputsPath -WhatIf:$WhatIf -ReplaceConflictingPolicies:$ReplaceConflictingPolicies -RemoveStalePolicies:$RemoveStalePolicies 6>$null 3>$null
    }
    function Get-Segment([string] $Name) {
        (Get-FakeTenant).Segments | Where-Object { $_.Name -eq $Name }
    }
    function Get-Policy([string] $Name) {
        (Get-FakeTenant).Policies | Where-Object { $_.Name -eq $Name }
    }
    function Set-BarrierData {
        # An outputs file whose informationBarriers output is the fixture's after Change.
        param([Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [scriptblock] $Change)
        New-OutputsFile -Name $Name -Change { param($outputs) & $Change $outputs['informationBarriers'] }.GetNewClosure()
    }
    function Get-MutatingCall {
        Get-FakeCall | Where-Object { $_.Command -notlike 'Get-*' }
    }
    function Invoke-SetBarriers {
        # Runs Set-RAInformationBarriers on the fixture; returns Output (the differences it emits) and
        # Warnings (the text of each warning it writes).
        param([switch] $ReplaceConflictingPolicies, [switch] $RemoveStalePolicies, [switch] $WhatIf)
        $all = @(Set-RAInformationBarriers -OutputsPath $StackOutputsFixture -ReplaceConflictingPolicies:$ReplaceConflictingPolicies -RemoveStalePolicies:$RemoveStalePolicies -WhatIf:$WhatIf 3>&1 6>$null)
        [pscustomobject]@{
            Output   = @($all | Where-Object { $_ -isnot [System.Management.Automation.WarningRecord] })
            Warnings = @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] } | ForEach-Object { $_.Message })
        }
    }
    $NotApplyingAfter = {
        # The warning of a run that made changes while the admin declined others (listed in Declined).
        param([int] $Count, [string] $Declined)
        "Not applying the information barrier policies (Start-InformationBarrierPoliciesApplication): $Count of this run's changes were declined ($Declined), and the stack's segments and policies take effect together. Run Set-RAInformationBarriers again and accept them; to apply what this run changed as it is, run Start-InformationBarrierPoliciesApplication."
    }
}

Describe 'Set-RAInformationBarriers, a first run on a tenant without barriers' {
    BeforeAll {
        Reset-FakeTenant
        Set-Barriers
    }

    It 'creates exactly the segments of the data, with their filters character for character' {
        $segments = @((Get-FakeTenant).Segments | ForEach-Object { "$($_.Name) | $($_.UserGroupFilter)" })
        $segments | Should -Be @($Barriers.segments | ForEach-Object { "$($_.name) | $($_.userGroupFilter)" })
        (Get-Segment $OBrien).UserGroupFilter | Should -BeExactly "MemberOf -eq 'ra-segment-o''brien@abc.onmicrosoft.com'"
    }

    It 'creates exactly the policies of the data, each Active, listing its segments' {
        $policies = @((Get-FakeTenant).Policies | ForEach-Object { "$($_.Name) | $($_.AssignedSegment) | $($_.SegmentsAllowed -join ', ') | $($_.State)" })
        $policies | Should -Be @(
            'RA Policy - Contoso1 | Contoso1 | Contoso1, Experts, O''Brien & Söhne Ltd | Active'
            'RA Policy - Contoso2 | Contoso2 | Contoso2 | Active'
            'RA Policy - O''Brien & Söhne Ltd | O''Brien & Söhne Ltd | O''Brien & Söhne Ltd, Experts, Contoso1 | Active'
        )
    }

    It 'creates every policy Inactive with -Force, and activates them only once all exist' {
        $created = @(Get-FakeCall -Command 'New-InformationBarrierPolicy')
        $created.Count | Should -Be 3
        $created | ForEach-Object { $_.Parameters['State'] } | Should -Be @('Inactive', 'Inactive', 'Inactive')
        $created | ForEach-Object { $_.Parameters['Force'].IsPresent } | Should -Be @($true, $true, $true)
        $activated = @(Get-FakeCall -Command 'Set-InformationBarrierPolicy' | Where-Object { $_.Parameters['State'] -eq 'Active' })
        $activated | ForEach-Object { $_.Parameters['Identity'] } | Should -Be @('RA Policy - Contoso1', 'RA Policy - Contoso2', 'RA Policy - O''Brien & Söhne Ltd')
        ($activated | ForEach-Object { $_.Index } | Measure-Object -Minimum).Minimum | Should -BeGreaterThan ($created | ForEach-Object { $_.Index } | Measure-Object -Maximum).Maximum
    }

    It 'starts applying the policies once, after every other change' {
        (Get-FakeTenant).Applications | Should -Be 1
        (Get-MutatingCall | Select-Object -Last 1).Command | Should -Be 'Start-InformationBarrierPoliciesApplication'
    }

    It 'a second run changes nothing and applies nothing' {
        Clear-FakeCall
        Set-Barriers
        Get-MutatingCall | Should -BeNullOrEmpty
        (Get-FakeTenant).Applications | Should -Be 1
        Test-RAInformationBarriers -OutputsPath $StackOutputsFixture | Should -BeNullOrEmpty
    }
}

Describe 'Set-RAInformationBarriers' {
    BeforeEach {
        Reset-FakeTenant
    }

    It 'reads the outputs from plan.json as well' {
        Set-Barriers -OutputsPath $PlanFixture
        @((Get-FakeTenant).Segments).Count | Should -Be 5
        @((Get-FakeTenant).Policies).Count | Should -Be 3
    }

    It 'puts back a segment filter changed by hand, and applies the policies' {
        Set-Barriers
        (Get-Segment 'Contoso1').UserGroupFilter = "Department -eq 'Contoso1'"
        Clear-FakeCall
        Set-Barriers
        (Get-Segment 'Contoso1').UserGroupFilter | Should -BeExactly "MemberOf -eq 'ra-segment-contoso1@abc.onmicrosoft.com'"
        @(Get-MutatingCall | ForEach-Object { $_.Command }) | Should -Be @('Set-OrganizationSegment', 'Start-InformationBarrierPoliciesApplication')
    }

    It 'puts back a policy changed by hand: its segments and its state' {
        Set-Barriers
        (Get-Policy 'RA Policy - Contoso2').SegmentsAllowed = @('Contoso2', 'Internal')
        (Get-Policy 'RA Policy - Contoso1').State = 'Inactive'
        Set-Barriers
        (Get-Policy 'RA Policy - Contoso2').SegmentsAllowed | Should -Be @('Contoso2')
        (Get-Policy 'RA Policy - Contoso1').State | Should -Be 'Active'
        (Get-FakeTenant).Applications | Should -Be 2
    }

    It 'creates a block policy of the data with -SegmentsBlocked' {
        $path = Set-BarrierData -Name 'block.json' -Change {
            param($ib)
            $ib.policies[1] = [ordered]@{ name = 'RA Policy - Contoso2'; assignedSegment = 'Contoso2'; segmentsBlocked = @('Contoso1') }
        }
        Set-Barriers -OutputsPath $path
        (Get-Policy 'RA Policy - Contoso2').SegmentsBlocked | Should -Be @('Contoso1')
        (Get-Policy 'RA Policy - Contoso2').SegmentsAllowed | Should -BeNullOrEmpty
    }

    It 'never deletes a segment, and leaves segments and policies of others alone' {
        Reset-FakeTenant -Segments @(@{ Name = 'HR'; UserGroupFilter = "Department -eq 'HR'" }) -Policies @(@{ Name = 'HR-Sales'; AssignedSegment = 'HR'; SegmentsBlocked = @('HR') })
        Set-Barriers
        (Get-Segment 'HR').UserGroupFilter | Should -BeExactly "Department -eq 'HR'"
        (Get-Policy 'HR-Sales').State | Should -Be 'Active'
        Get-FakeCall -Command 'Remove-InformationBarrierPolicy' | Should -BeNullOrEmpty
        Test-RAInformationBarriers -OutputsPath $StackOutputsFixture | Should -BeNullOrEmpty
    }

    Context 'names with quotes, spaces and non-ASCII letters' {
        It 'passes them to the cmdlets exactly, as parameters and never as script text' {
            Set-Barriers
            (Get-FakeCall -Command 'New-OrganizationSegment' | Where-Object { $_.Parameters['Name'] -ceq $OBrien }).Count | Should -Be 1
            $policy = Get-FakeCall -Command 'New-InformationBarrierPolicy' | Where-Object { $_.Parameters['Name'] -ceq "RA Policy - $OBrien" }
            $policy.Parameters['AssignedSegment'] | Should -BeExactly $OBrien
            $policy.Parameters['SegmentsAllowed'] | Should -Be @($OBrien, 'Experts', 'Contoso1')
        }
    }

    Context 'safety' {
        It '-WhatIf changes nothing and applies nothing' {
            Reset-FakeTenant -Segments @(@{ Name = 'Contoso1'; UserGroupFilter = "Department -eq 'Contoso1'" })
            Set-Barriers -WhatIf
            Get-MutatingCall | Should -BeNullOrEmpty
            (Get-Segment 'Contoso1').UserGroupFilter | Should -BeExactly "Department -eq 'Contoso1'"
            (Get-FakeTenant).Applications | Should -Be 0
        }

        It 'a failed New-OrganizationSegment names the segment, activates nothing and applies nothing' {
            Set-FakeFailure -Command 'New-OrganizationSegment' -Message 'The filter is not valid.' -When { param($p) $p['Name'] -eq "O'Brien & Söhne Ltd" }
            Get-ThrownMessage { Set-Barriers } | Should -BeExactly "New-OrganizationSegment failed for segment 'O'Brien & Söhne Ltd': The filter is not valid."
            Get-FakeCall -Command 'New-InformationBarrierPolicy' | Should -BeNullOrEmpty
            (Get-FakeTenant).Applications | Should -Be 0
        }

        It 'a failed New-InformationBarrierPolicy names the policy and activates none of the others' {
            Set-FakeFailure -Command 'New-InformationBarrierPolicy' -Message 'The segment list is not valid.' -When { param($p) $p['Name'] -eq 'RA Policy - Contoso2' }
            Get-ThrownMessage { Set-Barriers } | Should -BeExactly "New-InformationBarrierPolicy failed for policy 'RA Policy - Contoso2': The segment list is not valid."
            (Get-Policy 'RA Policy - Contoso1').State | Should -Be 'Inactive'
            (Get-FakeTenant).Applications | Should -Be 0
        }
    }

    Context 'the segment limit' {
        It 'refuses data with more segments than segmentLimit allows, before reading or changing the tenant' {
            $path = Set-BarrierData -Name 'legacy.json' -Change { param($ib) $ib.mode = 'legacy'; $ib.segmentLimit = 4 }
            Get-ThrownMessage { Set-Barriers -OutputsPath $path } | Should -BeExactly "The stack's informationBarriers output has 5 segments, more than the 4 that information barriers allow in legacy mode (information barriers enabled before 2023-02-15) (segmentLimit); nothing was changed. Reduce the vendors in the stack config."
            Get-FakeCall | Should -BeNullOrEmpty
        }

        It 'refuses a run whose new segments would bring the tenant past the limit' {
            Reset-FakeTenant -Segments @(@{ Name = 'HR'; UserGroupFilter = "Department -eq 'HR'" }, @{ Name = 'Sales'; UserGroupFilter = "Department -eq 'Sales'" })
            $path = Set-BarrierData -Name 'limit.json' -Change { param($ib) $ib.segmentLimit = 6 }
            Get-ThrownMessage { Set-Barriers -OutputsPath $path } | Should -BeExactly "Creating the stack's 5 missing segments would bring the tenant to 7 segments (2 of them not the stack's), more than the 6 that information barriers allow in single-segment mode; nothing was changed."
            Get-MutatingCall | Should -BeNullOrEmpty
        }

        It 'accepts data with exactly segmentLimit segments' {
            $path = Set-BarrierData -Name 'at-limit.json' -Change { param($ib) $ib.segmentLimit = 5 }
            Set-Barriers -OutputsPath $path
            @((Get-FakeTenant).Segments).Count | Should -Be 5
        }
    }

    Context 'policies the data no longer has, and policies Purview cannot change in place' {
        It 'keeps a stale policy (the stack''s prefix, not in the data) unless told to remove it' {
            Reset-FakeTenant -Segments @(@{ Name = 'Old'; UserGroupFilter = "Department -eq 'Old'" }) -Policies @(@{ Name = 'RA Policy - Old'; AssignedSegment = 'Old'; SegmentsAllowed = @('Old') })
            Set-Barriers
            (Get-Policy 'RA Policy - Old').State | Should -Be 'Active'
        }

        It 'with -RemoveStalePolicies sets a stale policy Inactive, then removes it' {
            Reset-FakeTenant -Segments @(@{ Name = 'Old'; UserGroupFilter = "Department -eq 'Old'" }) -Policies @(@{ Name = 'RA Policy - Old'; AssignedSegment = 'Old'; SegmentsAllowed = @('Old') })
            Set-Barriers -RemoveStalePolicies
            Get-Policy 'RA Policy - Old' | Should -BeNullOrEmpty
            $calls = @(Get-FakeCall | Where-Object { $_.Parameters['Identity'] -eq 'RA Policy - Old' })
            @($calls | ForEach-Object { $_.Command }) | Should -Be @('Set-InformationBarrierPolicy', 'Remove-InformationBarrierPolicy')
            $calls[0].Parameters['State'] | Should -Be 'Inactive'
            (Get-Segment 'Old') | Should -Not -BeNullOrEmpty
        }

        It 'refuses to turn an existing block policy into the data''s allow policy, and changes nothing' {
            Reset-FakeTenant -Segments @(@{ Name = 'Contoso2'; UserGroupFilter = "MemberOf -eq 'ra-segment-contoso2@abc.onmicrosoft.com'" }, @{ Name = 'Contoso1'; UserGroupFilter = "MemberOf -eq 'ra-segment-contoso1@abc.onmicrosoft.com'" }) -Policies @(@{ Name = 'RA Policy - Contoso2'; AssignedSegment = 'Contoso2'; SegmentsBlocked = @('Contoso1') })
            $message = Get-ThrownMessage { Set-Barriers }
            $message | Should -BeLike "Nothing was changed: 1 of the stack's policies exist in another form that Purview cannot change in place. Re-run with -ReplaceConflictingPolicies*"
            $message | Should -Match ([regex]::Escape('Policy `RA Policy - Contoso2` is a block policy for segment `Contoso2`; the stack''s is an allow policy for segment `Contoso2`'))
            Get-MutatingCall | Should -BeNullOrEmpty
        }

        It 'with -ReplaceConflictingPolicies removes the conflicting policy and creates it as the data says' {
            Reset-FakeTenant -Segments @(@{ Name = 'Contoso2'; UserGroupFilter = "MemberOf -eq 'ra-segment-contoso2@abc.onmicrosoft.com'" }, @{ Name = 'Contoso1'; UserGroupFilter = "MemberOf -eq 'ra-segment-contoso1@abc.onmicrosoft.com'" }) -Policies @(@{ Name = 'RA Policy - Contoso2'; AssignedSegment = 'Contoso2'; SegmentsBlocked = @('Contoso1') })
            Set-Barriers -ReplaceConflictingPolicies
            $policy = Get-Policy 'RA Policy - Contoso2'
            $policy.SegmentsAllowed | Should -Be @('Contoso2')
            $policy.SegmentsBlocked | Should -BeNullOrEmpty
            $policy.State | Should -Be 'Active'
        }
    }

    Context 'applying the policies' {
        BeforeEach {
            Set-Barriers
            Set-FakeApplicationStatus -Status 'Completed'
            Clear-FakeCall
        }

        It 'starts the application again when the latest one failed, though nothing else differs' {
            Set-FakeApplicationStatus -Status 'Failed'
            $run = Invoke-SetBarriers
            @(Get-MutatingCall | ForEach-Object { $_.Command }) | Should -Be @('Start-InformationBarrierPoliciesApplication')
            $run.Output.Kind | Should -Be @('PoliciesNotApplied')
            Test-RAInformationBarriers -OutputsPath $StackOutputsFixture | Should -BeNullOrEmpty
        }

        It 'applies the policies a run activated before its session dropped, on the next run' {
            Reset-FakeTenant
            Set-FakeFailure -Command 'Start-InformationBarrierPoliciesApplication' -Message 'The session has expired.'
            Get-ThrownMessage { Set-Barriers } | Should -BeExactly 'Start-InformationBarrierPoliciesApplication failed for applying the policies: The session has expired.'
            @((Get-FakeTenant).Policies | Where-Object { $_.State -eq 'Active' }).Count | Should -Be 3
            Set-FakeFailure -Command 'Start-InformationBarrierPoliciesApplication' -Message 'not failing any more' -When { $false }
            Clear-FakeCall
            Set-Barriers
            @(Get-MutatingCall | ForEach-Object { $_.Command }) | Should -Be @('Start-InformationBarrierPoliciesApplication')
            (Get-FakeTenant).Applications | Should -Be 1
        }

        It 'leaves an application that is <Status> to finish: nothing to change, nothing to apply' -ForEach @(
            @{ Status = 'NotStarted' }, @{ Status = 'InProgress' }, @{ Status = 'Completed' }, @{ Status = 'In progress' }
        ) {
            Set-FakeApplicationStatus -Status $Status
            $printed = @(Set-RAInformationBarriers -OutputsPath $StackOutputsFixture 6>&1 | ForEach-Object { "$_" })
            $printed[-1] | Should -BeExactly 'Information barriers already match the stack; nothing to change, nothing to apply.'
            Get-MutatingCall | Should -BeNullOrEmpty
        }

        It 'prints the latest application with the state of the stack''s part' {
            Set-FakeApplicationStatus -Status 'Failed'
            $printed = @(Set-RAInformationBarriers -OutputsPath $StackOutputsFixture 6>&1 | Where-Object { $_ -is [System.Management.Automation.InformationRecord] } | ForEach-Object { "$_" })
            $printed[0] | Should -BeLike "Information barriers now (the stack's part):*`n  Latest policy application: Failed"
            $printed[-1] | Should -BeLike "Information barriers after this run (the stack's part):*`n  Latest policy application: NotStarted"
        }

        It '-WhatIf does not offer to apply the policies when only stale policies differ and -RemoveStalePolicies is not given' {
            Mock -ModuleName RemoteAssistTenancy -CommandName Confirm-RAChange -MockWith { $false }
            (Get-FakeTenant).Policies.Add([pscustomobject]@{ Name = 'RA Policy - Old'; AssignedSegment = 'Experts'; SegmentsAllowed = @('Experts'); SegmentsBlocked = @(); State = 'Active'; Guid = [guid]::NewGuid() })
            $run = Invoke-SetBarriers -WhatIf
            $run.Warnings | Should -Be @("Policy 'RA Policy - Old' (Active) starts with 'RA Policy - ' but the stack no longer has it; re-run with -RemoveStalePolicies to set it Inactive and remove it.")
            Should -Invoke -ModuleName RemoteAssistTenancy -CommandName Confirm-RAChange -Times 0 -Exactly
            Get-MutatingCall | Should -BeNullOrEmpty
        }

        It '-WhatIf -RemoveStalePolicies shows the removal of a stale policy and the application after it' {
            Mock -ModuleName RemoteAssistTenancy -CommandName Confirm-RAChange -MockWith { $false }
            (Get-FakeTenant).Policies.Add([pscustomobject]@{ Name = 'RA Policy - Old'; AssignedSegment = 'Experts'; SegmentsAllowed = @('Experts'); SegmentsBlocked = @(); State = 'Active'; Guid = [guid]::NewGuid() })
            Invoke-SetBarriers -WhatIf -RemoveStalePolicies | Out-Null
            Should -Invoke -ModuleName RemoteAssistTenancy -CommandName Confirm-RAChange -Times 1 -Exactly -ParameterFilter { $Target -eq "policy 'RA Policy - Old'" }
            Should -Invoke -ModuleName RemoteAssistTenancy -CommandName Confirm-RAChange -Times 1 -Exactly -ParameterFilter { $Target -eq 'information barrier policies' -and $Action -eq 'Start applying them (Start-InformationBarrierPoliciesApplication)' }
            Get-MutatingCall | Should -BeNullOrEmpty
        }
    }

    # Confirm-RAChange asks the -Confirm question; mocking it answers as the admin would.
    Context 'changes declined under -Confirm' {
        BeforeEach {
            Mock -ModuleName RemoteAssistTenancy -CommandName Confirm-RAChange -MockWith { $true }
        }

        It 'keeps a replaced policy whose activation was declined Inactive, and does not apply the policies' {
            Set-Barriers
            Set-FakeApplicationStatus -Status 'Completed'
            $policy = Get-Policy 'RA Policy - Contoso2'
            $policy.SegmentsAllowed = [string[]]@()
            $policy.SegmentsBlocked = [string[]]@('Contoso1')
            Clear-FakeCall
            Mock -ModuleName RemoteAssistTenancy -CommandName Confirm-RAChange -MockWith { $false } -ParameterFilter { $Target -eq "policy 'RA Policy - Contoso2'" -and $Action -eq 'Set it Active' }
            $run = Invoke-SetBarriers -ReplaceConflictingPolicies
            (Get-Policy 'RA Policy - Contoso2').SegmentsAllowed | Should -Be @('Contoso2')
            (Get-Policy 'RA Policy - Contoso2').State | Should -Be 'Inactive'
            Get-FakeCall -Command 'Start-InformationBarrierPoliciesApplication' | Should -BeNullOrEmpty
            $run.Warnings | Should -Be @(& $NotApplyingAfter 1 "set policy 'RA Policy - Contoso2' Active")
            $run.Output.Kind | Should -Be @('PolicyConflict')
            @(Test-RAInformationBarriers -OutputsPath $StackOutputsFixture | ForEach-Object { "$($_.Kind): $($_.Subject)" }) | Should -Be @('PolicyInactive: RA Policy - Contoso2')
        }

        It 'does not create a policy naming a segment whose creation was declined, activates none and applies nothing' {
            Mock -ModuleName RemoteAssistTenancy -CommandName Confirm-RAChange -MockWith { $false } -ParameterFilter { $Target -eq "segment 'Contoso2'" }
            $run = Invoke-SetBarriers
            @((Get-FakeTenant).Policies | ForEach-Object { "$($_.Name) | $($_.State)" }) | Should -Be @('RA Policy - Contoso1 | Inactive', "RA Policy - $OBrien | Inactive")
            Get-FakeCall -Command 'New-InformationBarrierPolicy' | Where-Object { $_.Parameters['Name'] -eq 'RA Policy - Contoso2' } | Should -BeNullOrEmpty
            Get-FakeCall -Command 'Start-InformationBarrierPoliciesApplication' | Should -BeNullOrEmpty
            $run.Warnings | Should -Be @(
                "Not creating policy 'RA Policy - Contoso2': the creation of segment 'Contoso2', which it names, was declined."
                "Not activating the stack's policies: 1 of them were not created or replaced, and they take effect together."
                (& $NotApplyingAfter 1 "create segment 'Contoso2'")
            )
        }

        It 'does not replace a conflicting policy naming a segment whose creation was declined, so it is not removed' {
            Reset-FakeTenant -Segments @(@{ Name = 'Contoso1'; UserGroupFilter = "MemberOf -eq 'ra-segment-contoso1@abc.onmicrosoft.com'" }) -Policies @(@{ Name = 'RA Policy - Contoso2'; AssignedSegment = 'Contoso1'; SegmentsBlocked = @('Contoso1') })
            Mock -ModuleName RemoteAssistTenancy -CommandName Confirm-RAChange -MockWith { $false } -ParameterFilter { $Target -eq "segment 'Contoso2'" }
            $run = Invoke-SetBarriers -ReplaceConflictingPolicies
            (Get-Policy 'RA Policy - Contoso2').State | Should -Be 'Active'
            Get-FakeCall -Command 'Remove-InformationBarrierPolicy' | Should -BeNullOrEmpty
            $run.Warnings[0] | Should -BeExactly "Not replacing policy 'RA Policy - Contoso2': the creation of segment 'Contoso2', which it names, was declined."
            Get-FakeCall -Command 'Start-InformationBarrierPoliciesApplication' | Should -BeNullOrEmpty
        }

        It 'does not activate a policy whose segment keeps a filter the admin declined to change' {
            Set-Barriers
            Set-FakeApplicationStatus -Status 'Completed'
            (Get-Segment 'Contoso1').UserGroupFilter = "Department -eq 'Contoso1'"
            (Get-Policy 'RA Policy - Contoso1').State = 'Inactive'
            (Get-Policy 'RA Policy - Contoso2').State = 'Inactive'
            Clear-FakeCall
            Mock -ModuleName RemoteAssistTenancy -CommandName Confirm-RAChange -MockWith { $false } -ParameterFilter { $Target -eq "segment 'Contoso1'" }
            $run = Invoke-SetBarriers
            (Get-Policy 'RA Policy - Contoso1').State | Should -Be 'Inactive'
            (Get-Policy 'RA Policy - Contoso2').State | Should -Be 'Active'
            Get-FakeCall -Command 'Start-InformationBarrierPoliciesApplication' | Should -BeNullOrEmpty
            $run.Warnings | Should -Be @(
                "Not activating policy 'RA Policy - Contoso1': the filter change of segment 'Contoso1' was declined."
                (& $NotApplyingAfter 1 "change the filter of segment 'Contoso1'")
            )
            $run.Output.Subject | Should -Be @('RA Policy - Contoso2')
        }

        It 'does not apply the policies when the removal of a stale policy was declined' {
            Set-Barriers
            Set-FakeApplicationStatus -Status 'Completed'
            (Get-FakeTenant).Policies.Add([pscustomobject]@{ Name = 'RA Policy - Old'; AssignedSegment = 'Experts'; SegmentsAllowed = @('Experts'); SegmentsBlocked = @(); State = 'Active'; Guid = [guid]::NewGuid() })
            (Get-Policy 'RA Policy - Contoso2').State = 'Inactive'
            Clear-FakeCall
            Mock -ModuleName RemoteAssistTenancy -CommandName Confirm-RAChange -MockWith { $false } -ParameterFilter { $Target -eq "policy 'RA Policy - Old'" }
            $run = Invoke-SetBarriers -RemoveStalePolicies
            (Get-Policy 'RA Policy - Contoso2').State | Should -Be 'Active'
            Get-Policy 'RA Policy - Old' | Should -Not -BeNullOrEmpty
            Get-FakeCall -Command 'Start-InformationBarrierPoliciesApplication' | Should -BeNullOrEmpty
            $run.Warnings | Should -Be @(& $NotApplyingAfter 1 "remove policy 'RA Policy - Old'")
        }
    }
}

Describe 'Test-RAInformationBarriers' {
    BeforeEach {
        Reset-FakeTenant
        Set-Barriers
        Clear-FakeCall
    }

    It 'finds nothing when the tenant matches' {
        Test-RAInformationBarriers -OutputsPath $StackOutputsFixture | Should -BeNullOrEmpty
    }

    It 'finds a segment filter, a policy''s segments and a policy''s state changed by hand, and a stale policy' {
        (Get-Segment $OBrien).UserGroupFilter = "Department -eq 'OBrien'"
        (Get-Policy 'RA Policy - Contoso2').SegmentsAllowed = @('Contoso2', 'Internal')
        (Get-Policy 'RA Policy - Contoso1').State = 'Inactive'
        (Get-FakeTenant).Policies.Add([pscustomobject]@{ Name = 'RA Policy - Old'; AssignedSegment = 'Experts'; SegmentsAllowed = @('Experts'); SegmentsBlocked = @(); State = 'Active'; Guid = [guid]::NewGuid() })
        $differences = @(Test-RAInformationBarriers -OutputsPath $StackOutputsFixture)
        @($differences | ForEach-Object { "$($_.Kind): $($_.Subject)" }) | Should -Be @(
            "SegmentFilter: O'Brien & Söhne Ltd"
            'PolicyInactive: RA Policy - Contoso1'
            'PolicySegments: RA Policy - Contoso2'
            'PolicyStale: RA Policy - Old'
        )
        $differences[0].Message | Should -BeExactly "Segment ``O'Brien & Söhne Ltd`` filters ``Department -eq 'OBrien'``; the stack's filter is ``MemberOf -eq 'ra-segment-o''brien@abc.onmicrosoft.com'``."
        $differences[2].Message | Should -BeExactly 'Policy `RA Policy - Contoso2` allows `Contoso2`, `Internal`; the stack''s allows `Contoso2`.'
    }

    It 'finds a segment and a policy deleted by hand' {
        [void](Get-FakeTenant).Segments.Remove((Get-Segment 'Internal'))
        [void](Get-FakeTenant).Policies.Remove((Get-Policy 'RA Policy - Contoso2'))
        @(Test-RAInformationBarriers -OutputsPath $StackOutputsFixture | ForEach-Object { "$($_.Kind): $($_.Subject)" }) | Should -Be @('SegmentMissing: Internal', 'PolicyMissing: RA Policy - Contoso2')
    }

    It 'finds the stack''s policies not applied when the latest application failed' {
        Set-FakeApplicationStatus -Status 'Failed'
        $differences = @(Test-RAInformationBarriers -OutputsPath $StackOutputsFixture)
        $differences.Kind | Should -Be @('PoliciesNotApplied')
        $differences[0].Message | Should -BeExactly 'The information barrier policies are not applied: the latest policy application is `Failed` (`Get-InformationBarrierPoliciesApplicationStatus`); the stack starts applying them again.'
    }

    It 'finds the stack''s policies not applied when no application ran' {
        (Get-FakeTenant).ApplicationHistory.Clear()
        @(Test-RAInformationBarriers -OutputsPath $StackOutputsFixture).Message | Should -BeExactly @('The information barrier policies are not applied: no policy application has run (`Get-InformationBarrierPoliciesApplicationStatus` returns none); the stack starts applying them.')
    }

    It 'does not report an application that has not started yet or is in progress' {
        Test-RAInformationBarriers -OutputsPath $StackOutputsFixture | Should -BeNullOrEmpty
        Set-FakeApplicationStatus -Status 'InProgress'
        Test-RAInformationBarriers -OutputsPath $StackOutputsFixture | Should -BeNullOrEmpty
    }

    It 'changes nothing in the tenant' {
        (Get-Policy 'RA Policy - Contoso1').State = 'Inactive'
        Test-RAInformationBarriers -OutputsPath $StackOutputsFixture | Out-Null
        Get-MutatingCall | Should -BeNullOrEmpty
    }

    Context '-FailOnDrift' {
        BeforeEach {
            Mock -ModuleName RemoteAssistTenancy -CommandName Exit-RAProcess -MockWith {}
        }

        It 'prints the drift report naming each difference and ends with exit code 7' {
            (Get-Policy 'RA Policy - Contoso1').State = 'Inactive'
            # As in CI: the outputs in a temporary file of the runner, which the revert command must not name.
            $runnerTemp = New-OutputsFile -Name 'runner-temp-outputs.json'
            $printed = (Test-RAInformationBarriers -OutputsPath $runnerTemp -FailOnDrift 6>&1 | ForEach-Object { "$_" }) -join "`n"
            $printed | Should -Not -Match ([regex]::Escape($runnerTemp))
            $printed | Should -BeExactly (@(
                    '### Information barriers drift'
                    ''
                    '> [!WARNING]'
                    "> **1 difference from the stack's ``informationBarriers`` output.** For each, either adopt the change (change the stack config so that the output says so, and deploy) or revert it (``pulumi stack output --json > outputs.json``, then ``Set-RAInformationBarriers -OutputsPath outputs.json``). See the README, Teams federation and information barriers: the PowerShell module."
                    ''
                    "- Policy ``RA Policy - Contoso1`` is Inactive; the stack's policies are Active."
                    ''
                ) -join "`n")
            Should -Invoke -ModuleName RemoteAssistTenancy -CommandName Exit-RAProcess -Times 1 -Exactly -ParameterFilter { $Code -eq 7 }
        }

        It 'prints that there is no drift and does not end the process when the tenant matches' {
            $printed = (Test-RAInformationBarriers -OutputsPath $StackOutputsFixture -FailOnDrift 6>&1 | ForEach-Object { "$_" }) -join "`n"
            $printed | Should -BeExactly "### Information barriers drift`n`nNo drift: the information barriers match the stack's ``informationBarriers`` output.`n"
            Should -Invoke -ModuleName RemoteAssistTenancy -CommandName Exit-RAProcess -Times 0 -Exactly
        }
    }
}
