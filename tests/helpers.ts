import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { configMapFromRaw, rawConfigFromMap } from "../config/load";
import type { RecordedResource } from "../offline/mocks";
import { readStackConfigFile } from "../offline/stackFile";

/** The value of an Output, as a promise (no assertions inside `apply`). */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply(resolve));
}

/** The dev stack's config map, as the engine would pass it. */
export function devConfigMap(): Record<string, string> {
    return readStackConfigFile(path.join(__dirname, "..", "Pulumi.dev.yaml"));
}

/** The dev stack's config without namespace, decoded, for tests that edit it. */
export function devRawConfig(): Record<string, any> {
    return rawConfigFromMap(devConfigMap()) as Record<string, any>;
}

/** A config map from raw (unnamespaced, parsed) values. */
export const toConfigMap = configMapFromRaw;

/** The one recorded resource of `type` named `name`; fails naming what exists when absent. */
export function resourceNamed(resources: readonly RecordedResource[], type: string, name: string): RecordedResource {
    const found = resources.filter((r) => r.type === type && r.name === name);
    if (found.length !== 1) {
        const names = resources.filter((r) => r.type === type).map((r) => r.name);
        throw new Error(
            `expected one ${type} named ${name}, found ${found.length}; ${type} names: ${names.join(", ")}`,
        );
    }
    return found[0];
}

/** Recorded resources of one type. */
export function ofType(resources: readonly RecordedResource[], type: string): RecordedResource[] {
    return resources.filter((r) => r.type === type);
}
