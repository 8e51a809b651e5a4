import { strict as assert } from "node:assert";
import {
    chooseStack,
    displayPath,
    invocationDir,
    shellLine,
    shortStackName,
    STACK_OR_CONFIG_FILE,
    stackFileName,
} from "../../cli/args";

class Usage extends Error {}

const DIRS = { cwd: "/home/me/work", projectDir: "/repo" };

describe("command-line arguments the tools share", () => {
    it("takes the directory the command was typed in from INIT_CWD under npm run, and the process's own otherwise", () => {
        assert.equal(
            invocationDir({ npm_lifecycle_event: "plan", INIT_CWD: "/home/me/work" }, "/repo"),
            "/home/me/work",
        );
        assert.equal(invocationDir({ INIT_CWD: "/stale" }, "/home/me/work"), "/home/me/work");
        assert.equal(invocationDir({}, "/home/me/work"), "/home/me/work");
    });

    it("names a stack of Pulumi Cloud, org/NAME or org/project/NAME, by NAME, and its file Pulumi.NAME.yaml", () => {
        assert.deepEqual(
            ["dev", "acme/dev", "acme/remote-assist-tenancy/dev"].map((s) => [shortStackName(s), stackFileName(s)]),
            [
                ["dev", "Pulumi.dev.yaml"],
                ["dev", "Pulumi.dev.yaml"],
                ["dev", "Pulumi.dev.yaml"],
            ],
        );
    });

    it("reads --stack's file beside Pulumi.yaml, keeping the name as given", () => {
        assert.deepEqual(chooseStack({ stack: "acme/prod" }, DIRS, "dev", Usage), {
            stack: "acme/prod",
            configFile: "/repo/Pulumi.prod.yaml",
        });
        assert.deepEqual(chooseStack({}, DIRS, "dev", Usage), { stack: "dev", configFile: "/repo/Pulumi.dev.yaml" });
    });

    it("reads --config-file from the directory the command was typed in, naming the stack after a Pulumi.NAME.yaml file", () => {
        assert.deepEqual(chooseStack({ configFile: "cfg/Pulumi.plant2.yml" }, DIRS, "dev", Usage), {
            stack: "plant2",
            configFile: "/home/me/work/cfg/Pulumi.plant2.yml",
        });
        assert.deepEqual(chooseStack({ configFile: "/etc/tenant.yaml" }, DIRS, "prod", Usage), {
            stack: "prod",
            configFile: "/etc/tenant.yaml",
        });
    });

    it("refuses --stack together with --config-file with the command's own usage error", () => {
        assert.throws(
            () => chooseStack({ stack: "dev", configFile: "x.yaml" }, DIRS, "dev", Usage),
            (e: unknown) => {
                assert.ok(e instanceof Usage);
                assert.equal(e.message, STACK_OR_CONFIG_FILE);
                assert.equal(e.message, "Pass either --stack or --config-file, not both");
                return true;
            },
        );
    });

    it("shows a path relative below the directory the command was typed in, and absolute elsewhere", () => {
        assert.deepEqual(
            ["/home/me/work/out/plan.md", "/home/me/work", "/repo/Pulumi.dev.yaml", "/home/me/workshop/x"].map((p) =>
                displayPath(DIRS.cwd, p),
            ),
            ["out/plan.md", ".", "/repo/Pulumi.dev.yaml", "/home/me/workshop/x"],
        );
    });

    it("quotes a command line for a POSIX shell only where a word needs it", () => {
        assert.equal(
            shellLine(["pulumi", "state", "unprotect", "--stack", "acme/dev", "a b", "it's", "urn:pulumi:dev::x$y"]),
            "pulumi state unprotect --stack acme/dev 'a b' 'it'\\''s' 'urn:pulumi:dev::x$y'",
        );
    });
});
