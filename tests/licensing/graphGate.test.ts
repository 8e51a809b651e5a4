import { strict as assert } from "node:assert";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import {
    Deadline,
    GateSettings,
    GraphGate,
    GraphRequestError,
    retryAfterSeconds,
    Turns,
} from "../../licensing/graphGate";
import { FAKE_TOKEN, LoopbackGraph, REQUEST_ID } from "../../loopback/graph";

/** A port of 127.0.0.1 nothing listens on. */
async function closedPort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise((resolve) => server.close(resolve));
    return port;
}

/** Small timings, so that retries take milliseconds. */
const FAST: GateSettings = {
    concurrency: 4,
    attemptTimeoutSeconds: 2,
    backoffSeconds: 0.005,
    maxBackoffSeconds: 0.02,
    holdJitter: 0,
};

describe("the Graph gate", () => {
    let graph: LoopbackGraph;
    before(async () => {
        graph = await LoopbackGraph.start();
    });
    after(async () => {
        await graph.stop();
    });
    beforeEach(() => {
        graph.reset();
        graph.addGroup("g1");
        graph.addGroup("g2");
    });

    const read = (groupId = "g1") => ({
        method: "GET" as const,
        url: `${graph.endpoint}/v1.0/groups/${groupId}?$select=assignedLicenses`,
        headers: async () => ({ Authorization: `Bearer ${FAKE_TOKEN}` }),
    });
    const assign = (groupId = "g1") => ({
        method: "POST" as const,
        url: `${graph.endpoint}/v1.0/groups/${groupId}/assignLicense`,
        body: { addLicenses: [], removeLicenses: [] },
        headers: async () => ({ Authorization: `Bearer ${FAKE_TOKEN}` }),
    });
    const failureOf = async (promise: Promise<unknown>) => {
        try {
            await promise;
        } catch (e) {
            assert.ok(e instanceof GraphRequestError, `expected a GraphRequestError, got ${String(e)}`);
            return e;
        }
        assert.fail("the request succeeded");
    };
    const gaps = () => graph.requests.slice(1).map((r, i) => r.receivedAt - graph.requests[i].receivedAt);

    it("holds every request for a 429's Retry-After, also one that was not throttled itself", async () => {
        const gate = new GraphGate(FAST);
        graph.fail({ path: /g1/, answer: { status: 429, headers: { "Retry-After": "0.3" } } });
        const first = gate.send(read("g1"), new Deadline(5));
        // Once the 429 has been answered (and the client had a moment to read it), send another.
        while (graph.requests[0]?.status !== 429) {
            await new Promise((resolve) => setTimeout(resolve, 5));
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
        const second = gate.send(read("g2"), new Deadline(5));
        await Promise.all([first, second]);

        const [throttled, ...rest] = graph.requests;
        assert.equal(throttled.status, 429);
        assert.deepEqual(
            rest.map((r) => r.status),
            [200, 200],
        );
        for (const r of rest) {
            assert.ok(
                r.receivedAt - throttled.receivedAt >= 295,
                `${r.url} came ${r.receivedAt - throttled.receivedAt} ms after the 429`,
            );
        }
    });

    it("adds up to holdJitter of the Retry-After to the hold", async () => {
        const gate = new GraphGate({ ...FAST, holdJitter: 0.5 }, () => 1);
        graph.fail({ answer: { status: 429, headers: { "Retry-After": "0.2" } } });
        await gate.send(read(), new Deadline(5));
        assert.ok(gaps()[0] >= 295, `the retry came ${gaps()[0]} ms after a Retry-After of 0.2 s with 50% jitter`);
    });

    it("paces requests after a 429 to what Graph accepted, instead of running into the limit again and again", async () => {
        // 10 requests per 200 ms: bursting would meet a 429 every 10 requests; pacing meets the first ones only.
        graph.throttle = { limit: 10, windowMs: 200, retryAfter: "0.2" };
        const gate = new GraphGate(FAST);
        const results = await Promise.allSettled(Array.from({ length: 60 }, () => gate.send(read(), new Deadline(10))));
        assert.deepEqual(
            results.filter((r) => r.status === "rejected"),
            [],
        );
        const throttled = graph.statusCounts()[429];
        assert.ok(throttled <= 2 * FAST.concurrency, `${throttled} requests were throttled`);
        // Nothing is sent during a hold: what arrives within it was on its way before the 429 came back.
        for (const t of graph.requests.filter((r) => r.status === 429).map((r) => r.receivedAt)) {
            const during = graph.requests.filter((r) => r.receivedAt > t + 100 && r.receivedAt < t + 195);
            assert.deepEqual(
                during.map((r) => r.receivedAt - t),
                [],
                "requests arrived during a hold",
            );
        }
    });

    for (const status of [500, 502, 503, 504]) {
        it(`retries a ${status} and succeeds`, async () => {
            graph.fail({ answer: { status, error: { code: "UnknownError", message: "Transient." } } });
            const response = await new GraphGate(FAST).send(read(), new Deadline(5));
            assert.equal(response.status, 200);
            assert.deepEqual(
                graph.requests.map((r) => r.status),
                [status, 200],
            );
        });
    }

    it("retries a connection reset and succeeds", async () => {
        graph.fail({ drop: { how: "reset", when: "before" } });
        const response = await new GraphGate(FAST).send(read(), new Deadline(5));
        assert.equal(response.status, 200);
        assert.equal(graph.requests.length, 2);
    });

    it("waits a 503's Retry-After before retrying it", async () => {
        graph.fail({ answer: { status: 503, headers: { "Retry-After": "0.2" } } });
        await new GraphGate(FAST).send(read(), new Deadline(5));
        assert.ok(gaps()[0] >= 195, `the retry came ${gaps()[0]} ms after a Retry-After of 0.2 s`);
    });

    it("abandons an attempt without an answer after the attempt timeout, and retries it", async () => {
        graph.fail({ drop: { how: "hang", when: "before" } });
        const started = performance.now();
        await new GraphGate({ ...FAST, attemptTimeoutSeconds: 0.2 }).send(read(), new Deadline(5));
        assert.equal(graph.requests.length, 2);
        assert.ok(gaps()[0] >= 195 && performance.now() - started < 2000, `the retry came ${gaps()[0]} ms later`);
    });

    it("keeps retrying while the operation's bound allows, however many attempts that takes", async () => {
        // More failures than the 10 retries the old client stopped at; the bound is far away, so a
        // slow machine changes nothing.
        graph.fail({ times: 15, answer: { status: 503, error: { code: "serviceNotAvailable", message: "Down." } } });
        await new GraphGate(FAST).send(read(), new Deadline(60));
        assert.equal(graph.requests.length, 16);
    });

    it("gives up when the operation's bound passes, saying how many attempts it made and the last answer", async () => {
        graph.fail({
            times: Infinity,
            answer: { status: 503, error: { code: "serviceNotAvailable", message: "Down." } },
        });
        const e = await failureOf(new GraphGate(FAST).send(read(), new Deadline(0.5)));
        assert.ok(graph.requests.length > 1, `gave up after ${graph.requests.length} attempts`);
        assert.match(
            e.message,
            new RegExp(
                `^GET /v1\\.0/groups/g1\\?\\$select=assignedLicenses gave up at the 0\\.5 s bound on one operation after ${graph.requests.length} attempts in 0\\.[0-9] s(; the last one had no answer yet when the bound passed)?; the (last one|one before) answered 503 serviceNotAvailable: Down\\. \\(request-id ${REQUEST_ID}\\)$`,
            ),
        );
        assert.equal(e.failure.outcome, "not applied");
    });

    it("gives up at once when a 429's Retry-After would pass the bound, saying how long Graph asked to wait", async () => {
        graph.fail({
            times: Infinity,
            answer: {
                status: 429,
                headers: { "Retry-After": "120" },
                error: { code: "TooManyRequests", message: "Later." },
            },
        });
        const e = await failureOf(new GraphGate(FAST).send(read(), new Deadline(1)));
        assert.equal(graph.requests.length, 1);
        assert.match(
            e.message,
            / after 1 attempt in 0 s; the last one answered 429 TooManyRequests: Later\. \(request-id [^)]+\), and Graph asked to wait 120 s more$/,
        );
    });

    it("names the network error's code in its failure, and never the token", async () => {
        graph.fail({ times: Infinity, drop: { how: "reset", when: "before" } });
        const e = await failureOf(new GraphGate(FAST).send(read(), new Deadline(0.3)));
        assert.match(e.message, /; the (last one|one before) failed: ECONNRESET \(read ECONNRESET\)$/);
        assert.ok(!e.message.includes(FAKE_TOKEN) && !JSON.stringify(e.failure).includes(FAKE_TOKEN));
    });

    it("does not retry a refusal, and says the write was not applied", async () => {
        graph.fail({
            answer: {
                status: 403,
                error: { code: "Authorization_RequestDenied", message: "Insufficient privileges." },
            },
        });
        const e = await failureOf(new GraphGate(FAST).send(assign(), new Deadline(5)));
        assert.equal(graph.requests.length, 1);
        assert.equal(
            e.message,
            `POST /v1.0/groups/g1/assignLicense answered 403 Authorization_RequestDenied: Insufficient privileges. (request-id ${REQUEST_ID})`,
        );
        assert.equal(e.failure.outcome, "not applied");
    });

    it("counts a write whose answer was lost as of unknown outcome, even when the retry is then refused", async () => {
        graph.fail({ method: "POST", drop: { how: "reset", when: "after" } });
        graph.fail({ method: "POST", answer: { status: 400, error: { code: "Request_BadRequest", message: "No." } } });
        const e = await failureOf(new GraphGate(FAST).send(assign(), new Deadline(5)));
        assert.equal(graph.requests.length, 2);
        assert.equal(e.failure.outcome, "unknown");
    });

    it("counts a write refused before it was sent as not applied", async () => {
        const closed = await closedPort();
        const e = await failureOf(
            // A back-off far longer than the bound: it gives up after the first attempt, not during one.
            new GraphGate({ ...FAST, backoffSeconds: 10, maxBackoffSeconds: 10 }).send(
                { ...assign(), url: `http://127.0.0.1:${closed}/v1.0/groups/g1/assignLicense` },
                new Deadline(0.5),
            ),
        );
        assert.match(e.message, /the last one failed: ECONNREFUSED/);
        assert.equal(e.failure.outcome, "not applied");
    });

    it("says a request never got a turn when the bound passes while it waits behind others", async () => {
        graph.fail({ drop: { how: "hang", when: "before" } });
        const gate = new GraphGate({ ...FAST, concurrency: 1, attemptTimeoutSeconds: 1 });
        const hung = gate.send(read("g1"), new Deadline(5));
        const e = await failureOf(gate.send(read("g2"), new Deadline(0.2)));
        assert.equal(
            e.message,
            "GET /v1.0/groups/g2?$select=assignedLicenses gave up at the 0.2 s bound on one operation before its first attempt, waiting for its turn behind other requests",
        );
        await hung;
    });

    it("never has more requests in flight than its concurrency; the others wait their turn", async () => {
        graph.fail({ times: Infinity, delayMs: 30 });
        const gate = new GraphGate({ ...FAST, concurrency: 3 });
        await Promise.all(Array.from({ length: 12 }, () => gate.send(read(), new Deadline(5))));
        assert.equal(graph.requests.length, 12);
        assert.equal(graph.maxInFlight, 3);
    });
});

describe("turns at the gate", () => {
    it("go to the operation that started first, not to the request that asked first", async () => {
        const turns = new Turns(1);
        const order: string[] = [];
        let release!: () => void;
        const busy = turns.run(new Deadline(9), () => new Promise<void>((resolve) => (release = resolve)));
        const later = new Deadline(8);
        const earlier = new Deadline(7);
        const ran = [
            turns.run(later, async () => void order.push("started later")),
            turns.run(earlier, async () => void order.push("started earlier")),
        ];
        await new Promise((resolve) => setImmediate(resolve));
        release();
        await Promise.all([busy, ...ran]);
        assert.deepEqual(order, ["started earlier", "started later"]);
    });

    it("drop a request whose operation's bound passes while it waits, and give the turn to the next", async () => {
        const turns = new Turns(1);
        let release!: () => void;
        const busy = turns.run(new Deadline(5), () => new Promise<void>((resolve) => (release = resolve)));
        const dropped = turns.run(new Deadline(0.05), async () => "ran");
        const next = turns.run(new Deadline(5), async () => "ran");
        await assert.rejects(dropped);
        await new Promise((resolve) => setImmediate(resolve));
        release();
        assert.equal(await next, "ran");
        await busy;
    });
});

describe("Retry-After", () => {
    const NOW = Date.parse("2026-01-05T10:00:00Z");
    const cases: { value: string | null; seconds: number | undefined }[] = [
        { value: "1", seconds: 1 },
        { value: "2.128", seconds: 2.128 },
        { value: "0", seconds: 0 },
        { value: "Mon, 05 Jan 2026 10:00:30 GMT", seconds: 30 },
        { value: "Mon, 05 Jan 2026 09:59:00 GMT", seconds: 0 },
        { value: "", seconds: undefined },
        { value: null, seconds: undefined },
        { value: "soon", seconds: undefined },
    ];
    for (const c of cases) {
        it(`reads ${JSON.stringify(c.value)} as ${c.seconds === undefined ? "no wait given" : `${c.seconds} s`}`, () => {
            assert.equal(retryAfterSeconds(c.value, NOW), c.seconds);
        });
    }
});
