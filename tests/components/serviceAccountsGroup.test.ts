import { strict as assert } from "node:assert";
import { ServiceAccountsGroup } from "../../components/serviceAccountsGroup";
import { resourceNamed, valueOf } from "../helpers";
import { tenant } from "../setup";

describe("ServiceAccountsGroup", () => {
    it("makes a protected Microsoft 365 group of exactly the service accounts it is given, and exports its address", async () => {
        tenant.reset();
        const group = new ServiceAccountsGroup("service-accounts", { members: ["id-1", "id-2"] });
        await tenant.settle();
        const registered = resourceNamed(tenant.resources, "azuread:index/group:Group", "service-accounts-group");
        assert.equal(registered.inputs.displayName, "RA Service Accounts");
        assert.equal(registered.inputs.mailNickname, "ra-service-accounts");
        assert.equal(
            registered.inputs.description,
            "Every Remote Assist service account leased to a vendor; the internal information-barrier segment excludes its members. Managed by the remote-assist-tenancy stack.",
        );
        assert.deepEqual(registered.inputs.types, ["Unified"]);
        assert.deepEqual(registered.inputs.members, ["id-1", "id-2"]);
        assert.equal(registered.protect, true);
        assert.equal(await valueOf(group.groupMail), registered.outputs.mail);
    });
});
