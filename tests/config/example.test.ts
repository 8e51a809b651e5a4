import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, YAMLMap } from "yaml";
import { z } from "zod";
import { rawConfigFromMap } from "../../config/load";
import { unwrap } from "../../config/salvage";
import {
    credentialsSchema,
    expertsSchema,
    federationSchema,
    graphEndpointSchema,
    informationBarriersSchema,
    licenseBundleSchema,
    tenantSchema,
    vendorsSchema,
} from "../../config/schema";
import { CONFIG_KEYS, validateConfig } from "../../config/validate";
import { readStackConfigFile } from "../../offline/stackFile";
import { runProgram } from "../../offline/runProgram";
import { valueOf } from "../helpers";
import { tenant } from "../setup";

const EXAMPLE = path.join(__dirname, "..", "..", "Pulumi.prod.yaml.example");

/** The schema of each top-level key but licenses (a mapping of bundles by name), for walking the example. */
const SECTIONS = new Map<string, z.ZodType>([
    ["tenant", tenantSchema],
    ["experts", expertsSchema],
    ["federation", federationSchema],
    ["informationBarriers", informationBarriersSchema],
    ["vendors", vendorsSchema],
    ["credentials", credentialsSchema],
    ["graphEndpoint", graphEndpointSchema],
]);

/**
 * Every key the example lacks a comment for: a key must have a comment on its line or right above
 * it; a key the example leaves out must appear as a commented-out line (`# segmentFilter: ...`).
 */
function undocumentedKeys(): string[] {
    const text = readFileSync(EXAMPLE, "utf8");
    const lines = text.split("\n");
    const counter = new LineCounter();
    const doc = parseDocument(text, { lineCounter: counter });
    const commented = (offset: number) => {
        const line = counter.linePos(offset).line - 1;
        return lines[line].includes(" #") || /^\s*(-\s*)?#/.test(lines[line - 1] ?? "");
    };
    const missing: string[] = [];
    const walk = (schema: z.ZodType, nodes: readonly unknown[], where: string) => {
        const core = unwrap(schema);
        if (core instanceof z.ZodArray) {
            walk(
                core.element as z.ZodType,
                nodes.flatMap((n) => (isSeq(n) ? n.items : [])),
                `${where}[]`,
            );
            return;
        }
        if (!(core instanceof z.ZodObject)) {
            return;
        }
        const maps = nodes.filter((n): n is YAMLMap => isMap(n));
        for (const [key, field] of Object.entries(core.shape as Record<string, z.ZodType>)) {
            const pairs = maps.flatMap((m) => m.items.filter((p) => isScalar(p.key) && p.key.value === key));
            if (pairs.length === 0) {
                if (!new RegExp(`^\\s*#\\s*${key}:`, "m").test(text)) {
                    missing.push(`${where}.${key} (neither set nor shown commented out)`);
                }
                continue;
            }
            const first = pairs[0];
            if (!isScalar(first.key) || !commented(first.key.range?.[0] ?? 0)) {
                missing.push(`${where}.${key}`);
            }
            walk(
                field,
                pairs.map((p) => p.value),
                `${where}.${key}`,
            );
        }
    };
    const config = doc.get("config") as YAMLMap;
    for (const key of CONFIG_KEYS) {
        const pair = config.items.find((p) => isScalar(p.key) && p.key.value === `remote-assist-tenancy:${key}`);
        if (!pair || !isScalar(pair.key) || !commented(pair.key.range?.[0] ?? 0)) {
            missing.push(key);
            continue;
        }
        const value = pair.value;
        if (key === "licenses") {
            walk(licenseBundleSchema, isMap(value) ? value.items.map((b) => b.value) : [], "licenses.<bundle>");
        } else {
            walk(SECTIONS.get(key)!, [value], key);
        }
    }
    return missing;
}

describe("Pulumi.prod.yaml.example", () => {
    it("is a valid config, read and validated as `npm run plan -- --stack prod` would", () => {
        const config = validateConfig(rawConfigFromMap(readStackConfigFile(EXAMPLE)));
        assert.deepEqual(
            config.vendors.map((v) => [
                v.id,
                v.state,
                v.serviceAccounts.map((a) => a.id),
                v.guests.map((g) => g.email),
            ]),
            [
                ["fabrikam", "active", ["sa1"], ["kim@fabrikam.com"]],
                ["contoson", "active", [], ["nina@contoson.com"]],
                ["contoso2", "suspended", ["sa1"], []],
            ],
        );
        assert.deepEqual(config.credentials, { resourceGroupName: "rg-identity", vaultName: "kv-abc-remote-assist" });
        assert.equal(config.licenses["remote-assist"].seats, 25);
    });

    it("explains every key the stack reads, next to the key", () => {
        assert.deepEqual(undocumentedKeys(), []);
    });

    it("deploys without a warning: its bundle gives what information barriers need", async () => {
        const outputs = await runProgram(tenant, readStackConfigFile(EXAMPLE));
        assert.deepEqual(await valueOf(outputs.warnings), []);
    });
});
