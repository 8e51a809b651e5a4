# Helpers shared by the federation and information-barrier commands: reading the stack's outputs,
# difference objects, the drift report, cmdlet errors and ending the process with a code.

# Exit code of Test-* -FailOnDrift when it finds drift: the code `pulumi refresh --expect-no-changes`
# uses for changes (Pulumi CLI 3.226.1 and later), so the drift workflow reads both checks alike:
# 0 no drift, 7 drift, anything else a failed check.
$script:DriftExitCode = 7

function Get-RAProperty {
    # The value of an object's property, or $null when it has none; safe under Set-StrictMode, where
    # reading a missing property throws. The comma keeps an array an array.
    [CmdletBinding()]
    param(
        [Parameter()] [AllowNull()] [object] $InputObject,
        [Parameter(Mandatory)] [string] $Name
    )
    if ($null -eq $InputObject) {
        return $null
    }
    $property = $InputObject.PSObject.Properties[$Name]
    if ($null -eq $property) {
        return $null
    }
    return , $property.Value
}

function Format-RAName {
    # A name from the data or the tenant as a Markdown code span, whatever backticks or line breaks it holds.
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory)] [AllowEmptyString()] [string] $Name)
    $flat = $Name -replace '[\x00-\x1f\x7f]+', ' '
    $longest = 0
    foreach ($run in [regex]::Matches($flat, '`+')) {
        $longest = [Math]::Max($longest, $run.Length)
    }
    $fence = '`' * ($longest + 1)
    if ($longest -gt 0 -or $flat.StartsWith(' ') -or $flat.EndsWith(' ')) {
        return "$fence $flat $fence"
    }
    return "$fence$flat$fence"
}

function New-RADifference {
    # One way the tenant differs from the stack's output. Message is one Markdown sentence.
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)] [ValidateSet('Teams federation', 'Information barriers')] [string] $Area,
        [Parameter(Mandatory)] [string] $Kind,
        [Parameter(Mandatory)] [string] $Subject,
        [Parameter()] [AllowNull()] [object] $Expected,
        [Parameter()] [AllowNull()] [object] $Actual,
        [Parameter(Mandatory)] [string] $Message
    )
    return [pscustomobject]@{
        PSTypeName = 'RemoteAssistTenancy.Difference'
        Area       = $Area
        Kind       = $Kind
        Subject    = $Subject
        Expected   = $Expected
        Actual     = $Actual
        Message    = $Message
    }
}

function New-RACmdletError {
    # A terminating error for a failed Teams or Security & Compliance cmdlet that names what it was
    # working on (a domain, a segment, a policy), keeping the original error as the inner exception.
    [CmdletBinding()]
    [OutputType([System.Management.Automation.ErrorRecord])]
    param(
        [Parameter(Mandatory)] [string] $Command,
        [Parameter(Mandatory)] [string] $Concerning,
        [Parameter(Mandatory)] [System.Management.Automation.ErrorRecord] $ErrorRecord
    )
    $exception = [System.InvalidOperationException]::new(
        "$Command failed for $Concerning`: $($ErrorRecord.Exception.Message)",
        $ErrorRecord.Exception)
    return [System.Management.Automation.ErrorRecord]::new(
        $exception, "RemoteAssistTenancy.$Command", [System.Management.Automation.ErrorCategory]::InvalidOperation, $Concerning)
}

function Confirm-RAChange {
    # Asks the ShouldProcess question of the Set-* command Cmdlet for one change: $true to make it.
    # Under -WhatIf it prints "What if: ..." and returns $false; under -Confirm it returns the admin's
    # answer. A function of its own so that tests can answer No, as an admin would under -Confirm:
    # a prompt needs an interactive host.
    [CmdletBinding()]
    [OutputType([bool])]
    param(
        [Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [Parameter(Mandatory)] [string] $Target,
        [Parameter(Mandatory)] [string] $Action
    )
    return $Cmdlet.ShouldProcess($Target, $Action)
}

function Exit-RAProcess {
    # Ends the process with Code. Under `pwsh -Command` the process exits with it; under `pwsh -File`
    # the script ends and pwsh exits with it. Tests mock this function: `exit` would end Pester.
    [CmdletBinding()]
    param([Parameter(Mandatory)] [int] $Code)
    exit $Code
}

function Format-RADriftReport {
    # The drift report, in the words and shape of the Pulumi drift report (`npm run summarize -- --drift`).
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)] [ValidateSet('Teams federation', 'Information barriers')] [string] $Area,
        [Parameter(Mandatory)] [string] $Output,
        # The Set-* command that reverts the drift, without its -OutputsPath.
        [Parameter(Mandatory)] [ValidateSet('Set-RATeamsFederation', 'Set-RAInformationBarriers')] [string] $Revert,
        [Parameter(Mandatory)] [AllowEmptyCollection()] [object[]] $Differences
    )
    $lines = [System.Collections.Generic.List[string]]::new()
    $lines.Add("### $Area drift")
    $lines.Add('')
    if ($Differences.Count -eq 0) {
        $subject = if ($Area -eq 'Teams federation') { 'Teams federation matches' } else { 'the information barriers match' }
        $lines.Add("No drift: $subject the stack's ``$Output`` output.")
    }
    else {
        $count = if ($Differences.Count -eq 1) { '1 difference' } else { "$($Differences.Count) differences" }
        $lines.Add('> [!WARNING]')
        # The revert command reads the deployed outputs from a file of its own, never the path this
        # check was given (in CI a runner's temporary file).
        $lines.Add("> **$count from the stack's ``$Output`` output.** For each, either adopt the change (change the stack config so that the output says so, and deploy) or revert it (``pulumi stack output --json > outputs.json``, then ``$Revert -OutputsPath outputs.json``). See the README, Teams federation and information barriers: the PowerShell module.")
        $lines.Add('')
        foreach ($difference in $Differences) {
            $lines.Add("- $($difference.Message)")
        }
    }
    return ($lines -join "`n") + "`n"
}

function Complete-RATest {
    # What Test-* does with its differences: without -FailOnDrift, emit them; with it, print the drift
    # report and, on drift, end the process with the drift exit code.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [ValidateSet('Teams federation', 'Information barriers')] [string] $Area,
        [Parameter(Mandatory)] [string] $Output,
        [Parameter(Mandatory)] [ValidateSet('Set-RATeamsFederation', 'Set-RAInformationBarriers')] [string] $Revert,
        [Parameter(Mandatory)] [AllowEmptyCollection()] [object[]] $Differences,
        [Parameter(Mandatory)] [bool] $FailOnDrift
    )
    if (-not $FailOnDrift) {
        return $Differences
    }
    Write-Host (Format-RADriftReport -Area $Area -Output $Output -Revert $Revert -Differences $Differences)
    if ($Differences.Count -gt 0) {
        Exit-RAProcess -Code $script:DriftExitCode
    }
}

function Read-RAStackOutput {
    # One output of the stack from OutputsPath: a `pulumi stack output --json` file (an object of
    # outputs) or plan.json of `npm run plan -- --json` / `--out DIR` (the outputs under `outputs`).
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $OutputsPath,
        [Parameter(Mandatory)] [ValidateSet('federation', 'informationBarriers')] [string] $Name
    )
    $ErrorActionPreference = 'Stop'
    if (-not (Test-Path -LiteralPath $OutputsPath -PathType Leaf)) {
        throw "$OutputsPath does not exist. Pass the file ``pulumi stack output --json`` writes, or plan.json of ``npm run plan -- --out DIR``."
    }
    try {
        $document = Get-Content -LiteralPath $OutputsPath -Raw -Encoding utf8 | ConvertFrom-Json -Depth 100
    }
    catch {
        throw "$OutputsPath is not JSON ($($_.Exception.Message)). Pass the file ``pulumi stack output --json`` writes, or plan.json of ``npm run plan -- --out DIR``."
    }
    if ($document -isnot [System.Management.Automation.PSCustomObject]) {
        throw "$OutputsPath holds no JSON object of stack outputs. Pass the file ``pulumi stack output --json`` writes, or plan.json of ``npm run plan -- --out DIR``."
    }
    $names = @($document.PSObject.Properties.Name)
    if ($names -cnotcontains 'federation' -and $names -cnotcontains 'informationBarriers' -and $names -ccontains 'outputs') {
        $document = $document.outputs
    }
    $value = Get-RAProperty -InputObject $document -Name $Name
    if ($value -isnot [System.Management.Automation.PSCustomObject]) {
        throw "$OutputsPath has no ``$Name`` output. Deploy (or plan) the stack with a version of remote-assist-tenancy that exports it, then pass its ``pulumi stack output --json`` or plan.json."
    }
    return $value
}

function Get-RAStringList {
    # A JSON array of strings at Path, or problems; Lower turns every item lower-case.
    [CmdletBinding()]
    param(
        [Parameter()] [AllowNull()] [object] $Value,
        [Parameter(Mandatory)] [string] $Path,
        [Parameter(Mandatory)] [AllowEmptyCollection()] [System.Collections.Generic.List[string]] $Problems,
        [Parameter()] [switch] $Lower
    )
    $list = [System.Collections.Generic.List[string]]::new()
    if ($null -eq $Value -or $Value -isnot [System.Array]) {
        $Problems.Add("${Path}: expected a list of strings")
        return , $list
    }
    for ($i = 0; $i -lt $Value.Count; $i++) {
        $item = $Value[$i]
        if ($item -isnot [string] -or [string]::IsNullOrWhiteSpace($item)) {
            $Problems.Add("$Path[$i]: expected a non-empty string")
            continue
        }
        $list.Add($(if ($Lower) { $item.Trim().ToLowerInvariant() } else { $item }))
    }
    return , $list
}

function Assert-RANoProblem {
    # Throws once with every problem found in an output, by JSON path, so all can be fixed at once.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $OutputsPath,
        [Parameter(Mandatory)] [string] $Name,
        [Parameter(Mandatory)] [AllowEmptyCollection()] [System.Collections.Generic.List[string]] $Problems
    )
    if ($Problems.Count -gt 0) {
        throw "The ``$Name`` output in $OutputsPath is not what this module reads; regenerate it with the matching version of the stack:`n  $($Problems -join "`n  ")"
    }
}
