import * as keyvault from "@pulumi/azure-native/keyvault";
import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { SERVICE_ACCOUNT_EMPLOYEE_TYPE } from "../naming";
import { ADOPTED_USER_PASSWORD, ADOPTED_USER_UNMANAGED } from "./adopted";

/** Where a service account's password is stored instead of the stack outputs. */
export interface KeyVaultTarget {
    readonly resourceGroupName: string;
    readonly vaultName: string;
    /** Secret name in the vault (letters, digits and dashes). */
    readonly secretName: string;
}

/** Arguments of a {@link ServiceAccount}. */
export interface ServiceAccountArgs {
    /** UPN in the host tenant, e.g. `sa-contoso1-sa1@abc.onmicrosoft.com`. */
    readonly userPrincipalName: string;
    /** Mail nickname; the UPN's local part. */
    readonly mailNickname: string;
    /** Directory display name. */
    readonly displayName: string;
    /** ISO 3166-1 alpha-2 usage location; licensing needs it. */
    readonly usageLocation: string;
    /** The vendor's display name, recorded as `companyName`. */
    readonly companyName: string;
    /** Whether the account may sign in (false while its vendor is suspended). */
    readonly accountEnabled: boolean;
    /** Vendor id, recorded on the stored credential. */
    readonly vendorId: string;
    /** Email of the person the credential is handed to. */
    readonly holder: string;
    /** Any new value issues a new password. */
    readonly rotation?: string;
    /**
     * The account existed before the stack and was adopted (`existing` in config): it keeps its
     * password until `rotation` is first set, and every attribute the stack does not manage, its
     * company name and employee type included (see {@link ADOPTED_USER_UNMANAGED}).
     */
    readonly adopted?: boolean;
    /** When set, the password is stored in this Key Vault and only the secret's id is exposed. */
    readonly keyVault?: KeyVaultTarget;
}

/** Password length; well above Entra's minimum of 8 so a leaked pattern guesses nothing. */
const PASSWORD_LENGTH = 24;

/**
 * A service account: a user created in the host tenant for someone outside it, with a
 * generated password the holder must change at first sign-in; or an existing one adopted from the
 * tenant, which keeps its password until its first rotation.
 */
export class ServiceAccount extends pulumi.ComponentResource {
    /** The account's UPN. */
    public readonly userPrincipalName: pulumi.Output<string>;
    /** The user's object id. */
    public readonly objectId: pulumi.Output<string>;
    /** The generated password (a secret), unless it is stored in Key Vault or the account keeps its own. */
    public readonly password?: pulumi.Output<string>;
    /** Resource id of the Key Vault secret holding the password, when stored there. */
    public readonly credentialSecretId?: pulumi.Output<string>;

    constructor(name: string, args: ServiceAccountArgs, opts?: pulumi.ComponentResourceOptions) {
        super("remote-assist-tenancy:vendor:ServiceAccount", name, {}, opts);
        const adopted = args.adopted === true;
        // An adopted account keeps the password it has until a rotation asks for a new one.
        const generates = !adopted || args.rotation !== undefined;

        const password = generates
            ? new random.RandomPassword(
                  `${name}-password`,
                  {
                      length: PASSWORD_LENGTH,
                      special: true,
                      minLower: 1,
                      minUpper: 1,
                      minNumeric: 1,
                      minSpecial: 1,
                      // Characters that survive being read aloud, pasted into a HoloLens keyboard and put in a shell.
                      overrideSpecial: "!#%*+-=?@_",
                      keepers: { rotation: args.rotation ?? "" },
                  },
                  { parent: this },
              )
            : undefined;
        // RandomPassword marks `result` secret in the engine; saying so here keeps it secret everywhere it flows.
        const secretPassword = password && pulumi.secret(password.result);

        const user = new azuread.User(
            `${name}-user`,
            {
                userPrincipalName: args.userPrincipalName,
                mailNickname: args.mailNickname,
                displayName: args.displayName,
                usageLocation: args.usageLocation,
                ...(adopted ? {} : { companyName: args.companyName, employeeType: SERVICE_ACCOUNT_EMPLOYEE_TYPE }),
                accountEnabled: args.accountEnabled,
                ...(secretPassword === undefined ? {} : { password: secretPassword, forcePasswordChange: true }),
            },
            {
                parent: this,
                // protect: removing the account from config must not delete the user with its mailbox, files and chats.
                protect: true,
                // An adopted account keeps what the stack does not manage, and its password until a rotation.
                ...(adopted
                    ? {
                          ignoreChanges: [
                              ...ADOPTED_USER_UNMANAGED,
                              ...(secretPassword === undefined ? ADOPTED_USER_PASSWORD : []),
                          ],
                      }
                    : {}),
            },
        );

        if (args.keyVault && secretPassword !== undefined) {
            const secret = new keyvault.Secret(
                `${name}-credential`,
                {
                    resourceGroupName: args.keyVault.resourceGroupName,
                    vaultName: args.keyVault.vaultName,
                    secretName: args.keyVault.secretName,
                    properties: { value: secretPassword, contentType: "password" },
                    tags: { vendor: args.vendorId, holder: args.holder, userPrincipalName: args.userPrincipalName },
                },
                // protect: the stored credential is how the holder signs in; deleting it loses it.
                { parent: this, protect: true },
            );
            this.credentialSecretId = secret.id;
        } else if (secretPassword !== undefined) {
            this.password = secretPassword;
        }

        this.userPrincipalName = user.userPrincipalName;
        this.objectId = user.objectId;
        this.registerOutputs({
            userPrincipalName: this.userPrincipalName,
            objectId: this.objectId,
            password: this.password,
            credentialSecretId: this.credentialSecretId,
        });
    }
}
