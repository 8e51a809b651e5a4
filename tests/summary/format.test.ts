import { strict as assert } from "node:assert";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import {
    createGroupLicenseProvider,
    GroupLicenseInputs,
    GroupLicenseOutputs,
} from "../../licensing/groupLicenseProvider";
import { GROUP_LICENSE_PROVIDER_STUB } from "../../licensing/providerStub";
import { operationOf, shown } from "../../summary/changes";
import { DigestError, parseDigest, PreviewStep, SECRET_VALUE, UNKNOWN_VALUE } from "../../summary/digest";
import { code, fitComment, joinWords, text } from "../../summary/markdown";
import { listDelta, topKey } from "../../summary/model";
import { driftReport, previewReport } from "../../summary/report";
import { TYPES } from "../../summary/types";
import { parseUrn } from "../../summary/urn";
import { FIXTURES, fixture, fixtureText } from "./fixtures";

/** The fixtures: hand-written `pulumi preview --json` and `pulumi refresh --preview-only --json` output. */
const NAMES = readdirSync(FIXTURES).filter((f) => f.endsWith(".json"));

/** Property diff kinds Pulumi emits (`DiffKind.String()` in pulumi/pulumi sdk/go/common/display). */
const DIFF_KINDS = ["add", "add-replace", "delete", "delete-replace", "update", "update-replace"];

/**
 * What holds of Pulumi's real output, so that a fixture that drifts from it fails here rather than
 * making the report tests pass on input Pulumi never prints.
 */
function assertShapedLikePulumi(name: string, step: PreviewStep): void {
    assert.ok(
        operationOf(step.op) !== undefined || STEP_OPS_WITHOUT_CHANGE.includes(step.op),
        `${name}: op ${step.op}`,
    );
    for (const [path, diff] of Object.entries(step.detailedDiff ?? {})) {
        assert.ok(DIFF_KINDS.includes(diff.kind), `${name} ${step.urn} ${path}: unknown kind ${diff.kind}`);
        assert.equal(typeof diff.inputDiff, "boolean");
    }
    for (const state of [step.oldState, step.newState]) {
        assert.equal(state?.urn ?? step.urn, step.urn, `${name} ${step.urn}: state of another resource`);
    }
    const type = parseUrn(step.urn)?.type;
    if (type === TYPES.licenseAssignment) {
        // The dynamic provider host's diff() sets changes, replaces and deleteBeforeReplace only
        // (@pulumi/pulumi cmd/dynamic-provider), so a license assignment has no detailed diff of its own.
        assert.equal(step.diffReasons, undefined, `${name} ${step.urn}`);
        assert.ok(Object.keys(step.detailedDiff ?? {}).length === 0, `${name} ${step.urn}`);
    }
    if (type === TYPES.stack && step.op !== "refresh") {
        // A preview records the stack's outputs of the last deployment only (summary/federation.ts).
        assert.equal(step.newState?.outputs, undefined, `${name}: new stack outputs`);
    }
}

/** Ops that change nothing in the tenant, or whose other half tells the change. */
const STEP_OPS_WITHOUT_CHANGE = [
    "same",
    "delete-replaced",
    "read",
    "read-replacement",
    "refresh",
    "discard",
    "discard-replaced",
    "remove-pending-replace",
];

describe("reading Pulumi's JSON", () => {
    for (const name of NAMES) {
        it(`reads every step of ${name}, each URN into stack, project, type chain and name`, () => {
            const raw = JSON.parse(fixtureText(name)) as { steps?: unknown[] };
            const digest = fixture(name);
            assert.equal(digest.steps?.length, raw.steps?.length);
            for (const step of digest.steps ?? []) {
                assertShapedLikePulumi(name, step);
                const urn = parseUrn(step.urn);
                assert.ok(urn, `${step.urn} is not read as a URN`);
                assert.deepEqual([urn.stack, urn.project], ["dev", "remote-assist-tenancy"], step.urn);
                const state = step.newState ?? step.oldState;
                assert.equal(urn.type, state?.type ?? urn.type, `${step.urn}: its type is not the state's`);
                assert.equal(urn.typeChain[urn.typeChain.length - 1], urn.type);
            }
        });
    }

    it("rejects empty input, non-JSON and JSON that is not a digest, saying what is expected", () => {
        const cases: [string, string][] = [
            ["  \n", "the input is empty; pass the output of `pulumi preview --json` or a file holding it"],
            ["[]", "the input is not a Pulumi preview digest: expected a JSON object with `steps`"],
            ["null", "the input is not a Pulumi preview digest: expected a JSON object with `steps`"],
            ['"steps"', "the input is not a Pulumi preview digest: expected a JSON object with `steps`"],
            ['{"steps": [null]}', "steps[0] has no `op` and `urn`; is this Pulumi's JSON output?"],
            [
                '{"steps": [{"op": "create", "urn": "u"}, {"urn": "u"}]}',
                "steps[1] has no `op` and `urn`; is this Pulumi's JSON output?",
            ],
            [
                '{"steps": [{"op": "create", "urn": 7}]}',
                "steps[0] has no `op` and `urn`; is this Pulumi's JSON output?",
            ],
            ['{"changeSummary": null}', "`changeSummary` must be an object of counts"],
            ['{"steps": {}}', "`steps` must be an array"],
            ['{"steps": [{"op": "create"}]}', "steps[0] has no `op` and `urn`; is this Pulumi's JSON output?"],
            ['{"changeSummary": []}', "`changeSummary` must be an object of counts"],
        ];
        for (const [input, message] of cases) {
            assert.throws(
                () => parseDigest(input),
                (e: unknown) => e instanceof DigestError && String(e) === `DigestError: ${message}`,
                input,
            );
        }
        assert.deepEqual(parseDigest('{"changeSummary": {"same": 3}}'), { changeSummary: { same: 3 } });
    });

    it("takes a URN apart, keeping a name that itself contains ::", () => {
        assert.deepEqual(
            parseUrn(
                "urn:pulumi:dev::remote-assist-tenancy::remote-assist-tenancy:vendor:Vendor$remote-assist-tenancy:vendor:ServiceAccount$azuread:index/user:User::odd::name",
            ),
            {
                stack: "dev",
                project: "remote-assist-tenancy",
                typeChain: [
                    "remote-assist-tenancy:vendor:Vendor",
                    "remote-assist-tenancy:vendor:ServiceAccount",
                    "azuread:index/user:User",
                ],
                type: "azuread:index/user:User",
                name: "odd::name",
            },
        );
        assert.equal(parseUrn("not-a-urn"), undefined);
        assert.equal(parseUrn("urn:other:dev::project::type::name"), undefined);
        assert.equal(parseUrn("urn:pulumi:dev::project"), undefined);
    });

    it("reads the property a diff path changes", () => {
        assert.deepEqual(["members[2]", "message.body", '["a.b"].c', "keepers.rotation"].map(topKey), [
            "members",
            "message",
            "a.b",
            "keepers",
        ]);
    });

    it("compares member lists as multisets", () => {
        assert.deepEqual(listDelta(["a", "b", "b"], ["b", "c", "c"]), { added: ["c", "c"], removed: ["a", "b"] });
    });
});

describe("Pulumi's step ops", () => {
    it("tell every op Pulumi emits as the tenant change it makes, a replacement once", () => {
        // `StepOp` in pulumi/pulumi sdk/go/common/display: every op a preview digest can carry.
        const ops: Record<string, string | undefined> = {
            same: undefined,
            create: "create",
            update: "update",
            delete: "delete",
            replace: "replace",
            "create-replacement": "replace",
            "delete-replaced": undefined,
            read: undefined,
            "read-replacement": undefined,
            refresh: undefined,
            discard: undefined,
            "discard-replaced": undefined,
            "remove-pending-replace": undefined,
            import: "import",
            "import-replacement": "replace",
        };
        assert.deepEqual(Object.fromEntries(Object.keys(ops).map((op) => [op, operationOf(op)])), ops);
    });
});

describe("every fixture's report", () => {
    for (const name of NAMES) {
        it(`never prints a secret or Pulumi's unknown placeholder, and lists each destructive change once (${name})`, () => {
            const digest = fixture(name);
            const report = name.startsWith("refresh-") ? driftReport(digest) : previewReport(digest);
            assert.ok(!report.includes(SECRET_VALUE), "a secret placeholder is printed");
            assert.ok(!report.includes(UNKNOWN_VALUE), "Pulumi's unknown placeholder is printed");
            const loud = report.split("\n").filter((l) => /\*\*(deleted|replaced|removed|re-invited)\*\*/.test(l));
            assert.equal(new Set(loud).size, loud.length, "a destructive change is listed twice");
            assert.ok(
                loud.every((l) => l.startsWith("> - ")),
                "a destructive change is outside the caution block",
            );
        });
    }
});

describe("the fixtures of this stack's license assignments", () => {
    it("hold state recorded with the provider bundle, which the GroupLicense provider updates to the stub on the next up, and a stub never again", async () => {
        const licenseSteps = NAMES.flatMap((name) =>
            (fixture(name).steps ?? [])
                .filter((step) => parseUrn(step.urn)?.type === TYPES.licenseAssignment)
                .map((step) => ({ name, step })),
        );
        assert.ok(licenseSteps.length >= 3, "no license assignment in the fixtures");
        // Recorded before the stub (licensing/providerStub.ts) replaced the bundle; the state of a stack
        // deployed then still holds it, in the shape of the recorded bundle.
        const bundle = readFileSync(
            path.join(__dirname, "..", "licensing", "fixtures", "provider-bundle-0.1.0.js.txt"),
            "utf8",
        );
        const [first] = bundle.split("\n");
        const handler = bundle.slice(bundle.indexOf("exports.handler = function"));
        // diff reads no Graph: a credential would be a bug here.
        const provider = createGroupLicenseProvider({
            credential: () => assert.fail("diff signed in"),
            environment: {},
            warn: (message) => assert.fail(`diff warned: ${message}`),
        });
        for (const { name, step } of licenseSteps) {
            // The state the dynamic-provider host records: the outputs, with the provider's code in `__provider`.
            const recorded = step.oldState?.outputs as unknown as
                | (GroupLicenseOutputs & { readonly __provider: unknown })
                | undefined;
            assert.ok(recorded, `${name} ${step.urn}: no recorded state`);
            const code = String(recorded.__provider);
            assert.ok(code.startsWith(`${first}\n`) && code.endsWith(handler), `${name} ${step.urn}: not the bundle`);
            // The program's inputs for the same licenses, with the stub it registers today.
            const news: GroupLicenseInputs & { __provider: string } = {
                groupId: recorded.groupId,
                graphEndpoint: recorded.graphEndpoint,
                licenses: recorded.licenses,
                __provider: GROUP_LICENSE_PROVIDER_STUB,
            };
            assert.deepEqual(
                await provider.diff!(String(step.oldState?.id), recorded, news),
                { changes: true, replaces: [], deleteBeforeReplace: false },
                `${name} ${step.urn}: the bundle stays`,
            );
            const migrated = { ...recorded, __provider: GROUP_LICENSE_PROVIDER_STUB };
            assert.equal(
                (await provider.diff!(String(step.oldState?.id), migrated, news)).changes,
                false,
                `${name} ${step.urn}: updated again once it holds the stub`,
            );
        }
    });
});

describe("Markdown", () => {
    it("quotes values as one-line code without backticks, cut to a readable length", () => {
        assert.equal(code("a`b\nc"), "`a'b c`");
        assert.equal(code("x".repeat(100)), `\`${"x".repeat(79)}…\``);
        assert.equal(code(""), "` `");
    });

    it("shows a value of exactly 80 characters in full, and reads a Windows line break or a run of them as one space", () => {
        assert.equal(code("x".repeat(80)), `\`${"x".repeat(80)}\``);
        assert.equal(code("Contoso\r\n\r\nEast\tWest"), "`Contoso East West`");
        assert.equal(text("Contoso\r\nEast"), "Contoso East");
    });

    it("quotes any value, also one JSON cannot write, without throwing", () => {
        assert.deepEqual([undefined, 42, true, ["a", "b"], { a: 1 }].map(code), [
            "`undefined`",
            "`42`",
            "`true`",
            '`["a","b"]`',
            '`{"a":1}`',
        ]);
    });

    it("joins words as a sentence does: a; a and b; a, b and c", () => {
        assert.deepEqual([[], ["a"], ["a", "b"], ["a", "b", "c"], ["a", "b", "c", "d"]].map(joinWords), [
            "",
            "a",
            "a and b",
            "a, b and c",
            "a, b, c and d",
        ]);
    });

    it("reads Pulumi's unknown placeholder as known after deployment, and a secret as a secret", () => {
        assert.equal(code(UNKNOWN_VALUE), "(known after deployment)");
        assert.deepEqual([UNKNOWN_VALUE, SECRET_VALUE, undefined, null, "DE"].map(shown), [
            "(known after deployment)",
            "(secret)",
            "(none)",
            "(none)",
            "`DE`",
        ]);
    });

    it("escapes Markdown and HTML in text from the tenant", () => {
        assert.equal(text("Evil *Corp* <img>\n# x"), "Evil \\*Corp\\* \\<img\\> \\# x");
    });

    it("cuts a report that would not fit in a pull-request comment, saying where the rest is", () => {
        const report = Array.from({ length: 5000 }, (_, k) => `- line ${k}`).join("\n");
        const cut = fitComment(report, 1000);
        assert.ok(cut.length <= 1000, `${cut.length} characters`);
        assert.match(
            cut,
            /_The report was cut here to fit a pull-request comment; the job summary has the full preview\._\n$/,
        );
        assert.equal(fitComment("short"), "short");
    });

    it("leaves a report of exactly the limit whole, and cuts one a character longer at its last full line", () => {
        const lines = Array.from({ length: 50 }, (_, k) => `- line ${String(k).padStart(2, "0")}`);
        const report = lines.join("\n");
        assert.equal(fitComment(report, report.length), report);
        const cut = fitComment(report, report.length - 1);
        const kept = cut.slice(0, cut.indexOf("\n\n_The report was cut here"));
        assert.ok(cut.length <= report.length - 1, `${cut.length} characters`);
        assert.ok(
            kept.length > 0 && report.startsWith(`${kept}\n`),
            `cut inside a line: ${JSON.stringify(kept.slice(-20))}`,
        );
        assert.deepEqual(kept.split("\n"), lines.slice(0, kept.split("\n").length));
    });

    it("cuts a report without a line break to fit, and never to nothing", () => {
        for (const report of ["x".repeat(5000), `\n${"x".repeat(5000)}`]) {
            const cut = fitComment(report, 1000);
            assert.ok(cut.length <= 1000, `${cut.length} characters`);
            assert.ok(/^\n?x{800}/.test(cut), `kept ${cut.indexOf("\n\n_The report")} characters`);
        }
    });
});
