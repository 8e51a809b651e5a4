import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { OfflineTenant } from "./mocks";

/** The stack program: what `index.ts` exports. */
export type StackProgram = typeof import("../index");

/** The stack outputs the program returns. */
export type StackOutputs = Awaited<ReturnType<StackProgram>>;

const PROGRAM = path.join(__dirname, "..", "index");

/**
 * Runs the real stack program (`index.ts`) against the mock tenant with the given config map
 * (`namespace:key` to text, as the engine passes it) and waits until it has registered
 * everything. Each call starts from a clean recording and a fresh evaluation of the program.
 * Rejects with the program's error (a `ConfigError` for invalid config).
 */
export async function runProgram(tenant: OfflineTenant, config: Record<string, string>): Promise<StackOutputs> {
    tenant.reset();
    pulumi.runtime.setAllConfig(config);
    delete require.cache[require.resolve(PROGRAM)];
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the program must be evaluated anew on each run
    const program = require(PROGRAM) as StackProgram;
    const outputs = await program();
    await tenant.settle();
    return outputs;
}
