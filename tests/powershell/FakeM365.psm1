# Fakes of the Teams and Security & Compliance cmdlets RemoteAssistTenancy calls, over an in-memory
# tenant: the federation configuration with its allowed and blocked domains, the organization
# segments, the information barrier policies with their states, and the policy applications (how many
# were started since Reset-FakeTenant, and the history Get-InformationBarrierPoliciesApplicationStatus
# reads; none by default).
#
# Each fake has the real cmdlet's name and parameters (names, types, mandatory flags, parameter sets)
# from Microsoft's cmdlet reference, the page cited above it (repository
# MicrosoftDocs/office-docs-powershell), so a wrong parameter fails a test as it would fail in the
# tenant. Where the reference contradicts itself, the comment says which part the fake follows. Types
# the modules define and these tests cannot load (XdsIdentity, PolicyIdParameter, MultiValuedProperty,
# EopInformationBarrierPolicyState) are modelled with the PowerShell type that binds the same values.
#
# Helpers for tests: Reset-FakeTenant, Get-FakeTenant, Get-FakeCall, Clear-FakeCall,
# Set-FakeFailure, Set-FakeWarning, Set-FakeApplicationStatus. Every call of a fake is logged with its
# bound parameters.
Set-StrictMode -Version Latest

$script:Tenant = $null
$script:Calls = [System.Collections.Generic.List[object]]::new()
$script:Failures = @{}
$script:Warnings = @{}

$script:DomainPatternType = 'Microsoft.Rtc.Management.WritableConfig.Settings.Edge.DomainPattern'

function New-FakeDomainPattern([string] $Domain) {
    [pscustomobject]@{ PSTypeName = $script:DomainPatternType; Domain = $Domain }
}

function Reset-FakeTenant {
    # A tenant in the state Teams and Purview create by default (federation on, every known domain
    # allowed, nothing blocked, no segment, no policy) unless told otherwise.
    [CmdletBinding()]
    param(
        [bool] $AllowFederatedUsers = $true,
        [switch] $AllowAllKnownDomains,
        [string[]] $AllowedDomains = @(),
        [string[]] $BlockedDomains = @(),
        [hashtable[]] $Segments = @(),
        [hashtable[]] $Policies = @()
    )
    $allowAll = $AllowAllKnownDomains.IsPresent -or ($AllowedDomains.Count -eq 0 -and -not $PSBoundParameters.ContainsKey('AllowedDomains'))
    $script:Tenant = [pscustomobject]@{
        AllowFederatedUsers  = $AllowFederatedUsers
        AllowAllKnownDomains = $allowAll
        AllowedDomains       = [System.Collections.Generic.List[string]]::new([string[]]$AllowedDomains)
        BlockedDomains       = [System.Collections.Generic.List[string]]::new([string[]]$BlockedDomains)
        Segments             = [System.Collections.Generic.List[object]]::new()
        Policies             = [System.Collections.Generic.List[object]]::new()
        Applications         = 0
        ApplicationHistory   = [System.Collections.Generic.List[object]]::new()
    }
    foreach ($segment in $Segments) {
        $script:Tenant.Segments.Add([pscustomobject]@{ Name = $segment.Name; UserGroupFilter = $segment.UserGroupFilter; Guid = [guid]::NewGuid() })
    }
    foreach ($policy in $Policies) {
        $script:Tenant.Policies.Add([pscustomobject]@{
                Name            = $policy.Name
                AssignedSegment = $policy.AssignedSegment
                SegmentsAllowed = [string[]]@($(if ($policy.ContainsKey('SegmentsAllowed')) { $policy.SegmentsAllowed }))
                SegmentsBlocked = [string[]]@($(if ($policy.ContainsKey('SegmentsBlocked')) { $policy.SegmentsBlocked }))
                State           = $(if ($policy.ContainsKey('State')) { $policy.State } else { 'Active' })
                Guid            = [guid]::NewGuid()
            })
    }
    $script:Calls.Clear()
    $script:Failures = @{}
    $script:Warnings = @{}
}

function New-FakeApplication([string] $Status) {
    [pscustomobject]@{ Identity = [guid]::NewGuid(); Status = $Status; TotalRecipients = 0; FailedRecipients = 0; FailureCategory = 'None' }
}

function Set-FakeApplicationStatus {
    # Gives the latest policy application Status, as Purview does once it runs, fails or is stopped.
    param([Parameter(Mandatory)] [string] $Status)
    $script:Tenant.ApplicationHistory[-1].Status = $Status
}

function Get-FakeTenant {
    # The in-memory tenant itself, for assertions.
    $script:Tenant
}

function Get-FakeCall {
    # Logged calls, oldest first: Command, Parameters (the bound parameters) and Index.
    param([string] $Command)
    @($script:Calls | Where-Object { -not $Command -or $_.Command -eq $Command })
}

function Clear-FakeCall {
    $script:Calls.Clear()
}

function Set-FakeFailure {
    # Makes Command fail with Message when When (a scriptblock over the bound parameters, $p) is true.
    param([Parameter(Mandatory)] [string] $Command, [Parameter(Mandatory)] [string] $Message, [scriptblock] $When = { $true })
    $script:Failures[$Command] = @{ Message = $Message; When = $When }
}

function Set-FakeWarning {
    # Makes Command write Message to the warning stream, as a sign-in cmdlet may: the CI script must
    # keep it out of the drift report.
    param([Parameter(Mandatory)] [string] $Command, [Parameter(Mandatory)] [string] $Message)
    $script:Warnings[$Command] = $Message
}

function Register-FakeCall {
    param([string] $Command, [hashtable] $Parameters)
    $script:Calls.Add([pscustomobject]@{ Index = $script:Calls.Count; Command = $Command; Parameters = $Parameters })
    if ($script:Warnings.ContainsKey($Command)) {
        Write-Warning $script:Warnings[$Command]
    }
    $failure = $script:Failures[$Command]
    if ($null -ne $failure -and (& $failure.When $Parameters)) {
        throw $failure.Message
    }
}

function Find-FakeByIdentity($Collection, [string] $Identity) {
    # PolicyIdParameter: "any value that uniquely identifies" it: Name or GUID.
    @($Collection | Where-Object { $_.Name -eq $Identity -or $_.Guid.ToString() -eq $Identity }) | Select-Object -First 1
}

function Copy-FakePolicy($Policy) {
    [pscustomobject]@{
        Name            = $Policy.Name
        AssignedSegment = $Policy.AssignedSegment
        SegmentsAllowed = [string[]]@($Policy.SegmentsAllowed)
        SegmentsBlocked = [string[]]@($Policy.SegmentsBlocked)
        State           = $Policy.State
        Guid            = $Policy.Guid
    }
}

# --- Teams (MicrosoftTeams module) -------------------------------------------------------------

# teams/teams-ps/MicrosoftTeams/Get-CsTenantFederationConfiguration.md: sets Identity (Default) and
# Filter. The output's AllowedDomains is an AllowAllKnownDomains object (no AllowedDomain list) or an
# AllowList whose AllowedDomain holds DomainPattern objects; BlockedDomains holds DomainPattern
# objects (the shape Microsoft365DSC's MSFT_TeamsFederationConfiguration reads:
# AllowedDomains.AllowedDomain.Domain, BlockedDomains.Domain).
function Get-CsTenantFederationConfiguration {
    [CmdletBinding(DefaultParameterSetName = 'Identity')]
    param(
        [Parameter()] [guid] $Tenant,
        [Parameter(ParameterSetName = 'Identity', Position = 2)] [string] $Identity,
        [Parameter(ParameterSetName = 'Filter')] [string] $Filter,
        [Parameter()] [switch] $LocalStore
    )
    Register-FakeCall -Command $MyInvocation.MyCommand.Name -Parameters ([hashtable]::new($PSBoundParameters))
    $allowed = if ($script:Tenant.AllowAllKnownDomains) {
        [pscustomobject]@{ PSTypeName = 'Microsoft.Rtc.Management.WritableConfig.Settings.Edge.AllowAllKnownDomains' }
    }
    else {
        [pscustomobject]@{
            PSTypeName    = 'Microsoft.Rtc.Management.WritableConfig.Settings.Edge.AllowList'
            AllowedDomain = [System.Collections.Generic.List[object]]::new([object[]]@(foreach ($domain in $script:Tenant.AllowedDomains) { [pscustomobject]@{ PSTypeName = $script:DomainPatternType; Domain = $domain } }))
        }
    }
    [pscustomobject]@{
        PSTypeName                  = 'Microsoft.Rtc.Management.WritableConfig.Settings.Edge.TenantFederationSettings'
        Identity                    = 'Global'
        AllowFederatedUsers         = $script:Tenant.AllowFederatedUsers
        AllowedDomains              = $allowed
        BlockedDomains              = [System.Collections.Generic.List[object]]::new([object[]]@(foreach ($domain in $script:Tenant.BlockedDomains) { [pscustomobject]@{ PSTypeName = $script:DomainPatternType; Domain = $domain } }))
        AllowTeamsConsumer          = $true
        AllowTeamsConsumerInbound   = $true
        BlockAllSubdomains          = $false
        SharedSipAddressSpace       = $false
        TreatDiscoveredPartnersAsUnverified = $false
    }
}

# teams/teams-ps/MicrosoftTeams/New-CsEdgeDomainPattern.md: `New-CsEdgeDomainPattern -Domain <String>`.
# The syntax makes -Domain mandatory (the parameter table says Required: False); Example 3 passes "".
function New-CsEdgeDomainPattern {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [AllowEmptyString()] [string] $Domain)
    Register-FakeCall -Command $MyInvocation.MyCommand.Name -Parameters ([hashtable]::new($PSBoundParameters))
    New-FakeDomainPattern $Domain
}

# teams/teams-ps/MicrosoftTeams/New-CsEdgeAllowList.md: `New-CsEdgeAllowList [-AllowedDomain <String>]`.
# The table says String, but every example passes DomainPattern objects (-AllowedDomain $x,$y) or
# $Null for an empty list, and "String values cannot be passed directly" (New-CsEdgeDomainPattern):
# the fake takes objects and refuses anything that is not a DomainPattern.
function New-CsEdgeAllowList {
    [CmdletBinding()]
    param([Parameter()] [AllowNull()] [object[]] $AllowedDomain)
    Register-FakeCall -Command $MyInvocation.MyCommand.Name -Parameters ([hashtable]::new($PSBoundParameters))
    $domains = [System.Collections.Generic.List[object]]::new()
    foreach ($item in @($AllowedDomain)) {
        if ($null -eq $item) { continue }
        if ($item.PSObject.TypeNames -notcontains 'Microsoft.Rtc.Management.WritableConfig.Settings.Edge.DomainPattern') {
            throw "Cannot bind parameter 'AllowedDomain': '$item' is not a DomainPattern; create one with New-CsEdgeDomainPattern."
        }
        $domains.Add($item)
    }
    [pscustomobject]@{ PSTypeName = 'Microsoft.Rtc.Management.WritableConfig.Settings.Edge.AllowList'; AllowedDomain = $domains }
}

# teams/teams-ps/MicrosoftTeams/New-CsEdgeAllowAllKnownDomains.md: no parameters.
function New-CsEdgeAllowAllKnownDomains {
    [CmdletBinding()]
    param()
    Register-FakeCall -Command $MyInvocation.MyCommand.Name -Parameters ([hashtable]::new($PSBoundParameters))
    [pscustomobject]@{ PSTypeName = 'Microsoft.Rtc.Management.WritableConfig.Settings.Edge.AllowAllKnownDomains' }
}

function ConvertTo-FakeDomain($Item, [string] $Parameter) {
    if ($Item -is [string]) { return $Item.ToLowerInvariant() }
    if ($Item.PSObject.TypeNames -contains 'Microsoft.Rtc.Management.WritableConfig.Settings.Edge.DomainPattern') { return $Item.Domain.ToLowerInvariant() }
    throw "Cannot bind parameter '$Parameter': '$Item' is neither a domain nor a DomainPattern."
}

function Update-FakeList([System.Collections.Generic.List[string]] $List, [System.Management.Automation.PSListModifier] $Modifier, [string] $Parameter) {
    if ($Modifier.Add.Count -eq 0 -and $Modifier.Remove.Count -eq 0) {
        # A list, a single DomainPattern or @{Replace=...} replaces the whole list (Examples 1, 6, 10).
        $List.Clear()
        foreach ($item in $Modifier.Replace) { $List.Add((ConvertTo-FakeDomain $item $Parameter)) }
        return
    }
    foreach ($item in $Modifier.Add) {
        $domain = ConvertTo-FakeDomain $item $Parameter
        if ($List -notcontains $domain) { $List.Add($domain) }
    }
    foreach ($item in $Modifier.Remove) {
        $domain = ConvertTo-FakeDomain $item $Parameter
        [void]$List.RemoveAll([Predicate[string]] { param($d) $d -eq $domain })
    }
}

# teams/teams-ps/MicrosoftTeams/Set-CsTenantFederationConfiguration.md: sets Identity (Default) and
# Instance. AllowedDomains takes an AllowList or AllowAllKnownDomains object ("string values cannot be
# passed directly"; the syntax types it IAllowedDomainsChoice, the table Boolean). BlockedDomains and
# AllowedDomainsAsAList are typed List; the examples pass $Null (empty the list), a DomainPattern or a
# List (replace it) and @{Add=...}, @{Remove=...}, @{Replace=...}, which is what PowerShell's
# PSListModifier binds, so the fake types them so. AllowedDomainsAsAList takes domain strings
# (Examples 6 to 8); adding to or removing from it while every known domain is allowed is not
# documented, so the fake refuses it. Up to 4,000 domains per list (-AllowedDomains, -BlockedDomains).
function Set-CsTenantFederationConfiguration {
    [CmdletBinding(DefaultParameterSetName = 'Identity', SupportsShouldProcess)]
    param(
        [Parameter()] [guid] $Tenant,
        [Parameter()] [object] $AllowedDomains,
        [Parameter()] [AllowNull()] [System.Management.Automation.PSListModifier[object]] $BlockedDomains,
        [Parameter()] [bool] $BlockAllSubdomains,
        [Parameter()] [bool] $AllowFederatedUsers,
        [Parameter(ParameterSetName = 'Identity')] [bool] $AllowTeamsConsumer,
        [Parameter(ParameterSetName = 'Identity')] [bool] $AllowTeamsConsumerInbound,
        [Parameter()] [bool] $TreatDiscoveredPartnersAsUnverified,
        [Parameter()] [bool] $SharedSipAddressSpace,
        [Parameter()] [bool] $RestrictTeamsConsumerToExternalUserProfiles,
        [Parameter()] [AllowNull()] [System.Management.Automation.PSListModifier[object]] $AllowedDomainsAsAList,
        [Parameter(ParameterSetName = 'Identity')] [ValidateSet('Allowed', 'Blocked')] [string] $ExternalAccessWithTrialTenants,
        [Parameter(ParameterSetName = 'Identity')] [ValidateSet('Enabled', 'Disabled')] [string] $DomainBlockingForMDOAdminsInTeams,
        [Parameter(ParameterSetName = 'Identity')] [System.Management.Automation.PSListModifier[object]] $AllowedTrialTenantDomains,
        [Parameter(ParameterSetName = 'Identity', Position = 2)] [string] $Identity,
        [Parameter(ParameterSetName = 'Instance')] [psobject] $Instance,
        [Parameter()] [switch] $Force
    )
    Register-FakeCall -Command $MyInvocation.MyCommand.Name -Parameters ([hashtable]::new($PSBoundParameters))
    if ($PSBoundParameters.ContainsKey('AllowedDomains')) {
        $names = $AllowedDomains.PSObject.TypeNames
        if ($names -contains 'Microsoft.Rtc.Management.WritableConfig.Settings.Edge.AllowAllKnownDomains') {
            $script:Tenant.AllowAllKnownDomains = $true
        }
        elseif ($names -contains 'Microsoft.Rtc.Management.WritableConfig.Settings.Edge.AllowList') {
            $script:Tenant.AllowAllKnownDomains = $false
            $script:Tenant.AllowedDomains.Clear()
            foreach ($pattern in $AllowedDomains.AllowedDomain) { $script:Tenant.AllowedDomains.Add($pattern.Domain.ToLowerInvariant()) }
        }
        else {
            throw "Cannot bind parameter 'AllowedDomains': pass New-CsEdgeAllowList or New-CsEdgeAllowAllKnownDomains, not '$AllowedDomains'."
        }
    }
    if ($PSBoundParameters.ContainsKey('AllowedDomainsAsAList')) {
        if ($null -eq $AllowedDomainsAsAList) {
            $script:Tenant.AllowAllKnownDomains = $false
            $script:Tenant.AllowedDomains.Clear()
        }
        else {
            foreach ($item in @($AllowedDomainsAsAList.Add) + @($AllowedDomainsAsAList.Remove) + @($AllowedDomainsAsAList.Replace)) {
                if ($item -isnot [string]) { throw "Cannot bind parameter 'AllowedDomainsAsAList': the list holds domain names (strings), not '$item'." }
            }
            $incremental = $AllowedDomainsAsAList.Add.Count -gt 0 -or $AllowedDomainsAsAList.Remove.Count -gt 0
            if ($incremental -and $script:Tenant.AllowAllKnownDomains) {
                throw 'Fake: adding to or removing from AllowedDomainsAsAList while every known domain is allowed is not documented.'
            }
            $script:Tenant.AllowAllKnownDomains = $false
            Update-FakeList $script:Tenant.AllowedDomains $AllowedDomainsAsAList 'AllowedDomainsAsAList'
        }
    }
    if ($PSBoundParameters.ContainsKey('BlockedDomains')) {
        if ($null -eq $BlockedDomains) { $script:Tenant.BlockedDomains.Clear() }
        else { Update-FakeList $script:Tenant.BlockedDomains $BlockedDomains 'BlockedDomains' }
    }
    foreach ($list in @($script:Tenant.AllowedDomains, $script:Tenant.BlockedDomains)) {
        if ($list.Count -gt 4000) { throw 'The list can hold up to 4,000 domains.' }
    }
    if ($PSBoundParameters.ContainsKey('AllowFederatedUsers')) {
        $script:Tenant.AllowFederatedUsers = $AllowFederatedUsers
    }
}

# --- Security & Compliance (ExchangeOnlineManagement, Connect-IPPSSession) -------------------------
# "The WhatIf switch doesn't work in Security & Compliance PowerShell" (every page below), so these
# fakes accept -WhatIf where documented and change the tenant all the same.

# exchange/exchange-ps/ExchangePowerShell/Get-OrganizationSegment.md: sets OrganizationSegmentsDefault
# (Default) and Identity. "The value $null or a non-existent value for the Identity parameter returns
# all objects."
function Get-OrganizationSegment {
    [CmdletBinding(DefaultParameterSetName = 'OrganizationSegmentsDefault')]
    param(
        [Parameter(ParameterSetName = 'Identity', Position = 0, ValueFromPipeline, ValueFromPipelineByPropertyName)] [string] $Identity
    )
    process {
        Register-FakeCall -Command $MyInvocation.MyCommand.Name -Parameters ([hashtable]::new($PSBoundParameters))
        $found = if ($Identity) { Find-FakeByIdentity $script:Tenant.Segments $Identity }
        $segments = if ($found) { @($found) } else { @($script:Tenant.Segments) }
        foreach ($segment in $segments) {
            [pscustomobject]@{ Name = $segment.Name; UserGroupFilter = $segment.UserGroupFilter; Guid = $segment.Guid }
        }
    }
}

# exchange/exchange-ps/ExchangePowerShell/New-OrganizationSegment.md:
# `New-OrganizationSegment [-Name] <String> -UserGroupFilter <String> [-Confirm] [-WhatIf]`; names up
# to 64 characters.
function New-OrganizationSegment {
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory, Position = 0)] [string] $Name,
        [Parameter(Mandatory)] [string] $UserGroupFilter
    )
    Register-FakeCall -Command $MyInvocation.MyCommand.Name -Parameters ([hashtable]::new($PSBoundParameters))
    if ($Name.Length -gt 64) { throw "The Name value is longer than 64 characters: $Name" }
    if (Find-FakeByIdentity $script:Tenant.Segments $Name) { throw "An organization segment named '$Name' already exists." }
    $script:Tenant.Segments.Add([pscustomobject]@{ Name = $Name; UserGroupFilter = $UserGroupFilter; Guid = [guid]::NewGuid() })
}

# exchange/exchange-ps/ExchangePowerShell/Set-OrganizationSegment.md:
# `Set-OrganizationSegment [-Identity] <PolicyIdParameter> [-UserGroupFilter <String>]`, no -Confirm,
# -WhatIf or -Force. The syntax makes -Identity mandatory (the table says Required: False).
function Set-OrganizationSegment {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipeline, ValueFromPipelineByPropertyName)] [string] $Identity,
        [Parameter()] [string] $UserGroupFilter
    )
    process {
        Register-FakeCall -Command $MyInvocation.MyCommand.Name -Parameters ([hashtable]::new($PSBoundParameters))
        $segment = Find-FakeByIdentity $script:Tenant.Segments $Identity
        if (-not $segment) { throw "The operation couldn't be performed because object '$Identity' couldn't be found." }
        if ($PSBoundParameters.ContainsKey('UserGroupFilter')) { $segment.UserGroupFilter = $UserGroupFilter }
    }
}

# exchange/exchange-ps/ExchangePowerShell/Get-InformationBarrierPolicy.md: sets InformationBarrierDefault
# (Default) and Identity, -ExoPolicyId in both. A $null or non-existent -Identity returns all policies.
function Get-InformationBarrierPolicy {
    [CmdletBinding(DefaultParameterSetName = 'InformationBarrierDefault')]
    param(
        [Parameter(ParameterSetName = 'Identity', Position = 0, ValueFromPipeline, ValueFromPipelineByPropertyName)] [string] $Identity,
        [Parameter()] [guid] $ExoPolicyId
    )
    process {
        Register-FakeCall -Command $MyInvocation.MyCommand.Name -Parameters ([hashtable]::new($PSBoundParameters))
        $found = if ($Identity) { Find-FakeByIdentity $script:Tenant.Policies $Identity }
        $policies = if ($found) { @($found) } else { @($script:Tenant.Policies) }
        foreach ($policy in $policies) { Copy-FakePolicy $policy }
    }
}

function Assert-FakeSegmentsExist([string[]] $Names) {
    foreach ($name in $Names) {
        if (-not (Find-FakeByIdentity $script:Tenant.Segments $name)) { throw "The organization segment '$name' couldn't be found." }
    }
}

# exchange/exchange-ps/ExchangePowerShell/New-InformationBarrierPolicy.md: sets
# OrganizationSegmentAllowedFilter, OrganizationSegmentsAllowed and OrganizationSegmentsBlocked, each
# with a mandatory [-Name] (position 0), -AssignedSegment and its own segment parameter. -State
# (Inactive, the default, or Active) is listed under "Parameter Sets: (All)" and used with
# -SegmentsAllowed and -SegmentsBlocked in the examples, although the syntax blocks of those two sets
# leave it out: the fake follows the parameter table. Names up to 64 characters.
function New-InformationBarrierPolicy {
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory, Position = 0)] [string] $Name,
        [Parameter(Mandatory)] [string] $AssignedSegment,
        [Parameter(Mandatory, ParameterSetName = 'OrganizationSegmentAllowedFilter')] [string] $SegmentAllowedFilter,
        [Parameter(Mandatory, ParameterSetName = 'OrganizationSegmentsAllowed')] [string[]] $SegmentsAllowed,
        [Parameter(Mandatory, ParameterSetName = 'OrganizationSegmentsBlocked')] [string[]] $SegmentsBlocked,
        [Parameter()] [string] $Comment,
        [Parameter()] [switch] $Force,
        [Parameter()] [bool] $ModerationAllowed,
        [Parameter()] [ValidateSet('Inactive', 'Active')] [string] $State = 'Inactive'
    )
    Register-FakeCall -Command $MyInvocation.MyCommand.Name -Parameters ([hashtable]::new($PSBoundParameters))
    if ($Name.Length -gt 64) { throw "The Name value is longer than 64 characters: $Name" }
    if (Find-FakeByIdentity $script:Tenant.Policies $Name) { throw "An information barrier policy named '$Name' already exists." }
    Assert-FakeSegmentsExist (@($AssignedSegment) + @($SegmentsAllowed) + @($SegmentsBlocked) | Where-Object { $_ })
    $script:Tenant.Policies.Add([pscustomobject]@{
            Name            = $Name
            AssignedSegment = $AssignedSegment
            SegmentsAllowed = [string[]]@($SegmentsAllowed | Where-Object { $_ })
            SegmentsBlocked = [string[]]@($SegmentsBlocked | Where-Object { $_ })
            State           = $State
            Guid            = [guid]::NewGuid()
        })
}

# exchange/exchange-ps/ExchangePowerShell/Set-InformationBarrierPolicy.md: sets OrganizationSegmentsAllowed,
# OrganizationSegmentAllowedFilter and OrganizationSegmentsBlocked, each with a mandatory -Identity
# (position 0) and optional -SegmentsAllowed / -SegmentAllowedFilter / -SegmentsBlocked; no
# -AssignedSegment. With neither list given (`-Identity X -State Active`, Example 1) the fake resolves to
# the first set listed. Turning an allow policy into a block policy or back is refused.
function Set-InformationBarrierPolicy {
    [CmdletBinding(DefaultParameterSetName = 'OrganizationSegmentsAllowed', SupportsShouldProcess)]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipeline, ValueFromPipelineByPropertyName)] [string] $Identity,
        [Parameter(ParameterSetName = 'OrganizationSegmentsAllowed')] [string[]] $SegmentsAllowed,
        [Parameter(ParameterSetName = 'OrganizationSegmentAllowedFilter')] [string] $SegmentAllowedFilter,
        [Parameter(ParameterSetName = 'OrganizationSegmentsBlocked')] [string[]] $SegmentsBlocked,
        [Parameter()] [string] $Comment,
        [Parameter()] [bool] $ModerationAllowed,
        [Parameter()] [switch] $Force,
        [Parameter()] [ValidateSet('Inactive', 'Active')] [string] $State
    )
    process {
        Register-FakeCall -Command $MyInvocation.MyCommand.Name -Parameters ([hashtable]::new($PSBoundParameters))
        $policy = Find-FakeByIdentity $script:Tenant.Policies $Identity
        if (-not $policy) { throw "The operation couldn't be performed because object '$Identity' couldn't be found." }
        if ($PSBoundParameters.ContainsKey('SegmentsAllowed')) {
            if ($policy.SegmentsBlocked.Count -gt 0) { throw "Policy '$Identity' is a block policy; it can't list allowed segments." }
            Assert-FakeSegmentsExist $SegmentsAllowed
            $policy.SegmentsAllowed = [string[]]$SegmentsAllowed
        }
        if ($PSBoundParameters.ContainsKey('SegmentsBlocked')) {
            if ($policy.SegmentsAllowed.Count -gt 0) { throw "Policy '$Identity' is an allow policy; it can't list blocked segments." }
            Assert-FakeSegmentsExist $SegmentsBlocked
            $policy.SegmentsBlocked = [string[]]$SegmentsBlocked
        }
        if ($PSBoundParameters.ContainsKey('State')) { $policy.State = $State }
    }
}

# exchange/exchange-ps/ExchangePowerShell/Remove-InformationBarrierPolicy.md:
# `Remove-InformationBarrierPolicy [-Identity] <PolicyIdParameter> [-Confirm] [-ForceDeletion] [-WhatIf]`.
# The fake refuses to remove an Active policy without -ForceDeletion: the procedure the old runbook
# documented is to set it Inactive first.
function Remove-InformationBarrierPolicy {
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipeline, ValueFromPipelineByPropertyName)] [string] $Identity,
        [Parameter()] [switch] $ForceDeletion
    )
    process {
        Register-FakeCall -Command $MyInvocation.MyCommand.Name -Parameters ([hashtable]::new($PSBoundParameters))
        $policy = Find-FakeByIdentity $script:Tenant.Policies $Identity
        if (-not $policy) { throw "The operation couldn't be performed because object '$Identity' couldn't be found." }
        if ($policy.State -eq 'Active' -and -not $ForceDeletion) { throw "Policy '$Identity' is Active; set it Inactive before removing it." }
        # Destructive cmdlets "have a built-in pause" skipped with -Confirm:$false: a confirmation the
        # tests cannot answer fails the call instead of hanging.
        if (-not $PSCmdlet.ShouldProcess($Identity, 'Remove information barrier policy')) { throw 'Fake: removal not confirmed.' }
        [void]$script:Tenant.Policies.Remove($policy)
    }
}

# exchange/exchange-ps/ExchangePowerShell/Start-InformationBarrierPoliciesApplication.md:
# `Start-InformationBarrierPoliciesApplication [[-Identity] <PolicyIdParameter>] [-CleanupGroupSegmentLink] [-Confirm] [-WhatIf]`.
function Start-InformationBarrierPoliciesApplication {
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Position = 0, ValueFromPipeline, ValueFromPipelineByPropertyName)] [string] $Identity,
        [Parameter()] [switch] $CleanupGroupSegmentLink
    )
    Register-FakeCall -Command $MyInvocation.MyCommand.Name -Parameters ([hashtable]::new($PSBoundParameters))
    $script:Tenant.Applications++
    # "It will take approximately 30-35 minutes for the process to begin" (Stop a policy application,
    # Edit or remove information barrier policies): a new application has not started yet.
    $script:Tenant.ApplicationHistory.Add((New-FakeApplication -Status 'NotStarted'))
}

# exchange/exchange-ps/ExchangePowerShell/Get-InformationBarrierPoliciesApplicationStatus.md: sets
# Default (Default) and Identity ([[-Identity] <PolicyIdParameter>], position 0, pipeline input by value
# and by property name), -All in both. Without -All "the command only returns the most recent policy
# application"; the fake returns nothing when none ran. The page lists no output: the properties are
# those of the sample output in Microsoft's troubleshooting article (Resolve communication issues in
# Information Barriers: "Identity", "Total Recipients", "Failed Recipients", "Failure Category",
# "Status"). The article names the statuses "Not started", "In progress" and "Failed", and its sample
# of a finished application reads "Complete"; the fake writes them NotStarted, InProgress, Failed and
# Completed (the module reads either spelling).
function Get-InformationBarrierPoliciesApplicationStatus {
    [CmdletBinding(DefaultParameterSetName = 'Default')]
    param(
        [Parameter(ParameterSetName = 'Identity', Position = 0, ValueFromPipeline, ValueFromPipelineByPropertyName)] [string] $Identity,
        [Parameter()] [switch] $All
    )
    process {
        Register-FakeCall -Command $MyInvocation.MyCommand.Name -Parameters ([hashtable]::new($PSBoundParameters))
        $history = @($script:Tenant.ApplicationHistory)
        $found = if ($Identity) { @($history | Where-Object { $_.Identity.ToString() -eq $Identity }) } elseif ($All) { $history } else { @($history | Select-Object -Last 1) }
        foreach ($application in $found) {
            [pscustomobject]@{
                Identity         = $application.Identity
                Status           = $application.Status
                TotalRecipients  = $application.TotalRecipients
                FailedRecipients = $application.FailedRecipients
                FailureCategory  = $application.FailureCategory
            }
        }
    }
}

# Sign-in, for the CI script: teams/teams-ps/MicrosoftTeams/Connect-MicrosoftTeams.md (set
# ServicePrincipalCertificate: -TenantId, -Certificate <X509Certificate2>, -ApplicationId, all mandatory)
# and exchange/exchange-ps/exchange/Connect-IPPSSession.md (-AppId, -Certificate <X509Certificate2>,
# -Organization, all optional; -CertificateThumbprint "is supported only in Microsoft Windows").
function Connect-MicrosoftTeams {
    [CmdletBinding(DefaultParameterSetName = 'UserCredential', SupportsShouldProcess)]
    param(
        [Parameter(ParameterSetName = 'UserCredential')]
        [Parameter(Mandatory, ParameterSetName = 'ServicePrincipalCertificate')]
        [Parameter(Mandatory, ParameterSetName = 'ServicePrincipalCertificateThumbprint')]
        [Parameter(ParameterSetName = 'AccessTokens')]
        [string] $TenantId,
        [Parameter(ParameterSetName = 'UserCredential')] [pscredential] $Credential,
        [Parameter(ParameterSetName = 'UserCredential')] [string] $AccountId,
        [Parameter(ParameterSetName = 'UserCredential')] [switch] $UseDeviceAuthentication,
        [Parameter(ParameterSetName = 'UserCredential')] [string] $TeamsEnvironmentName,
        [Parameter(Mandatory, ParameterSetName = 'ServicePrincipalCertificate')] [System.Security.Cryptography.X509Certificates.X509Certificate2] $Certificate,
        [Parameter(Mandatory, ParameterSetName = 'ServicePrincipalCertificateThumbprint')] [string] $CertificateThumbprint,
        [Parameter(Mandatory, ParameterSetName = 'ServicePrincipalCertificate')]
        [Parameter(Mandatory, ParameterSetName = 'ServicePrincipalCertificateThumbprint')]
        [string] $ApplicationId,
        [Parameter(Mandatory, ParameterSetName = 'AccessTokens')] [string[]] $AccessTokens,
        [Parameter()] [string] $LogLevel,
        [Parameter()] [string] $LogFilePath
    )
    Register-FakeCall -Command $MyInvocation.MyCommand.Name -Parameters ([hashtable]::new($PSBoundParameters))
    Write-Host 'Account Environment Tenant TenantId (banner the fake prints like the real cmdlet)'
}

function Connect-IPPSSession {
    [CmdletBinding()]
    param(
        [Parameter(Position = 0)] [string] $ConnectionUri,
        [Parameter(Position = 1)] [string] $AzureADAuthorizationEndpointUri,
        [Parameter(Position = 2)] [string] $DelegatedOrganization,
        [Parameter(Position = 3)] [object] $PSSessionOption,
        [Parameter(Position = 4)] [string] $Prefix,
        [Parameter(Position = 5)] [string[]] $CommandName,
        [Parameter(Position = 6)] [string[]] $FormatTypeName,
        [Parameter()] [string] $AppId,
        [Parameter()] [switch] $BypassMailboxAnchoring,
        [Parameter()] [System.Security.Cryptography.X509Certificates.X509Certificate2] $Certificate,
        [Parameter()] [string] $CertificateFilePath,
        [Parameter()] [securestring] $CertificatePassword,
        [Parameter()] [string] $CertificateThumbprint,
        [Parameter()] [pscredential] $Credential,
        [Parameter()] [string] $Organization,
        [Parameter()] [string] $UserPrincipalName,
        [Parameter()] [switch] $UseRPSSession
    )
    Register-FakeCall -Command $MyInvocation.MyCommand.Name -Parameters ([hashtable]::new($PSBoundParameters))
    Write-Host 'This V3 EXO PowerShell module contains new REST API backed cmdlets (banner the fake prints like the real cmdlet)'
}

Export-ModuleMember -Function @(
    'Reset-FakeTenant', 'Get-FakeTenant', 'Get-FakeCall', 'Clear-FakeCall', 'Set-FakeFailure'
    'Set-FakeWarning', 'Set-FakeApplicationStatus'
    'Get-CsTenantFederationConfiguration', 'Set-CsTenantFederationConfiguration'
    'New-CsEdgeAllowList', 'New-CsEdgeDomainPattern', 'New-CsEdgeAllowAllKnownDomains'
    'Get-OrganizationSegment', 'New-OrganizationSegment', 'Set-OrganizationSegment'
    'Get-InformationBarrierPolicy', 'New-InformationBarrierPolicy', 'Set-InformationBarrierPolicy'
    'Remove-InformationBarrierPolicy', 'Start-InformationBarrierPoliciesApplication'
    'Get-InformationBarrierPoliciesApplicationStatus'
    'Connect-MicrosoftTeams', 'Connect-IPPSSession'
)
