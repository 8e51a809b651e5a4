import { strict as assert } from "node:assert";
import { classify, type Adoption } from "../../adopt/classify";
import { NO_HINTS, parseHints } from "../../adopt/hints";
import type { DirectoryFixture, GraphUser } from "../../loopback/directory";
import type { TenantSnapshot } from "../../tenant/model";
import { remoteAssistSkuIds, toUser } from "../../tenant/read";
import { handBuiltTenant, ID, READ_AT, SKU } from "../fixtures/handBuiltTenant";
import { withoutRemoteAssist } from "./harness";

/** The snapshot a reading of `fixture` gives, without Graph. */
function snapshotOf(fixture: DirectoryFixture): TenantSnapshot {
    return {
        readAt: READ_AT.toISOString(),
        skus: fixture.skus,
        remoteAssistSkuIds: remoteAssistSkuIds(fixture.skus),
        users: fixture.users.map((u) => toUser(u)),
        groups: fixture.groups.map((g) => ({
            id: g.id,
            displayName: String(g.displayName),
            mailNickname: String(g.mailNickname),
            securityEnabled: g.securityEnabled === true,
            mailEnabled: g.mailEnabled === true,
            groupTypes: g.groupTypes as string[],
            isAssignableToRole: g.isAssignableToRole === true,
            assignedLicenses: g.assignedLicenses as { skuId: string; disabledPlans: string[] }[],
            members: g.members.map((id) => {
                const user = fixture.users.find((u) => u.id === id);
                return user
                    ? { id, kind: "user", userPrincipalName: user.userPrincipalName, userType: String(user.userType) }
                    : { id, kind: "group" };
            }),
        })),
        missingUsers: [],
        missingGroups: [],
        teamGroupId: ID.team,
    };
}

/** The hand-built tenant with one user changed. */
function withUser(id: string, change: Partial<Record<string, unknown>>): DirectoryFixture {
    const fixture = handBuiltTenant();
    const users = fixture.users.map((u) => (u.id === id ? ({ ...u, ...change } as GraphUser) : u));
    return { ...fixture, users };
}

/** `fixture` with the users `extra` added, and those of `team` made members of the experts' team. */
function withUsers(
    fixture: DirectoryFixture,
    extra: readonly GraphUser[],
    team: readonly GraphUser[] = [],
): DirectoryFixture {
    const groups = fixture.groups.map((g) =>
        g.id === ID.team ? { ...g, members: [...g.members, ...team.map((u) => u.id)] } : g,
    );
    return { ...fixture, users: [...fixture.users, ...extra], groups };
}

/** A guest of the hand-built tenant's kind at `mail`, with a readable id ending in `n`. */
function guestAt(mail: string, n: number, change: Partial<Record<string, unknown>> = {}): GraphUser {
    const nina = handBuiltTenant().users.find((u) => u.id === ID.nina)!;
    const id = `00000000-0000-4000-8000-0000000001${String(n).padStart(2, "0")}`;
    return { ...nina, id, mail, userPrincipalName: `${mail.replace("@", "_")}#EXT#@abc.onmicrosoft.com`, ...change };
}

function adoptOf(fixture: DirectoryFixture, hints = NO_HINTS): Adoption {
    return classify(snapshotOf(fixture), { domain: "abc.onmicrosoft.com", teamGroupId: ID.team, hints });
}

type RawVendor = {
    id: string;
    name: string;
    serviceAccounts?: Record<string, any>[];
    guests?: Record<string, any>[];
    existing?: unknown;
};
const vendors = (a: Adoption) => a.config.vendors as RawVendor[];
const commentsAt = (a: Adoption, path: readonly (string | number)[]) =>
    a.comments.filter((c) => JSON.stringify(c.path) === JSON.stringify(path)).map((c) => c.text);

describe("grouping the tenant into vendors", () => {
    it("leaves out a disabled account of an active vendor, which the stack would enable, and does not adopt a group that holds it", () => {
        const adoption = adoptOf(withUser(ID.sa2, { accountEnabled: false }));
        assert.deepEqual(adoption.left, [
            {
                subject: "ines.tech@abc.onmicrosoft.com",
                why: "holds Remote Assist, but nothing tells which vendor it serves; name it under accounts (or internal) in the hints file",
            },
            {
                subject: "SA2@abc.com",
                why: "disabled, and Contoso1 is active: the stack would enable it; delete it, or adopt it once it should sign in again",
            },
        ]);
        const contoso1 = vendors(adoption).find((v) => v.id === "contoso1")!;
        assert.deepEqual(
            contoso1.serviceAccounts?.map((a) => a.existing.userPrincipalName),
            ["SA1@abc.com"],
        );
        assert.equal(contoso1.existing, undefined);
        const at = vendors(adoption).indexOf(contoso1);
        assert.ok(
            commentsAt(adoption, ["vendors", at]).includes(
                `license group "Remote Assist - Contoso1" (${ID.contoso1Licenses}) is not adopted: it also holds SA2@abc.com, whom the stack would remove from it; it stays as it is, outside the stack`,
            ),
        );
    });

    it("takes a hinted account's vendor, id and holder as certain, without a guess", () => {
        const hints = parseHints(
            "accounts:\n  sa3@ABC.com: { vendor: leasing, id: leased-3, holder: Jo@Contractor.example }\n",
            "hints.yaml",
        );
        const adoption = adoptOf(handBuiltTenant(), hints);
        const leasing = vendors(adoption).find((v) => v.id === "leasing")!;
        assert.deepEqual(leasing.serviceAccounts?.[0], {
            id: "leased-3",
            holder: "jo@contractor.example",
            displayName: "SA3 (Contractor)",
            existing: { userPrincipalName: "SA3@abc.com" },
        });
        const at = vendors(adoption).indexOf(leasing);
        assert.deepEqual(commentsAt(adoption, ["vendors", at, "serviceAccounts", 0, "holder"]), []);
        assert.deepEqual(commentsAt(adoption, ["vendors", at]), [], "a hinted vendor is no guess");
    });

    it("leaves out an account nothing ties to a vendor, saying how to name it", () => {
        const adoption = adoptOf(withUser(ID.sa3, { companyName: null, otherMails: [] }));
        assert.ok(
            adoption.left.some(
                (l) =>
                    l.subject === "SA3@abc.com" &&
                    l.why ===
                        "holds Remote Assist, but nothing tells which vendor it serves; name it under accounts (or internal) in the hints file",
            ),
        );
        assert.equal(
            vendors(adoption).some((v) => v.id === "contractors"),
            false,
        );
    });

    it("writes a placeholder holder, marked TODO, when no address says who holds an account", () => {
        const adoption = adoptOf(withUser(ID.sa3, { otherMails: [] }));
        const at = vendors(adoption).findIndex((v) => v.id === "contractors");
        assert.equal(vendors(adoption)[at].serviceAccounts?.[0].holder, "unknown@holder.invalid");
        assert.deepEqual(commentsAt(adoption, ["vendors", at, "serviceAccounts", 0, "holder"]), [
            "guess: TODO: nobody recorded who holds this account; put the holder's address here",
        ]);
    });

    it("does not adopt a Microsoft 365 group as a license group, since the stack's are security groups", () => {
        const fixture = handBuiltTenant();
        const groups = fixture.groups.map((g) =>
            g.id === ID.contoso1Licenses ? { ...g, groupTypes: ["Unified"], mailEnabled: true } : g,
        );
        const adoption = adoptOf({ ...fixture, groups });
        const at = vendors(adoption).findIndex((v) => v.id === "contoso1");
        assert.equal(vendors(adoption)[at].existing, undefined);
        assert.ok(
            commentsAt(adoption, ["vendors", at]).some((c) =>
                c.endsWith(
                    "is not adopted: it is not a plain security group, and the stack's license groups are; it stays as it is, outside the stack",
                ),
            ),
        );
    });

    it("says that the first pulumi up gives an account without a usage location the tenant's", () => {
        const adoption = adoptOf(withUser(ID.sa1, { usageLocation: null }));
        const at = vendors(adoption).findIndex((v) => v.id === "contoso1");
        assert.deepEqual(commentsAt(adoption, ["vendors", at, "serviceAccounts", 0, "id"]), [
            "has no usage location: the first pulumi up sets US (group-based licensing needs one)",
        ]);
        assert.equal(vendors(adoption)[at].serviceAccounts?.[0].usageLocation, undefined);
    });

    it("gives two vendors whose names make the same id ids of their own", () => {
        const fixture = withUser(ID.sa3, { companyName: "Acme GmbH" });
        const users = fixture.users.map((u) => (u.id === ID.juergen ? { ...u, companyName: "ACME-GmbH" } : u));
        const adoption = adoptOf({ ...fixture, users });
        assert.deepEqual(
            vendors(adoption)
                .filter((v) => v.id.startsWith("acme"))
                .map((v) => [v.id, v.name]),
            [
                ["acme-gmbh", "Acme GmbH"],
                ["acme-gmbh-2", "ACME-GmbH"],
            ],
        );
    });

    it("says that a suspended vendor's guest stays in the experts' team, which the stack does not take it out of", () => {
        const hints = parseHints(
            "vendors:\n  - id: contoson\n    domains: [contoson.com]\n    state: suspended\n",
            "hints.yaml",
        );
        const adoption = adoptOf(handBuiltTenant(), hints);
        const at = vendors(adoption).findIndex((x) => x.id === "contoson");
        assert.deepEqual(commentsAt(adoption, ["vendors", at, "guests", 0, "email"]), [
            "in the experts' team, though its vendor is suspended; the stack does not take it out (npm run audit reports it)",
        ]);
    });

    it("leaves out a guest of the team with a consumer mailbox, whose vendor nothing tells", () => {
        const fixture = handBuiltTenant();
        const guest = {
            ...fixture.users.find((u) => u.id === ID.nina)!,
            id: "00000000-0000-4000-8000-000000000c09",
            mail: "max@gmail.com",
        };
        const groups = fixture.groups.map((g) => (g.id === ID.team ? { ...g, members: [...g.members, guest.id] } : g));
        const adoption = adoptOf({ ...fixture, users: [...fixture.users, guest], groups });
        assert.ok(
            adoption.left.some(
                (l) =>
                    l.subject === "max@gmail.com" &&
                    l.why ===
                        "a guest with a consumer mailbox: nothing tells which vendor it belongs to; name it under guests in the hints file",
            ),
        );
    });

    it("groups a second guest at a domain with the vendor that domain was found for, adding no guess", () => {
        const ann = guestAt("ann@newco.io", 1);
        const bob = guestAt("bob@newco.io", 2);
        const one = adoptOf(withUsers(handBuiltTenant(), [ann], [ann]));
        const two = adoptOf(withUsers(handBuiltTenant(), [ann, bob], [ann, bob]));
        const at = vendors(two).findIndex((v) => v.id === "newco");
        assert.deepEqual(
            vendors(two)[at].guests?.map((g) => g.email),
            ["ann@newco.io", "bob@newco.io"],
        );
        assert.deepEqual(commentsAt(two, ["vendors", at, "guests", 1]), []);
        assert.equal(two.guesses, one.guesses);
    });

    it("says a guest is grouped by a guest at its domain the hints place, not by holders its vendor does not have", () => {
        const ann = guestAt("ann@newco.io", 1);
        const bob = guestAt("bob@newco.io", 2);
        const hints = parseHints("guests:\n  ann@newco.io: { vendor: newco }\n", "hints.yaml");
        const adoption = adoptOf(withUsers(handBuiltTenant(), [ann, bob], [ann, bob]), hints);
        const at = vendors(adoption).findIndex((v) => v.id === "newco");
        assert.deepEqual(commentsAt(adoption, ["vendors", at, "guests", 1]), [
            'guess: grouped with "newco" because its guest ann@newco.io, whom the hints file puts there, is at newco.io too',
        ]);
    });

    it("says a guest is grouped by another guest at its domain when its vendor's holders are elsewhere", () => {
        const ann = guestAt("ann@newco.io", 1, { companyName: "Contoso1" });
        const bob = guestAt("bob@newco.io", 2);
        const adoption = adoptOf(withUsers(handBuiltTenant(), [ann, bob], [ann, bob]));
        const at = vendors(adoption).findIndex((v) => v.id === "contoso1");
        assert.deepEqual(
            vendors(adoption)[at].guests?.map((g) => g.email),
            ["carol@contoso1.com", "ann@newco.io", "bob@newco.io"],
        );
        assert.deepEqual(commentsAt(adoption, ["vendors", at, "guests", 2]), [
            'guess: grouped with "Contoso1" because its guest ann@newco.io is at newco.io too',
        ]);
    });

    it("says a guest is grouped by its vendor's holders when they are at its domain", () => {
        const dave = guestAt("dave@contoso2.com", 3);
        const adoption = adoptOf(withUsers(handBuiltTenant(), [dave], [dave]));
        const at = vendors(adoption).findIndex((v) => v.id === "contoso2");
        assert.deepEqual(commentsAt(adoption, ["vendors", at, "guests", 0]), [
            'guess: grouped with "Contoso2" because its service accounts\' holders are at contoso2.com too',
        ]);
    });

    it("names a vendor found by a domain alike, whether a holder's address or a guest's gave it", () => {
        const ann = guestAt("ann@acme.io", 1);
        const fixture = withUsers(withUser(ID.sa3, { companyName: null, otherMails: ["jo@newco.io"] }), [ann], [ann]);
        const adoption = adoptOf(fixture);
        assert.deepEqual(
            vendors(adoption)
                .filter((v) => v.id === "acme" || v.id === "newco")
                .map((v) => [v.id, v.name]),
            [
                ["acme", "Acme"],
                ["newco", "Newco"],
            ],
        );
    });
});

describe("licensing the adopted service accounts", () => {
    it("leaves out, saying why and what to do, a service account nothing can license: no SKU the stack knows, no Remote Assist in the tenant", () => {
        const adoption = adoptOf(withoutRemoteAssist(handBuiltTenant()));
        assert.deepEqual(adoption.left, [
            {
                subject: "sa-contoso2-sa1@abc.onmicrosoft.com",
                why: "a service account of Contoso2 that the stack cannot license as it is: it holds none of the SKUs the stack knows, and the tenant has no Remote Assist SKU to give it; once the tenant has one, run npm run adopt again",
            },
        ]);
        assert.equal(
            vendors(adoption).some((v) => v.id === "contoso2"),
            false,
        );
    });

    it("leaves out every account of a vendor whose accounts share no SKU the stack knows, in a tenant without Remote Assist", () => {
        const fixture = withoutRemoteAssist(withUser(ID.contoso2, { accountEnabled: true }));
        const contoso2 = fixture.users.find((u) => u.id === ID.contoso2)!;
        const second = {
            ...contoso2,
            id: "00000000-0000-4000-8000-000000000b09",
            userPrincipalName: "sa-contoso2-sa2@abc.onmicrosoft.com",
            assignedLicenses: [{ skuId: SKU.EXCHANGE_KIOSK, disabledPlans: [] }],
            licenseAssignmentStates: [],
        };
        const adoption = adoptOf(withUsers(fixture, [second]));
        assert.deepEqual(adoption.left, [
            {
                subject: "sa-contoso2-sa1@abc.onmicrosoft.com",
                why: "a service account of Contoso2 that the stack cannot license as it is: it holds none of the SKUs the stack knows, and the tenant has no Remote Assist SKU to give it; once the tenant has one, run npm run adopt again",
            },
            {
                subject: "sa-contoso2-sa2@abc.onmicrosoft.com",
                why: "a service account of Contoso2 that the stack cannot license as it is: Contoso2's service accounts have none of the SKUs the stack knows in common, and the tenant has no Remote Assist SKU to give it; once the tenant has one, run npm run adopt again",
            },
        ]);
    });

    it("gives a service account that holds no license Remote Assist alone, when the tenant has it", () => {
        const adoption = adoptOf(withUser(ID.contoso2, { assignedLicenses: [], licenseAssignmentStates: [] }));
        const contoso2 = vendors(adoption).find((v) => v.id === "contoso2") as RawVendor & { license: string };
        assert.deepEqual((adoption.config.licenses as Record<string, unknown>)[contoso2.license], {
            skus: [{ sku: "MICROSOFT_REMOTE_ASSIST" }],
        });
    });

    it("names a second license group that fits the vendor as well, and why it is not adopted", () => {
        const fixture = handBuiltTenant();
        const first = fixture.groups.find((g) => g.id === ID.contoso1Licenses)!;
        const second = {
            ...first,
            id: "00000000-0000-4000-8000-000000000d09",
            displayName: "RA - Contoso1 (new)",
            mailNickname: "racontoso1new",
            assignedLicenses: [{ skuId: SKU.RA, disabledPlans: [] }],
        };
        const users = fixture.users.map((u) =>
            u.id === ID.sa1
                ? {
                      ...u,
                      licenseAssignmentStates: [
                          ...(u.licenseAssignmentStates as object[]),
                          {
                              skuId: SKU.RA,
                              assignedByGroup: second.id,
                              state: "Active",
                              error: "None",
                              disabledPlans: [],
                          },
                      ],
                  }
                : u,
        );
        const adoption = adoptOf({ ...fixture, users, groups: [...fixture.groups, second] });
        const at = vendors(adoption).findIndex((v) => v.id === "contoso1");
        assert.deepEqual(
            (vendors(adoption)[at].existing as { licenseGroup: { id: string } }).licenseGroup.id,
            first.id,
        );
        assert.deepEqual(
            commentsAt(adoption, ["vendors", at]).filter((c) => c.startsWith("license group")),
            [
                `license group "RA - Contoso1 (new)" (${second.id}) is not adopted: the vendor has one license group, and "Remote Assist - Contoso1" (${first.id}), which fits as well, is adopted; it stays as it is, outside the stack`,
            ],
        );
    });
});
