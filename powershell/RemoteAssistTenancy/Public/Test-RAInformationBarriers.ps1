function Test-RAInformationBarriers {
    <#
    .SYNOPSIS
    Finds where the tenant's information barriers differ from the stack's `informationBarriers` output.

    .DESCRIPTION
    Reads the `informationBarriers` output from OutputsPath and every segment and policy of the tenant,
    and returns one RemoteAssistTenancy.Difference per missing segment, segment filter changed, missing
    or changed policy, policy not Active, and stale policy (named with `policyNamePrefix` but no longer in
    the output), and one when the stack's policies are not applied: the latest application
    (Get-InformationBarrierPoliciesApplicationStatus) failed or was stopped, or none ran. An application
    not started yet or in progress is not a difference. Segments and policies of others are not
    differences.

    With -FailOnDrift it prints a drift report instead (Markdown, like the Pulumi drift report) and,
    when there is drift, ends the process with exit code 7, as `pulumi refresh --expect-no-changes` does.

    Never connects: run Connect-IPPSSession first.

    .PARAMETER OutputsPath
    The stack outputs: `pulumi stack output --json > outputs.json`, or plan-out/plan.json.

    .PARAMETER FailOnDrift
    Print the drift report and exit with code 7 on drift (for CI).
    #>
    [CmdletBinding()]
    [OutputType('RemoteAssistTenancy.Difference')]
    param(
        [Parameter(Mandatory)] [ValidateNotNullOrEmpty()] [string] $OutputsPath,
        [Parameter()] [switch] $FailOnDrift
    )
    $ErrorActionPreference = 'Stop'
    $data = Get-RABarrierData -OutputsPath $OutputsPath
    Assert-RASegmentLimit -Data $data
    $differences = @(Get-RABarrierPlan -Data $data -State (Get-RABarrierState))
    Complete-RATest -Area 'Information barriers' -Output 'informationBarriers' -Revert 'Set-RAInformationBarriers' -Differences $differences -FailOnDrift $FailOnDrift.IsPresent
}
