import * as pulumi from "@pulumi/pulumi";
import { hasSegment } from "../barriers/design";
import type { CredentialVault, LicenseBundle, TenantConfig, VendorConfig } from "../config/types";
import * as naming from "../naming";
import { GuestInvitation } from "./guestInvitation";
import { LicenseGroup } from "./licenseGroup";
import { segmentGroup } from "./segmentGroup";
import { ServiceAccount } from "./serviceAccount";
import type { MemberLicenseError } from "../licensing/licenseHealth";

/** Arguments of a {@link Vendor}. */
export interface VendorArgs {
    /** The vendor as validated from config. */
    readonly vendor: VendorConfig;
    /** The host tenant. */
    readonly tenant: TenantConfig;
    /** The bundle the vendor's service accounts are licensed with; required when it has any. */
    readonly license?: LicenseBundle;
    /** Object id of the group behind the experts' Teams team, which active vendors' guests join. */
    readonly expertsTeamId?: string;
    /** Key Vault that receives the passwords instead of the stack outputs. */
    readonly credentials?: CredentialVault;
    /** Microsoft Graph's base URL, for the license assignment; defaults to the global endpoint. */
    readonly graphEndpoint?: string;
}

/** A service account as the vendor's outputs report it. */
export interface ServiceAccountSummary {
    readonly userPrincipalName: string;
    readonly objectId: string;
    readonly holder: string;
    readonly enabled: boolean;
}

/** A guest as the vendor's outputs report it. */
export interface GuestSummary {
    readonly email: string;
    readonly userId: string;
}

/**
 * Everything one vendor needs in the host tenant: its leased service accounts, their license
 * group and the Microsoft 365 group its information-barrier segment is defined by, and its
 * invited guests. Only service accounts are segmented; guests are governed by the experts' team.
 */
export class Vendor extends pulumi.ComponentResource {
    /** The vendor's service accounts. */
    public readonly serviceAccounts: pulumi.Output<ServiceAccountSummary[]>;
    /** The vendor's guests. */
    public readonly guests: pulumi.Output<GuestSummary[]>;
    /** Object id of the license group; absent when the vendor has no service accounts. */
    public readonly licenseGroupId?: pulumi.Output<string>;
    /** Members Entra ID could not license through the license group, with the error; absent with it. */
    public readonly membersWithLicenseErrors?: pulumi.Output<MemberLicenseError[]>;
    /** Object id of the information-barrier segment group; absent when the vendor has no service accounts. */
    public readonly segmentGroupId?: pulumi.Output<string>;
    /** E-mail address of the segment group, which the vendor's segment filter names; absent with it. */
    public readonly segmentGroupMail?: pulumi.Output<string>;
    /** Object ids of the vendor's service accounts, suspended or not. */
    public readonly serviceAccountIds: pulumi.Output<string[]>;
    /**
     * Per service-account UPN: its password (the whole map is a secret), or the id of the
     * Key Vault secret that holds it when a vault is configured.
     */
    public readonly credentials: pulumi.Output<Record<string, string>>;

    constructor(name: string, args: VendorArgs, opts?: pulumi.ComponentResourceOptions) {
        super("remote-assist-tenancy:vendor:Vendor", name, {}, opts);
        const { vendor, tenant } = args;
        const active = vendor.state === "active";
        if (vendor.serviceAccounts.length > 0 && !args.license) {
            throw new Error(`Vendor ${vendor.id} has service accounts but no license bundle; pass args.license.`);
        }

        const accounts = vendor.serviceAccounts.map((sa) => {
            const upn = naming.serviceAccountSignInName(vendor.id, sa, tenant.domain);
            const account = new ServiceAccount(
                naming.serviceAccountResourceName(name, sa.id),
                {
                    userPrincipalName: upn,
                    mailNickname: naming.serviceAccountMailNickname(vendor.id, sa),
                    adopted: sa.existing !== undefined,
                    displayName: sa.displayName ?? naming.serviceAccountDisplayName(vendor.name, sa.id),
                    usageLocation: sa.usageLocation,
                    companyName: vendor.name,
                    accountEnabled: active,
                    vendorId: vendor.id,
                    holder: sa.holder,
                    rotation: sa.rotation,
                    keyVault: args.credentials && {
                        ...args.credentials,
                        secretName: naming.credentialSecretName(vendor.id, sa.id),
                    },
                },
                { parent: this },
            );
            return { config: sa, upn, account };
        });

        if (args.license && accounts.length > 0) {
            const licenseGroup = new LicenseGroup(
                `${name}-license`,
                {
                    vendorId: vendor.id,
                    vendorName: vendor.name,
                    // A suspended vendor's accounts leave the group, which frees their seats.
                    members: active ? accounts.map((a) => a.account.objectId) : [],
                    bundle: args.license,
                    graphEndpoint: args.graphEndpoint,
                    existing: vendor.existing?.licenseGroup,
                },
                { parent: this },
            );
            this.licenseGroupId = licenseGroup.groupId;
            this.membersWithLicenseErrors = licenseGroup.membersWithLicenseErrors;
        }

        const guests = vendor.guests.map(
            (g) =>
                new GuestInvitation(
                    naming.guestResourceName(name, g.email),
                    {
                        email: g.email,
                        displayName: g.name,
                        redirectUrl: g.redirectUrl,
                        message: `${tenant.name} invites you, as a member of ${vendor.name}, to work with its experts in Microsoft Teams and Dynamics 365 Remote Assist.`,
                        // A suspended vendor's guests stay (deleting them is offboarding) but leave the team.
                        teamGroupId: active ? args.expertsTeamId : undefined,
                        existingUserId: g.existing?.userId,
                    },
                    { parent: this },
                ),
        );

        // A suspended vendor's accounts stay in their segment, so they never fall into the internal one.
        if (hasSegment(vendor)) {
            const group = segmentGroup(
                `${name}-segment`,
                {
                    displayName: naming.segmentGroupName(vendor.segment),
                    mailNickname: naming.vendorSegmentNickname(vendor.id),
                    description: `Information-barrier segment ${vendor.segment}: the service accounts of ${vendor.name}. Managed by the remote-assist-tenancy stack.`,
                    members: accounts.map((a) => a.account.objectId),
                },
                { parent: this },
            );
            this.segmentGroupId = group.objectId;
            this.segmentGroupMail = group.mail;
        }

        this.serviceAccounts = pulumi.all(
            accounts.map((a) =>
                a.account.objectId.apply((objectId) => ({
                    userPrincipalName: a.upn,
                    objectId,
                    holder: a.config.holder,
                    enabled: active,
                })),
            ),
        );
        this.guests = pulumi.all(
            vendor.guests.map((g, k) => guests[k].userId.apply((userId) => ({ email: g.email, userId }))),
        );
        this.serviceAccountIds = pulumi.all(accounts.map((a) => a.account.objectId));
        // An adopted account without a rotation keeps its own password: there is nothing to hand over.
        const handedOver = accounts.flatMap((a) => {
            const credential = a.account.password ?? a.account.credentialSecretId;
            return credential === undefined ? [] : [pulumi.all([a.upn, credential])];
        });
        this.credentials = pulumi.all(handedOver).apply((pairs) => Object.fromEntries(pairs));

        this.registerOutputs({
            serviceAccounts: this.serviceAccounts,
            guests: this.guests,
            licenseGroupId: this.licenseGroupId,
            membersWithLicenseErrors: this.membersWithLicenseErrors,
            segmentGroupId: this.segmentGroupId,
            segmentGroupMail: this.segmentGroupMail,
            serviceAccountIds: this.serviceAccountIds,
            credentials: this.credentials,
        });
    }
}
