export * from "./expertsSegment";
export * from "./guestInvitation";
export * from "./licenseGroup";
export * from "./securityGroup";
export * from "./serviceAccount";
export * from "./vendor";
