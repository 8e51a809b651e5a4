import { strict as assert } from "node:assert";
import { readTenant, USER_FIELDS } from "../../tenant/read";
import { readingProgress } from "../../tenant/progress";
import { ID, READ_AT, SKU } from "../fixtures/handBuiltTenant";
import { loopbackTenant } from "./harness";

/** A stand-in for stderr that keeps what is written. */
function log(): { isTTY: boolean; text: string; write(chunk: string): boolean } {
    return {
        isTTY: false,
        text: "",
        write(chunk: string) {
            this.text += chunk;
            return true;
        },
    };
}

const REQUEST_ID = "8d5f0a52-0000-4000-8000-000000000abc";

describe("reading the tenant through Microsoft Graph", () => {
    const loopback = loopbackTenant();
    const read = (extra: Parameters<typeof readTenant>[1] = {}) =>
        readTenant(loopback.reader(), { teamGroupId: ID.team, now: () => READ_AT, ...extra });

    it("finds the Remote Assist holders, the stack-like accounts, every guest, and the groups licensing them and the team", async () => {
        const snapshot = await read();
        assert.equal(snapshot.readAt, "2025-11-15T09:00:00.000Z");
        assert.deepEqual(snapshot.remoteAssistSkuIds, [SKU.RA]);
        assert.deepEqual(
            snapshot.users.map((u) => u.userPrincipalName),
            [
                "ines.tech@abc.onmicrosoft.com",
                "SA1@abc.com",
                "SA2@abc.com",
                "SA3@abc.com",
                "sa.juergen@abc.onmicrosoft.com",
                "sa-contoso2-sa1@abc.onmicrosoft.com",
                "carol_contoso1.com#EXT#@abc.onmicrosoft.com",
                "nina_contoson.com#EXT#@abc.onmicrosoft.com",
                "sean.obrien_obrien-soehne.de#EXT#@abc.onmicrosoft.com",
                "partner_fabrikam.com#EXT#@abc.onmicrosoft.com",
            ],
        );
        assert.deepEqual(
            snapshot.groups.map((g) => [g.displayName, g.members.map((m) => `${m.kind}:${m.id}`)]),
            [
                ["Remote Assist - Contoso1", [`user:${ID.sa1}`, `user:${ID.sa2}`]],
                ["RA Lizenz – O'Brien & Söhne", [`user:${ID.juergen}`, `user:${ID.nina}`]],
                ["Remote Assist Experts", [ID.alice, ID.dan, ID.carol, ID.nina, ID.sean].map((id) => `user:${id}`)],
            ],
        );
        assert.equal(snapshot.teamGroupId, ID.team);
    });

    it("keeps what tells a direct license from a group's, and a pending invitation's date, and makes Graph's nulls absent", async () => {
        const snapshot = await read();
        const sa2 = snapshot.users.find((u) => u.id === ID.sa2)!;
        assert.deepEqual(
            sa2.licenseAssignmentStates.map((s) => [s.skuId, s.assignedByGroup]),
            [
                [SKU.RA, null],
                [SKU.RA, ID.contoso1Licenses],
                [SKU.EXCHANGE_KIOSK, ID.contoso1Licenses],
                [SKU.F5_COMPLIANCE, ID.contoso1Licenses],
            ],
        );
        const sean = snapshot.users.find((u) => u.id === ID.sean)!;
        assert.equal(sean.externalUserState, "PendingAcceptance");
        assert.equal(sean.externalUserStateChangeDateTime, "2025-10-01T09:00:00Z");
        assert.equal(sean.displayName, "Seán O'Brien");
        assert.equal("usageLocation" in sean, false);
        assert.equal("companyName" in sa2, true);
    });

    it("follows every page, asking for only the properties it needs, as advanced queries where Graph requires them", async () => {
        await read();
        const lists = loopback.graph().requests.filter((r) => /^\/v1\.0\/(users|groups)\?/.test(r.url));
        const holders = lists.filter((r) => r.url.includes("assignedLicenses/any"));
        assert.equal(holders.length, 3, "6 holders, 2 a page");
        assert.match(holders[2].url, /\$skiptoken=4$/);
        for (const r of lists) {
            assert.equal(r.consistencyLevel, "eventual", r.url);
            assert.match(r.url, /\$count=true/, r.url);
            assert.match(r.url, /\$select=id,/, r.url);
        }
        const employeeType = lists.find((r) => r.url.includes("employeeType eq"));
        assert.equal(employeeType?.status, 200, "Graph serves employeeType filters only as advanced queries");
    });

    it("waits out a 429 for its Retry-After and still reads every page", async () => {
        const graph = loopback.graph();
        graph.fail({
            path: /^\/v1\.0\/users\?.*skiptoken=2/,
            answer: { status: 429, headers: { "Retry-After": "0.05" } },
            times: 2,
        });
        const started = Date.now();
        const snapshot = await read();
        assert.ok(Date.now() - started >= 100, "held for two Retry-Afters");
        assert.equal(snapshot.users.length, 10);
        assert.equal(graph.statusCounts()[429], 2);
    });

    it("names the permission to grant when Graph refuses to list users", async () => {
        loopback.directory().denied.add("User.Read.All");
        await assert.rejects(read(), {
            name: "DirectoryReadError",
            message: `Microsoft Graph refused to list the users that hold MICROSOFT_REMOTE_ASSIST: GET /v1.0/users?$filter=assignedLicenses/any(x:x/skuId eq ${SKU.RA})&$select=id,userPrincipalName,displayName,mailNickname,mail,otherMails,userType,accountEnabled,usageLocation,companyName,department,employeeType,createdDateTime,creationType,externalUserState,externalUserStateChangeDateTime,assignedLicenses,licenseAssignmentStates&$top=999&$count=true answered 403 Authorization_RequestDenied: Insufficient privileges to complete the operation. (request-id ${REQUEST_ID}). The identity needs the Microsoft Graph permission User.Read.All (application permission with admin consent; Directory.Read.All also allows it); npm run adopt and npm run audit only read.`,
        });
    });

    it("names the permission for each kind of read that is refused", async () => {
        const cases = [
            [
                "Organization.Read.All",
                "list the tenant's subscribed SKUs",
                "Organization.Read.All (or LicenseAssignment.Read.All)",
            ],
            ["Group.Read.All", "list the groups whose mail nickname starts with ra-", "Group.Read.All"],
        ] as const;
        for (const [denied, what, permission] of cases) {
            loopback.directory().denied.clear();
            loopback.directory().denied.add(denied);
            await assert.rejects(read(), (e: Error) => {
                assert.ok(e.message.startsWith(`Microsoft Graph refused to ${what}: GET `), e.message);
                assert.ok(
                    e.message.includes(`The identity needs the Microsoft Graph permission ${permission} (`),
                    e.message,
                );
                return true;
            });
        }
    });

    it("lists a group's members with Group.Read.All when GroupMember.Read.All is not granted", async () => {
        loopback.directory().denied.add("GroupMember.Read.All");
        assert.equal((await read()).groups.length, 3);
    });

    it("looks up by name the accounts no list returned, and records those that do not exist", async () => {
        const snapshot = await read({
            userPrincipalNames: ["alice@abc.onmicrosoft.com", "SA1@ABC.COM", "gone@abc.com"],
        });
        assert.ok(snapshot.users.some((u) => u.id === ID.alice));
        assert.deepEqual(snapshot.missingUsers, ["gone@abc.com"]);
        const lookups = loopback.graph().requests.filter((r) => r.url.startsWith("/v1.0/users/"));
        assert.deepEqual(
            lookups.map((r) => r.url.slice(0, r.url.indexOf("?"))),
            ["/v1.0/users/alice@abc.onmicrosoft.com", "/v1.0/users/gone@abc.com"],
            "SA1 was listed already",
        );
    });

    it("records the groups asked for by id that do not exist", async () => {
        const gone = "00000000-0000-4000-8000-0000000000d9";
        const snapshot = await read({ groupIds: [ID.contoso1Licenses, gone.toUpperCase()] });
        assert.deepEqual(snapshot.missingGroups, [gone]);
        assert.ok(snapshot.groups.some((g) => g.id === ID.contoso1Licenses));
    });

    it("fails, naming the URL, when a user looked up by name meets a 404 that is not Graph's", async () => {
        loopback.graph().fail({ path: /^\/v1\.0\/users\/gone@abc\.com/, answer: { status: 404, body: {} } });
        const endpoint = loopback.graph().endpoint;
        const path = `/v1.0/users/gone%40abc.com?$select=${USER_FIELDS.join(",")}`;
        await assert.rejects(read({ userPrincipalNames: ["gone@abc.com"] }), {
            name: "DirectoryReadError",
            message: `Microsoft Graph could not read the user gone@abc.com: GET ${path} answered 404. A 404 without Graph's error code Request_ResourceNotFound does not say that the object is gone: check that ${endpoint}${path} reaches Microsoft Graph (graphEndpoint ${endpoint}), not a proxy or another service.`,
        });
    });

    it("shows each list's progress on stderr, with Graph's count as the total", async () => {
        const stream = log();
        await readTenant(
            loopback.reader(),
            { teamGroupId: ID.team, now: () => READ_AT },
            readingProgress(stream, 60_000),
        );
        const lines = stream.text.split("\n");
        assert.ok(lines.includes("Reading users holding MICROSOFT_REMOTE_ASSIST: 2 of 6"), stream.text);
        assert.ok(lines.includes("Reading users holding MICROSOFT_REMOTE_ASSIST: 6 of 6"), stream.text);
        assert.ok(lines.includes("Reading guests: 4 of 4"), stream.text);
        assert.ok(lines.includes("Reading groups and their members: 3 of 3"), stream.text);
    });
});
