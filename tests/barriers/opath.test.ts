import { strict as assert } from "node:assert";
import { allOf, balancedFilter, grouped, memberOf, not, opathString } from "../../barriers/opath";
import { parseFilter } from "./evaluator";

describe("OPATH filters for segments", () => {
    it("quotes a value with its single quotes doubled, typographic ones included", () => {
        assert.equal(opathString("O'Brien"), "'O''Brien'");
        assert.equal(opathString("O\u2019Brien"), "'O\u2019\u2019Brien'");
        assert.equal(opathString("plain"), "'plain'");
    });

    it("writes membership tests the way Purview documents them", () => {
        assert.equal(
            allOf(memberOf("-eq", "group1@contoso.com"), memberOf("-ne", "group3@contoso.com")),
            "MemberOf -eq 'group1@contoso.com' -and MemberOf -ne 'group3@contoso.com'",
        );
        assert.equal(not("Department -eq 'HR'"), "-not(Department -eq 'HR')");
    });

    it("round-trips through the model's parser: a quoted address matches exactly that group", () => {
        const matches = parseFilter(memberOf("-eq", "o'brien@abc.com"));
        assert.equal(matches({ name: "u", groups: ["o'brien@abc.com"] }), true);
        assert.equal(matches({ name: "u", groups: ["obrien@abc.com"] }), false);
    });

    it("groups a filter so that a clause joined to it applies to the whole of it", () => {
        const filter = allOf(grouped("Department -eq 'A' -or Department -eq 'B'"), memberOf("-ne", "sa@abc.com"));
        assert.equal(filter, "(Department -eq 'A' -or Department -eq 'B') -and MemberOf -ne 'sa@abc.com'");
        const matches = parseFilter(filter);
        const user = (department: string, groups: string[] = []) => ({
            name: "u",
            groups,
            attributes: { Department: department },
        });
        assert.deepEqual(
            [
                matches(user("A")),
                matches(user("B")),
                matches(user("A", ["sa@abc.com"])),
                matches(user("B", ["sa@abc.com"])),
            ],
            [true, true, false, false],
        );
    });

    it("knows a filter that parentheses keep whole from one they would change", () => {
        const balanced = [
            "Department -eq 'A'",
            "(Department -eq 'A' -or Department -eq 'B') -and Title -ne 'x'",
            "Department -eq 'Field (North)'",
            "Department -eq 'O''Brien)'",
            "Department -eq 'O\u2019\u2019Brien)'",
            "",
        ];
        const unbalanced = [
            "Department -eq 'A') -or (Department -eq 'B'",
            "(Department -eq 'A'",
            "Department -eq 'A')",
            "Department -eq 'A",
            "Department -eq 'O''Brien",
            "Department -eq \u2018A",
        ];
        assert.deepEqual(
            [balanced.map(balancedFilter), unbalanced.map(balancedFilter)],
            [balanced.map(() => true), unbalanced.map(() => false)],
        );
    });
});
