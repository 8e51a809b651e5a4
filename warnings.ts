/**
 * Every warning the stack gives, computed once from the validated config and the sibling stacks'
 * domains: the program logs each with `pulumi.log.warn` and exports them as the `warnings` output,
 * which `npm run plan` prints in plan.md. Each is something validation lets through on purpose
 * because the deployment still works, but the tenant will not do what the config suggests.
 */
import { barrierWarnings } from "./barriers/warnings";
import type { StackConfig } from "./config/types";
import type { PeerStackDomains } from "./federation/peers";
import { federationWarnings } from "./federation/warnings";
import { barrierLicenceWarnings } from "./licensing/exchangeOnline";

/** Name of the stack output. */
export const WARNINGS_OUTPUT = "warnings";

/** The warnings for a config: licences, information barriers, then federation. */
export function stackWarnings(config: StackConfig, peers: readonly PeerStackDomains[]): string[] {
    return [
        ...barrierLicenceWarnings(config.licenses, config.vendors),
        ...barrierWarnings(config),
        ...federationWarnings(config, peers),
    ];
}
