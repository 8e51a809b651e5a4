export * from "./limits";
export * from "./output";
export * from "./peers";
export * from "./plan";
export * from "./warnings";
