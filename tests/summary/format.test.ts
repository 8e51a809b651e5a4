import { strict as assert } from "node:assert";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { DigestError, parseDigest, PreviewStep } from "../../summary/digest";
import { TYPES } from "../../summary/types";
import { code, fitComment } from "../../summary/markdown";
import { listDelta, topKey } from "../../summary/model";
import { parseUrn } from "../../summary/urn";
import { FIXTURES, fixture } from "./fixtures";

/** Step ops and property diff kinds Pulumi emits (`StepOp` and `DiffKind.String()` in Pulumi's source). */
const STEP_OPS = [
    "same",
    "create",
    "update",
    "delete",
    "replace",
    "create-replacement",
    "delete-replaced",
    "read",
    "read-replacement",
    "refresh",
    "discard",
    "discard-replaced",
    "remove-pending-replace",
    "import",
    "import-replacement",
];
const DIFF_KINDS = ["add", "add-replace", "delete", "delete-replace", "update", "update-replace"];

describe("Pulumi JSON fixtures", () => {
    for (const name of readdirSync(FIXTURES).filter((f) => f.endsWith(".json"))) {
        it(`${name} uses only Pulumi's step ops, diff kinds and URN shape`, () => {
            const digest = fixture(name);
            for (const step of digest.steps ?? []) {
                assert.ok(STEP_OPS.includes(step.op), `${step.urn}: unknown op ${step.op}`);
                assert.ok(parseUrn(step.urn), `${step.urn} is not a URN`);
                for (const [path, diff] of Object.entries(step.detailedDiff ?? {})) {
                    assert.ok(DIFF_KINDS.includes(diff.kind), `${step.urn} ${path}: unknown kind ${diff.kind}`);
                    assert.equal(typeof diff.inputDiff, "boolean");
                }
                for (const state of [step.oldState, step.newState]) {
                    if (state) {
                        assert.equal(state.urn, step.urn, `${step.urn}: state of another resource`);
                        assert.equal(state.type, parseUrn(step.urn)?.type);
                    }
                }
            }
        });
    }
});

/** The steps of every fixture, with the fixture's name. */
function allSteps(): { name: string; step: PreviewStep }[] {
    return readdirSync(FIXTURES)
        .filter((f) => f.endsWith(".json"))
        .flatMap((name) => (fixture(name).steps ?? []).map((step) => ({ name, step })));
}

describe("Pulumi JSON fixtures of this stack's resources", () => {
    const licenseSteps = allSteps().filter(({ step }) => parseUrn(step.urn)?.type === TYPES.licenseAssignment);

    it("give license assignments no diff of their own: the dynamic provider host returns none", () => {
        // @pulumi/pulumi cmd/dynamic-provider diff() sets changes, replaces and deleteBeforeReplace only; a
        // refresh inverts the missing detailed diff into an empty one (DiffResult.Invert).
        assert.ok(licenseSteps.length >= 3, "no license assignment in the fixtures");
        for (const { name, step } of licenseSteps) {
            assert.equal(step.diffReasons, undefined, `${name} ${step.urn}`);
            assert.ok(
                step.detailedDiff === null || Object.keys(step.detailedDiff ?? {}).length === 0,
                `${name} ${step.urn}: ${JSON.stringify(step.detailedDiff)}`,
            );
        }
    });

    it("carry the provider bundle they were recorded with as `__provider`, not closure-serializer output", () => {
        // Recorded before the stub (licensing/providerStub.ts) replaced the bundle.
        const bundle = readFileSync(
            path.join(__dirname, "..", "licensing", "fixtures", "provider-bundle-0.1.0.js.txt"),
            "utf8",
        );
        const [first] = bundle.split("\n");
        const handler = bundle.slice(bundle.indexOf("exports.handler = function"));
        for (const { name, step } of licenseSteps) {
            for (const state of [step.oldState, step.newState].filter((x) => x !== undefined)) {
                const text = String(state.inputs?.__provider);
                assert.ok(text.startsWith(`${first}\n`) && text.endsWith(handler), `${name} ${step.urn}`);
            }
        }
    });

    it("show the stack's outputs of the last deployment only: a preview records no new ones", () => {
        const previews = allSteps().filter(
            ({ step }) => parseUrn(step.urn)?.type === TYPES.stack && step.op !== "refresh",
        );
        for (const { name, step } of previews) {
            assert.equal(step.newState?.outputs, undefined, `${name}: new stack outputs`);
        }
    });
});

describe("reading the digest", () => {
    it("rejects empty input, non-JSON and JSON that is not a digest, saying what is expected", () => {
        const cases: [string, string][] = [
            ["  \n", "the input is empty; pass the output of `pulumi preview --json` or a file holding it"],
            ["[]", "the input is not a Pulumi preview digest: expected a JSON object with `steps`"],
            ['{"steps": {}}', "`steps` must be an array"],
            ['{"steps": [{"op": "create"}]}', "steps[0] has no `op` and `urn`; is this Pulumi's JSON output?"],
        ];
        for (const [input, message] of cases) {
            assert.throws(
                () => parseDigest(input),
                (e: unknown) => e instanceof DigestError && e.message === message,
            );
        }
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

describe("Markdown", () => {
    it("quotes values as one-line code without backticks, cut to a readable length", () => {
        assert.equal(code("a`b\nc"), "`a'b c`");
        assert.equal(code("x".repeat(100)), `\`${"x".repeat(79)}…\``);
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
});
