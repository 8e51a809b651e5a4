import { strict as assert } from "node:assert";
import { ConfigError } from "../../config/problems";
import type { StackConfig } from "../../config/types";
import { validateConfig } from "../../config/validate";

type Raw = Record<string, any>;

/** A tenant with no vendors yet. */
export function emptyTenant(): Raw {
    return {
        tenant: { domain: "abc.onmicrosoft.com", usageLocation: "US", name: "Tenant ABC" },
        licenses: { "remote-assist": { skus: [{ sku: "MICROSOFT_REMOTE_ASSIST" }], seats: 10 } },
        experts: { members: ["alice@abc.onmicrosoft.com"] },
        vendors: [],
    };
}

/** A vendor with one service account and one guest. */
export function vendor(id: string, name: string, extra: Raw = {}): Raw {
    return {
        id,
        name,
        domains: [`${id}.com`],
        license: "remote-assist",
        serviceAccounts: [{ id: "sa1", holder: `bob@${id}.com` }],
        guests: [{ email: `carol@${id}.com`, name: "Carol" }],
        ...extra,
    };
}

/** A tenant with the given vendors, validated. */
export function tenantWith(vendors: Raw[], edit: (raw: Raw) => void = () => undefined): StackConfig {
    const raw = emptyTenant();
    raw.vendors = vendors;
    edit(raw);
    return validateConfig(raw);
}

/** The problems a raw config is rejected with. */
export function problemsOf(vendors: Raw[], edit: (raw: Raw) => void = () => undefined): readonly string[] {
    try {
        tenantWith(vendors, edit);
    } catch (e) {
        assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${String(e)}`);
        return e.problems;
    }
    assert.fail("expected the config to be rejected");
}

/** The lines of a script that run something: no blanks, no comments, indentation removed. */
export function commands(script: string): string[] {
    return script
        .split("\n")
        .map((l) => l.trim())
        .filter((l) => l !== "" && !l.startsWith("#"));
}

/** The lines of a script that call one of `cmdlets`, in order. */
export function calls(script: string, ...cmdlets: string[]): string[] {
    return commands(script).filter((l) => cmdlets.some((c) => l.startsWith(c)));
}
