export * from "./changes";
export * from "./cli";
export * from "./digest";
export * from "./drift";
export * from "./federation";
export * from "./report";
export * from "./types";
export * from "./urn";
