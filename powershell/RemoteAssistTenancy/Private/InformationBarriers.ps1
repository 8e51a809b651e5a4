# Information barriers: the Get/compare/Set steps behind Set-RAInformationBarriers and
# Test-RAInformationBarriers. Cmdlet reference (MicrosoftDocs/office-docs-powershell,
# exchange/exchange-ps/ExchangePowerShell/): Get-/New-/Set-OrganizationSegment.md,
# Get-/New-/Set-/Remove-InformationBarrierPolicy.md, Start-InformationBarrierPoliciesApplication.md,
# Get-InformationBarrierPoliciesApplicationStatus.md.

$script:BarrierModes = @('singleSegment', 'legacy')
$script:SegmentKinds = @('experts', 'internal', 'vendor')

function New-RANameDictionary {
    # A dictionary keyed by segment or policy name, case-insensitively, as Purview looks names up.
    return [System.Collections.Generic.Dictionary[string, object]]::new([System.StringComparer]::OrdinalIgnoreCase)
}

function Get-RABarrierData {
    # The validated `informationBarriers` output: Mode, SegmentLimit, PolicyNamePrefix, Segments (Name,
    # Kind, UserGroupFilter) and Policies (Name, AssignedSegment, Kind allow|block, Segments).
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $OutputsPath)
    $ErrorActionPreference = 'Stop'
    $value = Read-RAStackOutput -OutputsPath $OutputsPath -Name 'informationBarriers'
    $problems = [System.Collections.Generic.List[string]]::new()
    $mode = Get-RAProperty -InputObject $value -Name 'mode'
    if ($mode -isnot [string] -or $script:BarrierModes -cnotcontains $mode) {
        $problems.Add("informationBarriers.mode: expected one of $($script:BarrierModes -join ', '), not '$mode'")
    }
    $limit = Get-RAProperty -InputObject $value -Name 'segmentLimit'
    if (-not ($limit -is [int] -or $limit -is [long]) -or $limit -lt 1) {
        $problems.Add("informationBarriers.segmentLimit: expected a positive whole number, not '$limit'")
        $limit = 0
    }
    $prefix = Get-RAProperty -InputObject $value -Name 'policyNamePrefix'
    if ($prefix -isnot [string] -or $prefix.Length -eq 0) {
        $problems.Add('informationBarriers.policyNamePrefix: expected a non-empty string')
        $prefix = ''
    }

    $segments = [System.Collections.Generic.List[object]]::new()
    $segmentNames = New-RANameDictionary
    $rawSegments = Get-RAProperty -InputObject $value -Name 'segments'
    if ($rawSegments -isnot [System.Array]) {
        $problems.Add('informationBarriers.segments: expected a list')
        $rawSegments = @()
    }
    for ($i = 0; $i -lt $rawSegments.Count; $i++) {
        $at = "informationBarriers.segments[$i]"
        $name = Get-RAProperty -InputObject $rawSegments[$i] -Name 'name'
        $kind = Get-RAProperty -InputObject $rawSegments[$i] -Name 'kind'
        $filter = Get-RAProperty -InputObject $rawSegments[$i] -Name 'userGroupFilter'
        if ($name -isnot [string] -or [string]::IsNullOrWhiteSpace($name)) {
            $problems.Add("$at.name: expected a non-empty string")
            continue
        }
        if ($segmentNames.ContainsKey($name)) {
            $problems.Add("$at.name: segment '$name' is listed twice (names compare case-insensitively)")
            continue
        }
        if ($kind -isnot [string] -or $script:SegmentKinds -cnotcontains $kind) {
            $problems.Add("$at.kind: expected one of $($script:SegmentKinds -join ', '), not '$kind'")
        }
        if ($filter -isnot [string] -or [string]::IsNullOrWhiteSpace($filter)) {
            $problems.Add("$at.userGroupFilter: expected a non-empty OPATH filter")
        }
        $segment = [pscustomobject]@{ Name = $name; Kind = $kind; UserGroupFilter = $filter }
        $segmentNames[$name] = $segment
        $segments.Add($segment)
    }

    $policies = [System.Collections.Generic.List[object]]::new()
    $policyNames = New-RANameDictionary
    $rawPolicies = Get-RAProperty -InputObject $value -Name 'policies'
    if ($rawPolicies -isnot [System.Array]) {
        $problems.Add('informationBarriers.policies: expected a list')
        $rawPolicies = @()
    }
    for ($i = 0; $i -lt $rawPolicies.Count; $i++) {
        $at = "informationBarriers.policies[$i]"
        $policy = $rawPolicies[$i]
        $name = Get-RAProperty -InputObject $policy -Name 'name'
        if ($name -isnot [string] -or [string]::IsNullOrWhiteSpace($name)) {
            $problems.Add("$at.name: expected a non-empty string")
            continue
        }
        if ($policyNames.ContainsKey($name)) {
            $problems.Add("$at.name: policy '$name' is listed twice (names compare case-insensitively)")
            continue
        }
        if ($prefix.Length -gt 0 -and -not $name.StartsWith($prefix, [System.StringComparison]::OrdinalIgnoreCase)) {
            $problems.Add("$at.name: '$name' does not start with policyNamePrefix '$prefix'")
        }
        $assigned = Get-RAProperty -InputObject $policy -Name 'assignedSegment'
        if ($assigned -isnot [string] -or -not $segmentNames.ContainsKey($assigned)) {
            $problems.Add("$at.assignedSegment: '$assigned' is not a segment of informationBarriers.segments")
        }
        $hasAllowed = $null -ne $policy.PSObject.Properties['segmentsAllowed']
        $hasBlocked = $null -ne $policy.PSObject.Properties['segmentsBlocked']
        if ($hasAllowed -eq $hasBlocked) {
            $problems.Add("${at}: expected exactly one of segmentsAllowed and segmentsBlocked")
            continue
        }
        $kind = if ($hasAllowed) { 'allow' } else { 'block' }
        $listPath = if ($hasAllowed) { "$at.segmentsAllowed" } else { "$at.segmentsBlocked" }
        $listed = Get-RAStringList -Value (Get-RAProperty -InputObject $policy -Name $(if ($hasAllowed) { 'segmentsAllowed' } else { 'segmentsBlocked' })) -Path $listPath -Problems $problems
        for ($j = 0; $j -lt $listed.Count; $j++) {
            if (-not $segmentNames.ContainsKey($listed[$j])) {
                $problems.Add("$listPath[$j]: '$($listed[$j])' is not a segment of informationBarriers.segments")
            }
        }
        $entry = [pscustomobject]@{ Name = $name; AssignedSegment = $assigned; Kind = $kind; Segments = [string[]]$listed.ToArray() }
        $policyNames[$name] = $entry
        $policies.Add($entry)
    }
    Assert-RANoProblem -OutputsPath $OutputsPath -Name 'informationBarriers' -Problems $problems
    return [pscustomobject]@{
        Mode             = $mode
        SegmentLimit     = [int]$limit
        PolicyNamePrefix = $prefix
        Segments         = $segments.ToArray()
        Policies         = $policies.ToArray()
    }
}

function Assert-RASegmentLimit {
    # Refuses data with more segments than information barriers allow in the tenant's mode, before
    # anything is read or changed; and, given the tenant's segments, a run that would pass the limit
    # by creating segments next to the ones the stack does not own.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [pscustomobject] $Data,
        [Parameter()] [AllowNull()] [object] $State
    )
    $modeText = if ($Data.Mode -eq 'legacy') { 'legacy mode (information barriers enabled before 2023-02-15)' } else { 'single-segment mode' }
    if ($Data.Segments.Count -gt $Data.SegmentLimit) {
        throw "The stack's informationBarriers output has $($Data.Segments.Count) segments, more than the $($Data.SegmentLimit) that information barriers allow in $modeText (segmentLimit); nothing was changed. Reduce the vendors in the stack config."
    }
    if ($null -ne $State) {
        $ours = @($Data.Segments | ForEach-Object { $_.Name })
        $foreign = @($State.Segments.Keys | Where-Object { -not ($ours -contains $_) }).Count
        $missing = @($Data.Segments | Where-Object { -not $State.Segments.ContainsKey($_.Name) }).Count
        $total = $State.Segments.Count + $missing
        if ($missing -gt 0 -and $total -gt $Data.SegmentLimit) {
            throw "Creating the stack's $missing missing segments would bring the tenant to $total segments ($foreign of them not the stack's), more than the $($Data.SegmentLimit) that information barriers allow in $modeText; nothing was changed."
        }
    }
}

function Get-RABarrierState {
    # The tenant's segments and policies, read once each and looked up by name: Get-OrganizationSegment
    # and Get-InformationBarrierPolicy return every object for a -Identity that does not exist
    # ("Caution" under -Identity of both), so asking for one by name cannot tell whether it exists.
    [CmdletBinding()]
    param()
    $ErrorActionPreference = 'Stop'
    $segments = New-RANameDictionary
    try {
        $rawSegments = @(Get-OrganizationSegment -ErrorAction Stop)
    }
    catch {
        throw (New-RACmdletError -Command 'Get-OrganizationSegment' -Concerning 'the organization segments' -ErrorRecord $_)
    }
    foreach ($segment in $rawSegments) {
        $name = [string](Get-RAProperty -InputObject $segment -Name 'Name')
        $segments[$name] = [pscustomobject]@{ Name = $name; UserGroupFilter = [string](Get-RAProperty -InputObject $segment -Name 'UserGroupFilter') }
    }
    $policies = New-RANameDictionary
    try {
        $rawPolicies = @(Get-InformationBarrierPolicy -ErrorAction Stop)
    }
    catch {
        throw (New-RACmdletError -Command 'Get-InformationBarrierPolicy' -Concerning 'the information barrier policies' -ErrorRecord $_)
    }
    foreach ($policy in $rawPolicies) {
        $name = [string](Get-RAProperty -InputObject $policy -Name 'Name')
        # SegmentsAllowed and SegmentsBlocked are multi-valued properties: enumerate them, then read each as text.
        $rawAllowed = Get-RAProperty -InputObject $policy -Name 'SegmentsAllowed'
        $rawBlocked = Get-RAProperty -InputObject $policy -Name 'SegmentsBlocked'
        $allowed = [string[]]@(@($rawAllowed) | Where-Object { $null -ne $_ } | ForEach-Object { [string]$_ })
        $blocked = [string[]]@(@($rawBlocked) | Where-Object { $null -ne $_ } | ForEach-Object { [string]$_ })
        $kind = if ($allowed.Count -gt 0) { 'allow' } elseif ($blocked.Count -gt 0) { 'block' } else { 'none' }
        $listed = $allowed
        if ($kind -eq 'block') { $listed = $blocked }
        $policies[$name] = [pscustomobject]@{
            Name            = $name
            AssignedSegment = [string](Get-RAProperty -InputObject $policy -Name 'AssignedSegment')
            Kind            = $kind
            Segments        = $listed
            State           = [string](Get-RAProperty -InputObject $policy -Name 'State')
        }
    }
    # The latest application: "If you don't use this switch [-All], the command only returns the most
    # recent policy application" (Get-InformationBarrierPoliciesApplicationStatus); nothing when none ran.
    try {
        $latest = @(Get-InformationBarrierPoliciesApplicationStatus -ErrorAction Stop) | Where-Object { $null -ne $_ } | Select-Object -First 1
    }
    catch {
        throw (New-RACmdletError -Command 'Get-InformationBarrierPoliciesApplicationStatus' -Concerning 'the latest policy application' -ErrorRecord $_)
    }
    $application = $null
    if ($null -ne $latest) {
        $application = [pscustomobject]@{
            Identity = [string](Get-RAProperty -InputObject $latest -Name 'Identity')
            Status   = [string](Get-RAProperty -InputObject $latest -Name 'Status')
        }
    }
    return [pscustomobject]@{ Segments = $segments; Policies = $policies; Application = $application }
}

function Get-RAApplicationProgress {
    # Where the latest policy application stands: 'Applied', 'Pending' (it will run, or runs now) or
    # 'NotApplied' (it failed, was stopped, or none ran). Microsoft's troubleshooting article (Resolve
    # communication issues in Information Barriers, "The Information Barriers application process takes
    # too long") names the statuses "Not started", "In progress" and "Failed", and for Failed: "run the
    # Start-InformationBarrierPoliciesApplication cmdlet again"; its sample output of a finished one
    # reads "Status: Complete". The cmdlet reference lists no status values, so spaces and case are
    # ignored (Not started, NotStarted), Complete and Completed both count as applied, and any other
    # status (Failed, or one stopped with Stop-InformationBarrierPoliciesApplication) as not applied.
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter()] [AllowNull()] [object] $Application)
    if ($null -eq $Application) {
        return 'NotApplied'
    }
    $status = ([string]$Application.Status) -replace '\s', ''
    if ($status -in @('Completed', 'Complete')) {
        return 'Applied'
    }
    if ($status -in @('InProgress', 'NotStarted')) {
        return 'Pending'
    }
    return 'NotApplied'
}

function Test-RASameNames {
    # Whether two lists of segment names hold the same names, in any order, case-insensitively.
    [CmdletBinding()]
    [OutputType([bool])]
    param(
        [Parameter()] [AllowNull()] [AllowEmptyCollection()] [string[]] $Left = @(),
        [Parameter()] [AllowNull()] [AllowEmptyCollection()] [string[]] $Right = @()
    )
    $a = [System.Collections.Generic.HashSet[string]]::new([string[]]@($Left | Where-Object { $null -ne $_ }), [System.StringComparer]::OrdinalIgnoreCase)
    $b = [System.Collections.Generic.HashSet[string]]::new([string[]]@($Right | Where-Object { $null -ne $_ }), [System.StringComparer]::OrdinalIgnoreCase)
    return $a.SetEquals($b)
}

function Get-RABarrierPlan {
    # What Set-RAInformationBarriers changes and Test-RAInformationBarriers reports: each difference
    # carries what fixes it. Kinds: SegmentMissing, SegmentFilter, PolicyMissing, PolicyConflict (the
    # kind or the assigned segment differs, which Set-InformationBarrierPolicy cannot change: it has no
    # AssignedSegment parameter, and SegmentsAllowed and SegmentsBlocked belong to different parameter
    # sets), PolicySegments, PolicyInactive, PolicyStale (named with the prefix, not in the data), and
    # PoliciesNotApplied: some of the stack's policies exist but the latest application did not complete
    # (it failed or was stopped, or none ran), as when a run that activated them stopped before
    # Start-InformationBarrierPoliciesApplication. A policy takes effect only once applied ("Information
    # barrier policies are not in effect until you set them to active status, and then apply the
    # policies", New-InformationBarrierPolicy).
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [pscustomobject] $Data,
        [Parameter(Mandatory)] [pscustomobject] $State
    )
    $area = 'Information barriers'
    $differences = [System.Collections.Generic.List[object]]::new()
    foreach ($segment in $Data.Segments) {
        $name = Format-RAName -Name $segment.Name
        if (-not $State.Segments.ContainsKey($segment.Name)) {
            $differences.Add((New-RADifference -Area $area -Kind 'SegmentMissing' -Subject $segment.Name -Expected $segment.UserGroupFilter -Actual $null -Message "Segment $name does not exist; the stack creates it with the filter $(Format-RAName -Name $segment.UserGroupFilter)."))
            continue
        }
        $actual = $State.Segments[$segment.Name].UserGroupFilter
        if ($actual -cne $segment.UserGroupFilter) {
            $differences.Add((New-RADifference -Area $area -Kind 'SegmentFilter' -Subject $segment.Name -Expected $segment.UserGroupFilter -Actual $actual -Message "Segment $name filters $(Format-RAName -Name $actual); the stack's filter is $(Format-RAName -Name $segment.UserGroupFilter)."))
        }
    }
    $listName = @{ allow = 'allows'; block = 'blocks' }
    $article = @{ allow = 'an allow policy'; block = 'a block policy'; none = 'a policy listing no segment' }
    foreach ($policy in $Data.Policies) {
        $name = Format-RAName -Name $policy.Name
        if (-not $State.Policies.ContainsKey($policy.Name)) {
            $differences.Add((New-RADifference -Area $area -Kind 'PolicyMissing' -Subject $policy.Name -Expected $policy -Actual $null -Message "Policy $name does not exist; the stack creates it for segment $(Format-RAName -Name $policy.AssignedSegment) ($($listName[$policy.Kind]) $(@($policy.Segments | ForEach-Object { Format-RAName -Name $_ }) -join ', '))."))
            continue
        }
        $actual = $State.Policies[$policy.Name]
        if ($actual.AssignedSegment -ne $policy.AssignedSegment -or $actual.Kind -ne $policy.Kind) {
            $differences.Add((New-RADifference -Area $area -Kind 'PolicyConflict' -Subject $policy.Name -Expected $policy -Actual $actual -Message "Policy $name is $($article[$actual.Kind]) for segment $(Format-RAName -Name $actual.AssignedSegment); the stack's is $($article[$policy.Kind]) for segment $(Format-RAName -Name $policy.AssignedSegment), which Purview cannot change in place: it has to be removed and created again (Set-RAInformationBarriers -ReplaceConflictingPolicies)."))
            continue
        }
        if (-not (Test-RASameNames -Left $actual.Segments -Right $policy.Segments)) {
            $differences.Add((New-RADifference -Area $area -Kind 'PolicySegments' -Subject $policy.Name -Expected $policy.Segments -Actual $actual.Segments -Message "Policy $name $($listName[$policy.Kind]) $(@($actual.Segments | ForEach-Object { Format-RAName -Name $_ }) -join ', '); the stack's $($listName[$policy.Kind]) $(@($policy.Segments | ForEach-Object { Format-RAName -Name $_ }) -join ', ')."))
        }
        if ($actual.State -ne 'Active') {
            $differences.Add((New-RADifference -Area $area -Kind 'PolicyInactive' -Subject $policy.Name -Expected 'Active' -Actual $actual.State -Message "Policy $name is $($actual.State); the stack's policies are Active."))
        }
    }
    $listed = @($Data.Policies | ForEach-Object { $_.Name })
    foreach ($actual in $State.Policies.Values) {
        if ($actual.Name.StartsWith($Data.PolicyNamePrefix, [System.StringComparison]::OrdinalIgnoreCase) -and -not ($listed -contains $actual.Name)) {
            $differences.Add((New-RADifference -Area $area -Kind 'PolicyStale' -Subject $actual.Name -Expected $null -Actual $actual -Message "Policy $(Format-RAName -Name $actual.Name) ($($actual.State)) is named like the stack's policies (prefix $(Format-RAName -Name $Data.PolicyNamePrefix)) but the stack no longer has it; remove it with Set-RAInformationBarriers -RemoveStalePolicies."))
        }
    }
    $ours = @($Data.Policies | Where-Object { $State.Policies.ContainsKey($_.Name) })
    if ($ours.Count -gt 0 -and (Get-RAApplicationProgress -Application $State.Application) -eq 'NotApplied') {
        $message = if ($null -eq $State.Application) {
            'The information barrier policies are not applied: no policy application has run (`Get-InformationBarrierPoliciesApplicationStatus` returns none); the stack starts applying them.'
        }
        else {
            "The information barrier policies are not applied: the latest policy application is $(Format-RAName -Name $State.Application.Status) (``Get-InformationBarrierPoliciesApplicationStatus``); the stack starts applying them again."
        }
        $actual = if ($null -eq $State.Application) { 'none' } else { $State.Application.Status }
        $differences.Add((New-RADifference -Area $area -Kind 'PoliciesNotApplied' -Subject 'policy application' -Expected 'Completed' -Actual $actual -Message $message))
    }
    return $differences.ToArray()
}

function Invoke-RABarrierCall {
    # Calls one Security & Compliance cmdlet; a failure names the segment or policy it concerns.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Command,
        [Parameter(Mandatory)] [hashtable] $Parameters,
        [Parameter(Mandatory)] [string] $Concerning
    )
    $ErrorActionPreference = 'Stop'
    try {
        & $Command @Parameters -ErrorAction Stop | Out-Null
    }
    catch {
        throw (New-RACmdletError -Command $Command -Concerning $Concerning -ErrorRecord $_)
    }
}

function New-RAPolicyParameters {
    # New-InformationBarrierPolicy's parameters for a policy of the data: created Inactive, so no
    # policy takes effect before all exist ("Information barrier policies are not in effect until you
    # set them to active status, and then apply the policies", New-InformationBarrierPolicy). -Force
    # because -Confirm "doesn't work on this cmdlet" and -Force hides "warning or confirmation messages"
    # for tasks "where prompting for administrative input is inappropriate".
    [CmdletBinding()]
    [OutputType([hashtable])]
    param([Parameter(Mandatory)] [pscustomobject] $Policy)
    $parameters = @{ Name = $Policy.Name; AssignedSegment = $Policy.AssignedSegment; State = 'Inactive'; Force = $true }
    if ($Policy.Kind -eq 'allow') {
        $parameters['SegmentsAllowed'] = [string[]]$Policy.Segments
    }
    else {
        $parameters['SegmentsBlocked'] = [string[]]$Policy.Segments
    }
    return $parameters
}

function Write-RABarrierState {
    # Prints, for the admin running Set-RAInformationBarriers, how much of the stack's part exists.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Title,
        [Parameter(Mandatory)] [pscustomobject] $Data,
        [Parameter(Mandatory)] [pscustomobject] $State
    )
    $present = @($Data.Segments | Where-Object { $State.Segments.ContainsKey($_.Name) })
    $sameFilter = @($present | Where-Object { $State.Segments[$_.Name].UserGroupFilter -ceq $_.UserGroupFilter })
    $policies = @($Data.Policies | Where-Object { $State.Policies.ContainsKey($_.Name) })
    $active = @($policies | Where-Object { $State.Policies[$_.Name].State -eq 'Active' })
    $listed = @($Data.Policies | ForEach-Object { $_.Name })
    $stale = @($State.Policies.Values | Where-Object { $_.Name.StartsWith($Data.PolicyNamePrefix, [System.StringComparison]::OrdinalIgnoreCase) -and -not ($listed -contains $_.Name) })
    $staleText = if ($stale.Count -eq 0) { 'none' } else { (@($stale | ForEach-Object { "'$($_.Name)' ($($_.State))" }) -join ', ') }
    $applicationText = if ($null -eq $State.Application) { 'none' } else { $State.Application.Status }
    Write-Host ("$Title`n  Segments: {0} of {1} exist, {2} with the stack's filter ({3} segments in the tenant; limit {4})`n  Policies: {5} of {6} exist, {7} active`n  Stale policies (prefix '{8}', not in the data): {9}`n  Latest policy application: {10}" -f `
            $present.Count, $Data.Segments.Count, $sameFilter.Count, $State.Segments.Count, $Data.SegmentLimit,
        $policies.Count, $Data.Policies.Count, $active.Count, $Data.PolicyNamePrefix, $staleText, $applicationText)
}
