import { strict as assert } from "node:assert";
import { GROUP_LICENSE_TYPE } from "../../licensing/groupLicense";
import { GROUP_LICENSE_PROVIDER_STUB } from "../../licensing/providerStub";
import { KNOWN_SKUS } from "../../licensing/skuCatalogue";
import { fakeGuid } from "../../offline/mocks";
import { runProgram } from "../../offline/runProgram";
import { devConfigMap, devRawConfig, ofType, resourceNamed, toConfigMap } from "../helpers";
import { tenant } from "../setup";

const GROUP = "azuread:index/group:Group";
const LICENSE_GROUP = "remote-assist-tenancy:vendor:LicenseGroup";
const RA = KNOWN_SKUS.MICROSOFT_REMOTE_ASSIST.skuId;
const KIOSK = KNOWN_SKUS.EXCHANGEDESKLESS.skuId;
const F5_COMPLIANCE = KNOWN_SKUS.SPE_F5_COMP.skuId;

/** Runs the program and returns the warnings it logged (without an engine, Pulumi logs to console.warn). */
async function runCapturingWarnings(config: Record<string, string>): Promise<string[]> {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(" "));
    try {
        await runProgram(tenant, config);
    } finally {
        console.warn = original;
    }
    return warnings;
}

describe("group-based licensing in the stack (Pulumi.dev.yaml)", () => {
    let warnings: string[];
    before(async () => {
        warnings = await runCapturingWarnings(devConfigMap());
    });

    it("assigns each vendor with service accounts exactly one license assignment, on its license group, with its bundle's SKUs", () => {
        const assignments = ofType(tenant.resources, GROUP_LICENSE_TYPE).map((a) => {
            const parent = tenant.resources.find((r) => r.urn === a.parent);
            return {
                name: a.name,
                parent: parent && `${parent.type} ${parent.name}`,
                groupId: a.inputs.groupId,
                licenses: a.inputs.licenses,
                graphEndpoint: a.inputs.graphEndpoint,
            };
        });
        const expected = (vendor: string) => ({
            name: `${vendor}-license-assignment`,
            parent: `${LICENSE_GROUP} ${vendor}-license`,
            groupId: fakeGuid(`${GROUP}:${vendor}-license-group`),
            licenses: [
                { skuId: RA, disabledPlans: [] },
                { skuId: KIOSK, disabledPlans: [] },
                { skuId: F5_COMPLIANCE, disabledPlans: [] },
            ],
            graphEndpoint: "https://graph.microsoft.com",
        });
        // Contoso2 is suspended: its assignment stays, on a group its accounts have left.
        assert.deepEqual(assignments, [expected("contoso1"), expected("contractor-user"), expected("contoso2")]);
        assert.deepEqual(resourceNamed(tenant.resources, GROUP, "contoso2-license-group").inputs.members, []);
    });

    it("assigns no license for ContosoN, whose people are guests with their own licenses", () => {
        const forContosoN = tenant.resources.filter((r) => r.name.startsWith("contoson-"));
        assert.ok(forContosoN.length > 0, "expected ContosoN's resources to be recorded");
        assert.deepEqual(
            forContosoN.filter((r) => r.type === GROUP_LICENSE_TYPE || r.type === LICENSE_GROUP),
            [],
        );
    });

    it("does not warn: the dev bundle gives Exchange Online and information barriers, so the vendors' segments are enforced", () => {
        assert.deepEqual(warnings, []);
    });

    it("gives every assignment the stub as provider code, so each runs the project's current provider", () => {
        assert.deepEqual(
            [...new Set(ofType(tenant.resources, GROUP_LICENSE_TYPE).map((a) => a.inputs.__provider))],
            [GROUP_LICENSE_PROVIDER_STUB],
        );
    });

    it("tells each assignment its bundle's declared seats and how many active service accounts its group holds", () => {
        const seats = Object.fromEntries(
            ofType(tenant.resources, GROUP_LICENSE_TYPE).map((a) => [a.name, a.inputs.seatCheck]),
        );
        assert.deepEqual(seats, {
            "contoso1-license-assignment": { bundle: "remote-assist", seats: 10, members: 2 },
            "contractor-user-license-assignment": { bundle: "remote-assist", seats: 10, members: 1 },
            // Suspended: its accounts have left the group.
            "contoso2-license-assignment": { bundle: "remote-assist", seats: 10, members: 0 },
        });
    });
});

describe("group-based licensing with other config", () => {
    it("assigns through the configured national-cloud Graph endpoint", async () => {
        const raw = devRawConfig();
        raw.graphEndpoint = "https://graph.microsoft.us";
        await runCapturingWarnings(toConfigMap(raw));
        assert.deepEqual(
            [...new Set(ofType(tenant.resources, GROUP_LICENSE_TYPE).map((a) => a.inputs.graphEndpoint))],
            ["https://graph.microsoft.us"],
        );
    });

    it("warns once per bundle that Remote Assist alone leaves the vendors' segments unenforced", async () => {
        const raw = devRawConfig();
        raw.licenses["remote-assist"].skus = [{ sku: "MICROSOFT_REMOTE_ASSIST" }];
        const warnings = await runCapturingWarnings(toConfigMap(raw));
        assert.deepEqual(warnings, [
            "warning: [runtime] licenses.remote-assist: the bundle gives service accounts neither an Exchange Online plan nor the information-barriers plan INFORMATION_BARRIERS. Information barriers apply only to users with both, so segments Contoso1, Contractors, Contoso2 will not be enforced for these service accounts: add to licenses.remote-assist.skus a SKU with an Exchange Online plan, e.g. EXCHANGEDESKLESS (Exchange Online Kiosk), and a SKU with INFORMATION_BARRIERS, e.g. SPE_F5_COMP (Microsoft 365 F5 Compliance Add-on) or INFORMATION_PROTECTION_COMPLIANCE (Microsoft 365 E5 Compliance).",
        ]);
        assert.deepEqual(
            resourceNamed(tenant.resources, GROUP_LICENSE_TYPE, "contoso1-license-assignment").inputs.licenses,
            [{ skuId: RA, disabledPlans: [] }],
        );
    });
});
