/** A loopback Graph serving the hand-built tenant, and readers signed in to it with test timings. */
import type { AccessToken, TokenCredential } from "@azure/identity";
import type { ProviderSettings } from "../../licensing/providerSettings";
import { LoopbackDirectory } from "../../loopback/directory";
import { FAKE_TOKEN, LoopbackGraph } from "../../loopback/graph";
import type { DirectoryReader } from "../../tenant/reader";
import { directoryReader } from "../../tenant/session";
import { handBuiltTenant } from "../fixtures/handBuiltTenant";

/** Small timings, so that retries and holds take milliseconds. */
export const FAST: Partial<ProviderSettings> = {
    concurrency: 4,
    attemptTimeoutSeconds: 5,
    operationSeconds: 10,
    backoffSeconds: 0.01,
    maxBackoffSeconds: 0.05,
    holdJitter: 0,
};

/** A credential that hands out the loopback Graph's token. */
export const LOOPBACK_CREDENTIAL: TokenCredential = {
    async getToken(): Promise<AccessToken> {
        return { token: FAKE_TOKEN, expiresOnTimestamp: Date.now() + 3600_000 };
    },
};

/** Starts a loopback Graph for a spec (`before`), serving the hand-built tenant again before each test. */
export function loopbackTenant(): {
    graph: () => LoopbackGraph;
    directory: () => LoopbackDirectory;
    reader: () => DirectoryReader;
} {
    let graph: LoopbackGraph;
    let directory: LoopbackDirectory;
    before(async () => {
        graph = await LoopbackGraph.start();
    });
    after(async () => {
        await graph.stop();
    });
    beforeEach(() => {
        graph.reset();
        directory = new LoopbackDirectory(handBuiltTenant(), graph.endpoint);
        directory.pageSize = 2;
        graph.directory = directory;
    });
    return {
        graph: () => graph,
        directory: () => directory,
        reader: () =>
            directoryReader({
                endpoint: graph.endpoint,
                environment: {},
                credential: LOOPBACK_CREDENTIAL,
                settings: FAST,
            }),
    };
}
