import { strict as assert } from "node:assert";
import { ExpertsSegment } from "../../components/expertsSegment";
import { fakeGuid } from "../../offline/mocks";
import { ofType, resourceNamed, valueOf } from "../helpers";
import { tenant } from "../setup";

async function build(members: string[]): Promise<ExpertsSegment> {
    tenant.reset();
    const segment = new ExpertsSegment("experts", { segment: "Experts", members });
    await tenant.settle();
    return segment;
}

describe("ExpertsSegment", () => {
    it("looks the experts up by UPN and never creates a user", async () => {
        await build(["alice@abc.onmicrosoft.com", "dan@abc.onmicrosoft.com"]);
        assert.deepEqual(
            tenant.calls.map((c) => [c.token, c.args.userPrincipalName]),
            [
                ["azuread:index/getUser:getUser", "alice@abc.onmicrosoft.com"],
                ["azuread:index/getUser:getUser", "dan@abc.onmicrosoft.com"],
            ],
        );
        assert.equal(ofType(tenant.resources, "azuread:index/user:User").length, 0);
    });

    it("makes a protected segment group whose members are exactly the looked-up experts", async () => {
        const segment = await build(["alice@abc.onmicrosoft.com", "dan@abc.onmicrosoft.com"]);
        const group = resourceNamed(tenant.resources, "azuread:index/group:Group", "experts-segment");
        const expected = [fakeGuid("user:alice@abc.onmicrosoft.com"), fakeGuid("user:dan@abc.onmicrosoft.com")];
        assert.deepEqual(group.inputs.members, expected);
        assert.deepEqual(await valueOf(segment.memberIds), expected);
        assert.equal(group.inputs.displayName, "RA Segment - Experts");
        assert.equal(group.inputs.mailNickname, "ra-experts-segment");
        assert.equal(group.protect, true);
    });

    it("makes the segment group a private Microsoft 365 group, security-enabled, so Purview can evaluate MemberOf", async () => {
        await build(["alice@abc.onmicrosoft.com"]);
        const inputs = { ...resourceNamed(tenant.resources, "azuread:index/group:Group", "experts-segment").inputs };
        delete inputs.members;
        assert.deepEqual(inputs, {
            displayName: "RA Segment - Experts",
            mailNickname: "ra-experts-segment",
            description:
                "Information-barrier segment Experts: the host tenant's Remote Assist experts. Managed by the remote-assist-tenancy stack.",
            types: ["Unified"],
            mailEnabled: true,
            securityEnabled: true,
            visibility: "Private",
            behaviors: [
                "AllowOnlyMembersToPost",
                "HideGroupInOutlook",
                "SubscribeMembersToCalendarEventsDisabled",
                "WelcomeEmailDisabled",
            ],
            assignableToRole: false,
            preventDuplicateNames: true,
        });
    });

    it("exports the address Entra ID gives the group, which the experts' segment filter names", async () => {
        const segment = await build(["alice@abc.onmicrosoft.com"]);
        const group = resourceNamed(tenant.resources, "azuread:index/group:Group", "experts-segment");
        assert.equal(await valueOf(segment.groupMail), group.outputs.mail);
        assert.match(String(group.outputs.mail), /^ra-experts-segment@/);
    });

    it("creates an empty segment group when no expert is listed", async () => {
        await build([]);
        assert.deepEqual(
            resourceNamed(tenant.resources, "azuread:index/group:Group", "experts-segment").inputs.members,
            [],
        );
        assert.equal(tenant.calls.length, 0);
    });
});
