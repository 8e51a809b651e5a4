import { strict as assert } from "node:assert";
import { driftReport, EXIT_CODES, previewReport } from "../../summary/report";
import { TYPES } from "../../summary/types";
import { digestOf, PARENTS, Resource, stateOf, stepOf } from "./steps";

const unit: Resource = {
    parents: PARENTS.none,
    type: "azuread:index/administrativeUnit:AdministrativeUnit",
    name: "ra-vendors",
};

describe("a failed Pulumi run in the report", () => {
    it("says what each of Pulumi's exit codes means", () => {
        const meanings = [1, 2, 3, 4, 5, 6, 7, 8, 9].map(
            (exitCode) => previewReport({}, { failure: { exitCode } }).split("\n")[3],
        );
        assert.deepEqual(meanings, [
            "> **The preview failed** with exit code 1 (a generic error). What follows may be incomplete.",
            "> **The preview failed** with exit code 2 (invalid configuration or arguments). What follows may be incomplete.",
            "> **The preview failed** with exit code 3 (the CLI could not authenticate or is not authorized). What follows may be incomplete.",
            "> **The preview failed** with exit code 4 (a resource operation failed). What follows may be incomplete.",
            "> **The preview failed** with exit code 5 (a policy blocked the operation). What follows may be incomplete.",
            "> **The preview failed** with exit code 6 (the stack was not found). What follows may be incomplete.",
            "> **The preview failed** with exit code 7 (changes were found where none were expected). What follows may be incomplete.",
            "> **The preview failed** with exit code 8 (the run was canceled). What follows may be incomplete.",
            "> **The preview failed** with exit code 9. What follows may be incomplete.",
        ]);
        assert.equal(Object.keys(EXIT_CODES).length, 8);
    });

    it("quotes the last 40 lines of the output, without colours, and without a fence that would end the quote", () => {
        const log = [
            ...Array.from({ length: 45 }, (_, k) => `line ${k + 1}`),
            "\u001b[1;31merror:\u001b[0m ```boom```",
            "",
            "   ",
        ].join("\n");
        const report = previewReport({}, { stack: "prod", failure: { exitCode: 1, log } });
        assert.equal(
            report,
            [
                "### Tenant changes in stack `prod`",
                "",
                "> [!WARNING]",
                "> **The preview failed** with exit code 1 (a generic error). What follows may be incomplete.",
                "",
                "<details><summary>End of the Pulumi output</summary>",
                "",
                "```text",
                ...Array.from({ length: 39 }, (_, k) => `line ${k + 7}`),
                "error: '''boom'''",
                "```",
                "",
                "</details>",
                "",
                "No tenant changes could be read from the preview.",
                "",
            ].join("\n"),
        );
    });

    it("quotes nothing when the output is empty or only colours and spaces", () => {
        for (const log of [undefined, "", "\u001b[0m  \n"]) {
            assert.doesNotMatch(previewReport({}, { failure: { exitCode: 2, log } }), /<details>/);
        }
    });
});

describe("Pulumi's diagnostics in the report", () => {
    it("lists warnings and errors only, on the resource they name, with the first line of the message", () => {
        const report = previewReport({
            diagnostics: [
                { severity: "info", message: "info: hidden" },
                { severity: "debug", message: "hidden too" },
                { severity: "error" },
                {
                    severity: "warning",
                    message: "  Warning: check this\nsecond line",
                    urn: "urn:pulumi:dev::p::t::my-group",
                },
                { severity: "error", message: "error:   it failed", urn: "not-a-urn" },
            ],
        });
        assert.deepEqual(report.split("\n").slice(4), [
            "#### Pulumi reported",
            "",
            "- **error**: ",
            "- **warning** on `my-group`: check this",
            "- **error** on `not-a-urn`: it failed",
            "",
        ]);
    });
});

describe("Pulumi's count in the report", () => {
    it("lists create, update, replace and delete first, other ops by name, unchanged last, and leaves out zeros", () => {
        const report = previewReport({
            changeSummary: { same: 9, "discard-replaced": 1, delete: 2, import: 3, create: 1, update: 0, replace: 4 },
        });
        assert.match(
            report,
            /\n<sub>Pulumi's count: 1 to create, 4 to replace, 2 to delete, 1 to discard-replaced, 3 to import, 9 unchanged\.<\/sub>\n$/,
        );
    });

    it("says nothing when Pulumi counted nothing", () => {
        assert.equal(previewReport({ changeSummary: { same: 0 } }), "### Tenant changes\n\nNo tenant changes.\n");
    });
});

describe("the drift report", () => {
    it("names the stack of the resources' URNs, and says how many changed, though Pulumi counted fewer", () => {
        const steps = [
            stepOf("refresh", { ...unit, name: "unchanged" }),
            stepOf("update", unit, {
                old: stateOf(unit, {}, { outputs: { a: 1 } }),
                new: stateOf(unit, {}, { outputs: { a: 2 } }),
            }),
            stepOf("delete", { ...unit, name: "gone" }, { old: stateOf(unit, {}) }),
        ];
        const report = driftReport({ ...digestOf(steps), changeSummary: { same: 1, update: 1 } });
        const lines = report.split("\n");
        assert.equal(lines[0], "### Tenant drift in stack `dev`");
        assert.match(lines[3], /^> \*\*2 resources changed outside the stack\.\*\* For each, revert it/);
        assert.equal(lines[4], "");
        assert.doesNotMatch(report, /Pulumi counted/);
        assert.deepEqual(lines.slice(5), [
            "> [!CAUTION]",
            "> **Deleted outside the stack:**",
            "> - **Tenant-wide**: `azuread:index/administrativeUnit:AdministrativeUnit` `gone` was **deleted outside the stack**",
            "",
            "#### Tenant-wide",
            "",
            "- `azuread:index/administrativeUnit:AdministrativeUnit` `ra-vendors` changed outside the stack: `a` `1` → `2`",
            "",
        ]);
    });

    it("says when Pulumi counted exactly what its JSON named, without asking for the rest", () => {
        const steps = [stepOf("update", unit, { old: stateOf(unit, { a: 1 }), new: stateOf(unit, { a: 2 }) })];
        assert.doesNotMatch(driftReport({ ...digestOf(steps), changeSummary: { update: 1 } }), /Pulumi counted/);
    });

    it("reports a failed drift check first, and no drift when nothing could be read", () => {
        assert.equal(
            driftReport({}, { failure: { exitCode: 6 } }),
            "### Tenant drift\n\n> [!WARNING]\n> **The drift check failed** with exit code 6 (the stack was not found). What follows may be incomplete.\n\nNo drift could be read from the refresh.\n",
        );
    });

    it("lists Pulumi's warnings after the drift", () => {
        const report = driftReport({ diagnostics: [{ severity: "warning", message: "warning: slow" }] });
        assert.match(
            report,
            /No drift: the tenant matches what the stack last deployed\.\n\n#### Pulumi reported\n\n- \*\*warning\*\*: slow\n$/,
        );
    });
});

describe("the report's heading", () => {
    it("names the stack given, else the first stack in the steps' URNs", () => {
        const steps = [{ op: "same", urn: "garbage" }, stepOf("same", { parents: [], type: TYPES.stack, name: "s" })];
        assert.match(previewReport(digestOf(steps)), /^### Tenant changes in stack `dev`\n\nNo tenant changes\.\n$/);
        assert.match(previewReport(digestOf(steps), { stack: "prod" }), /^### Tenant changes in stack `prod`\n/);
    });
});
