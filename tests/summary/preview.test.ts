import { strict as assert } from "node:assert";
import { operationOf, plannedSteps } from "../../summary/changes";
import { PreviewDigest, PreviewStep, UNKNOWN_VALUE } from "../../summary/digest";
import { previewReport } from "../../summary/report";
import { callout, fixture, section } from "./fixtures";

describe("preview report", () => {
    it("lists a new service account, a new guest and their memberships under their vendor, naming accounts that have no id yet", () => {
        const report = previewReport(fixture("preview-create.json"));
        assert.deepEqual(section(report, "Contoso1 (`contoso1`)"), [
            "- Service account `sa-contoso1-sa3@abc.onmicrosoft.com` added",
            "- Guest `dave@contoso1.com` invited",
            "- Guest `dave@contoso1.com` joins the experts' Teams team",
            "- Joining license group `RA License - Contoso1` (gets a Remote Assist license): `sa-contoso1-sa3@abc.onmicrosoft.com` (new)",
            "- Joining segment group `RA Segment - Contoso1` (joins the vendor's information-barrier segment): `sa-contoso1-sa3@abc.onmicrosoft.com` (new)",
        ]);
        assert.deepEqual(section(report, "Fabrikam (`fabrikam`)"), [
            "- New vendor in the stack",
            "- Guest `erik@fabrikam.com` invited",
            "- Segment group `RA Segment - Fabrikam` created with 1 member",
        ]);
        assert.deepEqual(section(report, "Tenant-wide"), [
            "- Teams federation: `fabrikam.com` joins the allow list (vendor Fabrikam); then run `Set-RATeamsFederation` (README, Teams federation)",
        ]);
        assert.ok(!report.includes("[!CAUTION]"), "creating destroys nothing");
        assert.match(report, /<sub>Pulumi's count: 8 to create, 2 to update, 38 unchanged\.<\/sub>/);
    });

    it("does not mistake a new password for a rotation when its account is new", () => {
        const report = previewReport(fixture("preview-create.json"));
        assert.doesNotMatch(report, /[Pp]assword/);
    });

    it("tells suspension, re-enabling, rotation, segment and license bundle changes in the domain's words", () => {
        const report = previewReport(fixture("preview-update.json"));
        assert.deepEqual(section(report, "Contoso1 (`contoso1`)"), [
            "- Service account `sa-contoso1-sa1@abc.onmicrosoft.com` disabled: it can no longer sign in",
            "- Service account `sa-contoso1-sa2@abc.onmicrosoft.com` disabled: it can no longer sign in",
            "- Guest `carol@contoso1.com` leaves the experts' Teams team",
            "- Leaving license group `RA License - Contoso1` (frees a seat): `sa-contoso1-sa1@abc.onmicrosoft.com` and `sa-contoso1-sa2@abc.onmicrosoft.com`",
            "- License bundle changes: adds `MICROSOFT_REMOTE_ASSIST_HOLOLENS`; for `MICROSOFT_REMOTE_ASSIST` switches off `a12b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d`",
        ]);
        assert.deepEqual(section(report, "Contoso2 (`contoso2`)"), [
            "- Service account `sa-contoso2-sa1@abc.onmicrosoft.com` re-enabled: it can sign in again",
            "- Joining license group `RA License - Contoso2` (gets a Remote Assist license): `sa-contoso2-sa1@abc.onmicrosoft.com`",
        ]);
        assert.deepEqual(section(report, "Outlook contractor (`contractor-user`)"), [
            "- Service account `sa-contractor-user-sa3@abc.onmicrosoft.com` updated: `usageLocation` `US` → `GB`",
            "- Password of service account `sa-contractor-user-sa3@abc.onmicrosoft.com` rotated (rotation `2026-05` → `2026-11`): hand the new one to its holder",
            "- Segment renamed: `RA Segment - Contractors` → `RA Segment - Field contractors`",
        ]);
        assert.deepEqual(section(report, "The host tenant's experts"), [
            "- Joining experts' segment group `RA Segment - Experts` (joins the experts' segment): `d4c3b2a1-f6e5-4b7a-9d8c-1f0e3b2a4c02` (an existing host-tenant user)",
        ]);
    });

    it("calls out a replaced invitation first, naming the guest who loses their account before the address invited instead", () => {
        const report = previewReport(fixture("preview-replace.json"));
        assert.deepEqual(callout(report, "CAUTION"), [
            "> **1 destructive change: read it before approving.**",
            "> - **`contoso1`**: guest `carol@contoso1.com` is **re-invited** because `userEmailAddress` changed: the guest user of `carol@contoso1.com` (object id `5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c05`) is deleted with their chats and team membership, and `carol.ng@contoso1.com` is invited in their place as a new guest user (known after deployment)",
        ]);
        assert.ok(
            report.indexOf("[!CAUTION]") < report.indexOf("#### "),
            "the callout comes before the vendor sections",
        );
        assert.deepEqual(section(report, "`contoso1`"), [
            "- Team membership of guest `carol@contoso1.com` is re-created because `memberObjectId` changed",
        ]);
    });

    it("calls out deletes first and loudly: a removed vendor, a deleted user losing its data, deleted groups, the license bundle and a removed guest", () => {
        const report = previewReport(fixture("preview-delete.json"));
        assert.deepEqual(callout(report, "CAUTION"), [
            "> **6 destructive changes: read these before approving.**",
            "> - **Contoso2 (`contoso2`)**: vendor `contoso2` is **removed** from the stack: everything the stack made for it is deleted",
            "> - **Contoso2 (`contoso2`)**: service account `sa-contoso2-sa1@abc.onmicrosoft.com` (object id `e1d2c3b4-a5f6-4789-8abc-def012345604`) is **deleted**: the user and its data (mailbox, OneDrive files, Teams chats) are lost, unless the user is restored from Deleted users within 30 days",
            "> - **Contoso2 (`contoso2`)**: license group `RA License - Contoso2` (object id `0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e13`) is **deleted**: it has no members, so no license is lost; security groups are deleted permanently",
            "> - **Contoso2 (`contoso2`)**: license bundle is **removed** from license group `RA License - Contoso2`: its members lose `MICROSOFT_REMOTE_ASSIST` and `EXCHANGEDESKLESS`",
            "> - **Contoso2 (`contoso2`)**: segment group `RA Segment - Contoso2` (object id `0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e15`) is **deleted**: the information-barrier segment built on it matches nobody, so its members `sa-contoso2-sa1@abc.onmicrosoft.com` fall out of the segment; a deleted Microsoft 365 group can be restored for 30 days",
            "> - **`contoson`**: guest `nina@contoson.com` is **removed**: the guest user (object id `7d8e9f0a-1b2c-4d3e-9f4a-5b6c7d8e9f06`) is deleted with their chats and team membership (offboarding)",
        ]);
        assert.deepEqual(section(report, "`contoson`"), ["- Guest `nina@contoson.com` leaves the experts' Teams team"]);
    });

    it("names what each replacement and delete loses with its old values, then what replaces it", () => {
        const report = previewReport(fixture("preview-destructive.json"));
        assert.deepEqual(callout(report, "CAUTION"), [
            "> **10 destructive changes: read these before approving.**",
            "> - **Contoso1 (`contoso1`)**: service account `sa-contoso1-sa1@abc.onmicrosoft.com` (object id `3b9d1c52-7e4a-4f0b-9a6e-2c1d8e5f7a01`) is **replaced** because `userPrincipalName` changed: that user is deleted with its mailbox, OneDrive files and Teams chats, and `sa-contoso1-sa1@abc.com` is created in its place with a new object id (known after deployment)",
            "> - **Contoso1 (`contoso1`)**: stored password of service account `sa-contoso1-sa1@abc.onmicrosoft.com` in Key Vault `kv-abc-old/sa-contoso1-sa1` is **replaced** because `vaultName` changed: that secret is deleted, and the password is stored in `kv-abc-remote-assist/sa-contoso1-sa1`",
            "> - **Contoso1 (`contoso1`)**: segment group `RA Segment - Contoso1` (object id `0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e21`) is **replaced** because `mailEnabled` and `types` changed: it is deleted and re-created with a new object id (known after deployment), and until the new group is in place the information-barrier segment built on it matches nobody, so its members `sa-contoso1-sa1@abc.onmicrosoft.com` fall out of the segment",
            "> - **Outlook contractor (`contractor-user`)**: vendor `contractor-user` is **removed** from the stack: everything the stack made for it is deleted",
            "> - **Outlook contractor (`contractor-user`)**: service account `sa-contractor-user-sa3@abc.onmicrosoft.com` (object id `5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e03`) is **deleted**: the user and its data (mailbox, OneDrive files, Teams chats) are lost, unless the user is restored from Deleted users within 30 days",
            "> - **Outlook contractor (`contractor-user`)**: stored password of service account `sa-contractor-user-sa3@abc.onmicrosoft.com` is **deleted** from Key Vault `kv-abc-old/sa-contractor-user-sa3`: the holder's credential is gone from the vault",
            "> - **Outlook contractor (`contractor-user`)**: license group `RA License - Outlook contractor` (object id `0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e31`) is **deleted**: its members `sa-contractor-user-sa3@abc.onmicrosoft.com` lose their Remote Assist licenses; security groups are deleted permanently",
            "> - **Outlook contractor (`contractor-user`)**: license bundle is **removed** from license group `RA License - Outlook contractor`: its members `sa-contractor-user-sa3@abc.onmicrosoft.com` lose `MICROSOFT_REMOTE_ASSIST` and `EXCHANGEDESKLESS`",
            "> - **Outlook contractor (`contractor-user`)**: segment group `RA Segment - Contractors` (object id `0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e32`) is **deleted**: the information-barrier segment built on it matches nobody, so its members `sa-contractor-user-sa3@abc.onmicrosoft.com` fall out of the segment; a deleted Microsoft 365 group can be restored for 30 days",
            "> - **Tenant-wide**: `azuread:index/administrativeUnit:AdministrativeUnit` `ra-vendors` (id `6e5d4c3b-2a19-4807-b6f5-e4d3c2b1a009`) is **deleted**: it had `description` `Service accounts leased to vendors`, `displayName` `RA Vendors`, `hiddenMembershipEnabled` `false`",
        ]);
    });

    it("reads a member list Pulumi knows only after deployment as such, not as every member leaving", () => {
        const report = previewReport(fixture("preview-destructive.json"));
        assert.deepEqual(section(report, "Tenant-wide"), [
            "- Members of service accounts' group `RA Service Accounts` are known only after deployment: the list holds accounts this change creates or replaces",
        ]);
        assert.doesNotMatch(report, /Leaving/);
    });

    it("never shows Pulumi's unknown placeholder, nor a value unknown before deployment as a stranger to the stack", () => {
        for (const name of ["preview-destructive.json", "preview-replace.json", "preview-create.json"]) {
            const report = previewReport(fixture(name));
            assert.ok(!report.includes(UNKNOWN_VALUE), `${name} shows the placeholder`);
            assert.doesNotMatch(report, /not managed by this stack/, name);
        }
    });

    it("tells a password that changed without its password resource in the preview", () => {
        const urn =
            "urn:pulumi:dev::remote-assist-tenancy::remote-assist-tenancy:vendor:Vendor$remote-assist-tenancy:vendor:ServiceAccount$azuread:index/user:User::contoso1-sa2-user";
        const user = (password: string) => ({
            urn,
            custom: true,
            id: "8f2e6a14-1c3b-4d5e-a7f9-0b2c4d6e8f02",
            type: "azuread:index/user:User",
            inputs: { companyName: "Contoso1", password, userPrincipalName: "sa-contoso1-sa2@abc.onmicrosoft.com" },
            outputs: { objectId: "8f2e6a14-1c3b-4d5e-a7f9-0b2c4d6e8f02" },
        });
        const digest: PreviewDigest = {
            config: { "remote-assist-tenancy:vendors": JSON.stringify([{ id: "contoso1", name: "Contoso1" }]) },
            steps: [
                {
                    op: "update",
                    urn,
                    oldState: user("[secret]"),
                    newState: user("[secret]"),
                    diffReasons: ["password"],
                    detailedDiff: { password: { kind: "update", inputDiff: true } },
                },
            ],
        };
        assert.deepEqual(section(previewReport(digest), "Contoso1 (`contoso1`)"), [
            "- Password of service account `sa-contoso1-sa2@abc.onmicrosoft.com` changed",
        ]);
    });

    it("tells a resource of a type it does not know replaced with the values that force it, as destructive", () => {
        const type = "azuread:index/administrativeUnit:AdministrativeUnit";
        const urn = `urn:pulumi:dev::remote-assist-tenancy::${type}::ra-vendors`;
        const unit = (hidden: boolean, id?: string) => ({
            urn,
            custom: true,
            ...(id ? { id } : {}),
            type,
            inputs: { displayName: "RA Vendors", hiddenMembershipEnabled: hidden },
        });
        const digest: PreviewDigest = {
            steps: [
                {
                    op: "replace",
                    urn,
                    oldState: unit(false, "6e5d4c3b-2a19-4807-b6f5-e4d3c2b1a009"),
                    newState: unit(true),
                    replaceReasons: ["hiddenMembershipEnabled"],
                    detailedDiff: { hiddenMembershipEnabled: { kind: "update-replace", inputDiff: true } },
                },
            ],
        };
        assert.deepEqual(callout(previewReport(digest), "CAUTION").slice(1), [
            "> - **Tenant-wide**: `azuread:index/administrativeUnit:AdministrativeUnit` `ra-vendors` (id `6e5d4c3b-2a19-4807-b6f5-e4d3c2b1a009`) is **replaced** because `hiddenMembershipEnabled` changed (`false` → `true`): it is deleted and re-created with a new id (known after deployment)",
        ]);
    });

    it("lists Pulumi's warnings and errors without their repeated prefix", () => {
        const report = previewReport(fixture("preview-delete.json"));
        assert.deepEqual(section(report, "Pulumi reported"), [
            "- **warning** on `experts-segment`: members changed outside the stack since the last refresh",
        ]);
    });

    for (const name of ["preview-same.json", "preview-empty.json"]) {
        it(`says "No tenant changes" when nothing changes (${name})`, () => {
            const report = previewReport(fixture(name));
            assert.match(report, /\n\nNo tenant changes\.\n/);
            assert.doesNotMatch(report, /####|CAUTION/);
        });
    }

    it("files a resource under the longest vendor id its name starts with, since vendor ids may contain dashes", () => {
        const report = previewReport(fixture("preview-ambiguous-vendors.json"));
        assert.deepEqual(section(report, "Contoso (`contoso`)"), [
            "- New vendor in the stack",
            "- Service account `sa-contoso-sa1@abc.onmicrosoft.com` added",
            "- Service account `sa-contoso-eastern@abc.onmicrosoft.com` added",
        ]);
        assert.deepEqual(section(report, "Contoso East (`contoso-east`)"), [
            "- New vendor in the stack",
            "- Service account `sa-contoso-east-sa1@abc.onmicrosoft.com` added",
        ]);
    });

    it("reports each resource once when `--refresh` adds refresh steps before the plan", () => {
        const planned = fixture("preview-update.json");
        const refreshes: PreviewStep[] = (planned.steps ?? []).map((s) => ({
            op: "refresh",
            urn: s.urn,
            oldState: s.oldState,
            detailedDiff: null,
        }));
        // A refresh that found drift shows as an update of its own before the planned step.
        const drifted: PreviewStep = { ...(planned.steps ?? [])[0], op: "update" };
        const refreshed: PreviewDigest = { ...planned, steps: [drifted, ...refreshes, ...(planned.steps ?? [])] };
        assert.equal(previewReport(refreshed), previewReport(planned));
    });

    it("tells a rotation stored in Key Vault, and a deleted stored password as destructive", () => {
        const base =
            "urn:pulumi:dev::remote-assist-tenancy::remote-assist-tenancy:vendor:Vendor$remote-assist-tenancy:vendor:ServiceAccount$";
        const secretType = "azure-native:keyvault:Secret";
        /** A stored credential as components/serviceAccount.ts registers it; only sa1's tags name its UPN. */
        const secret = (account: string) => ({
            urn: `${base}${secretType}::contoso1-${account}-credential`,
            type: secretType,
            inputs: {
                vaultName: "abc-credentials",
                secretName: `sa-contoso1-${account}`,
                properties: { contentType: "password", value: "[secret]" },
                tags:
                    account === "sa1"
                        ? { vendor: "contoso1", userPrincipalName: "sa-contoso1-sa1@abc.onmicrosoft.com" }
                        : { vendor: "contoso1" },
            },
        });
        const password = (rotation: string) => ({
            urn: `${base}random:index/randomPassword:RandomPassword::contoso1-sa1-password`,
            type: "random:index/randomPassword:RandomPassword",
            inputs: { keepers: { rotation } },
        });
        const digest: PreviewDigest = {
            steps: [
                {
                    op: "replace",
                    urn: password("").urn,
                    oldState: password(""),
                    newState: password("2026-12"),
                    replaceReasons: ["keepers"],
                },
                {
                    op: "update",
                    urn: secret("sa1").urn,
                    oldState: secret("sa1"),
                    newState: secret("sa1"),
                    detailedDiff: { "properties.value": { kind: "update", inputDiff: true } },
                },
                { op: "delete", urn: secret("sa2").urn, oldState: secret("sa2") },
            ],
        };
        const report = previewReport(digest);
        assert.deepEqual(section(report, "`contoso1`"), [
            "- Password of service account `sa1` rotated (rotation `(none)` → `2026-12`): hand the new one to its holder",
            "- New password of service account `sa-contoso1-sa1@abc.onmicrosoft.com` stored in Key Vault `abc-credentials/sa-contoso1-sa1`",
        ]);
        assert.deepEqual(callout(report, "CAUTION").slice(1), [
            "> - **`contoso1`**: stored password of service account `sa2` is **deleted** from Key Vault `abc-credentials/sa-contoso1-sa2`: the holder's credential is gone from the vault",
        ]);
    });

    it("reports a resource of a type it does not know in Pulumi's terms, never printing a secret value", () => {
        const type = "azuread:index/applicationPassword:ApplicationPassword";
        const urn = `urn:pulumi:dev::remote-assist-tenancy::${type}::ci-app-password`;
        const digest: PreviewDigest = {
            steps: [
                {
                    op: "update",
                    urn,
                    oldState: {
                        urn,
                        type,
                        inputs: { displayName: "ci", endDate: "2026-01-01T00:00:00Z", rotateWhenChanged: "[secret]" },
                    },
                    newState: {
                        urn,
                        type,
                        inputs: {
                            displayName: "ci",
                            endDate: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
                            rotateWhenChanged: "[secret]",
                        },
                    },
                    diffReasons: ["endDate", "rotateWhenChanged"],
                },
            ],
        };
        assert.deepEqual(section(previewReport(digest), "Tenant-wide"), [
            "- `azuread:index/applicationPassword:ApplicationPassword` `ci-app-password` updated: `endDate` `2026-01-01T00:00:00Z` → (known after deployment); `rotateWhenChanged` (secret) → (secret)",
        ]);
    });

    it("escapes names from the tenant so they cannot inject Markdown or HTML", () => {
        const digest: PreviewDigest = {
            config: {
                "remote-assist-tenancy:vendors": JSON.stringify([{ id: "evil", name: "Evil *Corp* <img src=x>" }]),
            },
            steps: [
                {
                    op: "create",
                    urn: "urn:pulumi:dev::remote-assist-tenancy::remote-assist-tenancy:vendor:Vendor$remote-assist-tenancy:vendor:GuestInvitation$azuread:index/invitation:Invitation::evil-guest-x@evil.com-invitation",
                    newState: {
                        urn: "",
                        type: "azuread:index/invitation:Invitation",
                        inputs: { userEmailAddress: "x`<b>@evil.com" },
                    },
                },
            ],
        };
        assert.deepEqual(section(previewReport(digest), "Evil \\*Corp\\* \\<img src=x\\> (`evil`)"), [
            "- Guest `x'<b>@evil.com` invited",
        ]);
    });

    it("reports a failed preview first, with what the exit code means and the end of the output", () => {
        const report = previewReport(fixture("preview-empty.json"), {
            stack: "prod",
            failure: {
                exitCode: 5,
                log: "\u001b[31mmandatory: [delete-protected] the resource is not protected\u001b[0m\nerror: preview failed",
            },
        });
        assert.deepEqual(report.split("\n").slice(0, 4), [
            "### Tenant changes in stack `prod`",
            "",
            "> [!WARNING]",
            "> **The preview failed** with exit code 5 (a policy blocked the operation). What follows may be incomplete.",
        ]);
        assert.match(
            report,
            /```text\nmandatory: \[delete-protected\] the resource is not protected\nerror: preview failed\n```/,
        );
        assert.match(report, /No tenant changes could be read from the preview\./);
    });
});

describe("preview steps", () => {
    it("tells a replacement once when Pulumi shows its create and delete halves", () => {
        assert.deepEqual(
            ["create-replacement", "delete-replaced", "replace", "same", "read", "refresh"].map(operationOf),
            ["replace", undefined, "replace", undefined, undefined, undefined],
        );
    });

    it("keeps the last step of a resource and drops refresh steps", () => {
        const urn = "urn:pulumi:dev::p::t::n";
        const steps: PreviewStep[] = [
            { op: "refresh", urn },
            { op: "update", urn, diffReasons: ["drift"] },
            { op: "update", urn, diffReasons: ["planned"] },
        ];
        assert.deepEqual(plannedSteps(steps), [{ op: "update", urn, diffReasons: ["planned"] }]);
    });
});
