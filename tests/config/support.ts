/** Shared by the config specs: a small valid config, and the problems validation reports for one. */
import { strict as assert } from "node:assert";
import { ConfigError } from "../../config/problems";
import { validateConfig } from "../../config/validate";

export type Raw = Record<string, any>;

/** A small valid config: one vendor with one service account and one guest. */
export function base(): Raw {
    return {
        tenant: { domain: "abc.onmicrosoft.com", usageLocation: "US" },
        licenses: { "remote-assist": { skus: [{ sku: "MICROSOFT_REMOTE_ASSIST" }], seats: 2 } },
        experts: { segment: "Experts", members: ["alice@abc.onmicrosoft.com"] },
        vendors: [
            {
                id: "contoso1",
                name: "Contoso1",
                domains: ["contoso1.com"],
                license: "remote-assist",
                serviceAccounts: [{ id: "sa1", holder: "bob@contoso1.com" }],
                guests: [{ email: "carol@contoso1.com", name: "Carol Ng" }],
            },
        ],
    };
}

/** The problems validation reports for `raw`, in order; none when it accepts it. */
export function problemsOrNone(raw: Raw): readonly string[] {
    try {
        validateConfig(raw);
    } catch (e) {
        assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${String(e)}`);
        return e.problems;
    }
    return [];
}

/** The problems validation reports for `raw`, which it must reject. */
export function problemsOf(raw: Raw): readonly string[] {
    const problems = problemsOrNone(raw);
    assert.ok(problems.length > 0, "expected the config to be rejected");
    return problems;
}
