import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";

/**
 * Application (client) id of Microsoft's information-barriers app for Teams, whose service
 * principal and admin consent let information barriers work in Teams (Microsoft Purview, "Get
 * started with information barriers", Step 1, Admin consent for IB in Microsoft Teams).
 */
export const TEAMS_BARRIERS_APP_ID = "bcf62038-e005-436d-b970-2a472f8c1982";

/** Arguments of a {@link TeamsBarriersApp}; it takes none, the app is Microsoft's. */
export type TeamsBarriersAppArgs = Record<string, never>;

/**
 * The service principal of Microsoft's information-barriers app for Teams in the host tenant:
 * adopted when it exists (`useExisting`), created otherwise, as Microsoft's procedure does
 * (`New-AzureADServicePrincipal -AppId ...` when none exists). Admin consent is a person's act in
 * a browser (README, Permissions and prerequisites); the stack does not grant it.
 */
export class TeamsBarriersApp extends pulumi.ComponentResource {
    /** Object id of the service principal. */
    public readonly servicePrincipalId: pulumi.Output<string>;

    constructor(name: string, _args: TeamsBarriersAppArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        super("remote-assist-tenancy:barriers:TeamsBarriersApp", name, {}, opts);

        const principal = new azuread.ServicePrincipal(
            `${name}-service-principal`,
            { clientId: TEAMS_BARRIERS_APP_ID, useExisting: true },
            // retainOnDelete: the principal is Microsoft's app's, shared by the whole tenant; with
            // useExisting azuread still tries to delete it on destroy (azuread 6.9.1, ServicePrincipal,
            // "Caveats of useExisting"), so removing it from the stack only forgets it.
            { parent: this, retainOnDelete: true },
        );

        this.servicePrincipalId = principal.objectId;
        this.registerOutputs({ servicePrincipalId: this.servicePrincipalId });
    }
}
