import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { ServiceAccount, ServiceAccountArgs } from "../../components/serviceAccount";
import { FAKE_SUBSCRIPTION, isSecretValue } from "../../offline/mocks";
import { ofType, resourceNamed, valueOf } from "../helpers";
import { tenant } from "../setup";

const USER = "azuread:index/user:User";
const PASSWORD = "random:index/randomPassword:RandomPassword";
const SECRET = "azure-native:keyvault:Secret";

function args(overrides: Partial<ServiceAccountArgs> = {}): ServiceAccountArgs {
    return {
        userPrincipalName: "sa-contoso1-sa1@abc.onmicrosoft.com",
        mailNickname: "sa-contoso1-sa1",
        displayName: "Contoso1 Remote Assist (sa1)",
        usageLocation: "DE",
        companyName: "Contoso1",
        accountEnabled: true,
        vendorId: "contoso1",
        holder: "bob@contoso1.com",
        rotation: "2026-11",
        ...overrides,
    };
}

async function build(name: string, a: ServiceAccountArgs): Promise<ServiceAccount> {
    tenant.reset();
    const account = new ServiceAccount(name, a);
    await tenant.settle();
    return account;
}

describe("ServiceAccount", () => {
    it("creates the user in the host tenant with the attributes licensing needs, and no department segments could match on", async () => {
        await build("sa-attrs", args());
        const user = resourceNamed(tenant.resources, USER, "sa-attrs-user");
        const { password, ...inputs } = user.inputs;
        assert.deepEqual(inputs, {
            userPrincipalName: "sa-contoso1-sa1@abc.onmicrosoft.com",
            mailNickname: "sa-contoso1-sa1",
            displayName: "Contoso1 Remote Assist (sa1)",
            usageLocation: "DE",
            companyName: "Contoso1",
            employeeType: "Remote Assist service account",
            accountEnabled: true,
            forcePasswordChange: true,
        });
        assert.ok(isSecretValue(password), "the password reaches the provider as a secret");
    });

    it("is protected, so removing it from config cannot delete the user", async () => {
        await build("sa-protect", args());
        assert.equal(resourceNamed(tenant.resources, USER, "sa-protect-user").protect, true);
    });

    it("generates a strong password whose keepers hold the rotation value, so a new value issues a new password", async () => {
        await build("sa-pw", args({ rotation: "2026-12" }));
        const pw = resourceNamed(tenant.resources, PASSWORD, "sa-pw-password");
        assert.deepEqual(pw.inputs, {
            length: 24,
            special: true,
            minLower: 1,
            minUpper: 1,
            minNumeric: 1,
            minSpecial: 1,
            overrideSpecial: "!#%*+-=?@_",
            keepers: { rotation: "2026-12" },
        });
    });

    it("keeps an empty rotation in the keepers when none is set, so a password made before rotations existed stays", async () => {
        await build("sa-norotation", args({ rotation: undefined }));
        const pw = resourceNamed(tenant.resources, PASSWORD, "sa-norotation-password");
        assert.deepEqual(pw.inputs.keepers, { rotation: "" });
    });

    it("stores nothing in Key Vault for an adopted account without a rotation: it keeps its own password", async () => {
        const account = await build(
            "sa-adopted-kv",
            args({
                adopted: true,
                rotation: undefined,
                keyVault: { resourceGroupName: "rg-identity", vaultName: "kv-abc", secretName: "sa-contoso1-sa1" },
            }),
        );
        assert.deepEqual(ofType(tenant.resources, SECRET), []);
        assert.deepEqual(ofType(tenant.resources, PASSWORD), []);
        assert.equal(account.credentialSecretId, undefined);
        assert.equal(account.password, undefined);
    });

    it("exposes the password only as a secret output", async () => {
        const account = await build("sa-secret", args());
        assert.ok(account.password);
        assert.equal(await pulumi.isSecret(account.password), true);
        assert.equal(account.credentialSecretId, undefined);
        assert.equal(ofType(tenant.resources, SECRET).length, 0, "no Key Vault secret without a vault");
    });

    it("stores the password in Key Vault, tagged with vendor and holder, and outputs only the secret's id", async () => {
        const account = await build(
            "sa-kv",
            args({
                keyVault: { resourceGroupName: "rg-identity", vaultName: "kv-abc", secretName: "sa-contoso1-sa1" },
            }),
        );
        const secret = resourceNamed(tenant.resources, SECRET, "sa-kv-credential");
        const { properties, ...inputs } = secret.inputs;
        assert.deepEqual(inputs, {
            resourceGroupName: "rg-identity",
            vaultName: "kv-abc",
            secretName: "sa-contoso1-sa1",
            tags: {
                vendor: "contoso1",
                holder: "bob@contoso1.com",
                userPrincipalName: "sa-contoso1-sa1@abc.onmicrosoft.com",
            },
        });
        const { value, contentType } = properties as { value: unknown; contentType: string };
        assert.ok(isSecretValue(value), "the stored value is sent as a secret");
        assert.equal(contentType, "password");
        assert.equal(secret.protect, true, "the stored credential is protected");
        assert.equal(account.password, undefined, "no password output when a vault holds it");
        assert.equal(
            await valueOf(account.credentialSecretId!),
            `/subscriptions/${FAKE_SUBSCRIPTION}/resourceGroups/rg-identity/providers/Microsoft.KeyVault/vaults/kv-abc/secrets/sa-contoso1-sa1`,
        );
    });

    it("disables sign-in when asked (a suspended vendor)", async () => {
        await build("sa-off", args({ accountEnabled: false }));
        assert.equal(resourceNamed(tenant.resources, USER, "sa-off-user").inputs.accountEnabled, false);
    });

    it("names its children after itself, so two accounts never collide", async () => {
        await build("contoso1-sa1", args());
        assert.deepEqual(
            tenant.resources
                .filter((r) => r.custom)
                .map((r) => r.name)
                .sort(),
            ["contoso1-sa1-password", "contoso1-sa1-user"],
        );
    });
});
