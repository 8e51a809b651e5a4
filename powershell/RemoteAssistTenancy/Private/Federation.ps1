# Teams federation (external access): the Get/compare/Set steps behind Set-RATeamsFederation and
# Test-RATeamsFederation. Cmdlet reference (MicrosoftDocs/office-docs-powershell,
# teams/teams-ps/MicrosoftTeams/): Get-CsTenantFederationConfiguration.md,
# Set-CsTenantFederationConfiguration.md, New-CsEdgeAllowList.md, New-CsEdgeDomainPattern.md,
# New-CsEdgeAllowAllKnownDomains.md.

$script:FederationModes = @('open', 'allowList', 'blockList', 'disabled')
$script:FederationManagement = @('merge', 'replace')
# Most domains either list holds: "The AllowedDomains parameter can support up to 4,000 domains" and
# "The BlockedDomains parameter can support up to 4,000 domains" (Set-CsTenantFederationConfiguration,
# -AllowedDomains and -BlockedDomains), the limit federation/limits.ts checks on the stack's own list.
# In `merge` mode the tenant's other domains count too, so only the module, which reads them, can tell.
$script:FederationDomainLimit = 4000

function Get-RAFederationData {
    # The validated `federation` output: Mode, Management, Add and Remove (lower-case domains).
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $OutputsPath)
    $ErrorActionPreference = 'Stop'
    $value = Read-RAStackOutput -OutputsPath $OutputsPath -Name 'federation'
    $problems = [System.Collections.Generic.List[string]]::new()
    $mode = Get-RAProperty -InputObject $value -Name 'mode'
    if ($mode -isnot [string] -or $script:FederationModes -cnotcontains $mode) {
        $problems.Add("federation.mode: expected one of $($script:FederationModes -join ', '), not '$mode'")
    }
    $management = Get-RAProperty -InputObject $value -Name 'management'
    if ($management -isnot [string] -or $script:FederationManagement -cnotcontains $management) {
        $problems.Add("federation.management: expected one of $($script:FederationManagement -join ', '), not '$management'")
    }
    $add = Get-RAStringList -Value (Get-RAProperty -InputObject $value -Name 'add') -Path 'federation.add' -Problems $problems -Lower
    $remove = Get-RAStringList -Value (Get-RAProperty -InputObject $value -Name 'remove') -Path 'federation.remove' -Problems $problems -Lower
    Assert-RANoProblem -OutputsPath $OutputsPath -Name 'federation' -Problems $problems
    return [pscustomobject]@{
        Mode       = $mode
        Management = $management
        Add        = [string[]]@($add | Select-Object -Unique)
        Remove     = [string[]]@($remove | Where-Object { $add -notcontains $_ } | Select-Object -Unique)
    }
}

function ConvertTo-RADomainList {
    # The domains of an allowed or blocked list as lower-case strings. Items are DomainPattern objects
    # with a Domain property (what New-CsEdgeDomainPattern returns, and what Microsoft365DSC's
    # MSFT_TeamsFederationConfiguration reads back as AllowedDomains.AllowedDomain.Domain and
    # BlockedDomains.Domain); plain strings are taken as they are. One loop over the list, no call per
    # item: a list can hold 4,000 domains.
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter()] [AllowNull()] [object] $Items)
    $domains = [System.Collections.Generic.List[string]]::new()
    foreach ($item in @($Items)) {
        if ($null -eq $item) { continue }
        if ($item -isnot [string]) {
            $property = $item.PSObject.Properties['Domain']
            if ($null -ne $property -and $null -ne $property.Value) { $item = $property.Value }
        }
        $domains.Add(([string]$item).Trim().ToLowerInvariant())
    }
    # Unrolled: the caller collects the domains with [string[]]@(...).
    $domains.ToArray()
}

function Get-RATeamsFederationState {
    # The tenant's federation settings as plain values: AllowFederatedUsers, AllowAllKnownDomains
    # (AllowedDomains is an AllowAllKnownDomains object, which has no AllowedDomain list), and the
    # allowed and blocked domains, lower-case.
    [CmdletBinding()]
    param()
    $ErrorActionPreference = 'Stop'
    try {
        $config = Get-CsTenantFederationConfiguration -ErrorAction Stop
    }
    catch {
        throw (New-RACmdletError -Command 'Get-CsTenantFederationConfiguration' -Concerning 'the tenant federation configuration' -ErrorRecord $_)
    }
    $allowedDomains = Get-RAProperty -InputObject $config -Name 'AllowedDomains'
    $allowList = Get-RAProperty -InputObject $allowedDomains -Name 'AllowedDomain'
    $blockList = Get-RAProperty -InputObject $config -Name 'BlockedDomains'
    $allowAll = $null -eq $allowedDomains -or $null -eq $allowedDomains.PSObject.Properties['AllowedDomain']
    return [pscustomobject]@{
        AllowFederatedUsers  = [bool](Get-RAProperty -InputObject $config -Name 'AllowFederatedUsers')
        AllowAllKnownDomains = $allowAll
        AllowedDomains       = [string[]]@(if (-not $allowAll) { ConvertTo-RADomainList -Items $allowList })
        BlockedDomains       = [string[]]@(ConvertTo-RADomainList -Items $blockList)
    }
}

function Compare-RADomainList {
    # Domains of Wanted missing from Current, and of Current missing from Wanted, case-insensitively.
    [CmdletBinding()]
    param(
        [Parameter()] [AllowNull()] [AllowEmptyCollection()] [string[]] $Current = @(),
        [Parameter()] [AllowNull()] [AllowEmptyCollection()] [string[]] $Wanted = @()
    )
    # Sets, not -notcontains over arrays: a list can hold 4,000 domains.
    $currentSet = [System.Collections.Generic.HashSet[string]]::new([System.StringComparer]::OrdinalIgnoreCase)
    $wantedSet = [System.Collections.Generic.HashSet[string]]::new([System.StringComparer]::OrdinalIgnoreCase)
    foreach ($domain in @($Current)) { if ($null -ne $domain) { [void]$currentSet.Add($domain) } }
    foreach ($domain in @($Wanted)) { if ($null -ne $domain) { [void]$wantedSet.Add($domain) } }
    return [pscustomobject]@{
        Missing = [string[]]@(foreach ($domain in @($Wanted)) { if ($null -ne $domain -and -not $currentSet.Contains($domain)) { $domain } })
        Extra   = [string[]]@(foreach ($domain in @($Current)) { if ($null -ne $domain -and -not $wantedSet.Contains($domain)) { $domain } })
    }
}

function Join-RADomainList {
    # The list the stack wants: merge keeps the current list but `remove` and appends `add`; replace is `add`.
    [CmdletBinding()]
    [OutputType([string[]])]
    param(
        [Parameter()] [AllowNull()] [AllowEmptyCollection()] [string[]] $Current = @(),
        [Parameter(Mandatory)] [pscustomobject] $Data
    )
    if ($Data.Management -eq 'replace') {
        return , [string[]]@($Data.Add)
    }
    $kept = @(@($Current) | Where-Object { $null -ne $_ -and $Data.Remove -notcontains $_ })
    $keptSet = [System.Collections.Generic.HashSet[string]]::new([string[]]$kept, [System.StringComparer]::OrdinalIgnoreCase)
    $added = @(foreach ($domain in @($Data.Add)) { if (-not $keptSet.Contains($domain)) { $domain } })
    return , [string[]]@($kept + $added)
}

function Get-RAFederationPlan {
    # What Set-RATeamsFederation changes and Test-RATeamsFederation reports, for the data and the
    # tenant's current state: Target (the state after the run), Steps (calls to make, in order, each
    # with the Differences it removes) and Differences (every one, including a DomainLimit: a list the
    # run would take past $script:FederationDomainLimit, which no step removes).
    #
    # allowList, merge: new allowed list = current list (empty when every known domain is allowed)
    #   + add - remove. Switching from all known domains takes a new AllowList object (New-CsEdgeAllowList
    #   -AllowedDomain, Example 2; -AllowedDomain $null for none, Example 3); an existing list changes only
    #   by the domains that differ, with -AllowedDomainsAsAList @{Add=...} and @{Remove=...}
    #   (Set-CsTenantFederationConfiguration, Examples 7 and 8), so domains the stack does not own stay.
    # allowList, replace: the allowed list is exactly `add` (New-CsEdgeAllowList).
    # open and blockList: AllowedDomains is New-CsEdgeAllowAllKnownDomains; merge changes the blocked list
    #   with -BlockedDomains @{Add=...} and @{Remove=...} (Examples 4 and 3), replace sets it with
    #   @{Replace=...} (Example 1), or $null to empty it (Example 5).
    # disabled: AllowFederatedUsers $false, the lists stay as they are ("a master switch", -AllowFederatedUsers).
    # The blocked list is left alone in allowList mode: "If the AllowedDomains property has not been set
    # to AllowAllKnownDomains, then the blocked list is ignored" (-BlockedDomains).
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [pscustomobject] $Data,
        [Parameter(Mandatory)] [pscustomobject] $State
    )
    $area = 'Teams federation'
    $steps = [System.Collections.Generic.List[object]]::new()
    $differences = [System.Collections.Generic.List[object]]::new()
    $settings = [ordered]@{}
    # The differences the Settings step removes: it can carry several settings in one call.
    $settingsDifferences = [System.Collections.Generic.List[object]]::new()
    $newStep = {
        param([string] $Kind, [string[]] $Domains, [string] $Description, [object[]] $Removes)
        [pscustomobject]@{ Kind = $Kind; Domains = $Domains; Description = $Description; Differences = [object[]]@($Removes) }
    }
    $limitCheck = {
        # A DomainLimit difference when the list the run makes holds more domains than Teams accepts.
        param([string] $List, [string] $Parameter, [string[]] $Current, [string[]] $Wanted, [pscustomobject] $Delta)
        if ($Wanted.Count -le $script:FederationDomainLimit) { return }
        $differences.Add((New-RADifference -Area $area -Kind 'DomainLimit' -Subject $Parameter -Expected $script:FederationDomainLimit -Actual $Wanted.Count -Message "The $List domains list would hold $($Wanted.Count) domains after the stack's changes ($($Current.Count) on it now, $($Delta.Missing.Count) to add, $($Delta.Extra.Count) to take off), but Teams accepts at most $($script:FederationDomainLimit) (``Set-CsTenantFederationConfiguration -$Parameter``), so Set-RATeamsFederation changes nothing: take domains the stack does not own off the list, or list fewer in the stack config."))
    }
    $wantFederation = $Data.Mode -ne 'disabled'
    $target = [pscustomobject]@{
        AllowFederatedUsers  = $wantFederation
        AllowAllKnownDomains = $State.AllowAllKnownDomains
        AllowedDomains       = $State.AllowedDomains
        BlockedDomains       = $State.BlockedDomains
    }
    if ($State.AllowFederatedUsers -ne $wantFederation) {
        $settings['AllowFederatedUsers'] = $wantFederation
        $message = if ($wantFederation) {
            'Federation is off (`AllowFederatedUsers` is False); the stack turns it on.'
        }
        else {
            'Federation is on (`AllowFederatedUsers` is True); the stack turns it off (mode `disabled`).'
        }
        $difference = New-RADifference -Area $area -Kind 'AllowFederatedUsers' -Subject 'AllowFederatedUsers' -Expected $wantFederation -Actual $State.AllowFederatedUsers -Message $message
        $differences.Add($difference)
        $settingsDifferences.Add($difference)
    }
    $owner = if ($Data.Management -eq 'replace') { ', which the stack replaces as a whole (management `replace`)' } else { '' }
    if ($Data.Mode -eq 'allowList') {
        # Arrays are assigned in each branch: an `if` used as an expression would unroll an empty one to $null.
        [string[]]$current = @()
        if (-not $State.AllowAllKnownDomains) { $current = $State.AllowedDomains }
        $wanted = Join-RADomainList -Current $current -Data $Data
        $target.AllowAllKnownDomains = $false
        $target.AllowedDomains = $wanted
        $delta = Compare-RADomainList -Current $current -Wanted $wanted
        if ($State.AllowAllKnownDomains) {
            $settings['AllowList'] = $wanted
            $difference = New-RADifference -Area $area -Kind 'AllowedDomains' -Subject 'AllowedDomains' -Expected 'allow list' -Actual 'all known domains' -Message 'Every known domain may federate (`AllowedDomains` is AllowAllKnownDomains); the stack allows only the domains on its allowed list.'
            $differences.Add($difference)
            $settingsDifferences.Add($difference)
        }
        else {
            $missing = @(foreach ($domain in $delta.Missing) {
                    New-RADifference -Area $area -Kind 'DomainMissing' -Subject $domain -Expected 'allowed' -Actual 'not allowed' -Message "$(Format-RAName -Name $domain) is not on the allowed domains list; the stack adds it."
                })
            $extra = @(foreach ($domain in $delta.Extra) {
                    $why = if ($Data.Management -eq 'merge') { '; the stack takes it off (a suspended vendor''s domain)' } else { "$owner, and the stack does not list it" }
                    New-RADifference -Area $area -Kind 'DomainExtra' -Subject $domain -Expected 'not allowed' -Actual 'allowed' -Message "$(Format-RAName -Name $domain) is on the allowed domains list$why."
                })
            foreach ($difference in $missing + $extra) { $differences.Add($difference) }
            if ($Data.Management -eq 'replace') {
                if ($delta.Missing.Count -gt 0 -or $delta.Extra.Count -gt 0) {
                    $settings['AllowList'] = $wanted
                    foreach ($difference in $missing + $extra) { $settingsDifferences.Add($difference) }
                }
            }
            else {
                if ($delta.Missing.Count -gt 0) {
                    $steps.Add((& $newStep 'AllowedAdd' $delta.Missing "Add to the allowed domains: $($delta.Missing -join ', ')" $missing))
                }
                if ($delta.Extra.Count -gt 0) {
                    $steps.Add((& $newStep 'AllowedRemove' $delta.Extra "Remove from the allowed domains: $($delta.Extra -join ', ')" $extra))
                }
            }
        }
        & $limitCheck 'allowed' 'AllowedDomains' $current $wanted $delta
    }
    elseif ($Data.Mode -in @('open', 'blockList')) {
        [string[]]$current = $State.BlockedDomains
        $wanted = Join-RADomainList -Current $current -Data $Data
        $target.AllowAllKnownDomains = $true
        $target.BlockedDomains = $wanted
        if (-not $State.AllowAllKnownDomains) {
            $settings['AllowAllKnownDomains'] = $true
            $difference = New-RADifference -Area $area -Kind 'AllowedDomains' -Subject 'AllowedDomains' -Expected 'all known domains' -Actual 'allow list' -Message "Only the domains on the allowed list may federate; the stack allows every known domain but the blocked ones (mode ``$($Data.Mode)``)."
            $differences.Add($difference)
            $settingsDifferences.Add($difference)
        }
        $delta = Compare-RADomainList -Current $current -Wanted $wanted
        $missing = @(foreach ($domain in $delta.Missing) {
                New-RADifference -Area $area -Kind 'DomainMissing' -Subject $domain -Expected 'blocked' -Actual 'not blocked' -Message "$(Format-RAName -Name $domain) is not on the blocked domains list; the stack blocks it."
            })
        $extra = @(foreach ($domain in $delta.Extra) {
                $why = if ($Data.Management -eq 'merge') { '; the stack unblocks it (an active vendor''s domain)' } else { "$owner, and the stack does not list it" }
                New-RADifference -Area $area -Kind 'DomainExtra' -Subject $domain -Expected 'not blocked' -Actual 'blocked' -Message "$(Format-RAName -Name $domain) is on the blocked domains list$why."
            })
        foreach ($difference in $missing + $extra) { $differences.Add($difference) }
        if ($Data.Management -eq 'replace') {
            if ($delta.Missing.Count -gt 0 -or $delta.Extra.Count -gt 0) {
                $description = if ($wanted.Count -eq 0) { 'Empty the blocked domains list' } else { "Make the blocked domains exactly: $($wanted -join ', ')" }
                $steps.Add((& $newStep 'BlockedReplace' $wanted $description ($missing + $extra)))
            }
        }
        else {
            if ($delta.Missing.Count -gt 0) {
                $steps.Add((& $newStep 'BlockedAdd' $delta.Missing "Add to the blocked domains: $($delta.Missing -join ', ')" $missing))
            }
            if ($delta.Extra.Count -gt 0) {
                $steps.Add((& $newStep 'BlockedRemove' $delta.Extra "Remove from the blocked domains: $($delta.Extra -join ', ')" $extra))
            }
        }
        & $limitCheck 'blocked' 'BlockedDomains' $current $wanted $delta
    }
    if ($settings.Count -gt 0) {
        $parts = [System.Collections.Generic.List[string]]::new()
        if ($settings.Contains('AllowFederatedUsers')) {
            $parts.Add($(if ($settings['AllowFederatedUsers']) { 'Turn federation on (AllowFederatedUsers True)' } else { 'Turn federation off (AllowFederatedUsers False); the allowed and blocked lists stay as they are' }))
        }
        if ($settings.Contains('AllowList')) {
            $list = [string[]]$settings['AllowList']
            $parts.Add($(if ($list.Count -eq 0) { 'Allow no domain (an empty allow list)' } else { "Allow only these domains: $($list -join ', ')" }))
        }
        if ($settings.Contains('AllowAllKnownDomains')) {
            $parts.Add('Allow every known domain but the blocked ones')
        }
        # The switch of AllowedDomains comes first, so the list steps after it change the new list.
        $step = & $newStep 'Settings' ([string[]]@($settings['AllowList'])) ($parts -join '; ') $settingsDifferences.ToArray()
        $step | Add-Member -NotePropertyName 'Settings' -NotePropertyValue $settings
        $steps.Insert(0, $step)
    }
    return [pscustomobject]@{
        Target      = $target
        Steps       = $steps.ToArray()
        Differences = $differences.ToArray()
    }
}

function New-RADomainPattern {
    # New-CsEdgeDomainPattern for one domain: the blocked list and an AllowList take DomainPattern
    # objects (New-CsEdgeAllowList, Example 2; Set-CsTenantFederationConfiguration, Example 4). A
    # failure names that domain, not the whole list of its step.
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Domain)
    $ErrorActionPreference = 'Stop'
    try {
        New-CsEdgeDomainPattern -Domain $Domain -ErrorAction Stop
    }
    catch {
        throw (New-RACmdletError -Command 'New-CsEdgeDomainPattern' -Concerning "the domain '$Domain'" -ErrorRecord $_)
    }
}

function Invoke-RAFederationStep {
    # Makes one step's Set-CsTenantFederationConfiguration call. -Confirm:$false because the caller's
    # ShouldProcess already asked; the cmdlet would otherwise ask again under Set-RATeamsFederation -Confirm.
    # Every cmdlet it calls is inside the try, so a failure names what it concerns: a domain pattern its
    # domain, anything else the step.
    [CmdletBinding()]
    param([Parameter(Mandatory)] [pscustomobject] $Step)
    $ErrorActionPreference = 'Stop'
    $concerning = "the step '$($Step.Description)'"
    try {
        $parameters = @{ Confirm = $false; ErrorAction = 'Stop' }
        $patterns = { param([string[]] $Domains) foreach ($domain in $Domains) { New-RADomainPattern -Domain $domain } }
        switch ($Step.Kind) {
            'Settings' {
                if ($Step.Settings.Contains('AllowFederatedUsers')) {
                    $parameters['AllowFederatedUsers'] = [bool]$Step.Settings['AllowFederatedUsers']
                }
                if ($Step.Settings.Contains('AllowList')) {
                    $list = [string[]]$Step.Settings['AllowList']
                    # -AllowedDomain $null for an empty list (New-CsEdgeAllowList, Example 3).
                    $allowed = $null
                    if ($list.Count -gt 0) { $allowed = @(& $patterns $list) }
                    try {
                        $parameters['AllowedDomains'] = New-CsEdgeAllowList -AllowedDomain $allowed -ErrorAction Stop
                    }
                    catch {
                        throw (New-RACmdletError -Command 'New-CsEdgeAllowList' -Concerning $concerning -ErrorRecord $_)
                    }
                }
                if ($Step.Settings.Contains('AllowAllKnownDomains')) {
                    try {
                        $parameters['AllowedDomains'] = New-CsEdgeAllowAllKnownDomains -ErrorAction Stop
                    }
                    catch {
                        throw (New-RACmdletError -Command 'New-CsEdgeAllowAllKnownDomains' -Concerning $concerning -ErrorRecord $_)
                    }
                }
            }
            'AllowedAdd' { $parameters['AllowedDomainsAsAList'] = @{ Add = [System.Collections.Generic.List[string]]::new([string[]]$Step.Domains) } }
            'AllowedRemove' { $parameters['AllowedDomainsAsAList'] = @{ Remove = [System.Collections.Generic.List[string]]::new([string[]]$Step.Domains) } }
            'BlockedAdd' { $parameters['BlockedDomains'] = @{ Add = @(& $patterns $Step.Domains) } }
            'BlockedRemove' { $parameters['BlockedDomains'] = @{ Remove = @(& $patterns $Step.Domains) } }
            'BlockedReplace' {
                $parameters['BlockedDomains'] = if ($Step.Domains.Count -eq 0) { $null } else { @{ Replace = @(& $patterns $Step.Domains) } }
            }
            default { throw "Unknown federation step $($Step.Kind)" }
        }
        Set-CsTenantFederationConfiguration @parameters
    }
    catch {
        if ($_.FullyQualifiedErrorId -like 'RemoteAssistTenancy.*') {
            # Already names its cmdlet and domain or step.
            throw
        }
        throw (New-RACmdletError -Command 'Set-CsTenantFederationConfiguration' -Concerning $concerning -ErrorRecord $_)
    }
}

function Write-RAFederationState {
    # Prints federation settings for the admin running Set-RATeamsFederation.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Title,
        [Parameter(Mandatory)] [pscustomobject] $State
    )
    $allowed = if ($State.AllowAllKnownDomains) { 'all known domains' } elseif ($State.AllowedDomains.Count -eq 0) { 'none' } else { $State.AllowedDomains -join ', ' }
    $blocked = if ($State.BlockedDomains.Count -eq 0) { 'none' } else { $State.BlockedDomains -join ', ' }
    Write-Host ("$Title`n  Federation (AllowFederatedUsers): {0}`n  Allowed domains: {1}`n  Blocked domains: {2}" -f $(if ($State.AllowFederatedUsers) { 'on' } else { 'off' }), $allowed, $blocked)
}
