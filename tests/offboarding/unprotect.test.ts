import { strict as assert } from "node:assert";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { runUnprotectCli } from "../../offboarding/cli";
import { runProgram } from "../../offline/runProgram";
import { devConfigMap, devRawConfig, toConfigMap } from "../helpers";
import { tenant } from "../setup";

interface Run {
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
    /** The argument lists the fake `pulumi` was called with. */
    readonly calls: string[];
}

/**
 * A fake `pulumi` on PATH: `stack export` prints the state file, `state unprotect` succeeds unless
 * its URN ends with FAKE_FAIL_SUFFIX; every call is logged.
 */
function fakePulumi(dir: string, state: unknown): Record<string, string> {
    const bin = path.join(dir, "bin");
    const stateFile = path.join(dir, "state.json");
    const calls = path.join(dir, "calls");
    writeFileSync(stateFile, JSON.stringify(state));
    writeFileSync(calls, "");
    mkdirSync(bin, { recursive: true });
    writeFileSync(
        path.join(bin, "pulumi"),
        [
            "#!/usr/bin/env bash",
            'printf "%s\\n" "$*" >> "$FAKE_PULUMI_CALLS"',
            'if [[ "$1 $2" == "stack export" ]]; then cat "$FAKE_STATE"; exit 0; fi',
            'if [[ -n "$FAKE_FAIL_SUFFIX" && "${@: -1}" == *"$FAKE_FAIL_SUFFIX" ]]; then echo "error: state locked" >&2; exit 255; fi',
            "exit 0",
        ].join("\n"),
    );
    chmodSync(path.join(bin, "pulumi"), 0o755);
    return { PATH: `${bin}:${process.env.PATH ?? ""}`, FAKE_STATE: stateFile, FAKE_PULUMI_CALLS: calls };
}

/** What pulumi stack export holds of each resource the program registered: URN, type, parent, protect. */
function exportedState(): unknown {
    return {
        version: 3,
        deployment: {
            resources: tenant.resources.map((r) => ({
                urn: r.urn,
                type: r.type,
                ...(r.parent ? { parent: r.parent } : {}),
                ...(r.protect ? { protect: true } : {}),
            })),
        },
    };
}

describe("npm run unprotect", () => {
    let state: unknown;
    /** A stack where only contoso1 has service accounts, and no vendor has the RA Service Accounts group. */
    let oneVendorState: unknown;
    let noGroupState: unknown;
    let teamMembership: string;
    let dir: string;
    before(async () => {
        const raw = devRawConfig();
        raw.vendors = raw.vendors.filter((v: { id: string }) => v.id === "contoso1" || v.id === "contoson");
        await runProgram(tenant, toConfigMap(raw));
        oneVendorState = exportedState();
        raw.informationBarriers = { internalSegment: false, legacy: true };
        await runProgram(tenant, toConfigMap(raw));
        noGroupState = exportedState();
        await runProgram(tenant, devConfigMap());
        teamMembership = tenant.resources.find((r) => r.name === "contoso1-guest-carol@contoso1.com-team-member")!.urn;
        state = exportedState();
    });
    beforeEach(() => {
        dir = mkdtempSync(path.join(tmpdir(), "unprotect-"));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    function run(argv: string[], env: Record<string, string> = {}, exported: unknown = state): Run {
        const fake = fakePulumi(dir, exported);
        let stdout = "";
        let stderr = "";
        const code = runUnprotectCli(argv, {
            stdout: (t) => (stdout += t),
            stderr: (t) => (stderr += t),
            env: { ...process.env, ...fake, ...env },
        });
        const calls = readFileSync(fake.FAKE_PULUMI_CALLS, "utf8").split("\n").filter(Boolean);
        return { code, stdout, stderr, calls };
    }

    /** Names of the resources unprotected, sorted (the order is the state's). */
    const names = (calls: readonly string[]) =>
        calls
            .filter((c) => c.startsWith("state unprotect"))
            .map((c) => c.slice(c.lastIndexOf("::") + 2))
            .sort();

    it("unprotects exactly the protected resources of one vendor, one call each, and nothing of another vendor", () => {
        const r = run(["contoso1"]);
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.calls[0], "stack export");
        assert.deepEqual(names(r.calls), [
            "contoso1-guest-carol@contoso1.com-invitation",
            "contoso1-guest-carol@contoso1.com-team-member",
            "contoso1-license-assignment",
            "contoso1-license-group",
            "contoso1-sa1-user",
            "contoso1-sa2-user",
            "contoso1-segment",
        ]);
        assert.ok(r.calls.slice(1).every((c) => c.startsWith("state unprotect --yes urn:pulumi:dev::")));
        assert.equal(
            r.stdout,
            "Unprotected 7 resources of vendor contoso1; now remove the vendor from config and run pulumi up (a pulumi up that still has them protects them again).\n",
        );
    });

    it("with --suspend unprotects only the vendor's guests' memberships of the experts' team", () => {
        const r = run(["contoso1", "--suspend"]);
        assert.equal(r.code, 0, r.stderr);
        assert.deepEqual(names(r.calls), ["contoso1-guest-carol@contoso1.com-team-member"]);
        assert.match(r.stdout, /^Unprotected 1 team memberships of vendor contoso1; now set its state: suspended/);
    });

    it("with --guest unprotects only that guest's invitation and team membership", () => {
        const r = run(["contoso1", "--guest", "Carol@Contoso1.com"]);
        assert.equal(r.code, 0, r.stderr);
        assert.deepEqual(names(r.calls), [
            "contoso1-guest-carol@contoso1.com-invitation",
            "contoso1-guest-carol@contoso1.com-team-member",
        ]);
    });

    it("passes --stack to every pulumi call", () => {
        const r = run(["contoso2", "--stack", "acme/prod"]);
        assert.equal(r.code, 0, r.stderr);
        assert.ok(r.calls.length > 1);
        assert.ok(
            r.calls.every((c) => c.includes("--stack acme/prod")),
            r.calls.join("\n"),
        );
    });

    it("prints the commands, quoted for a shell, and changes nothing with --dry-run", () => {
        const r = run(["contoso1", "--suspend", "--dry-run"]);
        assert.equal(r.code, 0, r.stderr);
        assert.deepEqual(r.calls, ["stack export"]);
        assert.equal(r.stdout, `pulumi state unprotect --yes '${teamMembership}'\n`);
    });

    it("says there is nothing to do for a vendor with nothing protected to suspend", () => {
        const r = run(["contractor-user", "--suspend"]);
        assert.equal(r.code, 0);
        assert.deepEqual(r.calls, ["stack export"]);
        assert.equal(
            r.stdout,
            "Nothing to unprotect: vendor contractor-user has no protected team memberships in the stack's state.\n",
        );
    });

    it("fails naming the vendors in the state when the vendor id is not one of them", () => {
        const r = run(["contoso9"]);
        assert.equal(r.code, 1);
        assert.equal(
            r.stderr,
            "no vendor contoso9 in the stack's state; vendors there: contoso1, contractor-user, contoson, contoso2\n",
        );
        assert.deepEqual(r.calls, ["stack export"]);
    });

    it("never mistakes a vendor whose id another vendor's id starts with", () => {
        const r = run(["contoso"]);
        assert.equal(r.code, 1);
        assert.match(r.stderr, /^no vendor contoso in the stack's state/);
    });

    it("stops at the first unprotect that fails and says which", () => {
        const r = run(["contoso1"], { FAKE_FAIL_SUFFIX: "contoso1-license-group" });
        assert.equal(r.code, 1);
        const unprotects = r.calls.filter((c) => c.startsWith("state unprotect"));
        assert.ok(
            unprotects[unprotects.length - 1].endsWith("::contoso1-license-group"),
            "it went on after the failure",
        );
        assert.match(
            r.stderr,
            /^pulumi state unprotect failed for urn:pulumi:dev::.*::contoso1-license-group \(exit 255\)\nerror: state locked\n$/,
        );
    });

    it("exits 2 with the usage for wrong arguments, and calls no pulumi", () => {
        for (const argv of [
            [],
            ["a", "b"],
            ["contoso1", "--suspend", "--guest", "x@y.com"],
            ["contoso1", "--all"],
            ["contoso1", "--service-accounts-group"],
            ["--service-accounts-group", "--suspend"],
            ["--service-accounts-group", "--guest", "x@y.com"],
        ]) {
            const r = run(argv);
            assert.equal(r.code, 2, argv.join(" "));
            assert.match(r.stderr, /Usage: npm run unprotect -- <vendorId>/);
            assert.deepEqual(r.calls, []);
        }
        assert.equal(
            run(["contoso1", "--service-accounts-group"]).stderr.split("\n")[0],
            "--service-accounts-group selects the RA Service Accounts group, which belongs to no vendor: pass no vendor id, --suspend or --guest with it",
        );
    });

    it("with --service-accounts-group unprotects exactly the RA Service Accounts group, which no vendor's selection reaches", () => {
        const r = run(["--service-accounts-group", "--stack", "acme/prod"]);
        assert.equal(r.code, 0, r.stderr);
        assert.deepEqual(names(r.calls), ["service-accounts-group"]);
        assert.ok(r.calls.every((c) => c.includes("--stack acme/prod")));
        assert.equal(
            r.stdout,
            "Unprotected 1 resources of the RA Service Accounts group; now run the pulumi up that deletes it (informationBarriers.internalSegment: false, or the last vendor with service accounts removed) (a pulumi up that still has them protects them again).\n",
        );
        for (const vendorId of ["contoso1", "contractor-user", "contoson", "contoso2"]) {
            assert.ok(!names(run([vendorId]).calls).includes("service-accounts-group"), vendorId);
        }
    });

    it("with --service-accounts-group fails saying when the stack has the group, when its state has none", () => {
        const r = run(["--service-accounts-group"], {}, noGroupState);
        assert.equal(r.code, 1);
        assert.equal(
            r.stderr,
            "no RA Service Accounts group in the stack's state; the stack makes it only while some vendor has service accounts and the internal segment is on or experts.segmentFilter is set\n",
        );
        assert.deepEqual(r.calls, ["stack export"]);
    });

    it("says to unprotect the RA Service Accounts group too when the vendor removed has the last service accounts", () => {
        const r = run(["contoso1", "--stack", "acme/prod"], {}, oneVendorState);
        assert.equal(r.code, 0, r.stderr);
        assert.equal(
            r.stdout.split("\n")[1],
            "Vendor contoso1 has the last service accounts in the stack's state, so that pulumi up also deletes the RA Service Accounts group, which is protected: run npm run unprotect -- --service-accounts-group --stack acme/prod first.",
        );
        // Suspending deletes no group, and a guests-only vendor's removal leaves the accounts.
        assert.equal(run(["contoso1", "--suspend"], {}, oneVendorState).stdout.split("\n").length, 2);
        assert.equal(run(["contoson"], {}, oneVendorState).stdout.split("\n").length, 2);
    });
});
