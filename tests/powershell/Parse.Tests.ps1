# Every PowerShell file of the repository parses: a syntax error fails here, not in the tenant.
BeforeDiscovery {
    function Get-PowerShellSource {
        $root = (Resolve-Path -LiteralPath (Join-Path -Path $PSScriptRoot -ChildPath '../..')).Path
        foreach ($folder in @('powershell', 'tests/powershell')) {
            Get-ChildItem -LiteralPath (Join-Path -Path $root -ChildPath $folder) -Recurse -File -Include '*.ps1', '*.psm1', '*.psd1' |
                ForEach-Object { @{ Path = $_.FullName; Name = [System.IO.Path]::GetRelativePath($root, $_.FullName) } }
        }
    }
    $Files = @(Get-PowerShellSource)
}

Describe 'PowerShell sources' {
    It 'finds the module, its commands and this suite' -ForEach @{ Count = $Files.Count } {
        $Count | Should -BeGreaterThan 10
    }

    It '<Name> parses without errors' -ForEach $Files {
        $tokens = $null
        $errors = $null
        [void][System.Management.Automation.Language.Parser]::ParseFile($Path, [ref]$tokens, [ref]$errors)
        @($errors | ForEach-Object { "$($_.Extent.StartLineNumber):$($_.Extent.StartColumnNumber) $($_.Message)" }) | Should -BeNullOrEmpty
    }

    It 'the module manifest is valid and exports exactly the four commands' {
        $manifest = Test-ModuleManifest -Path (Join-Path -Path $PSScriptRoot -ChildPath '../../powershell/RemoteAssistTenancy/RemoteAssistTenancy.psd1')
        @($manifest.ExportedFunctions.Keys | Sort-Object) | Should -Be @('Set-RAInformationBarriers', 'Set-RATeamsFederation', 'Test-RAInformationBarriers', 'Test-RATeamsFederation')
    }

    It 'the parser reports a broken file, so the check above can fail' {
        $tokens = $null
        $errors = $null
        [void][System.Management.Automation.Language.Parser]::ParseInput('function Broken { if ($true) { ', [ref]$tokens, [ref]$errors)
        $errors | Should -Not -BeNullOrEmpty
    }
}
