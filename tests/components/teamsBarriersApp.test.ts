import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { TEAMS_BARRIERS_APP_ID, TeamsBarriersApp } from "../../components/teamsBarriersApp";
import { resourceNamed } from "../helpers";
import { tenant } from "../setup";

const SERVICE_PRINCIPAL = "azuread:index/servicePrincipal:ServicePrincipal";

/** Builds the component, recording the options each child is registered with. */
async function build(): Promise<Map<string, pulumi.CustomResourceOptions>> {
    tenant.reset();
    const options = new Map<string, pulumi.CustomResourceOptions>();
    new TeamsBarriersApp(
        "teams-information-barriers",
        {},
        {
            transformations: [
                (args) => {
                    options.set(args.name, args.opts as pulumi.CustomResourceOptions);
                    return undefined;
                },
            ],
        },
    );
    await tenant.settle();
    return options;
}

describe("TeamsBarriersApp", () => {
    it("declares the service principal of Microsoft's information-barriers app for Teams, adopting an existing one", async () => {
        await build();
        const principal = resourceNamed(
            tenant.resources,
            SERVICE_PRINCIPAL,
            "teams-information-barriers-service-principal",
        );
        assert.deepEqual(principal.inputs, { clientId: "bcf62038-e005-436d-b970-2a472f8c1982", useExisting: true });
        assert.equal(TEAMS_BARRIERS_APP_ID, "bcf62038-e005-436d-b970-2a472f8c1982");
    });

    it("never deletes Microsoft's principal: removing it from the stack only forgets it", async () => {
        const options = await build();
        assert.equal(options.get("teams-information-barriers-service-principal")?.retainOnDelete, true);
    });
});
