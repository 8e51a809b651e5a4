<#
.SYNOPSIS
Runs the Pester suite of the PowerShell module (every *.Tests.ps1 beside this file) with the Pester
module at PesterManifest, and ends with "Pester: N passed, N failed, N skipped". `npm run test:pester`
calls it with the pinned Pester it restored into NuGet's global packages folder.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [ValidateNotNullOrEmpty()] [string] $PesterManifest
)
$ErrorActionPreference = 'Stop'
Import-Module -Name $PesterManifest -Force
$configuration = New-PesterConfiguration
$configuration.Run.Path = $PSScriptRoot
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Normal'
$started = [System.Diagnostics.Stopwatch]::StartNew()
$result = Invoke-Pester -Configuration $configuration
Write-Host ("Pester {0} under PowerShell {1}: {2} tests in {3:n1} s" -f (Get-Module -Name Pester).Version, $PSVersionTable.PSVersion, $result.TotalCount, $started.Elapsed.TotalSeconds)
Write-Host ("Pester: {0} passed, {1} failed, {2} skipped" -f $result.PassedCount, $result.FailedCount, $result.SkippedCount)
if ($result.Result -ne 'Passed' -or $result.TotalCount -eq 0) {
    exit 1
}
exit 0
