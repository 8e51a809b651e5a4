import { strict as assert } from "node:assert";
import { opathEquals, psArray, psComment, psQuote } from "../../runbooks/powershell";

describe("PowerShell quoting for the runbooks", () => {
    const QUOTED: readonly [string, string, string][] = [
        ["a plain name", "Contoso1", "'Contoso1'"],
        ["spaces", "Outlook contractor", "'Outlook contractor'"],
        ["an apostrophe", "O'Brien & Sons", "'O''Brien & Sons'"],
        ["two apostrophes in a row", "a''b", "'a''''b'"],
        [
            "typographic single quotes, which PowerShell also reads as quotes",
            "Dan\u2019s \u2018team\u2019",
            "'Dan\u2019\u2019s \u2018\u2018team\u2019\u2019'",
        ],
        ["the low-9 and reversed quotes", "\u201aX\u201b", "'\u201a\u201aX\u201b\u201b'"],
        ["dollar signs and backticks, which are literal in single quotes", "$env:X `n", "'$env:X `n'"],
        ["double quotes, literal in single quotes", 'say "hi"', `'say "hi"'`],
    ];
    for (const [what, value, expected] of QUOTED) {
        it(`quotes a value with ${what}`, () => {
            assert.equal(psQuote(value), expected);
        });
    }

    it("leaves typographic double quotes alone (they do not end a single-quoted string)", () => {
        assert.equal(psQuote("\u201cX\u201d"), "'\u201cX\u201d'");
    });

    it("writes arrays of quoted strings", () => {
        assert.equal(psArray(["Experts", "O'Brien"]), "@('Experts', 'O''Brien')");
        assert.equal(psArray([]), "@()");
    });

    it("keeps comment text on its line, so a name cannot start a command", () => {
        assert.equal(psComment("Contoso\nRemove-Item C:\\ -Recurse"), "Contoso Remove-Item C:\\ -Recurse");
        assert.equal(psComment("a\r\n\tb\u2028c\u0085d"), "a b c d");
    });

    it("quotes the compared value of an OPATH filter", () => {
        assert.equal(opathEquals("Department", "Contoso1"), "Department -eq 'Contoso1'");
        assert.equal(opathEquals("Department", "O'Brien"), "Department -eq 'O''Brien'");
    });

    it("quotes a whole filter again when the filter itself is a PowerShell argument", () => {
        assert.equal(psQuote(opathEquals("Department", "O'Brien")), "'Department -eq ''O''''Brien'''");
    });
});
