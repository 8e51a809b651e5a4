export * from "./federationOutput";
export * from "./informationBarriers";
export * from "./powershell";
export * from "./teamsFederation";
