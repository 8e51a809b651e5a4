import { strict as assert } from "node:assert";
import * as naming from "../naming";

describe("names users see", () => {
    it("derives a service account's UPN and mail nickname from vendor and account ids", () => {
        assert.equal(
            naming.serviceAccountUpn("contoso1", "sa1", "abc.onmicrosoft.com"),
            "sa-contoso1-sa1@abc.onmicrosoft.com",
        );
        assert.equal(naming.serviceAccountLocalPart("contoso1", "sa1"), "sa-contoso1-sa1");
    });

    it("names groups for what they are", () => {
        assert.equal(naming.licenseGroupName("Contoso1"), "RA License - Contoso1");
        assert.equal(naming.segmentGroupName("Contoso1"), "RA Segment - Contoso1");
        assert.equal(naming.licenseGroupNickname("contoso1"), "ra-license-contoso1");
        assert.equal(naming.vendorSegmentNickname("contoso1"), "ra-segment-contoso1");
    });

    it("keeps the experts' group nickname out of the vendors' namespace, even for a vendor called experts", () => {
        assert.notEqual(naming.EXPERTS_SEGMENT_NICKNAME, naming.vendorSegmentNickname("experts"));
    });

    it("keeps the service accounts' group out of every vendor's nicknames, whatever the vendor id", () => {
        assert.equal(naming.SERVICE_ACCOUNTS_GROUP_NICKNAME, "ra-service-accounts");
        for (const id of ["service-accounts", "accounts", "s"]) {
            assert.notEqual(naming.SERVICE_ACCOUNTS_GROUP_NICKNAME, naming.vendorSegmentNickname(id));
            assert.notEqual(naming.SERVICE_ACCOUNTS_GROUP_NICKNAME, naming.licenseGroupNickname(id));
        }
    });

    it("names the default display name of a service account after the vendor", () => {
        assert.equal(naming.serviceAccountDisplayName("Contoso1", "sa1"), "Contoso1 Remote Assist (sa1)");
    });

    it("names Pulumi resources from the vendor's resource name, so vendors never collide", () => {
        assert.equal(naming.serviceAccountResourceName("contoso1", "sa1"), "contoso1-sa1");
        assert.equal(naming.guestResourceName("contoso1", "Carol@Contoso1.com"), "contoso1-guest-carol@contoso1.com");
        assert.equal(naming.credentialSecretName("contoso1", "sa1"), "sa-contoso1-sa1");
    });
});
