/**
 * Teams' limit on the federation domain lists. Source: MicrosoftTeams PowerShell,
 * Set-CsTenantFederationConfiguration (MicrosoftDocs/office-docs-powershell,
 * teams/teams-ps/MicrosoftTeams/Set-CsTenantFederationConfiguration.md): "The AllowedDomains
 * parameter can support up to 4,000 domains" and "The BlockedDomains parameter can support up to
 * 4,000 domains".
 */

/** Most domains the tenant's allowed (or blocked) domains list can hold. */
export const MAX_FEDERATION_DOMAINS = 4000;
