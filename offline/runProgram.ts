import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { OfflineTenant } from "./mocks";

/** The stack program's module: what `index.ts` exports. */
export type StackProgram = typeof import("../index");

const PROGRAM = path.join(__dirname, "..", "index");

/**
 * Runs the real stack program (`index.ts`) against the mock tenant with the given config map
 * (`namespace:key` to text, as the engine passes it) and waits until it has registered
 * everything. Each call starts from a clean recording and a fresh evaluation of the program.
 */
export async function runProgram(tenant: OfflineTenant, config: Record<string, string>): Promise<StackProgram> {
    tenant.reset();
    pulumi.runtime.setAllConfig(config);
    delete require.cache[require.resolve(PROGRAM)];
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the program must be evaluated anew on each run
    const program = require(PROGRAM) as StackProgram;
    await tenant.settle();
    return program;
}
