import { strict as assert } from "node:assert";
import { DEFAULT_PROVIDER_SETTINGS, providerSettingsFrom } from "../../licensing/providerSettings";

describe("the license assignment's Graph settings, from RA_GRAPH_* variables", () => {
    it("are the defaults when nothing is set: 4 requests at once, 60 s per attempt, 600 s per operation", () => {
        assert.deepEqual(providerSettingsFrom({}), {
            concurrency: 4,
            attemptTimeoutSeconds: 60,
            backoffSeconds: 1,
            maxBackoffSeconds: 30,
            holdJitter: 0.1,
            operationSeconds: 600,
            replicationWaitSeconds: 60,
        });
    });

    it("take each variable that is set, in seconds", () => {
        assert.deepEqual(
            providerSettingsFrom({
                RA_GRAPH_CONCURRENCY: "8",
                RA_GRAPH_ATTEMPT_TIMEOUT: "0.5",
                RA_GRAPH_OPERATION_TIMEOUT: "120",
                RA_GRAPH_REPLICATION_WAIT: "0",
                RA_GRAPH_HOLD_JITTER: "0",
                RA_GRAPH_BACKOFF: " ",
            }),
            {
                ...DEFAULT_PROVIDER_SETTINGS,
                concurrency: 8,
                attemptTimeoutSeconds: 0.5,
                operationSeconds: 120,
                replicationWaitSeconds: 0,
                holdJitter: 0,
            },
        );
    });

    it("take the back-off bounds, and one request at a time", () => {
        assert.deepEqual(
            providerSettingsFrom({ RA_GRAPH_BACKOFF: "0.25", RA_GRAPH_BACKOFF_MAX: "4", RA_GRAPH_CONCURRENCY: "1" }),
            { ...DEFAULT_PROVIDER_SETTINGS, backoffSeconds: 0.25, maxBackoffSeconds: 4, concurrency: 1 },
        );
    });

    it("refuse a negative replication wait and no concurrency, saying what each must be", () => {
        assert.throws(() => providerSettingsFrom({ RA_GRAPH_REPLICATION_WAIT: "-5", RA_GRAPH_CONCURRENCY: "0" }), {
            message:
                'The license assignment\'s Graph settings are invalid: RA_GRAPH_CONCURRENCY must be a whole number of requests, at least 1; got "0"; RA_GRAPH_REPLICATION_WAIT must be a number of seconds, 0 or more; got "-5". Unset them to use the defaults.',
        });
    });

    it("refuse values that make no sense, naming every variable at once", () => {
        assert.throws(
            () =>
                providerSettingsFrom({
                    RA_GRAPH_CONCURRENCY: "2.5",
                    RA_GRAPH_ATTEMPT_TIMEOUT: "0",
                    RA_GRAPH_OPERATION_TIMEOUT: "ten",
                    RA_GRAPH_HOLD_JITTER: "-1",
                }),
            {
                message:
                    'The license assignment\'s Graph settings are invalid: RA_GRAPH_CONCURRENCY must be a whole number of requests, at least 1; got "2.5"; RA_GRAPH_ATTEMPT_TIMEOUT must be a number of seconds above 0; got "0"; RA_GRAPH_OPERATION_TIMEOUT must be a number of seconds above 0; got "ten"; RA_GRAPH_HOLD_JITTER must be a share of Retry-After, 0 or more (e.g. 0.2); got "-1". Unset them to use the defaults.',
            },
        );
    });
});
