export * from "./credentials";
export * from "./exchangeOnline";
export * from "./graphClient";
export * from "./groupLicense";
export * from "./groupLicenseProvider";
export * from "./providerBundle";
export * from "./skuCatalogue";
