# Shared set-up of the Pester suite: dot-source it in BeforeAll.
Set-StrictMode -Version Latest

$RepositoryRoot = (Resolve-Path -LiteralPath (Join-Path -Path $PSScriptRoot -ChildPath '../..')).Path
$ModulePath = Join-Path -Path $RepositoryRoot -ChildPath 'powershell/RemoteAssistTenancy'
$FakesPath = Join-Path -Path $PSScriptRoot -ChildPath 'FakeM365.psm1'
$StackOutputsFixture = Join-Path -Path $PSScriptRoot -ChildPath 'fixtures/stack-outputs.json'
$PlanFixture = Join-Path -Path $PSScriptRoot -ChildPath 'fixtures/plan.json'

Import-Module -Name $FakesPath -Force
Import-Module -Name $ModulePath -Force

function New-OutputsFile {
    # Writes a `pulumi stack output --json` file (or, with -Plan, a plan.json) holding the fixture's
    # outputs after Change (a scriptblock given the outputs as an ordered hashtable) to TestDrive.
    param(
        [Parameter(Mandatory)] [string] $Name,
        [scriptblock] $Change,
        [switch] $Plan
    )
    $outputs = Get-Content -LiteralPath $StackOutputsFixture -Raw -Encoding utf8 | ConvertFrom-Json -AsHashtable
    if ($Change) {
        & $Change $outputs
    }
    $document = if ($Plan) { [ordered]@{ stack = 'dev'; resources = @(); outputs = $outputs } } else { $outputs }
    $path = Join-Path -Path $TestDrive -ChildPath $Name
    $document | ConvertTo-Json -Depth 20 | Set-Content -LiteralPath $path -Encoding utf8
    return $path
}

function Get-FixtureOutput {
    # One output of the fixture as a hashtable.
    param([Parameter(Mandatory)] [string] $Name)
    (Get-Content -LiteralPath $StackOutputsFixture -Raw -Encoding utf8 | ConvertFrom-Json -AsHashtable)[$Name]
}

function Get-SortedDomain {
    # The domains of a list, sorted, for comparisons that ignore order: pipe them into Should.
    param([AllowNull()] [AllowEmptyCollection()] [object[]] $Domains)
    @($Domains) | Sort-Object
}

function Get-ThrownMessage {
    # The message of the error ScriptBlock throws, or fails the test when it throws none.
    param([Parameter(Mandatory)] [scriptblock] $ScriptBlock)
    try {
        & $ScriptBlock
    }
    catch {
        return $_.Exception.Message
    }
    throw 'Expected an error, but none was thrown.'
}
