import { strict as assert } from "node:assert";
import type { z } from "zod";
import { configErrorMap, describeValue, didYouMean, editDistance, unknownKeyMessage } from "../../config/messages";
import { unreadNamespaceWarnings } from "../../config/namespaces";
import { ConfigError, formatPath, Problems } from "../../config/problems";
import { escapeControls, quote } from "../../config/quote";

/** The error map's message for an issue given only by the fields it reads. */
function mapped(issue: Record<string, unknown>): string | undefined {
    const out = configErrorMap(issue as unknown as z.core.$ZodRawIssue);
    return typeof out === "string" || out == null ? (out ?? undefined) : out.message;
}

describe("config messages", () => {
    describe("describeValue", () => {
        it("names a list as a list, not as a mapping", () => {
            assert.equal(describeValue(["a", "b"]), "a list");
            assert.equal(describeValue({ a: 1 }), "a mapping");
        });

        it("names other types by their type", () => {
            assert.equal(describeValue(undefined), "undefined");
            assert.equal(describeValue(10n), "bigint");
        });
    });

    describe("configErrorMap", () => {
        it("says required only for a missing value", () => {
            assert.equal(mapped({ code: "invalid_type", expected: "string", input: undefined }), "required");
            assert.equal(
                mapped({ code: "invalid_type", expected: "string", input: 5 }),
                "expected a string, got a number (5)",
            );
        });

        it("leaves unknown keys to the validator even without an input", () => {
            assert.equal(mapped({ code: "unrecognized_keys", keys: ["x"], input: undefined }), undefined);
        });

        it("words bounds", () => {
            assert.equal(mapped({ code: "too_small", minimum: 1, origin: "array", input: [] }), "must be at least 1");
            assert.equal(
                mapped({ code: "too_big", maximum: 3, origin: "array", input: [1, 2, 3, 4] }),
                "must be at most 3",
            );
        });

        it("keeps zod's wording for other issues", () => {
            assert.equal(mapped({ code: "custom", input: "x" }), undefined);
        });
    });

    describe("editDistance", () => {
        it("counts every letter against an empty word", () => {
            assert.equal(editDistance("abc", ""), 3);
            assert.equal(editDistance("", "abcd"), 4);
        });

        it("counts a swap of two adjacent letters as one edit", () => {
            assert.equal(editDistance("ab", "ba"), 1);
            assert.equal(editDistance("tenatn", "tenant"), 1);
        });

        it("counts no swap where only one of the two letters matches", () => {
            assert.equal(editDistance("ac", "ba"), 2);
            assert.equal(editDistance("ab", "bc"), 2);
        });
    });

    describe("didYouMean", () => {
        it("allows one edit for keys of up to 4 letters", () => {
            assert.equal(didYouMean("abcx", ["abcd"]), "abcd");
            assert.equal(didYouMean("abxy", ["abcd"]), undefined);
        });

        it("allows two edits for keys of 5 to 9 letters", () => {
            assert.equal(didYouMean("abcxy", ["abcde"]), "abcde");
            assert.equal(didYouMean("abxyz", ["abcde"]), undefined);
            assert.equal(didYouMean("abcdefxyz", ["abcdefghi"]), undefined);
        });

        it("allows three edits from 10 letters on", () => {
            assert.equal(didYouMean("abcdefgxyz", ["abcdefghij"]), "abcdefghij");
            assert.equal(didYouMean("abcdefwxyz", ["abcdefghij"]), undefined);
        });

        it("guesses from a prefix of at least 3 letters", () => {
            assert.equal(didYouMean("leg", ["legacyMode"]), "legacyMode");
            assert.equal(didYouMean("legacyModeOfOld", ["legacyMode"]), "legacyMode");
            assert.equal(didYouMean("le", ["legacyMode"]), undefined);
            assert.equal(didYouMean("Mode", ["legacyMode"]), undefined);
        });
    });

    describe("unknownKeyMessage", () => {
        it("names a plain key with its prefix", () => {
            assert.equal(
                unknownKeyMessage("vendor", ["tenant", "vendors"], "ns:"),
                "unknown key ns:vendor; did you mean ns:vendors? known keys: tenant, vendors",
            );
        });

        it("quotes a key that is not plain, whatever part of it is", () => {
            assert.equal(unknownKeyMessage("a b", ["tenant"], "ns:"), 'unknown key "ns:a b"; known keys: tenant');
            assert.equal(unknownKeyMessage("x\ny", ["tenant"], "ns:"), 'unknown key "ns:x\\ny"; known keys: tenant');
        });
    });
});

describe("config quote", () => {
    it("escapes control characters without a name by their code point", () => {
        assert.equal(escapeControls("a\u0001b\u202ec"), "a\\u0001b\\u202ec");
        assert.equal(escapeControls("a\nb\tc"), "a\\nb\\tc");
    });

    it("escapes quotes and backslashes", () => {
        assert.equal(quote('say "hi"\\'), '"say \\"hi\\"\\\\"');
    });

    it("quotes 80 characters in full and cuts a longer value", () => {
        const eighty = "x".repeat(80);
        assert.equal(quote(eighty), `"${eighty}"`);
        assert.equal(quote(`${eighty}y`), `"${"x".repeat(79)}…"`);
    });
});

describe("config problems", () => {
    it("labels only a vendor's own index", () => {
        const labels = new Map([[0, "contoso1"]]);
        assert.equal(formatPath(["vendors", 0, "guests", 0, "email"], labels), "vendors[0] (contoso1).guests[0].email");
        assert.equal(formatPath(["other", 0], labels), "other[0]");
    });

    it("sorts a shorter path before a longer one that it starts", () => {
        const p = new Problems();
        p.add(["a", "b"], "inner");
        p.add(["a"], "outer");
        p.add(["c"], "last");
        const rank = (path: readonly (string | number)[]) => path.map((k) => (k === "c" ? 2 : 1));
        assert.deepEqual(p.list(rank), ["a: outer", "a.b: inner", "c: last"]);
    });

    it("keeps the order problems were found in without a rank, and at the same rank", () => {
        const p = new Problems();
        for (let i = 0; i < 100; i++) {
            p.add(["k", i % 3], `m${i}`);
        }
        const found = Array.from({ length: 100 }, (_, i) => `k[${i % 3}]: m${i}`);
        assert.deepEqual(p.list(), found);
        const byIndex = [0, 1, 2].flatMap((r) => found.filter((line) => line.startsWith(`k[${r}]`)));
        assert.deepEqual(
            p.list((path) => [Number(path[1])]),
            byIndex,
        );
    });

    it("records zod issue paths, symbols as text and indexes as indexes", () => {
        const p = new Problems();
        const issues = [
            { code: "custom", path: ["guests", 0, Symbol("s")], message: "bad", input: 1 },
        ] as unknown as z.core.$ZodIssue[];
        p.addZodIssues(["vendors", 1], issues);
        assert.deepEqual(p.list(), ['vendors[1].guests[0]["Symbol(s)"]: bad']);
    });

    it("is a ConfigError by name", () => {
        const e = new ConfigError(["tenant: required"]);
        assert.equal(e.name, "ConfigError");
        assert.equal(e.message, "Invalid remote-assist-tenancy config (1 problem):\n  - tenant: required");
    });
});

describe("config namespaces", () => {
    it("warns of no key without a namespace", () => {
        assert.deepEqual(
            unreadNamespaceWarnings({ vendors: "[]", ":vendors": "[]", "remote-assist-tenancy:x": "1" }),
            [],
        );
    });
});
