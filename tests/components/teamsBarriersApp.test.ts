import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { TeamsBarriersApp } from "../../components/teamsBarriersApp";
import { resourceNamed, valueOf } from "../helpers";
import { tenant } from "../setup";

const SERVICE_PRINCIPAL = "azuread:index/servicePrincipal:ServicePrincipal";

/** Builds the component, recording the options each child is registered with. */
async function build(): Promise<{ app: TeamsBarriersApp; options: Map<string, pulumi.CustomResourceOptions> }> {
    tenant.reset();
    const options = new Map<string, pulumi.CustomResourceOptions>();
    const app = new TeamsBarriersApp(
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
    return { app, options };
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
    });

    it("exports the object id of the principal it declared", async () => {
        const { app } = await build();
        const principal = resourceNamed(
            tenant.resources,
            SERVICE_PRINCIPAL,
            "teams-information-barriers-service-principal",
        );
        assert.ok(principal.outputs.objectId);
        assert.equal(await valueOf(app.servicePrincipalId), principal.outputs.objectId);
    });

    it("never deletes Microsoft's principal: removing it from the stack only forgets it", async () => {
        const { options } = await build();
        assert.equal(options.get("teams-information-barriers-service-principal")?.retainOnDelete, true);
    });
});
