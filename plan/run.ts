/**
 * One offline plan: the real program under the mock tenant, then the plan read back from what
 * it registered. Shared by `npm run plan` and `npm run bench`.
 */
import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "../config/types";
import { validateConfig } from "../config/validate";
import type { OfflineTenant } from "../offline/mocks";
import { runProgram, StackOutputs } from "../offline/runProgram";
import { rawConfigFromMap } from "../config/load";
import { PlanJson, planJson, SECRET_MASK } from "./json";
import { renderPlanMarkdown } from "./markdown";
import { buildPlan, TenantPlan } from "./model";

/** Everything one offline plan produces. */
export interface PlanRun {
    readonly config: StackConfig;
    readonly plan: TenantPlan;
    /** The stack outputs, secrets masked. */
    readonly outputs: Readonly<Record<string, unknown>>;
    readonly markdown: string;
    readonly json: PlanJson;
}

function settled<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply(resolve));
}

/** The stack outputs as plain values, each secret output replaced by {@link SECRET_MASK}. */
export async function resolveOutputs(outputs: StackOutputs): Promise<Record<string, unknown>> {
    const entries = await Promise.all(
        Object.entries(outputs).map(async ([key, value]) => {
            const output = pulumi.output(value as pulumi.Input<unknown>);
            return [key, (await pulumi.isSecret(output)) ? SECRET_MASK : await settled(output)] as const;
        }),
    );
    return Object.fromEntries(entries);
}

/**
 * Runs the program with `configMap` against `tenant` and reads back the plan. Rejects with the
 * program's `ConfigError` when the config is invalid, before anything is registered.
 */
export async function planStack(
    tenant: OfflineTenant,
    stack: string,
    configMap: Readonly<Record<string, string>>,
): Promise<PlanRun> {
    const programOutputs = await runProgram(tenant, { ...configMap });
    // The program accepted this config, so validating it again cannot fail; it yields the same StackConfig.
    const config = validateConfig(rawConfigFromMap(configMap));
    const outputs = await resolveOutputs(programOutputs);
    const plan = buildPlan({ stack, config, resources: tenant.resources, calls: tenant.calls, outputs });
    return {
        config,
        plan,
        outputs,
        markdown: renderPlanMarkdown(plan),
        json: planJson(plan, tenant.resources, outputs),
    };
}
