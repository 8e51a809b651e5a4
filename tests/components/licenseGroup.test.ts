import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { LicenseGroup } from "../../components/licenseGroup";
import { GROUP_LICENSE_TYPE } from "../../licensing";
import { resourceNamed } from "../helpers";
import { tenant } from "../setup";

const BUNDLE = {
    name: "remote-assist",
    seats: 5,
    skus: [{ sku: "MICROSOFT_REMOTE_ASSIST", skuId: "7a551360-26c4-4f61-84e6-ef715673e083", disabledPlans: [] }],
};

describe("LicenseGroup", () => {
    it("counts members given as one Output for the seat check, as it does members given as a list", async () => {
        tenant.reset();
        new LicenseGroup("fabrikam-license", {
            vendorId: "fabrikam",
            vendorName: "Fabrikam",
            members: pulumi.output(["id-1", "id-2", "id-3"]),
            bundle: BUNDLE,
        });
        await tenant.settle();
        const assignment = resourceNamed(tenant.resources, GROUP_LICENSE_TYPE, "fabrikam-license-assignment");
        assert.deepEqual(assignment.inputs.seatCheck, { bundle: "remote-assist", seats: 5, members: 3 });
        assert.equal(assignment.inputs.graphEndpoint, "https://graph.microsoft.com");
    });
});
