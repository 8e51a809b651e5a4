import type * as azuread from "@pulumi/azuread";

/**
 * Inputs of an adopted service account (`existing` in config) the stack does not manage: the
 * account keeps whatever the tenant has for them. After `pulumi import` the state holds the values
 * Graph returned; without `ignoreChanges` the first `pulumi up` would clear every one the program
 * leaves out, since the azuread provider sends unset optional strings as null on update
 * (hashicorp/terraform-provider-azuread, internal/services/users/user_resource.go,
 * `userResourceUpdate`: `nullable.NoZero(d.Get(...))` for each property). The engine puts the old
 * value back for each ignored property (pulumi/pulumi#2657) and passes the list to the provider's
 * diff (`DiffRequest.ignoreChanges`).
 *
 * `companyName` and `employeeType`, which the stack sets on the accounts it creates, are among them:
 * the audit reports an adopted account whose company name differs from its vendor's.
 */
export const ADOPTED_USER_UNMANAGED = [
    "ageGroup",
    "businessPhones",
    "city",
    "companyName",
    "consentProvidedForMinor",
    "costCenter",
    "country",
    "department",
    "disablePasswordExpiration",
    "disableStrongPassword",
    "division",
    "employeeHireDate",
    "employeeId",
    "employeeType",
    "faxNumber",
    "givenName",
    "jobTitle",
    "mail",
    "managerId",
    "mobilePhone",
    "officeLocation",
    "onpremisesImmutableId",
    "otherMails",
    "postalCode",
    "preferredLanguage",
    "showInAddressList",
    "state",
    "streetAddress",
    "surname",
] as const satisfies readonly (keyof azuread.UserArgs)[];

/**
 * What an adopted account keeps until its `rotation` is first set: its password. The azuread
 * provider resets a password only when the `password` input changes ("When importing a user,
 * Terraform will not reset the password unless the value is subsequently changed in your
 * configuration", @pulumi/azuread 6.9.1, User, `password`), and Graph cannot read one, so the
 * imported state holds none: any generated password would be a change.
 */
export const ADOPTED_USER_PASSWORD = [
    "password",
    "forcePasswordChange",
] as const satisfies readonly (keyof azuread.UserArgs)[];

/**
 * Inputs of an adopted license group the stack does not manage. Its names are given in config as
 * the tenant has them; its type (a security group, not mail-enabled, not role-assignable) is checked
 * by `npm run adopt` before it is adopted; its members are exactly the vendor's active service
 * accounts. The rest stays as the tenant has it (the description too), for the reason given for
 * {@link ADOPTED_USER_UNMANAGED}; `preventDuplicateNames` only matters when a group is created or
 * renamed.
 */
export const ADOPTED_GROUP_UNMANAGED = [
    "administrativeUnitIds",
    "autoSubscribeNewMembers",
    "behaviors",
    "description",
    "dynamicMembership",
    "externalSendersAllowed",
    "hideFromAddressLists",
    "hideFromOutlookClients",
    "onpremisesGroupType",
    "owners",
    "preventDuplicateNames",
    "provisioningOptions",
    "theme",
    "types",
    "visibility",
    "writebackEnabled",
] as const satisfies readonly (keyof azuread.GroupArgs)[];
