# How Test-* -FailOnDrift ends a real pwsh process, and the CI script that signs in and runs it.
BeforeAll {
    . (Join-Path -Path $PSScriptRoot -ChildPath 'TestSupport.ps1')
    # The PowerShell running this suite, started again. Run as a .NET tool (as npm test runs it), the
    # process is dotnet's and its first argument is PowerShell's pwsh.dll; an installed pwsh is its
    # own process.
    $Pwsh = @([Environment]::ProcessPath)
    if ([System.IO.Path]::GetFileNameWithoutExtension($Pwsh[0]) -eq 'dotnet') {
        $Pwsh += [Environment]::GetCommandLineArgs()[0]
    }
    $DriftScript = Join-Path -Path $RepositoryRoot -ChildPath 'powershell/ci/Invoke-RADriftCheck.ps1'

    function ConvertTo-Literal([string] $Text) {
        "'" + $Text.Replace("'", "''") + "'"
    }
    function Invoke-Pwsh {
        # Runs Command in a new pwsh with the fakes loaded and the tenant given by Setup; returns
        # ExitCode, Stdout and Stderr (the lines of each, joined).
        param([Parameter(Mandatory)] [string] $Setup, [Parameter(Mandatory)] [string] $Command)
        $script = "Import-Module $(ConvertTo-Literal $FakesPath); $Setup; $Command"
        $arguments = @($Pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', $script)
        $output = @(& $Pwsh[0] @arguments 2>&1)
        [pscustomobject]@{
            ExitCode = $LASTEXITCODE
            Stdout   = (@($output | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] }) -join "`n")
            Stderr   = (@($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | ForEach-Object { "$_" }) -join "`n")
        }
    }
    $DriftedTenant = "Reset-FakeTenant -AllowedDomains @('contoso1.com', 'obrien-soehne.example', 'partner-extra.example')"
}

Describe 'Test-RATeamsFederation -FailOnDrift in a pwsh process' {
    It 'under pwsh -Command, ends the process with exit code 7 on drift and prints the report on stdout' {
        $run = Invoke-Pwsh -Setup $DriftedTenant -Command "Import-Module $(ConvertTo-Literal $ModulePath); Test-RATeamsFederation -OutputsPath $(ConvertTo-Literal $StackOutputsFixture) -FailOnDrift; 'not reached'"
        $run.ExitCode | Should -Be 7
        $run.Stdout | Should -Match ('^### Teams federation drift\n(.|\n)*\n' + [regex]::Escape('- `plant2.example` is not on the allowed domains list; the stack adds it.') + '\n$')
        $run.Stdout | Should -Not -Match 'not reached'
    }
}

Describe 'powershell/ci/Invoke-RADriftCheck.ps1' {
    BeforeAll {
        $key = [System.Security.Cryptography.RSA]::Create(2048)
        $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=ra-drift-check', $key, 'SHA256', [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
        $certificate = $request.CreateSelfSigned([DateTimeOffset]::UtcNow.AddDays(-1), [DateTimeOffset]::UtcNow.AddDays(1))
        $Thumbprint = $certificate.Thumbprint
        $saved = @{}
        $Environment = @{
            M365_APP_ID               = '00000000-0000-0000-0000-0000000000aa'
            M365_TENANT_ID            = '00000000-0000-0000-0000-0000000000bb'
            M365_ORGANIZATION         = 'abc.onmicrosoft.com'
            M365_CERTIFICATE_BASE64   = [Convert]::ToBase64String($certificate.Export([System.Security.Cryptography.X509Certificates.X509ContentType]::Pkcs12, 'pfx password'))
            M365_CERTIFICATE_PASSWORD = 'pfx password'
        }
        foreach ($name in $Environment.Keys) {
            $saved[$name] = [Environment]::GetEnvironmentVariable($name)
            [Environment]::SetEnvironmentVariable($name, $Environment[$name])
        }
        $Saved = $saved
    }
    AfterAll {
        foreach ($name in $Saved.Keys) {
            [Environment]::SetEnvironmentVariable($name, $Saved[$name])
        }
    }

    # In this process: `exit` in a module function ends the script that called it, here the CI script,
    # and sets $LASTEXITCODE, as `pwsh -File` turns it into the process exit code.
    # Under `pwsh -File` the information and warning streams reach stdout too: 6>&1 3>&1 stand for that.
    It 'signs in to Teams with the certificate object, not a thumbprint, and exits 7 with the report alone on stdout' {
        Reset-FakeTenant -AllowedDomains @('contoso1.com', 'obrien-soehne.example', 'partner-extra.example')
        Set-FakeWarning -Command 'Connect-MicrosoftTeams' -Message 'A newer version of the MicrosoftTeams module is available.'
        $printed = @(& $DriftScript -Check TeamsFederation -OutputsPath $StackOutputsFixture 6>&1 3>&1 | ForEach-Object { "$_" })
        $LASTEXITCODE | Should -Be 7
        $printed[0] | Should -Match '^### Teams federation drift\n'
        $printed.Count | Should -Be 1 -Because 'the sign-in banner and warning must not reach the report'
        $call = (Get-FakeCall -Command 'Connect-MicrosoftTeams')[0].Parameters
        "{0}|{1}|{2}|{3}" -f $call['TenantId'], $call['ApplicationId'], $call['Certificate'].Thumbprint, $call.ContainsKey('CertificateThumbprint') |
            Should -Be "00000000-0000-0000-0000-0000000000bb|00000000-0000-0000-0000-0000000000aa|$Thumbprint|False"
    }

    It 'signs in to Security & Compliance with -AppId, -Certificate and -Organization, and exits 0 without drift' {
        Reset-FakeTenant
        Set-RAInformationBarriers -OutputsPath $StackOutputsFixture 6>$null | Out-Null
        Clear-FakeCall
        Set-FakeWarning -Command 'Connect-IPPSSession' -Message 'Your connection has been redirected.'
        $printed = @(& $DriftScript -Check InformationBarriers -OutputsPath $StackOutputsFixture 6>&1 3>&1 | ForEach-Object { "$_" })
        $LASTEXITCODE | Should -Be 0
        $printed | Should -Be @("### Information barriers drift`n`nNo drift: the information barriers match the stack's ``informationBarriers`` output.`n")
        $call = (Get-FakeCall -Command 'Connect-IPPSSession')[0].Parameters
        "{0}|{1}|{2}" -f $call['AppId'], $call['Organization'], $call['Certificate'].Thumbprint | Should -Be "00000000-0000-0000-0000-0000000000aa|abc.onmicrosoft.com|$Thumbprint"
    }

    It 'fails the check before signing in when a setting is missing, naming it' {
        Reset-FakeTenant
        [Environment]::SetEnvironmentVariable('M365_ORGANIZATION', $null)
        try {
            Get-ThrownMessage { & $DriftScript -Check InformationBarriers -OutputsPath $StackOutputsFixture } | Should -BeExactly 'Set M365_ORGANIZATION for the app-only sign-in (see the README, Running it in CI).'
        }
        finally {
            [Environment]::SetEnvironmentVariable('M365_ORGANIZATION', $Environment['M365_ORGANIZATION'])
        }
        Get-FakeCall -Command 'Connect-IPPSSession' | Should -BeNullOrEmpty
    }
}
