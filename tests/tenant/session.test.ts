import { strict as assert } from "node:assert";
import { chooseCredential } from "../../licensing/credentials";
import { commandSignInSettings, isSecretConfigValue } from "../../tenant/session";

/** A stack config as offline/stackFile.ts reads `azuread:clientSecret: {secure: v1:...}`. */
const ENCRYPTED = {
    "azuread:tenantId": "00000000-0000-4000-8000-0000000000aa",
    "azuread:clientId": "00000000-0000-4000-8000-0000000000bb",
    "azuread:clientSecret": JSON.stringify({ secure: "v1:Zm9vYmFy:c2VjcmV0" }),
};

describe("npm run adopt and npm run audit signing in with the stack's azuread config", () => {
    it("leave a secret of the stack file for the variable in the environment", () => {
        const env = { ARM_CLIENT_SECRET: "the-secret" };
        const settings = commandSignInSettings(env, ENCRYPTED);
        assert.deepEqual(settings, {
            ARM_TENANT_ID: "00000000-0000-4000-8000-0000000000aa",
            ARM_CLIENT_ID: "00000000-0000-4000-8000-0000000000bb",
        });
        assert.deepEqual(chooseCredential(env, settings), {
            kind: "clientSecret",
            tenantId: "00000000-0000-4000-8000-0000000000aa",
            clientId: "00000000-0000-4000-8000-0000000000bb",
        });
    });

    it("fail naming the key and the variable to set when the environment does not set it", () => {
        for (const env of [{}, { ARM_CLIENT_SECRET: "  " }]) {
            assert.throws(() => commandSignInSettings(env, ENCRYPTED), {
                name: "SignInSettingsError",
                message:
                    "azuread:clientSecret in the stack config file is a secret (secure:), which npm run adopt and npm run audit cannot decrypt: they read the file without Pulumi. Set ARM_CLIENT_SECRET in the environment to its value.",
            });
        }
    });

    it("take plain values as they are, whatever the environment says", () => {
        const plain = { ...ENCRYPTED, "azuread:clientSecret": "plain-secret" };
        assert.deepEqual(commandSignInSettings({ ARM_CLIENT_SECRET: "other" }, plain), {
            ARM_TENANT_ID: "00000000-0000-4000-8000-0000000000aa",
            ARM_CLIENT_ID: "00000000-0000-4000-8000-0000000000bb",
            ARM_CLIENT_SECRET: "plain-secret",
        });
    });

    it("know a secret by its one secure key, not a value that merely mentions it", () => {
        assert.deepEqual(
            [
                JSON.stringify({ secure: "v1:abc" }),
                JSON.stringify({ secure: "v1:abc", other: 1 }),
                JSON.stringify({ secure: 1 }),
                '"secure"',
                "secure: v1:abc",
                "true",
            ].map(isSecretConfigValue),
            [true, false, false, false, false, false],
        );
    });
});
