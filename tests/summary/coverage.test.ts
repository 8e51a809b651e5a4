import { strict as assert } from "node:assert";
import { GROUP_LICENSE_TYPE } from "../../licensing/groupLicense";
import { runProgram } from "../../offline/runProgram";
import { TYPES } from "../../summary/types";
import { devConfigMap } from "../helpers";
import { tenant } from "../setup";

describe("summary vocabulary", () => {
    it("knows every resource type the stack registers, so no tenant change is reported in Pulumi's words only", async () => {
        await runProgram(tenant, devConfigMap());
        const known = new Set<string>(Object.values(TYPES));
        const unknown = [...new Set(tenant.resources.map((r) => r.type))].filter((t) => !known.has(t));
        assert.deepEqual(unknown, [], "teach summary/types.ts and summary/changes.ts these types");
    });

    it("agrees with licensing on the license assignment's type token", () => {
        assert.equal(TYPES.licenseAssignment, GROUP_LICENSE_TYPE);
    });
});
