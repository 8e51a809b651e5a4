# Set-RATeamsFederation and Test-RATeamsFederation against the fake Teams tenant (FakeM365.psm1).
BeforeAll {
    . (Join-Path -Path $PSScriptRoot -ChildPath 'TestSupport.ps1')

    function Set-Federation {
        param([Parameter(Mandatory)] [string] $OutputsPath, [switch] $WhatIf)
        Set-RATeamsFederation -OutputsPath $OutputsPath -WhatIf:$WhatIf 6>$null
    }
    function Set-FederationData {
        # An outputs file whose federation output is exactly Federation.
        param([Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [hashtable] $Federation)
        New-OutputsFile -Name $Name -Change {
            param($outputs)
            $outputs['federation'] = [ordered]@{
                mode             = $Federation.mode
                management       = $Federation.management
                allowedDomains   = @($(if ($Federation.mode -eq 'allowList') { $Federation.add }))
                blockedDomains   = @($(if ($Federation.mode -in 'open', 'blockList') { $Federation.add }))
                add              = @($Federation.add)
                remove           = @($Federation.remove)
                peerStackDomains = @{}
            }
        }.GetNewClosure()
    }
}

Describe 'Set-RATeamsFederation' {
    BeforeEach {
        Reset-FakeTenant
    }

    Context 'allowList, merge (the default)' {
        It 'a first run sets exactly the allowed domains the data lists, federation on, nothing blocked' {
            Set-Federation -OutputsPath $StackOutputsFixture
            $tenant = Get-FakeTenant
            $tenant.AllowFederatedUsers | Should -BeTrue
            $tenant.AllowAllKnownDomains | Should -BeFalse
            Get-SortedDomain $tenant.AllowedDomains | Should -Be @('contoso1.com', 'obrien-soehne.example', 'partner-extra.example', 'plant2.example')
            $tenant.BlockedDomains | Should -BeNullOrEmpty
        }

        It 'switches from every known domain to an allow list with one New-CsEdgeAllowList, as the reference shows' {
            Set-Federation -OutputsPath $StackOutputsFixture
            $calls = Get-FakeCall -Command 'Set-CsTenantFederationConfiguration'
            $calls.Count | Should -Be 1
            $calls[0].Parameters['AllowedDomains'].PSObject.TypeNames | Should -Contain 'Microsoft.Rtc.Management.WritableConfig.Settings.Edge.AllowList'
            $calls[0].Parameters['Confirm'] | Should -BeFalse
        }

        It 'a second run changes nothing' {
            Set-Federation -OutputsPath $StackOutputsFixture
            Clear-FakeCall
            Set-Federation -OutputsPath $StackOutputsFixture
            Get-FakeCall -Command 'Set-CsTenantFederationConfiguration' | Should -BeNullOrEmpty
            Test-RATeamsFederation -OutputsPath $StackOutputsFixture | Should -BeNullOrEmpty
        }

        It 'leaves the partner domains the stack does not own on the allowed list' {
            Reset-FakeTenant -AllowedDomains @('partner40.example', 'Partner41.Example', 'contoso1.com')
            Set-Federation -OutputsPath $StackOutputsFixture
            Get-SortedDomain (Get-FakeTenant).AllowedDomains | Should -Be @('contoso1.com', 'obrien-soehne.example', 'partner-extra.example', 'partner40.example', 'partner41.example', 'plant2.example')
        }

        It 'changes an existing allow list only by the domains that differ, with AllowedDomainsAsAList Add and Remove' {
            Reset-FakeTenant -AllowedDomains @('partner40.example', 'contoso1.com', 'contoso2.com')
            Set-Federation -OutputsPath $StackOutputsFixture
            $calls = @(Get-FakeCall -Command 'Set-CsTenantFederationConfiguration')
            $calls.Count | Should -Be 2
            $calls[0].Parameters['AllowedDomainsAsAList'].Add | Should -Be @('obrien-soehne.example', 'partner-extra.example', 'plant2.example')
            $calls[1].Parameters['AllowedDomainsAsAList'].Remove | Should -Be @('contoso2.com')
            $calls | ForEach-Object { $_.Parameters.ContainsKey('AllowedDomains') } | Should -Not -Contain $true
        }

        It 'takes a suspended vendor''s domain off the allowed list' {
            Reset-FakeTenant -AllowedDomains @('contoso2.com', 'partner40.example')
            Set-Federation -OutputsPath $StackOutputsFixture
            (Get-FakeTenant).AllowedDomains | Should -Not -Contain 'contoso2.com'
            (Get-FakeTenant).AllowedDomains | Should -Contain 'partner40.example'
        }

        It 'turns federation back on when it was off' {
            Reset-FakeTenant -AllowFederatedUsers $false -AllowedDomains @('contoso1.com', 'obrien-soehne.example', 'partner-extra.example', 'plant2.example')
            Set-Federation -OutputsPath $StackOutputsFixture
            (Get-FakeTenant).AllowFederatedUsers | Should -BeTrue
            (Get-FakeCall -Command 'Set-CsTenantFederationConfiguration').Parameters.Keys | Should -Not -Contain 'AllowedDomainsAsAList'
        }

        It 'reads the outputs from plan.json as well as from pulumi stack output --json' {
            Set-Federation -OutputsPath $PlanFixture
            Get-SortedDomain (Get-FakeTenant).AllowedDomains | Should -Be @('contoso1.com', 'obrien-soehne.example', 'partner-extra.example', 'plant2.example')
        }
    }

    Context 'allowList, replace' {
        It 'makes the allowed list exactly the data''s, dropping domains the stack does not list' {
            Reset-FakeTenant -AllowedDomains @('partner40.example', 'contoso1.com')
            $path = Set-FederationData -Name 'replace.json' -Federation @{ mode = 'allowList'; management = 'replace'; add = @('contoso1.com', 'münchen-partner.example'); remove = @() }
            Set-Federation -OutputsPath $path
            Get-SortedDomain (Get-FakeTenant).AllowedDomains | Should -Be @('contoso1.com', 'münchen-partner.example')
        }

        It 'allows no domain at all when the data lists none' {
            Reset-FakeTenant -AllowedDomains @('partner40.example')
            $path = Set-FederationData -Name 'replace-empty.json' -Federation @{ mode = 'allowList'; management = 'replace'; add = @(); remove = @() }
            Set-Federation -OutputsPath $path
            (Get-FakeTenant).AllowAllKnownDomains | Should -BeFalse
            (Get-FakeTenant).AllowedDomains | Should -BeNullOrEmpty
        }
    }

    Context 'open and blockList' {
        It 'open, merge: allows every known domain and blocks the suspended vendor, keeping the blocks it does not own' {
            Reset-FakeTenant -AllowedDomains @('contoso1.com') -BlockedDomains @('spammer.example', 'contoso1.com')
            $path = Set-FederationData -Name 'open.json' -Federation @{ mode = 'open'; management = 'merge'; add = @('contoso2.com'); remove = @('contoso1.com') }
            Set-Federation -OutputsPath $path
            $tenant = Get-FakeTenant
            $tenant.AllowAllKnownDomains | Should -BeTrue
            Get-SortedDomain $tenant.BlockedDomains | Should -Be @('contoso2.com', 'spammer.example')
        }

        It 'blockList, merge: blocks with -BlockedDomains @{Add=...} of DomainPattern objects' {
            $path = Set-FederationData -Name 'block.json' -Federation @{ mode = 'blockList'; management = 'merge'; add = @('rival.example'); remove = @() }
            Set-Federation -OutputsPath $path
            $call = Get-FakeCall -Command 'Set-CsTenantFederationConfiguration' | Select-Object -Last 1
            $call.Parameters['BlockedDomains'].Add.Domain | Should -Be @('rival.example')
            (Get-FakeTenant).BlockedDomains | Should -Be @('rival.example')
        }

        It 'blockList, replace: makes the blocked list exactly the data''s' {
            Reset-FakeTenant -BlockedDomains @('spammer.example', 'rival.example')
            $path = Set-FederationData -Name 'block-replace.json' -Federation @{ mode = 'blockList'; management = 'replace'; add = @('rival.example', 'contoso2.com'); remove = @() }
            Set-Federation -OutputsPath $path
            Get-SortedDomain (Get-FakeTenant).BlockedDomains | Should -Be @('contoso2.com', 'rival.example')
        }

        It 'blockList, replace with no domain: empties the blocked list with $null' {
            Reset-FakeTenant -BlockedDomains @('spammer.example')
            $path = Set-FederationData -Name 'block-empty.json' -Federation @{ mode = 'blockList'; management = 'replace'; add = @(); remove = @() }
            Set-Federation -OutputsPath $path
            (Get-FakeTenant).BlockedDomains | Should -BeNullOrEmpty
            $call = Get-FakeCall -Command 'Set-CsTenantFederationConfiguration' | Select-Object -Last 1
            $call.Parameters.ContainsKey('BlockedDomains') | Should -BeTrue
            $call.Parameters['BlockedDomains'] | Should -BeNullOrEmpty
        }
    }

    Context 'disabled' {
        It 'turns federation off and leaves both lists as they are' {
            Reset-FakeTenant -AllowedDomains @('partner40.example') -BlockedDomains @('spammer.example')
            $path = Set-FederationData -Name 'disabled.json' -Federation @{ mode = 'disabled'; management = 'merge'; add = @(); remove = @() }
            Set-Federation -OutputsPath $path
            $tenant = Get-FakeTenant
            $tenant.AllowFederatedUsers | Should -BeFalse
            $tenant.AllowedDomains | Should -Be @('partner40.example')
            $tenant.BlockedDomains | Should -Be @('spammer.example')
        }
    }

    Context 'safety' {
        It '-WhatIf changes nothing' {
            Reset-FakeTenant -AllowedDomains @('partner40.example', 'contoso2.com')
            Set-Federation -OutputsPath $StackOutputsFixture -WhatIf
            Get-FakeCall -Command 'Set-CsTenantFederationConfiguration' | Should -BeNullOrEmpty
            (Get-FakeTenant).AllowedDomains | Should -Be @('partner40.example', 'contoso2.com')
        }

        It 'prints the configuration before and after the run' {
            $printed = Set-RATeamsFederation -OutputsPath $StackOutputsFixture 6>&1 | Where-Object { $_ -is [System.Management.Automation.InformationRecord] } | ForEach-Object { "$_" }
            $printed[0] | Should -BeLike "Teams federation now:*Allowed domains: all known domains*"
            $printed[-1] | Should -BeLike "Teams federation after this run:*Allowed domains: contoso1.com, obrien-soehne.example, partner-extra.example, plant2.example*"
        }

        It 'a failed Set-CsTenantFederationConfiguration names the domains it was changing' {
            Reset-FakeTenant -AllowedDomains @('partner40.example')
            Set-FakeFailure -Command 'Set-CsTenantFederationConfiguration' -Message 'The domain is not valid.' -When { param($p) $p.ContainsKey('AllowedDomainsAsAList') }
            Get-ThrownMessage { Set-Federation -OutputsPath $StackOutputsFixture } | Should -BeExactly "Set-CsTenantFederationConfiguration failed for the step 'Add to the allowed domains: contoso1.com, obrien-soehne.example, partner-extra.example, plant2.example': The domain is not valid."
        }

        It 'a failed New-CsEdgeDomainPattern names its domain, and nothing is set' {
            $path = Set-FederationData -Name 'block-patterns.json' -Federation @{ mode = 'blockList'; management = 'merge'; add = @('rival.example', 'bad_domain.example', 'spammer.example'); remove = @() }
            Set-FakeFailure -Command 'New-CsEdgeDomainPattern' -Message 'The domain name is not valid.' -When { param($p) $p['Domain'] -eq 'bad_domain.example' }
            Get-ThrownMessage { Set-Federation -OutputsPath $path } | Should -BeExactly "New-CsEdgeDomainPattern failed for the domain 'bad_domain.example': The domain name is not valid."
            Get-FakeCall -Command 'Set-CsTenantFederationConfiguration' | Should -BeNullOrEmpty
        }

        It 'a failed New-CsEdgeAllowList names the step, and nothing is set' {
            Set-FakeFailure -Command 'New-CsEdgeAllowList' -Message 'The allow list is not valid.'
            Get-ThrownMessage { Set-Federation -OutputsPath $StackOutputsFixture } | Should -BeExactly "New-CsEdgeAllowList failed for the step 'Allow only these domains: contoso1.com, obrien-soehne.example, partner-extra.example, plant2.example': The allow list is not valid."
            Get-FakeCall -Command 'Set-CsTenantFederationConfiguration' | Should -BeNullOrEmpty
        }

        It 'a failed New-CsEdgeAllowAllKnownDomains names the step' {
            Reset-FakeTenant -AllowedDomains @('contoso1.com')
            $path = Set-FederationData -Name 'open-switch.json' -Federation @{ mode = 'open'; management = 'merge'; add = @(); remove = @() }
            Set-FakeFailure -Command 'New-CsEdgeAllowAllKnownDomains' -Message 'Not available.'
            Get-ThrownMessage { Set-Federation -OutputsPath $path } | Should -BeExactly "New-CsEdgeAllowAllKnownDomains failed for the step 'Allow every known domain but the blocked ones': Not available."
        }

        It 'refuses data that is not the federation output, naming every problem by path' {
            $path = Set-FederationData -Name 'bad.json' -Federation @{ mode = 'allowlist'; management = 'merge'; add = @('contoso1.com', ''); remove = @() }
            Get-ThrownMessage { Set-Federation -OutputsPath $path } | Should -BeExactly "The ``federation`` output in $path is not what this module reads; regenerate it with the matching version of the stack:`n  federation.mode: expected one of open, allowList, blockList, disabled, not 'allowlist'`n  federation.add[1]: expected a non-empty string"
            Get-FakeCall | Should -BeNullOrEmpty
        }

        It 'refuses a file without a federation output, saying which file to pass' {
            $path = Join-Path -Path $TestDrive -ChildPath 'other.json'
            Set-Content -LiteralPath $path -Value '{"tenantDomains": ["abc.example"]}'
            Get-ThrownMessage { Set-Federation -OutputsPath $path } | Should -BeExactly "$path has no ``federation`` output. Deploy (or plan) the stack with a version of remote-assist-tenancy that exports it, then pass its ``pulumi stack output --json`` or plan.json."
        }
    }
}

Describe 'Set-RATeamsFederation under -Confirm' {
    # Confirm-RAChange asks the -Confirm question; mocking it answers as the admin would.
    BeforeEach {
        Reset-FakeTenant -AllowedDomains @('partner40.example', 'contoso1.com', 'contoso2.com')
        Mock -ModuleName RemoteAssistTenancy -CommandName Confirm-RAChange -MockWith { $true }
        Mock -ModuleName RemoteAssistTenancy -CommandName Confirm-RAChange -MockWith { $false } -ParameterFilter { $Action -eq 'Remove from the allowed domains: contoso2.com' }
    }

    It 'returns only the differences of the steps that ran, not of a step declined' {
        $changed = @(Set-Federation -OutputsPath $StackOutputsFixture)
        @($changed | ForEach-Object { "$($_.Kind): $($_.Subject)" }) | Should -Be @('DomainMissing: obrien-soehne.example', 'DomainMissing: partner-extra.example', 'DomainMissing: plant2.example')
        (Get-FakeTenant).AllowedDomains | Should -Contain 'contoso2.com'
        @(Test-RATeamsFederation -OutputsPath $StackOutputsFixture).Subject | Should -Be @('contoso2.com')
    }
}

Describe 'the 4,000 domains a list holds' {
    BeforeAll {
        # 3,998 partner domains on the tenant's allowed list: the stack's 4 make 4,002.
        $Partners = [string[]]@(1..3998 | ForEach-Object { "partner$_.example" })
        $LimitMessage = 'The allowed domains list would hold 4002 domains after the stack''s changes (3998 on it now, 4 to add, 0 to take off), but Teams accepts at most 4000 (`Set-CsTenantFederationConfiguration -AllowedDomains`), so Set-RATeamsFederation changes nothing: take domains the stack does not own off the list, or list fewer in the stack config.'
    }
    BeforeEach {
        Reset-FakeTenant -AllowedDomains $Partners
    }

    It 'in merge mode, refuses to add the stack''s domains to a list they would take past 4,000, before any change' {
        Get-ThrownMessage { Set-Federation -OutputsPath $StackOutputsFixture } | Should -BeExactly "Nothing was changed: $LimitMessage"
        Get-FakeCall -Command 'Set-CsTenantFederationConfiguration' | Should -BeNullOrEmpty
        (Get-FakeTenant).AllowedDomains.Count | Should -Be 3998
    }

    It 'Test-RATeamsFederation reports it next to the missing domains' {
        $differences = @(Test-RATeamsFederation -OutputsPath $StackOutputsFixture)
        @($differences | ForEach-Object { $_.Kind }) | Should -Be @('DomainMissing', 'DomainMissing', 'DomainMissing', 'DomainMissing', 'DomainLimit')
        $differences[-1].Message | Should -BeExactly $LimitMessage
    }

    It 'accepts a list of exactly 4,000' {
        Reset-FakeTenant -AllowedDomains ($Partners[0..3995])
        Set-Federation -OutputsPath $StackOutputsFixture | Out-Null
        (Get-FakeTenant).AllowedDomains.Count | Should -Be 4000
    }
}

Describe 'Test-RATeamsFederation' {
    BeforeEach {
        Reset-FakeTenant -AllowedDomains @('contoso1.com', 'obrien-soehne.example', 'partner-extra.example', 'plant2.example', 'partner40.example')
    }

    It 'finds nothing when the tenant matches, whatever else is on the list in merge mode' {
        Test-RATeamsFederation -OutputsPath $StackOutputsFixture | Should -BeNullOrEmpty
    }

    It 'finds a domain of the stack removed by hand and a suspended vendor''s domain added by hand' {
        $tenant = Get-FakeTenant
        [void]$tenant.AllowedDomains.Remove('plant2.example')
        $tenant.AllowedDomains.Add('contoso2.com')
        $differences = @(Test-RATeamsFederation -OutputsPath $StackOutputsFixture)
        $differences.Count | Should -Be 2
        $differences[0].Kind | Should -Be 'DomainMissing'
        $differences[0].Subject | Should -Be 'plant2.example'
        $differences[0].Message | Should -Be '`plant2.example` is not on the allowed domains list; the stack adds it.'
        $differences[1].Kind | Should -Be 'DomainExtra'
        $differences[1].Message | Should -Be '`contoso2.com` is on the allowed domains list; the stack takes it off (a suspended vendor''s domain).'
    }

    It 'finds federation switched to every known domain by hand' {
        (Get-FakeTenant).AllowAllKnownDomains = $true
        $differences = @(Test-RATeamsFederation -OutputsPath $StackOutputsFixture)
        $differences.Kind | Should -Be @('AllowedDomains')
    }

    It 'in replace mode, finds a domain the stack does not list' {
        $path = Set-FederationData -Name 'replace.json' -Federation @{ mode = 'allowList'; management = 'replace'; add = @('contoso1.com', 'obrien-soehne.example', 'partner-extra.example', 'plant2.example'); remove = @() }
        $differences = @(Test-RATeamsFederation -OutputsPath $path)
        $differences.Subject | Should -Be @('partner40.example')
        $differences[0].Message | Should -Be '`partner40.example` is on the allowed domains list, which the stack replaces as a whole (management `replace`), and the stack does not list it.'
    }

    It 'changes nothing in the tenant' {
        [void](Get-FakeTenant).AllowedDomains.Remove('plant2.example')
        Test-RATeamsFederation -OutputsPath $StackOutputsFixture | Out-Null
        Get-FakeCall -Command 'Set-CsTenantFederationConfiguration' | Should -BeNullOrEmpty
    }

    Context '-FailOnDrift' {
        BeforeEach {
            Mock -ModuleName RemoteAssistTenancy -CommandName Exit-RAProcess -MockWith {}
        }

        It 'prints the drift report and ends with exit code 7, as pulumi refresh --expect-no-changes does' {
            [void](Get-FakeTenant).AllowedDomains.Remove('plant2.example')
            # As in CI: the outputs in a temporary file of the runner, which the revert command must not name.
            $runnerTemp = New-OutputsFile -Name 'runner-temp-outputs.json'
            $printed = (Test-RATeamsFederation -OutputsPath $runnerTemp -FailOnDrift 6>&1 | ForEach-Object { "$_" }) -join "`n"
            $printed | Should -Not -Match ([regex]::Escape($runnerTemp))
            $printed | Should -BeExactly (@(
                    '### Teams federation drift'
                    ''
                    '> [!WARNING]'
                    "> **1 difference from the stack's ``federation`` output.** For each, either adopt the change (change the stack config so that the output says so, and deploy) or revert it (``pulumi stack output --json > outputs.json``, then ``Set-RATeamsFederation -OutputsPath outputs.json``). See the README, Teams federation and information barriers: the PowerShell module."
                    ''
                    '- `plant2.example` is not on the allowed domains list; the stack adds it.'
                    ''
                ) -join "`n")
            Should -Invoke -ModuleName RemoteAssistTenancy -CommandName Exit-RAProcess -Times 1 -Exactly -ParameterFilter { $Code -eq 7 }
        }

        It 'prints that there is no drift and does not end the process when the tenant matches' {
            $printed = (Test-RATeamsFederation -OutputsPath $StackOutputsFixture -FailOnDrift 6>&1 | ForEach-Object { "$_" }) -join "`n"
            $printed | Should -Be "### Teams federation drift`n`nNo drift: Teams federation matches the stack's ``federation`` output.`n"
            Should -Invoke -ModuleName RemoteAssistTenancy -CommandName Exit-RAProcess -Times 0 -Exactly
        }
    }
}
