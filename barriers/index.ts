export * from "./design";
export * from "./limits";
export * from "./opath";
export * from "./output";
export * from "./warnings";
