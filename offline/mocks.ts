/**
 * Pulumi mocks that stand in for Entra ID, Key Vault and the random provider, so the real
 * program runs with no credentials, no CLI and no network: for the tests and for `npm run plan`.
 * Each resource type answers with the outputs its real provider returns (object ids, user ids,
 * Key Vault resource ids), derived deterministically from its name so a plan is reproducible.
 */
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { CONFIG_NAMESPACE } from "../config/types";

/** A resource the program registered, as the engine would have received it. */
export interface RecordedResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    /** URN of the parent; the stack's URN for top-level resources. */
    readonly parent: string;
    /** Whether a provider manages it (false for components). */
    readonly custom: boolean;
    /** Inputs as sent to the provider; secrets stay wrapped (see `isSecretValue`). */
    readonly inputs: Record<string, unknown>;
    /** The id the provider answered (object id for users and groups, user id for invitations); "" for components. */
    readonly id: string;
    /** Outputs the provider answered; secrets stay wrapped. Empty for components. */
    readonly outputs: Record<string, unknown>;
    readonly protect: boolean;
    readonly ignoreChanges: readonly string[];
}

/** A resource already in the stack's state (imported), as {@link OfflineTenant.setImported} takes it. */
export interface ImportedResource {
    readonly type: string;
    readonly name: string;
    /** The provider's id, as the import file gives it (`/users/<object id>`, `<group>/member/<member>`). */
    readonly id: string;
    /** The object id the provider reports. */
    readonly objectId?: string;
    /** Other outputs the provider reports, e.g. a group's `mail`. */
    readonly outputs?: Record<string, unknown>;
}

/** A provider function call (data source) the program made. */
export interface RecordedCall {
    readonly token: string;
    readonly args: Record<string, unknown>;
    /** What the mocked function returned. */
    readonly result: Record<string, unknown>;
}

/** Type token of a stack reference; the engine reads it instead of registering it. */
export const STACK_REFERENCE_TYPE = "pulumi:pulumi:StackReference";

/** Type token of the stack's root resource, which the engine leaves out of its children's URNs. */
export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/** What a resource's URN is made of. */
export interface UrnParts {
    readonly stack: string;
    readonly project: string;
    /** URN of the parent; "" (or undefined) for a resource without one. */
    readonly parent?: string;
    readonly type: string;
    readonly name: string;
}

/**
 * The URN the Pulumi engine gives a resource: `urn:pulumi:<stack>::<project>::<qualified type>::<name>`,
 * where the qualified type is the parent's qualified type (its whole chain of ancestor types),
 * `$`, and the resource's own type; a resource without a parent, or whose parent is the root
 * stack, has its own type alone. This is the engine's rule: its step generator passes
 * `goal.Parent.QualifiedType()` (skipping the root stack) to `resource.NewURN`
 * (pulumi/pulumi `sdk/go/common/resource/urn.go`: `NewURN`, `QualifiedType`), and the Node.js
 * SDK's `createUrn` (`@pulumi/pulumi/resource`) agrees. The SDK's mock monitor keeps only the
 * parent's last type (`MockMonitor.newUrn`), so a URN copied from its answers would not name
 * the deployed resource.
 */
export function engineUrn(parts: UrnParts): string {
    let qualifiedType = parts.type;
    if (parts.parent) {
        // URN parts are separated by "::", and neither stack, project nor a type token holds one.
        const parentQualifiedType = parts.parent.slice("urn:pulumi:".length).split("::")[2];
        const parentType = parentQualifiedType.split("$").pop();
        if (parentType !== ROOT_STACK_TYPE) {
            qualifiedType = `${parentQualifiedType}$${parts.type}`;
        }
    }
    return `urn:pulumi:${parts.stack}::${parts.project}::${qualifiedType}::${parts.name}`;
}

/** Pulumi's wire marker for a secret value. */
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** Whether a recorded input is a secret, as the engine marks it. */
export function isSecretValue(value: unknown): value is { value: unknown } {
    return (
        typeof value === "object" && value !== null && (value as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG
    );
}

/** A deterministic GUID for a seed, shaped like an Entra object id. */
export function fakeGuid(seed: string): string {
    const h = createHash("sha256").update(seed).digest("hex");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The Pulumi project the URNs name: `Pulumi.yaml`'s `name`, which is also the config namespace. */
const PROJECT = CONFIG_NAMESPACE;

/** Fake subscription the mocked Key Vault secrets live in. */
export const FAKE_SUBSCRIPTION = "00000000-0000-0000-0000-00000000abcd";

function unwrap(value: unknown): unknown {
    return isSecretValue(value) ? value.value : value;
}

type State = Record<string, unknown>;

/**
 * The domain Exchange Online gives a mail-enabled group's address: the host tenant's domain from
 * the stack config the program runs with (`tenant.domain`), as in a tenant whose default domain
 * is that one. `example.invalid` when no config names one (components built on their own).
 */
function mailDomain(): string {
    try {
        const tenant = JSON.parse(pulumi.runtime.allConfig()["remote-assist-tenancy:tenant"] ?? "{}") as {
            domain?: unknown;
        };
        return typeof tenant.domain === "string" ? tenant.domain.toLowerCase() : "example.invalid";
    } catch {
        return "example.invalid";
    }
}

function providerState(type: string, name: string, inputs: State): { id: string; state: State } {
    switch (type) {
        case "azuread:index/user:User": {
            const objectId = fakeGuid(`${type}:${name}`);
            return { id: objectId, state: { ...inputs, objectId } };
        }
        case "azuread:index/group:Group": {
            const objectId = fakeGuid(`${type}:${name}`);
            // Graph answers a mail-enabled (Microsoft 365) group's address as <mailNickname>@<default domain>.
            const mail = inputs.mailEnabled === true ? `${String(inputs.mailNickname)}@${mailDomain()}` : "";
            return { id: objectId, state: { ...inputs, objectId, mail } };
        }
        case "azuread:index/servicePrincipal:ServicePrincipal": {
            const objectId = fakeGuid(`${type}:${String(inputs.clientId)}`);
            return { id: objectId, state: { ...inputs, objectId } };
        }
        case "azuread:index/invitation:Invitation": {
            const userId = fakeGuid(`guest:${String(inputs.userEmailAddress)}`);
            return {
                id: userId,
                state: {
                    ...inputs,
                    userId,
                    userType: "Guest",
                    redeemUrl: `https://login.microsoftonline.com/redeem?rd=${userId}`,
                },
            };
        }
        case "azuread:index/groupMember:GroupMember": {
            const id = `${String(inputs.groupObjectId)}/member/${String(inputs.memberObjectId)}`;
            return { id, state: { ...inputs } };
        }
        case "pulumi-nodejs:dynamic/remote-assist-tenancy:GroupLicense": {
            // As licensing/groupLicenseProvider.ts creates it on a new group: id is the group, the
            // bundle's SKUs are managed, Entra ID has queued the members and reports no error yet.
            const licenses = (inputs.licenses ?? []) as { skuId: string }[];
            return {
                id: String(inputs.groupId),
                state: {
                    ...inputs,
                    managedSkuIds: licenses.map((l) => l.skuId),
                    otherSkuIds: [],
                    licenseProcessingState: "QueuedForProcessing",
                    membersWithLicenseErrors: [],
                },
            };
        }
        case "random:index/randomPassword:RandomPassword": {
            const keepers = JSON.stringify(unwrap(inputs.keepers) ?? {});
            const result = `Mock!${createHash("sha256").update(`${name}:${keepers}`).digest("base64url").slice(0, 19)}`;
            return { id: "none", state: { ...inputs, result, bcryptHash: `$2a$10$${result}` } };
        }
        case "azure-native:keyvault:Secret": {
            const { resourceGroupName, vaultName, secretName } = inputs as Record<string, string>;
            const id = `/subscriptions/${FAKE_SUBSCRIPTION}/resourceGroups/${resourceGroupName}/providers/Microsoft.KeyVault/vaults/${vaultName}/secrets/${secretName}`;
            const secretUri = `https://${vaultName}.vault.azure.net/secrets/${secretName}`;
            return {
                id,
                state: { ...inputs, name: secretName, properties: { ...(inputs.properties as State), secretUri } },
            };
        }
        default:
            return { id: `${name}-id`, state: inputs };
    }
}

function callResult(token: string, args: State): State {
    switch (token) {
        case "azuread:index/getUser:getUser": {
            const upn = String(args.userPrincipalName);
            return {
                ...args,
                id: fakeGuid(`user:${upn}`),
                objectId: fakeGuid(`user:${upn}`),
                userType: "Member",
                accountEnabled: true,
            };
        }
        default:
            return args;
    }
}

/**
 * Installs the mocks and records every registration. Call it once per process, before any
 * module that creates resources is loaded; a resource created earlier never resolves.
 */
export class OfflineTenant implements pulumi.runtime.Mocks {
    /** Resources registered since the last {@link reset}, in registration order. */
    readonly resources: RecordedResource[] = [];
    /** Provider calls made since the last {@link reset}. */
    readonly calls: RecordedCall[] = [];
    /** Outputs of other stacks, by fully qualified stack name, that stack references read. */
    private readonly stackOutputs = new Map<string, Record<string, unknown>>();
    /** Called with each resource as it is recorded; see {@link onRecorded}. */
    private readonly listeners = new Set<(resource: RecordedResource) => void>();
    /** Resources already in the state, by `type::name`; see {@link setImported}. */
    private readonly imported = new Map<string, ImportedResource>();

    private constructor(
        /** The stack the URNs name. */
        readonly stack: string,
    ) {}

    /**
     * Sets Pulumi's mocks to a new recording tenant for project `remote-assist-tenancy`.
     * Synchronous on purpose: `setMocks` installs the monitor before it returns its promise,
     * so resources created right after this call already reach the mocks.
     */
    static install(stack = "dev"): OfflineTenant {
        const tenant = new OfflineTenant(stack);
        void pulumi.runtime.setMocks(tenant, PROJECT, stack, false);
        tenant.recordRegistrations();
        return tenant;
    }

    /**
     * Calls `listener` with every resource recorded from now on, as the engine answers its
     * registration: how a caller follows a long run (`npm run plan` counts vendors) without the
     * program knowing. Returns the function that stops the calls.
     */
    onRecorded(listener: (resource: RecordedResource) => void): () => void {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }

    /** Resolves once every registration and call the program started has been answered. */
    async settle(): Promise<void> {
        // waitForRPCs is how `pulumi` itself drains outstanding work before exit; it is not in the typings.
        await (settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
    }

    /** Forgets what was recorded, between two runs of a program. */
    reset(): void {
        this.resources.length = 0;
        this.calls.length = 0;
    }

    /**
     * Sets what a `StackReference` to each named stack reads (a stack not named here has no
     * outputs), replacing what was set before. Not cleared by {@link reset}.
     */
    setStackOutputs(outputs: ReadonlyMap<string, Record<string, unknown>>): void {
        this.stackOutputs.clear();
        outputs.forEach((value, stack) => this.stackOutputs.set(stack, value));
    }

    /**
     * Resources that are already in the stack's state, as after `pulumi import`: each answers with
     * its imported id and object id (and any outputs given) instead of a made-up one, so that what
     * refers to it (a group's members, a team membership) carries the tenant's real object ids.
     * Replaces what was set before; not cleared by {@link reset}.
     */
    setImported(resources: readonly ImportedResource[]): void {
        this.imported.clear();
        resources.forEach((r) => this.imported.set(`${r.type}::${r.name}`, r));
    }

    newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: State } {
        if (!args.custom) {
            return { id: undefined, state: {} };
        }
        const imported = this.imported.get(`${args.type}::${args.name}`);
        if (imported) {
            const made = providerState(args.type, args.name, args.inputs as State);
            return {
                id: imported.id,
                state: {
                    ...made.state,
                    ...(imported.objectId === undefined ? {} : { objectId: imported.objectId }),
                    ...imported.outputs,
                },
            };
        }
        if (args.type === STACK_REFERENCE_TYPE) {
            const stack = String(args.inputs.name);
            return {
                id: stack,
                state: { name: stack, outputs: this.stackOutputs.get(stack) ?? {}, secretOutputNames: [] },
            };
        }
        return providerState(args.type, args.name, args.inputs as State);
    }

    call(args: pulumi.runtime.MockCallArgs): State {
        const result = callResult(args.token, args.inputs as State);
        this.calls.push({ token: args.token, args: args.inputs as State, result });
        return result;
    }

    /**
     * The mock hook sees neither parent nor resource options, so the monitor's registration
     * is wrapped to record what the engine would receive: parent, protect, ignoreChanges.
     * Reads (stack references) are recorded too, as custom resources without options.
     */
    private recordRegistrations(): void {
        const monitor = settings.getMonitor() as unknown as {
            registerResource(req: RegisterRequest, callback: (err: unknown, resp?: RegisterResponse) => void): void;
            readResource(req: ReadRequest, callback: (err: unknown, resp?: ReadResponse) => void): void;
            newUrn(parent: string, type: string, name: string): string;
        };
        // The mock monitor makes every URN it answers (registrations and reads) with this method;
        // the SDK-internal hook is replaced so that its answers carry the engine's URNs.
        monitor.newUrn = (parent, type, name) => engineUrn({ stack: this.stack, project: PROJECT, parent, type, name });
        // Wraps one monitor method so that each answered request is recorded as `describe` says.
        const recording = <Req, Resp>(
            method: (req: Req, callback: (err: unknown, resp?: Resp) => void) => void,
            describe: (req: Req, resp: Resp) => RecordedResource,
        ) => {
            const original = method.bind(monitor);
            return (req: Req, callback: (err: unknown, resp?: Resp) => void) =>
                original(req, (err, resp) => {
                    if (!err && resp) {
                        const resource = describe(req, resp);
                        this.resources.push(resource);
                        this.listeners.forEach((listener) => listener(resource));
                    }
                    callback(err, resp);
                });
        };
        monitor.registerResource = recording(monitor.registerResource, (req, resp) => ({
            urn: resp.getUrn(),
            type: req.getType(),
            name: req.getName(),
            parent: req.getParent(),
            custom: req.getCustom(),
            inputs: toObject(req.getObject()),
            id: resp.getId(),
            outputs: req.getCustom() ? toObject(resp.getObject()) : {},
            protect: req.getProtect() === true,
            ignoreChanges: req.getIgnorechangesList(),
        }));
        monitor.readResource = recording(monitor.readResource, (req, resp) => ({
            urn: resp.getUrn(),
            type: req.getType(),
            name: req.getName(),
            parent: req.getParent(),
            custom: true,
            inputs: toObject(req.getProperties()),
            id: req.getId(),
            outputs: toObject(resp.getProperties()),
            protect: false,
            ignoreChanges: [],
        }));
    }
}

function toObject(struct: { toJavaScript(): unknown } | undefined): Record<string, unknown> {
    return (struct?.toJavaScript() ?? {}) as Record<string, unknown>;
}

/** The parts of the engine's RegisterResourceRequest the recorder reads. */
interface RegisterRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom(): boolean;
    getObject(): { toJavaScript(): unknown } | undefined;
    getProtect(): boolean | undefined;
    getIgnorechangesList(): string[];
}

interface RegisterResponse {
    getUrn(): string;
    getId(): string;
    getObject(): { toJavaScript(): unknown } | undefined;
}

/** The parts of the engine's ReadResourceRequest the recorder reads. */
interface ReadRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getId(): string;
    getProperties(): { toJavaScript(): unknown } | undefined;
}

interface ReadResponse {
    getUrn(): string;
    getProperties(): { toJavaScript(): unknown } | undefined;
}
