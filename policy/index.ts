/**
 * The policy pack's entry point, run by the Pulumi CLI (`--policy-pack policy`). Constructing the
 * PolicyPack starts its gRPC server, so nothing but the CLI should import this file.
 */
import { PolicyPack } from "@pulumi/policy";
import { POLICIES, POLICY_PACK_NAME } from "./policies";

new PolicyPack(POLICY_PACK_NAME, {
    description: "Guardrails for the Remote Assist cross-tenant resources in the host tenant's Entra ID.",
    enforcementLevel: "mandatory",
    policies: [...POLICIES],
});
