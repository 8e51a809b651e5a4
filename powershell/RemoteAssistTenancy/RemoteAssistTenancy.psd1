@{
    RootModule           = 'RemoteAssistTenancy.psm1'
    ModuleVersion        = '0.1.0'
    GUID                 = '6f3c2a51-8d0e-4b7a-9c41-2e5b7d9a0c13'
    Author               = 'remote-assist-tenancy'
    Description          = 'Applies and checks the Teams federation and information-barrier parts of the remote-assist-tenancy stack, from its outputs (pulumi stack output --json, or plan.json of npm run plan). Never connects by itself: run Connect-MicrosoftTeams or Connect-IPPSSession first.'
    PowerShellVersion    = '7.2'
    CompatiblePSEditions = @('Core')
    FunctionsToExport    = @(
        'Set-RATeamsFederation'
        'Test-RATeamsFederation'
        'Set-RAInformationBarriers'
        'Test-RAInformationBarriers'
    )
    CmdletsToExport      = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
}
