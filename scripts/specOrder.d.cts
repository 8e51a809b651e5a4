// Types of scripts/specOrder.cjs, for the TypeScript that imports it (tests/powershell/toolchain.test.ts).
export declare const SLOW_SPECS: readonly string[];
export declare function listSpecs(root: string): string[];
export declare function orderSpecs(specs: readonly string[], slow?: readonly string[]): string[];
