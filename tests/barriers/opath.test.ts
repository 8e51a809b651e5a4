import { strict as assert } from "node:assert";
import { allOf, memberOf, not, opathString } from "../../barriers/opath";
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
});
