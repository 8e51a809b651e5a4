/**
 * The warnings worked out from the validated config and the sibling stacks' domains: licences,
 * information barriers, federation. Each is something validation lets through on purpose because
 * the deployment still works, but the tenant will not do what the config suggests. Not every
 * warning the stack gives: the program puts the warnings about config keys in namespaces nothing
 * reads (`config/load.ts`, configWarnings) before these, logs them all with `pulumi.log.warn` and
 * exports them as the `warnings` output, which `npm run plan` prints in plan.md; the license
 * assignment's provider warns for itself on stderr, about seats and members Entra ID could not
 * license (`licensing/groupLicenseProvider.ts`), and those reach neither the output nor plan.md.
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
