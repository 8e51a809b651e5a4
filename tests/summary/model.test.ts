import { strict as assert } from "node:assert";
import { SECRET_VALUE, UNKNOWN_VALUE } from "../../summary/digest";
import { changedKeys, isKnown, Labels, stringList, subjectsOf, topKey, VendorDirectory } from "../../summary/model";
import { previewReport } from "../../summary/report";
import { TYPES } from "../../summary/types";
import { digestOf, PARENTS, Resource, stateOf, stepOf } from "./steps";

const resource = (parents: readonly string[], type: string, name: string): Resource => ({ parents, type, name });

/** A step creating a resource with these inputs. */
function created(parents: readonly string[], type: string, name: string, inputs: Record<string, unknown> = {}) {
    const r = resource(parents, type, name);
    return stepOf("create", r, { new: stateOf(r, inputs) });
}

function headings(report: string): string[] {
    return report.split("\n").filter((l) => l.startsWith("#### "));
}

describe("the vendors a report is grouped by", () => {
    it("are found through secret tags, group mail nicknames and their children's names when the config does not list them", () => {
        const steps = [
            created(PARENTS.serviceAccount, TYPES.credential, "fab-sa1-credential", { tags: { vendor: "fab" } }),
            created(PARENTS.licenseGroup, TYPES.group, "zed-license-group", {
                displayName: "Z",
                mailNickname: "ra-license-zed",
            }),
            created(PARENTS.vendor, TYPES.group, "ops-segment", { displayName: "O", mailNickname: "ra-segment-ops" }),
            created(PARENTS.licenseGroup, TYPES.group, "lic-license-group", { displayName: "L" }),
            created(PARENTS.vendor, TYPES.group, "seg-segment", { displayName: "S" }),
            created(PARENTS.guest, TYPES.invitation, "acme-guest-x@y.com-invitation", { userEmailAddress: "x@y.com" }),
            created(PARENTS.serviceAccount, TYPES.user, "fab-sa1-user", {
                userPrincipalName: "sa@fab",
                companyName: "Fabrikam Ltd",
            }),
        ];
        assert.deepEqual(headings(previewReport(digestOf(steps))), [
            "#### `acme`",
            "#### Fabrikam Ltd (`fab`)",
            "#### `lic`",
            "#### `ops`",
            "#### `seg`",
            "#### `zed`",
        ]);
    });

    it("are not taken from near misses: untagged secrets, other nicknames, names outside a vendor", () => {
        const steps = [
            created(PARENTS.serviceAccount, TYPES.credential, "one-sa1-credential", { tags: { vendor: 7 } }),
            created(PARENTS.serviceAccount, TYPES.credential, "two-sa1-credential", { tags: "vendor" }),
            created(PARENTS.serviceAccount, TYPES.user, "three-sa1-user", { mailNickname: "ra-license-three" }),
            created(PARENTS.none, TYPES.group, "four-group", { displayName: "F", mailNickname: "xra-license-four" }),
            created(PARENTS.none, TYPES.group, "five-group", { displayName: "V", mailNickname: "ra-license-five-x\n" }),
            created(PARENTS.none, TYPES.group, "six-segment", { displayName: "X" }),
            created(PARENTS.vendor, TYPES.group, "seven-segment-old", { displayName: "Y" }),
            created(PARENTS.vendor, TYPES.group, "eight-license-groups", { displayName: "Z" }),
        ];
        const report = previewReport(digestOf(steps));
        assert.deepEqual(headings(report), ["#### Tenant-wide"]);
    });

    it("take their names from the config, else from their service accounts' company name, else their id", () => {
        const user = (vendor: string, company: unknown) =>
            created(PARENTS.serviceAccount, TYPES.user, `${vendor}-sa1-user`, {
                userPrincipalName: `sa@${vendor}`,
                companyName: company,
            });
        const steps = [
            user("named", "Company Name"),
            user("company", "Company Ltd"),
            user("bare", 42),
            user("unsure", UNKNOWN_VALUE),
        ];
        const vendors = [{ id: "named", name: "Config Name" }, { id: "company" }, { id: "bare" }, { id: "unsure" }];
        assert.deepEqual(headings(previewReport(digestOf(steps, vendors))), [
            "#### `bare`",
            "#### Company Ltd (`company`)",
            "#### Config Name (`named`)",
            "#### `unsure`",
        ]);
    });

    it("are read from config entries that have an id, skipping the rest and a config that is not a list", () => {
        const steps = ["good", "noname", "stray"]
            .map((id) => created(PARENTS.vendor, TYPES.vendor, id).urn)
            .map((urn) => ({ op: "create", urn }));
        const config = (value: string) => ({ config: { "remote-assist-tenancy:vendors": value }, steps });
        assert.deepEqual(
            headings(
                previewReport(
                    config(
                        JSON.stringify([
                            { id: "good", name: "Good" },
                            { id: "noname", name: 5 },
                            "stray",
                            { name: "no id" },
                            null,
                        ]),
                    ),
                ),
            ),
            ["#### Good (`good`)", "#### `noname`", "#### `stray`"],
        );
        for (const value of ["not json", '{"id": "good", "name": "Good"}', ""]) {
            assert.deepEqual(
                headings(previewReport(config(value))),
                ["#### `good`", "#### `noname`", "#### `stray`"],
                value,
            );
        }
    });

    it("file a resource of a vendor the digest does not know tenant-wide, and the experts under the experts", () => {
        const directory = new VendorDirectory({}, []);
        const [loose, expert] = subjectsOf([
            created(PARENTS.serviceAccount, TYPES.user, "ghost-sa1-user"),
            created(PARENTS.expertsSegment, TYPES.group, "experts-segment"),
        ]);
        assert.deepEqual(
            [directory.sectionOf(loose), directory.sectionOf(expert)],
            [{ kind: "tenant" }, { kind: "experts" }],
        );
    });
});

describe("directory object ids in words", () => {
    it("name a service account by its UPN and a guest by their email, from the object id of either state", () => {
        const user = resource(PARENTS.serviceAccount, TYPES.user, "contoso1-sa1-user");
        const guest = resource(PARENTS.guest, TYPES.invitation, "contoso1-guest-a@x.com-invitation");
        const labels = new Labels(
            subjectsOf([
                stepOf("same", user, {
                    old: stateOf(
                        user,
                        { userPrincipalName: "sa1@x" },
                        { id: "u1", outputs: { objectId: "u1-object" } },
                    ),
                }),
                stepOf("replace", guest, {
                    old: stateOf(guest, { userEmailAddress: "old@x.com" }, { outputs: { userId: "g-old" } }),
                    new: stateOf(guest, { userEmailAddress: "new@x.com" }, { id: "g-new" }),
                }),
                stepOf("create", user, { new: stateOf(user, { userPrincipalName: SECRET_VALUE }, { id: "u-secret" }) }),
                stepOf("create", resource(PARENTS.none, TYPES.group, "g"), {
                    new: stateOf(
                        resource(PARENTS.none, TYPES.group, "g"),
                        { userPrincipalName: "group@x" },
                        { id: "grp" },
                    ),
                }),
            ]),
        );
        assert.deepEqual(
            ["u1", "u1-object", "g-old", "g-new", "u-secret", "grp", UNKNOWN_VALUE].map((id) => labels.member(id)),
            [
                "`sa1@x`",
                "`sa1@x`",
                "guest `old@x.com`",
                "guest `new@x.com`",
                "`u-secret` (not managed by this stack)",
                "`grp` (not managed by this stack)",
                "an account created in this change",
            ],
        );
        assert.equal(labels.accountUpn("contoso1-sa1"), "sa1@x");
    });
});

describe("what a step changes", () => {
    it("is read from the detailed diff and the diff reasons, top-level keys only, sorted, without Pulumi's own", () => {
        assert.deepEqual(
            changedKeys({
                op: "update",
                urn: "u",
                detailedDiff: {
                    "tags.b": { kind: "update", inputDiff: true },
                    "members[0]": { kind: "add", inputDiff: true },
                },
                diffReasons: ["__defaults", "accountEnabled"],
            }),
            ["accountEnabled", "members", "tags"],
        );
    });

    it("is found by comparing inputs, or outputs when asked, when Pulumi names nothing", () => {
        const step = {
            op: "update",
            urn: "u",
            oldState: { urn: "u", type: "t", inputs: { a: 1, same: [1], __x: 1 }, outputs: { o: "1", p: 1 } },
            newState: { urn: "u", type: "t", inputs: { a: 2, same: [1], b: true, __x: 2 }, outputs: { o: "2", p: 1 } },
        };
        assert.deepEqual(changedKeys(step), ["a", "b"]);
        assert.deepEqual(changedKeys(step, "outputs"), ["o"]);
        assert.deepEqual(changedKeys({ op: "update", urn: "u" }), []);
        assert.deepEqual(
            changedKeys({ op: "update", urn: "u", newState: { urn: "u", type: "t", outputs: { o: 1 } } }, "outputs"),
            ["o"],
        );
    });

    it("reads a quoted key only at the start of a path", () => {
        assert.deepEqual(['tags["a.b"]', '["a.b"].c'].map(topKey), ["tags", "a.b"]);
    });

    it("takes the strings of a list and nothing from what is not a list", () => {
        assert.deepEqual(
            [stringList(["a", 1, null, "b"]), stringList("a"), stringList(undefined)],
            [["a", "b"], [], []],
        );
        assert.deepEqual([undefined, null, UNKNOWN_VALUE, SECRET_VALUE, "", 0, false].map(isKnown), [
            false,
            false,
            false,
            false,
            true,
            true,
            true,
        ]);
    });
});
