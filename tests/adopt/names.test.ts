import { strict as assert } from "node:assert";
import { vendorNameOfDomain } from "../../adopt/names";

describe("names adoption makes up", () => {
    it("names a vendor found by a domain after the domain's first label, capitalised", () => {
        const cases: readonly [string, string][] = [
            ["newco.io", "Newco"],
            ["contoson.com", "Contoson"],
            ["obrien-soehne.de", "Obrien-soehne"],
        ];
        assert.deepEqual(
            cases.map(([domain]) => [domain, vendorNameOfDomain(domain)]),
            cases,
        );
    });
});
