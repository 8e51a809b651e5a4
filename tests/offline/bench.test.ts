import { strict as assert } from "node:assert";
import { validateConfig } from "../../config/validate";
import { benchConfigMap, formatBenchTable, parseResultLine, resultLine } from "../../offline/bench";
import { rawConfigFromMap } from "../../config/load";
import { debuggableModule } from "../../offline/tuning";

describe("the benchmark's generated tenants", () => {
    it("are valid config with the asked number of vendors, accounts and guests, and exactly enough seats", () => {
        const config = validateConfig(
            rawConfigFromMap(benchConfigMap({ vendors: 12, serviceAccountsPerVendor: 5, guestsPerVendor: 5 })),
        );
        assert.equal(config.vendors.length, 12);
        assert.deepEqual(
            [config.vendors[0].id, config.vendors[11].id, config.vendors[11].domains],
            ["v01", "v12", ["v12.example.com"]],
        );
        assert.ok(config.vendors.every((v) => v.serviceAccounts.length === 5 && v.guests.length === 5));
        assert.equal(config.licenses["remote-assist"].seats, 60);
    });
});

describe("the benchmark's report", () => {
    it("prints vendors, resources, wall time, time per resource and peak memory as a table", () => {
        const table = formatBenchTable(
            [
                { vendors: 10, resources: 352, wallMs: 1140, peakRssBytes: 204 * 1024 * 1024 },
                { vendors: 1000, resources: 35002, wallMs: 20900, peakRssBytes: 1093 * 1024 * 1024 },
            ],
            "Measured on a test machine.",
        );
        assert.equal(
            table,
            [
                "| Vendors | Resources | Wall time | Per resource | Peak memory |",
                "| ---: | ---: | ---: | ---: | ---: |",
                "| 10 | 352 | 1.14 s | 3.24 ms | 204 MB |",
                "| 1,000 | 35,002 | 20.9 s | 0.60 ms | 1,093 MB |",
                "",
                "Measured on a test machine.",
                "",
            ].join("\n"),
        );
    });

    it("finds a child's result among anything else the child printed", () => {
        const result = { vendors: 100, resources: 3502, wallMs: 3200.5, peakRssBytes: 269484032 };
        assert.deepEqual(parseResultLine(`warning: something\n${resultLine(result)}\n`), result);
        assert.equal(parseResultLine("warning: something\n"), undefined);
    });
});

describe("the offline process tuning", () => {
    it("still finds the SDK's debuggablePromise to replace (an SDK update that moves it slows the plan)", () => {
        assert.equal(typeof debuggableModule()?.debuggablePromise, "function");
    });
});
