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
            $printed = (Test-RAInformationBarriers -OutputsPath $StackOutputsFixture -FailOnDrift 6>&1 | ForEach-Object { "$_" }) -join "`n"
            $printed | Should -BeExactly (@(
                    '### Information barriers drift'
                    ''
                    '> [!WARNING]'
                    "> **1 difference from the stack's ``informationBarriers`` output.** For each, either adopt the change (change the stack config so that the output says so, and deploy) or revert it (``Set-RAInformationBarriers -OutputsPath $StackOutputsFixture``). See the README, Teams federation and information barriers: the PowerShell module."
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
