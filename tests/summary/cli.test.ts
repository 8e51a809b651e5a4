import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { runSummarize, USAGE } from "../../summary/cli";
import { fixturePath, fixtureText } from "./fixtures";

interface Run {
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
}

/** The directory the tests type the command in; `files` are relative to it. */
const CWD = path.join(path.sep, "home", "me", "work");

function summarize(argv: readonly string[], stdin = "", files: Record<string, string> = {}): Run {
    let stdout = "";
    let stderr = "";
    const code = runSummarize(argv, {
        cwd: CWD,
        readFile: (file) => {
            const name = path.relative(CWD, file);
            return name in files ? files[name] : readFileSync(file, "utf8");
        },
        readStdin: () => stdin,
        stdout: (text) => (stdout += text),
        stderr: (text) => (stderr += text),
    });
    return { code, stdout, stderr };
}

describe("npm run summarize", () => {
    it("prints the preview report of a file", () => {
        const run = summarize([fixturePath("preview-create.json")]);
        assert.equal(run.code, 0);
        assert.equal(run.stderr, "");
        assert.match(run.stdout, /^### Tenant changes in stack `dev`\n/);
        assert.match(run.stdout, /- Service account `sa-contoso1-sa3@abc.onmicrosoft.com` added/);
    });

    it("reads FILE and --log relative to the directory the command was typed in, as npm passes it in INIT_CWD", () => {
        const run = summarize(["--exit-code", "3", "--log", "logs/preview.log", "out/preview.json"], "", {
            "out/preview.json": fixtureText("preview-empty.json"),
            "logs/preview.log": "error: failed to decrypt: AuthorizationFailed",
        });
        assert.equal(run.stderr, "");
        assert.equal(run.code, 0);
        const lines = run.stdout.split("\n");
        assert.ok(lines.includes("error: failed to decrypt: AuthorizationFailed"), "the log is not quoted");
        assert.ok(lines.includes("<sub>Pulumi's count: 35 unchanged.</sub>"), "the preview is not read");
    });

    it("reads stdin when given no file or -", () => {
        for (const argv of [[], ["-"]]) {
            const run = summarize(argv, fixtureText("preview-empty.json"));
            assert.equal(run.code, 0);
            assert.match(run.stdout, /No tenant changes\./);
        }
    });

    it("reports drift with --drift, and treats exit code 7 as drift found, not as a failed check", () => {
        const run = summarize(["--drift", "--exit-code", "7", "--stack", "prod", fixturePath("refresh-drift.json")]);
        assert.equal(run.code, 0);
        assert.match(run.stdout, /^### Tenant drift in stack `prod`\n/);
        assert.match(run.stdout, /\*\*5 resources changed outside the stack\.\*\*/);
        assert.doesNotMatch(run.stdout, /failed/);
    });

    it("reports a failed drift check as such, quoting the CLI's output, even when it printed no JSON", () => {
        const run = summarize(["--drift", "--exit-code", "3", "--log", "refresh.log"], "", {
            "refresh.log": "error: getting stack configuration: failed to decrypt: AuthorizationFailed",
        });
        assert.equal(run.code, 0);
        assert.match(
            run.stdout,
            /> \*\*The drift check failed\*\* with exit code 3 \(the CLI could not authenticate or is not authorized\)\./,
        );
        assert.match(run.stdout, /failed to decrypt: AuthorizationFailed/);
        assert.match(run.stdout, /No drift could be read from the refresh\./);
    });

    it("refuses input that is not Pulumi's JSON, saying what to pass", () => {
        const run = summarize([], "Previewing update (dev)\n");
        assert.equal(run.code, 2);
        assert.match(
            run.stderr,
            /^summarize: the input is not JSON \(.+\); pass what `pulumi preview --json` printed on stdout, not its log\n$/,
        );
        assert.equal(run.stdout, "");
    });

    it("refuses an unknown option with the usage", () => {
        const run = summarize(["--comment"]);
        assert.equal(run.code, 2);
        assert.ok(run.stderr.startsWith("summarize: Unknown option '--comment'"), run.stderr);
        assert.ok(run.stderr.endsWith(USAGE));
    });

    it("prints its usage with --help or -h, and nothing else", () => {
        for (const flag of ["--help", "-h"]) {
            const run = summarize([flag]);
            assert.equal(run.code, 0);
            assert.ok(
                run.stdout.startsWith(
                    "Usage: npm run summarize -- [--drift] [--stack NAME] [--exit-code N] [--log FILE] [FILE]\n\nPrints a Markdown report of Pulumi's JSON output",
                ),
                run.stdout,
            );
            assert.equal(run.stderr, "");
        }
    });

    it("refuses two input files", () => {
        const run = summarize(["a.json", "b.json"]);
        assert.equal(run.code, 2);
        assert.ok(run.stderr.startsWith("summarize: expected at most one input file, got 2\n\nUsage: "), run.stderr);
    });

    it("refuses an exit code that is not a whole number of 0 or more", () => {
        for (const value of ["x", "-1", "1.5"]) {
            const run = summarize([`--exit-code=${value}`], fixtureText("preview-empty.json"));
            assert.equal(run.code, 2);
            assert.equal(run.stderr, `summarize: --exit-code must be a whole number, got "${value}"\n`);
        }
    });

    it("reports a failed preview without quoting output when no --log is given", () => {
        const run = summarize(["--exit-code", "4"], fixtureText("preview-empty.json"));
        assert.equal(run.code, 0);
        assert.match(run.stdout, /> \*\*The preview failed\*\* with exit code 4 \(a resource operation failed\)\./);
        assert.doesNotMatch(run.stdout, /<details>/);
    });

    it("refuses a missing file by name", () => {
        const run = summarize(["no-such-preview.json"]);
        assert.equal(run.code, 2);
        assert.match(run.stderr, /no-such-preview\.json/);
    });
});
