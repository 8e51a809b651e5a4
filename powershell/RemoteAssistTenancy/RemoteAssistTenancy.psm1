# The Teams and Purview half of remote-assist-tenancy: static code that applies the stack's
# `federation` and `informationBarriers` outputs. One file per command under Public/, helpers under
# Private/. The module never connects: the caller signs in (see the README).
Set-StrictMode -Version Latest

foreach ($folder in @('Private', 'Public')) {
    foreach ($file in @(Get-ChildItem -LiteralPath (Join-Path -Path $PSScriptRoot -ChildPath $folder) -Filter '*.ps1' | Sort-Object -Property Name)) {
        . $file.FullName
    }
}

Export-ModuleMember -Function @(
    'Set-RATeamsFederation'
    'Test-RATeamsFederation'
    'Set-RAInformationBarriers'
    'Test-RAInformationBarriers'
)
