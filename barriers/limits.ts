/**
 * Purview's limits on information-barrier segments. Source: Microsoft Purview, "Get started with
 * information barriers", Configuration concepts (MicrosoftDocs/microsoft-365-docs,
 * microsoft-365/compliance/information-barriers-policies.md): "Your organization can have up to
 * 5,000 segments" when information barriers were enabled after 15 February 2023; "Organizations
 * that have enabled IB prior to February 15, 2023 are on the older version ... the maximum number
 * of segments supported is 250 and users are restricted to being assigned to only one segment".
 */

/** Most segments a tenant may have, by information-barrier version. */
export const SEGMENT_LIMITS = { current: 5000, legacy: 250 } as const;

/** Where the limits come from, as validation messages cite it. */
export const SEGMENT_LIMIT_SOURCE = 'Microsoft Purview, "Get started with information barriers"';
