<#
.SYNOPSIS
CI: signs in app-only with a certificate and runs one drift check of the RemoteAssistTenancy module
with -FailOnDrift.

.DESCRIPTION
For the drift workflow (.github/workflows/drift.yml) on a Linux runner. The certificate comes from a
secret as a base64 PFX and is loaded into an X509Certificate2 object, because -CertificateThumbprint
needs a certificate store: "The CertificateThumbprint parameter is supported only in Microsoft Windows"
(Connect-IPPSSession); "When you use the Certificate parameter, the certificate doesn't need to be
installed on the computer" (Application-based authentication in Teams PowerShell Module).

- TeamsFederation: Connect-MicrosoftTeams -TenantId -Certificate -ApplicationId (parameter set
  ServicePrincipalCertificate, teams/teams-ps/MicrosoftTeams/Connect-MicrosoftTeams.md), then
  Test-RATeamsFederation -FailOnDrift.
- InformationBarriers: Connect-IPPSSession -AppId -Certificate -Organization (Example 4,
  exchange/exchange-ps/exchange/Connect-IPPSSession.md), then Test-RAInformationBarriers -FailOnDrift.

Reads M365_APP_ID, M365_TENANT_ID, M365_ORGANIZATION (the tenant's primary .onmicrosoft.com domain,
for Connect-IPPSSession), M365_CERTIFICATE_BASE64 and M365_CERTIFICATE_PASSWORD from the environment.
Prints only the drift report on stdout (the sign-in banners and warnings are dropped); exits 0 without drift, 7
with drift, and 1 when the check itself fails.

.EXAMPLE
pwsh -NoProfile -File powershell/ci/Invoke-RADriftCheck.ps1 -Check TeamsFederation -OutputsPath outputs.json > report.md
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [ValidateSet('TeamsFederation', 'InformationBarriers')] [string] $Check,
    [Parameter(Mandatory)] [ValidateNotNullOrEmpty()] [string] $OutputsPath
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$required = @('M365_APP_ID', 'M365_CERTIFICATE_BASE64')
$required += if ($Check -eq 'TeamsFederation') { 'M365_TENANT_ID' } else { 'M365_ORGANIZATION' }
$missing = @($required | Where-Object { [string]::IsNullOrWhiteSpace([Environment]::GetEnvironmentVariable($_)) })
if ($missing.Count -gt 0) {
    throw "Set $($missing -join ', ') for the app-only sign-in (see the README, Running it in CI)."
}
$password = [Environment]::GetEnvironmentVariable('M365_CERTIFICATE_PASSWORD')
$certificate = [System.Security.Cryptography.X509Certificates.X509CertificateLoader]::LoadPkcs12(
    [Convert]::FromBase64String($env:M365_CERTIFICATE_BASE64), $password)

# The sign-in cmdlets print banners (information stream) and may warn (warning stream); under
# `pwsh -File` both reach stdout, and the report on stdout must stay the report alone.
if ($Check -eq 'TeamsFederation') {
    Connect-MicrosoftTeams -TenantId $env:M365_TENANT_ID -Certificate $certificate -ApplicationId $env:M365_APP_ID 6>$null 3>$null | Out-Null
}
else {
    Connect-IPPSSession -AppId $env:M365_APP_ID -Certificate $certificate -Organization $env:M365_ORGANIZATION 6>$null 3>$null | Out-Null
}

Import-Module -Name (Join-Path -Path $PSScriptRoot -ChildPath '../RemoteAssistTenancy') -Force
if ($Check -eq 'TeamsFederation') {
    Test-RATeamsFederation -OutputsPath $OutputsPath -FailOnDrift
}
else {
    Test-RAInformationBarriers -OutputsPath $OutputsPath -FailOnDrift
}
exit 0
