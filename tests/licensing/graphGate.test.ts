import { strict as assert } from "node:assert";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import {
    Deadline,
    describeRequestFailure,
    GateSettings,
    GraphFailure,
    GraphGate,
    GraphRequestError,
    networkCause,
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

/** What a raw HTTP server saw of one request. */
interface RawRequest {
    readonly method?: string;
    readonly accept?: string;
    readonly contentType?: string;
    readonly body: string;
}

/** A server on 127.0.0.1 answering every request with `status` and the raw `body`; records what it saw. */
async function rawServer(
    status: number,
    body: string,
): Promise<{ url: string; seen: RawRequest[]; close: () => Promise<void> }> {
    const seen: RawRequest[] = [];
    const server = createServer((req, res) => {
        let text = "";
        req.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
        req.on("end", () => {
            seen.push({
                method: req.method,
                accept: req.headers.accept,
                contentType: req.headers["content-type"],
                body: text,
            });
            res.writeHead(status, { "Content-Type": "text/html" });
            res.end(body);
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return {
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        seen,
        close: () => new Promise((resolve) => server.close(() => resolve())),
    };
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

    it("sets its pace after a 429 to what Graph accepted in the Retry-After before it, less 10%, once for a burst of 429s", async () => {
        const gate = new GraphGate(FAST);
        // Accepted long before the 429: these do not count.
        await gate.send(read(), new Deadline(5));
        await gate.send(read(), new Deadline(5));
        await new Promise((resolve) => setTimeout(resolve, 250));
        // Accepted within the 150 ms before it: 3 requests, so 150 ms × 1.1 / 3 = 55 ms between requests.
        for (let i = 0; i < 3; i++) {
            await gate.send(read(), new Deadline(5));
        }
        graph.fail({ times: 4, answer: { status: 429, headers: { "Retry-After": "0.15" } } });
        const burst = Array.from({ length: 4 }, () => gate.send(read(), new Deadline(10)));
        while (graph.requests.filter((r) => r.status === 429).length < 4) {
            await new Promise((resolve) => setTimeout(resolve, 5));
        }
        const after = Array.from({ length: 4 }, () => gate.send(read(), new Deadline(10)));
        await Promise.all([...burst, ...after]);

        const paced = graph.requests.slice(9).map((r) => r.receivedAt);
        assert.equal(paced.length, 8);
        // The median gap: one request whose timer fired late on a busy machine shortens only its own gap.
        const gaps = paced
            .slice(1)
            .map((t, i) => t - paced[i])
            .sort((a, b) => a - b);
        const spacing = gaps[3];
        // 55 ms; 150 ms × 0.9 / 3 = 45 ms would be 10% over what Graph accepted, 150 / 5 = 30 ms would count older requests.
        assert.ok(spacing > 48 && spacing < 65, `requests came ${gaps.map((g) => g.toFixed(1)).join(", ")} ms apart`);
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
        const match = new RegExp(
            `^GET /v1\\.0/groups/g1\\?\\$select=assignedLicenses gave up at the 0\\.5 s bound on one operation after ([0-9]+) attempts in 0\\.[0-9] s(; the last one had no answer yet when the bound passed)?; the (last one|one before) answered 503 serviceNotAvailable: Down\\. \\(request-id ${REQUEST_ID}\\)$`,
        ).exec(e.message);
        assert.ok(match, e.message);
        // An attempt still unanswered when the bound passed counts, whether or not Graph had received it yet.
        const received = graph.requests.length;
        assert.ok(
            Number(match[1]) === received || (match[2] !== undefined && Number(match[1]) === received + 1),
            `counted ${match[1]} attempts; Graph received ${received}`,
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

    it("holds the other requests for a 429's Retry-After also when the throttled request gives up at once", async () => {
        graph.fail({ path: /g1/, answer: { status: 429, headers: { "Retry-After": "0.4" } } });
        const gate = new GraphGate(FAST);
        const e = await failureOf(gate.send(read("g1"), new Deadline(0.2)));
        assert.match(e.message, /, and Graph asked to wait 0\.4 s more$/);
        await gate.send(read("g2"), new Deadline(5));
        const [throttled, held] = graph.requests;
        assert.deepEqual(
            graph.requests.map((r) => `${r.url} ${r.status}`),
            ["/v1.0/groups/g1?$select=assignedLicenses 429", "/v1.0/groups/g2?$select=assignedLicenses 200"],
        );
        assert.ok(
            held.receivedAt - throttled.receivedAt >= 395,
            `g2 came ${held.receivedAt - throttled.receivedAt} ms after a Retry-After of 0.4 s`,
        );
    });

    it("says a request that gave up before its first attempt was held to the pace kept after a 429", async () => {
        const gate = new GraphGate(FAST);
        // Two requests accepted, then a 429 asking for 0.4 s: 0.4 s × 1.1 / 2 = 220 ms between requests.
        await gate.send(read(), new Deadline(5));
        await gate.send(read(), new Deadline(5));
        graph.fail({ answer: { status: 429, headers: { "Retry-After": "0.4" } } });
        await gate.send(read(), new Deadline(5));
        const e = await failureOf(gate.send(read("g2"), new Deadline(0.1)));
        assert.equal(
            e.message,
            "GET /v1.0/groups/g2?$select=assignedLicenses gave up at the 0.1 s bound on one operation before its first attempt, held to the pace kept after Graph throttled, one request every 0.2 s",
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

    it("says an attempt still unanswered when the operation's bound passes had no answer yet, and counts a write as of unknown outcome", async () => {
        graph.fail({ times: Infinity, drop: { how: "hang", when: "before" } });
        const gate = new GraphGate(FAST);
        const started = performance.now();
        const reading = await failureOf(gate.send(read(), new Deadline(0.2)));
        assert.ok(performance.now() - started < 1500, `gave up after ${performance.now() - started} ms`);
        assert.match(
            reading.message,
            /^GET \/v1\.0\/groups\/g1\?\$select=assignedLicenses gave up at the 0\.2 s bound on one operation after 1 attempt in 0\.[23] s; the last one had no answer yet when the bound passed$/,
        );
        assert.equal(reading.failure.outcome, "not applied");
        const write = await failureOf(gate.send(assign(), new Deadline(0.1)));
        assert.equal(write.failure.outcome, "unknown");
    });

    it("names the answer before the one the bound cut off", async () => {
        graph.fail({ answer: { status: 503, error: { code: "serviceNotAvailable", message: "Down." } } });
        graph.fail({ times: Infinity, drop: { how: "hang", when: "before" } });
        const e = await failureOf(new GraphGate(FAST).send(read(), new Deadline(0.2)));
        assert.match(
            e.message,
            new RegExp(
                `^GET /v1\\.0/groups/g1\\?\\$select=assignedLicenses gave up at the 0\\.2 s bound on one operation after 2 attempts in 0\\.[123] s; the last one had no answer yet when the bound passed; the one before answered 503 serviceNotAvailable: Down\\. \\(request-id ${REQUEST_ID}\\)$`,
            ),
        );
    });

    it("says each abandoned attempt had no answer within the attempt timeout, and counts a write as of unknown outcome", async () => {
        graph.fail({ times: Infinity, drop: { how: "hang", when: "before" } });
        const gate = new GraphGate({ ...FAST, attemptTimeoutSeconds: 0.05 });
        const e = await failureOf(gate.send(assign(), new Deadline(0.2)));
        assert.ok(graph.requests.length >= 2, `${graph.requests.length} attempts`);
        assert.match(e.message, /; the (last one|one before) failed: no answer within the 0\.1 s attempt timeout$/);
        assert.equal(e.failure.outcome, "unknown");
    });

    it("counts a write that Graph answered with a 5xx as of unknown outcome: the backend may have applied it", async () => {
        graph.fail({ method: "POST", times: Infinity, answer: { status: 503, error: { code: "x", message: "y" } } });
        const e = await failureOf(new GraphGate(FAST).send(assign(), new Deadline(0.1)));
        assert.equal(e.failure.outcome, "unknown");
    });

    it("retries a 5xx without a body, and names Graph's request-id from the header when the body has none", async () => {
        graph.fail({ answer: { status: 502 } });
        graph.fail({
            answer: {
                status: 403,
                headers: { "request-id": "from-the-header" },
                body: { error: { code: "Authorization_RequestDenied", message: "No." } },
            },
        });
        const e = await failureOf(new GraphGate(FAST).send(read(), new Deadline(5)));
        assert.equal(e.name, "GraphRequestError");
        assert.equal(
            e.message,
            "GET /v1.0/groups/g1?$select=assignedLicenses answered 403 Authorization_RequestDenied: No. (request-id from-the-header)",
        );
        assert.deepEqual(
            graph.requests.map((r) => r.status),
            [502, 403],
        );
    });

    it("gives up at once when the next back-off would pass the bound, instead of sleeping until it passes", async () => {
        graph.fail({ times: Infinity, answer: { status: 503 } });
        const started = performance.now();
        const e = await failureOf(
            new GraphGate({ ...FAST, backoffSeconds: 10, maxBackoffSeconds: 10 }).send(read(), new Deadline(1)),
        );
        assert.ok(performance.now() - started < 500, `gave up after ${performance.now() - started} ms`);
        assert.equal(
            e.message,
            "GET /v1.0/groups/g1?$select=assignedLicenses gave up at the 1 s bound on one operation after 1 attempt in 0 s; the last one answered 503",
        );
    });

    it("backs off in seconds, never longer than maxBackoffSeconds", async () => {
        graph.fail({ times: 2, answer: { status: 503 } });
        await new GraphGate({ ...FAST, backoffSeconds: 10, maxBackoffSeconds: 0.06 }).send(read(), new Deadline(5));
        assert.equal(graph.requests.length, 3);
        for (const gap of gaps()) {
            assert.ok(gap >= 50 && gap < 1000, `retried ${gap} ms later`);
        }
    });

    it("passes on a failure to get the request's headers (the token) as it is", async () => {
        const e = await new GraphGate(FAST)
            .send(
                {
                    ...read(),
                    headers: async () => {
                        throw new Error("The credential returned no token.");
                    },
                },
                new Deadline(5),
            )
            .then(
                () => assert.fail("the request succeeded"),
                (x: unknown) => x as Error,
            );
        assert.equal(String(e), "Error: The credential returned no token.");
        assert.deepEqual(graph.requests, []);
    });

    it("gives up before the first attempt when a 429's hold would outlast the operation's bound", async () => {
        graph.fail({ answer: { status: 429, headers: { "Retry-After": "0.3" } } });
        const gate = new GraphGate(FAST);
        const throttled = gate.send(read("g1"), new Deadline(5));
        while (graph.requests[0]?.status !== 429) {
            await new Promise((resolve) => setTimeout(resolve, 5));
        }
        await new Promise((resolve) => setTimeout(resolve, 30));
        const e = await failureOf(gate.send(read("g2"), new Deadline(0.1)));
        assert.equal(
            e.message,
            "GET /v1.0/groups/g2?$select=assignedLicenses gave up at the 0.1 s bound on one operation before its first attempt, held by Graph's Retry-After of 0.3 s, which holds every request of the gate",
        );
        assert.equal(e.failure.attempts, 0);
        assert.equal(e.failure.elapsedSeconds, 0);
        await throttled;
    });

    it("takes no answer of 300 or above for success", async () => {
        graph.fail({ answer: { status: 300, body: {} } });
        const e = await failureOf(new GraphGate(FAST).send(read(), new Deadline(5)));
        assert.equal(e.message, "GET /v1.0/groups/g1?$select=assignedLicenses answered 300");
    });

    it("never has more requests in flight than its concurrency; the others wait their turn", async () => {
        graph.fail({ times: Infinity, delayMs: 30 });
        const gate = new GraphGate({ ...FAST, concurrency: 3 });
        await Promise.all(Array.from({ length: 12 }, () => gate.send(read(), new Deadline(5))));
        assert.equal(graph.requests.length, 12);
        assert.equal(graph.maxInFlight, 3);
    });
});

describe("the Graph gate's requests", () => {
    it("ask for JSON, and send a JSON body only with a write", async () => {
        const server = await rawServer(200, "");
        try {
            const gate = new GraphGate(FAST);
            const headers = async () => ({ Authorization: "Bearer t" });
            await gate.send({ method: "GET", url: `${server.url}/v1.0/groups/g1`, headers }, new Deadline(5));
            await gate.send(
                { method: "POST", url: `${server.url}/v1.0/groups/g1/assignLicense`, body: { a: 1 }, headers },
                new Deadline(5),
            );
            assert.deepEqual(server.seen, [
                { method: "GET", accept: "application/json", contentType: undefined, body: "" },
                { method: "POST", accept: "application/json", contentType: "application/json", body: '{"a":1}' },
            ]);
        } finally {
            await server.close();
        }
    });

    it("take an empty answer for no body: none on success, Graph's status alone on a refusal", async () => {
        const ok = await rawServer(200, "");
        const refused = await rawServer(400, "");
        try {
            const gate = new GraphGate(FAST);
            const headers = async () => ({});
            assert.deepEqual(
                await gate.send({ method: "GET", url: `${ok.url}/v1.0/groups/g1`, headers }, new Deadline(5)),
                { status: 200, body: undefined },
            );
            const e = await gate
                .send({ method: "GET", url: `${refused.url}/v1.0/groups/g1`, headers }, new Deadline(5))
                .then(
                    () => assert.fail("the request succeeded"),
                    (x: unknown) => x,
                );
            assert.ok(e instanceof GraphRequestError, String(e));
            assert.equal(e.message, "GET /v1.0/groups/g1 answered 400");
            assert.equal(refused.seen.length, 1);
        } finally {
            await ok.close();
            await refused.close();
        }
    });

    it("quote the start of an answer that is not JSON, such as a gateway's error page", async () => {
        const server = await rawServer(400, `<html>${"Bad request. ".repeat(30)}</html>`);
        try {
            const e = await new GraphGate(FAST)
                .send(
                    { method: "GET", url: `${server.url}/v1.0/groups/g1`, headers: async () => ({}) },
                    new Deadline(5),
                )
                .then(
                    () => assert.fail("the request succeeded"),
                    (x: unknown) => x as GraphRequestError,
                );
            assert.equal(
                e.message,
                `GET /v1.0/groups/g1 answered 400 ${`<html>${"Bad request. ".repeat(30)}`.slice(0, 200)}`,
            );
        } finally {
            await server.close();
        }
    });
});

describe("a failed Graph request, in words", () => {
    const base: GraphFailure = {
        method: "GET",
        path: "/v1.0/groups/g1",
        attempts: 1,
        elapsedSeconds: 0.04,
        outcome: "not applied",
    };
    const cases: { name: string; failure: GraphFailure; message: string }[] = [
        {
            name: "an answer without a code, message or request-id",
            failure: { ...base, status: 503 },
            message: "GET /v1.0/groups/g1 answered 503",
        },
        {
            name: "an answer with a message only",
            failure: { ...base, status: 400, message: "Bad." },
            message: "GET /v1.0/groups/g1 answered 400 Bad.",
        },
        {
            name: "a network error",
            failure: { ...base, cause: "ECONNRESET (read ECONNRESET)" },
            message: "GET /v1.0/groups/g1 failed: ECONNRESET (read ECONNRESET)",
        },
        {
            name: "no answer at all",
            failure: { ...base },
            message: "GET /v1.0/groups/g1 failed: no answer",
        },
        {
            name: "a bound passed before the first attempt, with nothing it was waiting for",
            failure: { ...base, attempts: 0, elapsedSeconds: 2, boundSeconds: 2 },
            message: "GET /v1.0/groups/g1 gave up at the 2 s bound on one operation before its first attempt",
        },
        {
            name: "a bound passed with nothing to say about the attempts",
            failure: { ...base, attempts: 2, elapsedSeconds: 1.96, boundSeconds: 2 },
            message: "GET /v1.0/groups/g1 gave up at the 2 s bound on one operation after 2 attempts in 2 s",
        },
        {
            name: "a bound passed while the last attempt had no answer, the one before failing on the network",
            failure: {
                ...base,
                attempts: 3,
                elapsedSeconds: 2.04,
                boundSeconds: 2,
                unanswered: true,
                cause: "ETIMEDOUT",
            },
            message:
                "GET /v1.0/groups/g1 gave up at the 2 s bound on one operation after 3 attempts in 2 s; the last one had no answer yet when the bound passed; the one before failed: ETIMEDOUT",
        },
        {
            name: "a bound passed while the only attempt had no answer",
            failure: { ...base, boundSeconds: 0.5, elapsedSeconds: 0.5, unanswered: true },
            message:
                "GET /v1.0/groups/g1 gave up at the 0.5 s bound on one operation after 1 attempt in 0.5 s; the last one had no answer yet when the bound passed",
        },
    ];
    for (const c of cases) {
        it(`says what happened for ${c.name}`, () => {
            assert.equal(describeRequestFailure(c.failure), c.message);
        });
    }
});

describe("a network error's cause", () => {
    const withCode = (message: string, code: string, cause?: unknown) =>
        Object.assign(new Error(message, { cause }), { code });

    it("is the socket error's code and message under fetch's own error", () => {
        const e = new TypeError("fetch failed", { cause: withCode("read ECONNRESET", "ECONNRESET") });
        assert.equal(networkCause(e), "ECONNRESET (read ECONNRESET)");
    });

    it("is the code alone when the message adds nothing", () => {
        assert.equal(networkCause(withCode("ECONNREFUSED", "ECONNREFUSED")), "ECONNREFUSED");
        assert.equal(networkCause(withCode("", "EAI_AGAIN")), "EAI_AGAIN");
    });

    it("is the error's message when no error down five causes has a code, and the text of anything else", () => {
        let deep: Error = withCode("too deep", "EDEEP");
        for (let depth = 0; depth < 5; depth++) {
            deep = new Error(`level ${depth}`, { cause: deep });
        }
        assert.equal(networkCause(deep), "level 4");
        assert.equal(networkCause(new Error("plain", { cause: "not an error" })), "plain");
        assert.equal(networkCause("a string"), "a string");
    });
});

describe("turns at the gate", () => {
    it("go by deadline whatever the order they were asked in, and in the order asked for the same deadline", async () => {
        const turns = new Turns(1);
        const order: string[] = [];
        let release!: () => void;
        const busy = turns.run(new Deadline(20), () => new Promise<void>((resolve) => (release = resolve)));
        const at7 = new Deadline(7);
        const at8 = new Deadline(8);
        const at9 = new Deadline(9);
        const ran = [
            turns.run(at7, async () => void order.push("7 first")),
            turns.run(at9, async () => void order.push("9")),
            turns.run(at8, async () => void order.push("8")),
            turns.run(at7, async () => void order.push("7 second")),
        ];
        await new Promise((resolve) => setImmediate(resolve));
        release();
        await Promise.all([busy, ...ran]);
        assert.deepEqual(order, ["7 first", "7 second", "8", "9"]);
    });

    it("refuse a request whose operation's bound has already passed, without running it", async () => {
        const turns = new Turns(1);
        const passed = new Deadline(0);
        await new Promise((resolve) => setTimeout(resolve, 10));
        let ran = false;
        await assert.rejects(turns.run(passed, async () => void (ran = true)));
        assert.equal(ran, false);
    });

    it("keep every waiting request when the bound of one that already had its turn passes later", async () => {
        const turns = new Turns(1);
        let release!: () => void;
        const busy = turns.run(new Deadline(5), () => new Promise<void>((resolve) => (release = resolve)));
        const short = turns.run(new Deadline(0.05), async () => "short");
        const slow = turns.run(new Deadline(5), () => new Promise((resolve) => setTimeout(() => resolve("slow"), 150)));
        const last = turns.run(new Deadline(5), async () => "last");
        await new Promise((resolve) => setImmediate(resolve));
        release();
        const within = <T>(p: Promise<T>) =>
            Promise.race([p, new Promise((resolve) => setTimeout(() => resolve("never ran"), 1000))]);
        assert.deepEqual(await Promise.all([short, slow, within(last)]), ["short", "slow", "last"]);
        await busy;
    });

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
        { value: "  ", seconds: undefined },
        { value: null, seconds: undefined },
        { value: "soon", seconds: undefined },
    ];
    for (const c of cases) {
        it(`reads ${JSON.stringify(c.value)} as ${c.seconds === undefined ? "no wait given" : `${c.seconds} s`}`, () => {
            assert.equal(retryAfterSeconds(c.value, NOW), c.seconds);
        });
    }
});
