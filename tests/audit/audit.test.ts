import { strict as assert } from "node:assert";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parseAuditArgs, runAuditCli } from "../../audit/cli";
import type { AuditJson } from "../../audit/report";
import { ID, READ_AT, SKU } from "../fixtures/handBuiltTenant";
import { FAST, LOOPBACK_CREDENTIAL, loopbackTenant } from "../tenant/harness";

/** The config npm run adopt wrote for the hand-built tenant: the stack as adopted. */
const ADOPTED = path.join(__dirname, "..", "adopt", "expected", "Pulumi.prod.yaml");

interface AuditRun {
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
    readonly files: Record<string, string>;
}

describe("npm run audit", () => {
    const loopback = loopbackTenant();

    /** Runs the audit of the adopted stack (Pulumi.prod.yaml) in a directory of its own. */
    async function auditRun(args: readonly string[] = [], config = ADOPTED, hints?: string): Promise<AuditRun> {
        const dir = mkdtempSync(path.join(tmpdir(), "audit-"));
        try {
            copyFileSync(config, path.join(dir, "Pulumi.prod.yaml"));
            if (hints !== undefined) {
                writeFileSync(path.join(dir, "hints.yaml"), hints);
            }
            let stdout = "";
            let stderr = "";
            const code = await runAuditCli(["--stack", "prod", ...args], {
                cwd: dir,
                env: {},
                stdout: (t) => (stdout += t),
                stderr: (t) => (stderr += t),
                readFrom: loopback.graph().endpoint,
                credential: LOOPBACK_CREDENTIAL,
                settings: FAST,
                now: () => READ_AT,
            });
            const files: Record<string, string> = {};
            for (const f of ["audit.md", "audit.json"]) {
                try {
                    files[f] = readFileSync(path.join(dir, "out", f), "utf8");
                } catch {
                    // not written
                }
            }
            return { code, stdout, stderr, files };
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    }

    const findingsOf = (run: AuditRun) =>
        (JSON.parse(run.stdout) as AuditJson).findings.map((f) => [f.kind, f.subject, f.detail]);

    /** Things made by hand next to the adopted stack: a service account and a guest in the team. */
    function madeByHand(): void {
        const fixture = loopback.directory().fixture;
        const base = fixture.users.find((u) => u.id === ID.contoso2)!;
        const eveBase = fixture.users.find((u) => u.id === ID.carol)!;
        const users = fixture.users;
        users.push({
            ...base,
            id: "00000000-0000-4000-8000-000000000b09",
            userPrincipalName: "sa-fabrikam-sa1@abc.onmicrosoft.com",
            companyName: "Fabrikam",
            accountEnabled: true,
            assignedLicenses: [],
            licenseAssignmentStates: [],
        });
        users.push({
            ...eveBase,
            id: "00000000-0000-4000-8000-000000000c09",
            userPrincipalName: "eve_contoso1.com#EXT#@abc.onmicrosoft.com",
            mail: "eve@contoso1.com",
            displayName: "Eve",
        });
        fixture.groups.find((g) => g.id === ID.team)!.members.push("00000000-0000-4000-8000-000000000c09");
    }

    it("finds, by name, what the adopted stack cannot see in the hand-built tenant", async () => {
        madeByHand();
        const run = await auditRun(["--json"]);
        assert.equal(run.code, 0, run.stderr);
        assert.deepEqual(findingsOf(run), [
            [
                "unmanaged-service-account",
                "ines.tech@abc.onmicrosoft.com",
                "holds MICROSOFT_REMOTE_ASSIST, but no vendor in config has it",
            ],
            [
                "unmanaged-service-account",
                "sa-fabrikam-sa1@abc.onmicrosoft.com",
                "has the stack's employeeType, is named like the stack's service accounts, but no vendor in config has it",
            ],
            [
                "unmanaged-team-guest",
                "eve@contoso1.com",
                "in the experts' team \"Remote Assist Experts\", but in no vendor's guests",
            ],
            [
                "direct-license",
                "ines.tech@abc.onmicrosoft.com",
                "holds MICROSOFT_REMOTE_ASSIST directly, not through a license group",
            ],
            [
                "direct-license",
                "sa-contoso2-sa1@abc.onmicrosoft.com",
                "holds MICROSOFT_REMOTE_ASSIST directly, not through a license group",
            ],
            ["direct-license", "SA2@abc.com", "holds MICROSOFT_REMOTE_ASSIST directly, not through a license group"],
            ["direct-license", "SA3@abc.com", "holds MICROSOFT_REMOTE_ASSIST directly, not through a license group"],
            ["license-error", "SA1@abc.com", 'SPE_F5_COMP from group "Remote Assist - Contoso1": CountViolation'],
            [
                "unredeemed-invitation",
                "sean.obrien@obrien-soehne.de",
                "invited 2025-10-01, 45 days ago, and not redeemed",
            ],
            [
                "suspended-vendor-account",
                "sa-contoso2-sa1@abc.onmicrosoft.com",
                "Contoso2 is suspended, but its account still holds MICROSOFT_REMOTE_ASSIST",
            ],
            [
                "segment-attribute",
                "sa.juergen@abc.onmicrosoft.com",
                'companyName is "O\'Brien & Söhne GmbH", not the vendor\'s name "O\'Brien & Söhne"',
            ],
            [
                "segment-attribute",
                "sa.juergen@abc.onmicrosoft.com",
                'department is "O\'Brien & Söhne"; the stack sets none, since segments are group membership now, and an old segment filtering on department may still match it',
            ],
        ]);
    });

    it("says which vendor a finding concerns, and what to do", async () => {
        const run = await auditRun(["--json"]);
        const report = JSON.parse(run.stdout) as AuditJson;
        assert.deepEqual(
            report.findings.find((f) => f.kind === "license-error"),
            {
                kind: "license-error",
                subject: "SA1@abc.com",
                vendor: "contoso1",
                detail: 'SPE_F5_COMP from group "Remote Assist - Contoso1": CountViolation',
                advice: "not enough licenses: every seat of the product is in use; buy more or free some, then reprocess the group",
            },
        );
        assert.equal(report.counts["direct-license"], 4);
        assert.equal(report.counts["segment-membership"], 0);
        assert.equal(report.invitationDays, 14);
    });

    it("never reports an internal user the hints name, neither as an unmanaged account nor for its licenses", async () => {
        // Inês also holds, directly, a product Entra ID could not give her.
        const fixture = loopback.directory().fixture;
        fixture.users = fixture.users.map((u) =>
            u.id === ID.ines
                ? {
                      ...u,
                      licenseAssignmentStates: [
                          ...(u.licenseAssignmentStates as unknown[]),
                          {
                              skuId: SKU.EXCHANGE_KIOSK,
                              assignedByGroup: null,
                              state: "Error",
                              error: "CountViolation",
                              disabledPlans: [],
                          },
                      ],
                  }
                : u,
        );
        const ofInes = (run: AuditRun) =>
            findingsOf(run)
                .filter(([, subject]) => subject === "ines.tech@abc.onmicrosoft.com")
                .map(([kind]) => kind);
        assert.deepEqual(ofInes(await auditRun(["--json"])), [
            "unmanaged-service-account",
            "direct-license",
            "license-error",
        ]);
        const run = await auditRun(
            ["--json", "--hints", "hints.yaml"],
            ADOPTED,
            "internal: [Ines.Tech@abc.onmicrosoft.com]\n",
        );
        assert.deepEqual(ofInes(run), []);
    });

    it("reports a suspended vendor's guest still in the experts' team, and not an active vendor's", async () => {
        const suspended = path.join(mkdtempSync(path.join(tmpdir(), "audit-config-")), "Pulumi.prod.yaml");
        writeFileSync(
            suspended,
            readFileSync(ADOPTED, "utf8").replace(
                "    - id: contoson\n      name: Contoson\n",
                "    - id: contoson\n      name: Contoson\n      state: suspended\n",
            ),
        );
        const run = await auditRun(["--json"], suspended);
        rmSync(path.dirname(suspended), { recursive: true, force: true });
        assert.deepEqual(
            findingsOf(run).filter(([kind]) => kind === "suspended-vendor-account"),
            [
                [
                    "suspended-vendor-account",
                    "nina@contoson.com",
                    'Contoson is suspended, but its guest is still in the experts\' team "Remote Assist Experts"',
                ],
                [
                    "suspended-vendor-account",
                    "sa-contoso2-sa1@abc.onmicrosoft.com",
                    "Contoso2 is suspended, but its account still holds MICROSOFT_REMOTE_ASSIST",
                ],
            ],
        );
    });

    it("counts an invitation only once it is older than --invitation-days", async () => {
        const young = await auditRun(["--json", "--invitation-days", "46"]);
        assert.equal(findingsOf(young).filter(([kind]) => kind === "unredeemed-invitation").length, 0);
        const due = await auditRun(["--json", "--invitation-days", "45"]);
        assert.equal(findingsOf(due).filter(([kind]) => kind === "unredeemed-invitation").length, 1);
    });

    it("reports an adopted object the tenant no longer has", async () => {
        const fixture = loopback.directory().fixture;
        fixture.users = fixture.users.filter((u) => u.id !== ID.sa3 && u.id !== ID.nina);
        const run = await auditRun(["--json"]);
        assert.deepEqual(
            findingsOf(run).filter(([kind]) => kind === "missing-adopted-object"),
            [
                [
                    "missing-adopted-object",
                    "nina@contoson.com",
                    `config adopts guest user ${ID.nina}, but the tenant has no such user`,
                ],
                [
                    "missing-adopted-object",
                    "SA3@abc.com",
                    "config adopts this service account, but the tenant has no such user",
                ],
            ],
        );
    });

    it("reports an adopted license group the tenant no longer has", async () => {
        const fixture = loopback.directory().fixture;
        fixture.groups = fixture.groups.filter((g) => g.id !== ID.contoso1Licenses);
        const run = await auditRun(["--json"]);
        assert.deepEqual(
            findingsOf(run).filter(([kind]) => kind === "missing-adopted-object"),
            [
                [
                    "missing-adopted-object",
                    "Remote Assist - Contoso1",
                    `config adopts license group ${ID.contoso1Licenses}, but the tenant has no such group`,
                ],
            ],
        );
    });

    it("compares the stack's segment groups with config once they exist: who is missing, who should not be there", async () => {
        const fixture = loopback.directory().fixture;
        fixture.groups.push({
            id: "00000000-0000-4000-8000-000000000f01",
            displayName: "RA Segment - Contoso1",
            mailNickname: "ra-segment-contoso1",
            mail: "ra-segment-contoso1@abc.onmicrosoft.com",
            securityEnabled: true,
            mailEnabled: true,
            groupTypes: ["Unified"],
            isAssignableToRole: false,
            assignedLicenses: [],
            members: [ID.sa1, ID.carol],
        });
        const run = await auditRun(["--json"]);
        assert.deepEqual(
            findingsOf(run).filter(([kind]) => kind === "segment-membership"),
            [
                [
                    "segment-membership",
                    "carol_contoso1.com#EXT#@abc.onmicrosoft.com",
                    'a member of the segment group "RA Segment - Contoso1", which config does not put there',
                ],
                [
                    "segment-membership",
                    "SA2@abc.com",
                    'not a member of the segment group "RA Segment - Contoso1", so not in its segment',
                ],
            ],
        );
    });

    it("writes Markdown for a job summary or an issue, and JSON, into --out", async () => {
        const run = await auditRun(["--out", "out", "--invitation-days", "60"]);
        assert.equal(run.files["audit.md"], run.stdout);
        assert.deepEqual(Object.keys(JSON.parse(run.files["audit.json"]) as object), [
            "stack",
            "readAt",
            "invitationDays",
            "counts",
            "findings",
        ]);
        assert.ok(
            run.stdout.startsWith(
                "## Tenant audit of stack `prod`: 9 findings\n\nWhat `pulumi refresh` cannot see, read from Microsoft Graph on 2025-11-15 (invitations count after 60 days). README, Auditing what the stack cannot see.\n\n| Finding | Count |\n| --- | --- |\n| Users that look like service accounts but are not in config | 1 |\n",
            ),
            run.stdout,
        );
        assert.match(
            run.stdout,
            /^- `SA1@abc\.com` \(vendor `contoso1`\): SPE_F5_COMP from group "Remote Assist - Contoso1": CountViolation\. Not enough licenses: every seat of the product is in use; buy more or free some, then reprocess the group\.$/m,
        );
        assert.match(
            run.stdout,
            /^- `sa\.juergen@abc\.onmicrosoft\.com` \(vendor `obrien`\): companyName is "O'Brien & Söhne GmbH", not the vendor's name "O'Brien & Söhne"\. The stack leaves an adopted account's attributes alone: correct it in the Entra admin center\.$/m,
        );
    });

    it("exits with 7 on findings with --fail-on-findings, 0 without, and 0 when there is none", async () => {
        assert.equal((await auditRun(["--fail-on-findings"])).code, 7);
        assert.equal((await auditRun([])).code, 0);
        const fixture = loopback.directory().fixture;
        const clean = fixture.users.map((u) => ({
            ...u,
            companyName: u.id === ID.juergen ? "O'Brien & Söhne" : u.companyName,
            department: null,
            externalUserState: u.externalUserState === "PendingAcceptance" ? "Accepted" : u.externalUserState,
            assignedLicenses: u.id === ID.contoso2 ? [] : u.assignedLicenses,
            licenseAssignmentStates: (
                (u.licenseAssignmentStates ?? []) as { assignedByGroup: string | null; error: string }[]
            )
                .filter((s) => s.assignedByGroup !== null && u.id !== ID.contoso2)
                .map((s) => ({ ...s, state: "Active", error: "None" })),
        }));
        fixture.users = clean.filter((u) => u.id !== ID.ines);
        const run = await auditRun(["--fail-on-findings"]);
        assert.equal(run.code, 0, run.stdout);
        assert.equal(
            run.stdout,
            "## Tenant audit of stack `prod`: no findings\n\nWhat `pulumi refresh` cannot see, read from Microsoft Graph on 2025-11-15 (invitations count after 14 days). README, Auditing what the stack cannot see.\n",
        );
    });

    it("fails with 1, naming the key and ARM_CLIENT_SECRET, when the stack file's client secret is encrypted and the environment has none", async () => {
        const dir = mkdtempSync(path.join(tmpdir(), "audit-"));
        try {
            writeFileSync(
                path.join(dir, "Pulumi.prod.yaml"),
                readFileSync(ADOPTED, "utf8").replace(
                    "config:\n",
                    "config:\n  azuread:tenantId: 00000000-0000-4000-8000-0000000000aa\n  azuread:clientId: 00000000-0000-4000-8000-0000000000bb\n  azuread:clientSecret:\n    secure: v1:Zm9vYmFy:c2VjcmV0\n",
                ),
            );
            let stdout = "";
            let stderr = "";
            const code = await runAuditCli(["--stack", "prod"], {
                cwd: dir,
                env: {},
                stdout: (t) => (stdout += t),
                stderr: (t) => (stderr += t),
                readFrom: loopback.graph().endpoint,
                settings: FAST,
                now: () => READ_AT,
            });
            assert.deepEqual(
                [code, stdout, stderr],
                [
                    1,
                    "",
                    "azuread:clientSecret in the stack config file is a secret (secure:), which npm run adopt and npm run audit cannot decrypt: they read the file without Pulumi. Set ARM_CLIENT_SECRET in the environment to its value.\n",
                ],
            );
            assert.deepEqual(loopback.graph().requests, []);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it("fails with 1, naming the permission, when Graph refuses a read, and with 2 on wrong arguments", async () => {
        loopback.directory().denied.add("Organization.Read.All");
        const refused = await auditRun(["--fail-on-findings"]);
        assert.equal(refused.code, 1);
        assert.equal(refused.stdout, "");
        assert.match(
            refused.stderr,
            /^Microsoft Graph refused to list the tenant's subscribed SKUs: .* The identity needs the Microsoft Graph permission Organization\.Read\.All \(or LicenseAssignment\.Read\.All\)/,
        );
        const wrong = await auditRun(["--invitation-days", "soon"]);
        assert.equal(wrong.code, 2);
        assert.match(
            wrong.stderr,
            /^--invitation-days must be a whole number of days, 0 or more; got "soon"\n\nUsage: npm run audit/,
        );
    });
});

describe("npm run audit arguments", () => {
    it("reads Pulumi.NAME.yaml beside Pulumi.yaml for --stack org/NAME, keeping the whole name for the heading", () => {
        const args = parseAuditArgs(["--stack", "acme/prod"], "/home/me/work", "/repo");
        assert.equal(args?.configFile, "/repo/Pulumi.prod.yaml");
        assert.equal(args?.stack, "acme/prod");
    });

    it("reads --config-file from the directory the command was typed in, and refuses it with --stack", () => {
        assert.equal(
            parseAuditArgs(["--config-file", "cfg/Pulumi.plant2.yaml"], "/home/me/work", "/repo")?.stack,
            "plant2",
        );
        assert.throws(() => parseAuditArgs(["--stack", "dev", "--config-file", "x.yaml"], "/repo", "/repo"), {
            name: "Error",
            message: "Pass either --stack or --config-file, not both",
        });
    });
});
