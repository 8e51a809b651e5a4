import { strict as assert } from "node:assert";
import type { AccessToken, TokenCredential } from "@azure/identity";
import { RetryHandler, RetryHandlerOptions } from "@microsoft/microsoft-graph-client";
import {
    GraphLicenseClient,
    LIBRARY_MAX_DELAY_SECONDS,
    LIBRARY_MAX_RETRIES,
    RETRIED_STATUSES,
    retryWaitSeconds,
} from "../../licensing/graphClient";
import { FAKE_TOKEN, FakeGraph } from "./fakeGraph";

/** The RetryHandler's private parts, reached here only to check this module's copies of them. */
interface RetryHandlerInternals {
    getDelay(response: Response, retryAttempts: number, delay: number): number;
}

describe("the Graph client's copy of the RetryHandler's behaviour", () => {
    const NOW = Date.parse("2026-01-05T10:00:00Z");
    let random: () => number;
    let now: () => number;
    beforeEach(() => {
        // The library adds up to 1 s of jitter; without it the two must agree exactly.
        random = Math.random;
        now = Date.now;
        Math.random = () => 0;
        Date.now = () => NOW;
    });
    afterEach(() => {
        Math.random = random;
        Date.now = now;
    });

    const cases: { retryAfter: string | null; retry: number }[] = [
        { retryAfter: "1", retry: 1 },
        { retryAfter: "0", retry: 3 },
        { retryAfter: "120", retry: 1 },
        { retryAfter: "500", retry: 1 },
        { retryAfter: "", retry: 2 },
        { retryAfter: "Mon, 05 Jan 2026 10:00:30 GMT", retry: 1 },
        { retryAfter: "Mon, 05 Jan 2026 09:59:00 GMT", retry: 1 },
        { retryAfter: null, retry: 1 },
        { retryAfter: null, retry: 2 },
        { retryAfter: null, retry: 5 },
        { retryAfter: null, retry: 10 },
    ];
    for (const c of cases) {
        it(`waits as long as the installed RetryHandler for Retry-After ${JSON.stringify(c.retryAfter)} before retry ${c.retry}`, () => {
            const headers = new Headers(c.retryAfter === null ? {} : { "Retry-After": c.retryAfter });
            const response = new Response(null, { status: 429, headers });
            const library = (new RetryHandler() as unknown as RetryHandlerInternals).getDelay(response, c.retry, 3);
            assert.equal(retryWaitSeconds(c.retryAfter, c.retry, 3), Math.max(0, library));
        });
    }

    it("uses the installed library's limits and retried statuses", () => {
        const statics = { handler: RetryHandler, options: RetryHandlerOptions } as unknown as {
            handler: { RETRY_STATUS_CODES: number[] };
            options: { MAX_MAX_RETRIES: number; MAX_DELAY: number };
        };
        assert.deepEqual(
            [RETRIED_STATUSES, LIBRARY_MAX_RETRIES, LIBRARY_MAX_DELAY_SECONDS],
            [statics.handler.RETRY_STATUS_CODES, statics.options.MAX_MAX_RETRIES, statics.options.MAX_DELAY],
        );
    });
});

describe("the Graph client's bearer token", () => {
    let graph: FakeGraph;
    before(async () => {
        graph = await FakeGraph.start();
    });
    after(async () => {
        await graph.stop();
    });
    beforeEach(() => graph.reset());

    /** A credential that counts how often it is asked, with tokens valid for `lifetimeMs`. */
    function countingCredential(lifetimeMs: number): TokenCredential & { calls: number } {
        const credential = {
            calls: 0,
            async getToken(): Promise<AccessToken> {
                credential.calls += 1;
                return { token: FAKE_TOKEN, expiresOnTimestamp: Date.now() + lifetimeMs };
            },
        };
        return credential;
    }

    async function readThreeTimes(credential: TokenCredential): Promise<void> {
        graph.groups.set("g1", []);
        const client = new GraphLicenseClient({ endpoint: graph.endpoint, credential });
        for (let i = 0; i < 3; i++) {
            await client.assignedLicenses("g1", (s) => s);
        }
    }

    it("asks the credential once for many requests, so `az login` runs the Azure CLI once", async () => {
        const credential = countingCredential(3600_000);
        await readThreeTimes(credential);
        assert.equal(credential.calls, 1);
        assert.ok(graph.requests.every((r) => r.authorization === `Bearer ${FAKE_TOKEN}`));
    });

    it("asks again when the token expires within two minutes", async () => {
        const credential = countingCredential(60_000);
        await readThreeTimes(credential);
        assert.equal(credential.calls, 3);
    });
});
