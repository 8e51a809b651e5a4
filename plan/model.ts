/**
 * The plan: what the stack program registered under the mocks, read back into the domain's
 * words (vendors, service accounts, guests, groups and their members, segments, federation,
 * seats). Built from the recorded resources, so it shows what the program does, not what the
 * config says it should do; the config only adds facts no resource carries (holders, domains).
 */
import { INFORMATION_BARRIERS_OUTPUT, InformationBarriersOutput, isAllowPolicy } from "../barriers/output";
import type { StackConfig, VendorConfig } from "../config/types";
import { FEDERATION_OUTPUT, FederationOutput } from "../federation/output";
import { PeerStackDomains, peerStackDomains, TENANT_DOMAINS_OUTPUT } from "../federation/peers";
import { FederationPlan, federationPlan } from "../federation/plan";
import { knownSkuById } from "../licensing/skuCatalogue";
import { guestResourceName, serviceAccountSignInName } from "../naming";
import type { RecordedCall, RecordedResource } from "../offline/mocks";
import { STACK_REFERENCE_TYPE } from "../offline/mocks";
import { WARNINGS_OUTPUT } from "../warnings";

/** Type tokens the plan reads. */
export const RESOURCE_TYPES = {
    vendor: "remote-assist-tenancy:vendor:Vendor",
    serviceAccount: "remote-assist-tenancy:vendor:ServiceAccount",
    licenseGroup: "remote-assist-tenancy:vendor:LicenseGroup",
    guest: "remote-assist-tenancy:vendor:GuestInvitation",
    experts: "remote-assist-tenancy:experts:ExpertsSegment",
    serviceAccountsGroup: "remote-assist-tenancy:barriers:ServiceAccountsGroup",
    teamsBarriersApp: "remote-assist-tenancy:barriers:TeamsBarriersApp",
    user: "azuread:index/user:User",
    group: "azuread:index/group:Group",
    invitation: "azuread:index/invitation:Invitation",
    groupMember: "azuread:index/groupMember:GroupMember",
    getUser: "azuread:index/getUser:getUser",
    keyVaultSecret: "azure-native:keyvault:Secret",
} as const;

/**
 * Whether `type` is a dynamic provider's resource, such as a license group's license
 * assignment: `pulumi-nodejs:dynamic:Resource`, or `pulumi-nodejs:dynamic/<module>:<Name>`
 * when the resource names its type.
 */
export function isDynamicResource(type: string): boolean {
    return type === "pulumi-nodejs:dynamic:Resource" || type.startsWith("pulumi-nodejs:dynamic/");
}

/** How a license assignment's SKUs read: part numbers where the catalogue knows them. */
function skuWords(assignment: RecordedResource): string[] {
    const licenses = assignment.inputs.licenses;
    if (!Array.isArray(licenses)) {
        return [];
    }
    return licenses.map((l: { skuId?: unknown; disabledPlans?: unknown }) => {
        const skuId = text(l.skuId);
        const disabled = Array.isArray(l.disabledPlans) ? l.disabledPlans.length : 0;
        const name = knownSkuById(skuId)?.partNumber ?? skuId;
        return disabled === 0 ? name : `${name} without ${disabled} plan${disabled === 1 ? "" : "s"}`;
    });
}

/** A service account as planned. */
export interface PlannedServiceAccount {
    readonly upn: string;
    readonly displayName: string;
    /** Who the credential is handed to. */
    readonly holder: string;
    readonly usageLocation: string;
    /** Whether the account may sign in. */
    readonly enabled: boolean;
    /** The license bundle it holds through its license group; absent when it holds none. */
    readonly license?: string;
    /** Where its password goes. */
    readonly credential: string;
    /** The rotation value; a new value issues a new password. */
    readonly rotation?: string;
}

/** A guest as planned. */
export interface PlannedGuest {
    readonly email: string;
    readonly name: string;
    /** Whether the guest joins the experts' Teams team. */
    readonly joinsTeam: boolean;
}

/** A group as planned, with exactly the members it will have. */
export interface PlannedGroup {
    readonly displayName: string;
    /** Its e-mail address: segment groups are Microsoft 365 groups that segment filters name by it. */
    readonly mail?: string;
    /** Members by UPN or guest email (object ids the plan cannot name are shown as they are). */
    readonly members: readonly string[];
    /** What the license assignment does, in words; only license groups have one. */
    readonly licenseAssignment?: string;
}

/** How a vendor's people reach the experts. */
export type AccessModel = "leased service accounts" | "guests" | "federation";

/** A vendor as planned. */
export interface PlannedVendor {
    readonly id: string;
    readonly name: string;
    readonly state: VendorConfig["state"];
    readonly access: readonly AccessModel[];
    /** The vendor tenant's domains, and whether Teams federation admits them. */
    readonly domains: readonly string[];
    readonly federated: boolean;
    /** Its information-barrier segment; absent without service accounts (guests are in no vendor segment). */
    readonly segment?: string;
    /** Segments its policy allows besides its own. */
    readonly mayTalkTo: readonly string[];
    readonly license?: string;
    readonly serviceAccounts: readonly PlannedServiceAccount[];
    readonly guests: readonly PlannedGuest[];
    readonly groups: readonly PlannedGroup[];
}

/** Seats of one license bundle. */
export interface PlannedSeats {
    readonly bundle: string;
    /** SKUs as written in config. */
    readonly skus: readonly string[];
    /** Service accounts that hold the bundle through a license group. */
    readonly used: number;
    /** Purchased seats, when declared. */
    readonly seats?: number;
}

/** The whole plan of one stack. */
export interface TenantPlan {
    readonly stack: string;
    readonly tenant: {
        readonly name: string;
        readonly domain: string;
        /** Every domain of the host tenant; vendors' tenants must allow them for federation. */
        readonly domains: readonly string[];
    };
    readonly experts: {
        readonly segment: string;
        readonly members: readonly string[];
        readonly team?: string;
        readonly group?: PlannedGroup;
    };
    readonly vendors: readonly PlannedVendor[];
    /** The `informationBarriers` output exactly as the program exported it. */
    readonly barriers: InformationBarriersOutput;
    /** The group of every service account, which the internal segment excludes; absent without one. */
    readonly serviceAccountsGroup?: PlannedGroup;
    /** Whether the stack declares the service principal of Microsoft's information-barriers app for Teams. */
    readonly teamsBarriersApp: boolean;
    /** The `federation` output exactly as the program exported it. */
    readonly federationOutput: FederationOutput;
    /** The same settings with why each domain is listed. */
    readonly federation: FederationPlan;
    /** The `warnings` output: what the deployment warns about. */
    readonly warnings: readonly string[];
    readonly peers: readonly PeerStackDomains[];
    readonly seats: readonly PlannedSeats[];
    readonly totals: {
        readonly vendors: number;
        readonly activeVendors: number;
        readonly serviceAccounts: number;
        readonly enabledServiceAccounts: number;
        readonly licensedServiceAccounts: number;
        readonly guests: number;
        readonly groups: number;
        readonly resources: number;
        /** Registered resources per type token, components included. */
        readonly resourcesByType: Readonly<Record<string, number>>;
    };
}

/** What {@link buildPlan} reads. */
export interface PlanInput {
    readonly stack: string;
    /** The validated config the program ran with. */
    readonly config: StackConfig;
    readonly resources: readonly RecordedResource[];
    readonly calls: readonly RecordedCall[];
    /** The stack outputs the program returned, resolved. */
    readonly outputs: Readonly<Record<string, unknown>>;
}

/** The recorded resources as a tree. */
class ResourceTree {
    private readonly children = new Map<string, RecordedResource[]>();

    constructor(resources: readonly RecordedResource[]) {
        for (const r of resources) {
            const siblings = this.children.get(r.parent) ?? [];
            siblings.push(r);
            this.children.set(r.parent, siblings);
        }
    }

    /** Direct children of `urn` ("" for the top level; none when `undefined`), optionally of one type. */
    childrenOf(urn: string | undefined, type?: string): RecordedResource[] {
        return urn === undefined
            ? []
            : (this.children.get(urn) ?? []).filter((r) => type === undefined || r.type === type);
    }
}

function text(value: unknown): string {
    return typeof value === "string" ? value : "";
}

function idsOf(value: unknown): string[] {
    return Array.isArray(value) ? value.map(String) : [];
}

/** Who each object id is: UPN of a user, `email` of a guest, display name of a group. */
function labelsById(resources: readonly RecordedResource[], calls: readonly RecordedCall[]): Map<string, string> {
    const labels = new Map<string, string>();
    for (const r of resources) {
        if (r.type === RESOURCE_TYPES.user) {
            labels.set(text(r.outputs.objectId) || r.id, text(r.inputs.userPrincipalName));
        } else if (r.type === RESOURCE_TYPES.invitation) {
            labels.set(text(r.outputs.userId) || r.id, `${text(r.inputs.userEmailAddress)} (guest)`);
        } else if (r.type === RESOURCE_TYPES.group) {
            labels.set(text(r.outputs.objectId) || r.id, text(r.inputs.displayName));
        }
    }
    for (const c of calls.filter((x) => x.token === RESOURCE_TYPES.getUser)) {
        labels.set(text(c.result.objectId), text(c.args.userPrincipalName));
    }
    return labels;
}

function plannedGroup(
    group: RecordedResource,
    labels: ReadonlyMap<string, string>,
    licenseAssignment?: string,
): PlannedGroup {
    const mail = text(group.outputs.mail);
    return {
        displayName: text(group.inputs.displayName),
        ...(mail === "" ? {} : { mail }),
        members: idsOf(group.inputs.members).map((id) => labels.get(id) ?? id),
        ...(licenseAssignment === undefined ? {} : { licenseAssignment }),
    };
}

function accessModels(v: VendorConfig, federated: boolean): AccessModel[] {
    const models: AccessModel[] = [];
    if (v.serviceAccounts.length > 0) {
        models.push("leased service accounts");
    }
    if (v.guests.length > 0) {
        models.push("guests");
    }
    if (federated) {
        models.push("federation");
    }
    return models;
}

function isFederated(v: VendorConfig, federation: FederationPlan): boolean {
    if (v.state !== "active" || v.domains.length === 0) {
        return false;
    }
    switch (federation.mode) {
        case "open":
        case "blockList":
            return v.domains.some((d) => !federation.add.some((b) => b.domain === d));
        case "allowList":
            return v.domains.some((d) => federation.add.some((a) => a.domain === d));
        case "disabled":
            return false;
    }
}

/** A stack output the plan reads, which the program always exports; a missing one is a bug, said loudly. */
function requiredOutput<T>(outputs: Readonly<Record<string, unknown>>, name: string): T {
    const value = outputs[name];
    if (value === undefined || value === null || typeof value !== "object") {
        throw new Error(`the program exported no ${name} output`);
    }
    return value as T;
}

/** Reads the recorded resources of one program run back into a {@link TenantPlan}. */
export function buildPlan(input: PlanInput): TenantPlan {
    const { config } = input;
    const tree = new ResourceTree(input.resources);
    const labels = labelsById(input.resources, input.calls);
    const peers = input.resources
        .filter((r) => r.type === STACK_REFERENCE_TYPE)
        .map((r) =>
            peerStackDomains(
                r.name,
                (r.outputs.outputs as Record<string, unknown> | undefined)?.[TENANT_DOMAINS_OUTPUT],
            ),
        );
    const federation = federationPlan(config, peers);
    const barriers = requiredOutput<InformationBarriersOutput>(input.outputs, INFORMATION_BARRIERS_OUTPUT);
    const federationOut = requiredOutput<FederationOutput>(input.outputs, FEDERATION_OUTPUT);
    const warnings = requiredOutput<string[]>(input.outputs, WARNINGS_OUTPUT);
    const seatsUsed = new Map<string, number>();
    const vendorComponents = new Map(tree.childrenOf("", RESOURCE_TYPES.vendor).map((r) => [r.name, r.urn]));
    const segmentOfVendor = new Map(
        barriers.segments.flatMap((s) =>
            s.kind === "vendor" && s.vendorId !== undefined ? [[s.vendorId, s.name]] : [],
        ),
    );
    const allowedBy = new Map(
        barriers.policies.flatMap((p) => (isAllowPolicy(p) ? [[p.assignedSegment, p.segmentsAllowed]] : [])),
    );

    const vendors = config.vendors.map((v): PlannedVendor => {
        const urn = vendorComponents.get(v.id);
        const licenseComponent = tree.childrenOf(urn, RESOURCE_TYPES.licenseGroup)[0];
        const licenseGroup = licenseComponent && tree.childrenOf(licenseComponent.urn, RESOURCE_TYPES.group)[0];
        const assignment =
            licenseComponent && tree.childrenOf(licenseComponent.urn).find((r) => isDynamicResource(r.type));
        // Group-based licensing: a member holds the bundle only while the group has it assigned.
        const licensedIds = new Set(assignment && licenseGroup ? idsOf(licenseGroup.inputs.members) : []);
        const groupName = licenseGroup ? text(licenseGroup.inputs.displayName) : "";
        const byUpn = new Map(
            v.serviceAccounts.map((sa) => [serviceAccountSignInName(v.id, sa, config.tenant.domain), sa]),
        );

        const serviceAccounts = tree
            .childrenOf(urn, RESOURCE_TYPES.serviceAccount)
            .flatMap((sa): PlannedServiceAccount[] => {
                const user = tree.childrenOf(sa.urn, RESOURCE_TYPES.user)[0];
                if (!user) {
                    return [];
                }
                const vault = tree.childrenOf(sa.urn, RESOURCE_TYPES.keyVaultSecret)[0];
                const accountConfig = byUpn.get(text(user.inputs.userPrincipalName));
                const objectId = text(user.outputs.objectId) || user.id;
                return [
                    {
                        upn: text(user.inputs.userPrincipalName),
                        displayName: text(user.inputs.displayName),
                        holder: accountConfig?.holder ?? "",
                        usageLocation: text(user.inputs.usageLocation),
                        enabled: user.inputs.accountEnabled === true,
                        ...(licensedIds.has(objectId) && v.license !== undefined ? { license: v.license } : {}),
                        credential: vault
                            ? `Key Vault ${text(vault.inputs.vaultName)}, secret ${text(vault.inputs.secretName)}`
                            : user.inputs.password === undefined
                              ? "none: an adopted account keeps its own password until its first rotation"
                              : "stack output credentials (secret)",
                        ...(accountConfig?.rotation === undefined ? {} : { rotation: accountConfig.rotation }),
                    },
                ];
            });
        if (v.license !== undefined) {
            seatsUsed.set(v.license, (seatsUsed.get(v.license) ?? 0) + serviceAccounts.filter((a) => a.license).length);
        }

        const guestsByName = new Map(v.guests.map((g) => [guestResourceName(v.id, g.email), g]));
        const guests = tree.childrenOf(urn, RESOURCE_TYPES.guest).flatMap((g): PlannedGuest[] => {
            const invitation = tree.childrenOf(g.urn, RESOURCE_TYPES.invitation)[0];
            // An adopted guest has no invitation; config says who it is.
            const adopted = invitation ? undefined : guestsByName.get(g.name);
            if (!invitation && !adopted) {
                return [];
            }
            return [
                {
                    email: invitation ? text(invitation.inputs.userEmailAddress) : adopted!.email,
                    name: invitation ? text(invitation.inputs.userDisplayName) : adopted!.name,
                    joinsTeam: tree.childrenOf(g.urn, RESOURCE_TYPES.groupMember).length > 0,
                },
            ];
        });

        const groups: PlannedGroup[] = [];
        if (licenseGroup) {
            const bundle = v.license ?? "";
            groups.push(
                plannedGroup(
                    licenseGroup,
                    labels,
                    assignment
                        ? `license bundle ${bundle} (${skuWords(assignment).join(", ")}) assigned to ${groupName}`
                        : `no license assignment: its members get no license from this stack`,
                ),
            );
        }
        groups.push(...tree.childrenOf(urn, RESOURCE_TYPES.group).map((g) => plannedGroup(g, labels)));

        const federated = isFederated(v, federation);
        const segment = segmentOfVendor.get(v.id);
        return {
            id: v.id,
            name: v.name,
            state: v.state,
            access: accessModels(v, federated),
            domains: v.domains,
            federated,
            ...(segment === undefined ? {} : { segment }),
            mayTalkTo: segment === undefined ? [] : (allowedBy.get(segment) ?? []).filter((s) => s !== segment),
            ...(v.license === undefined ? {} : { license: v.license }),
            serviceAccounts,
            guests,
            groups,
        };
    });

    const expertsComponent = tree.childrenOf("", RESOURCE_TYPES.experts)[0];
    const expertsGroup = expertsComponent && tree.childrenOf(expertsComponent.urn, RESOURCE_TYPES.group)[0];
    const accountsComponent = tree.childrenOf("", RESOURCE_TYPES.serviceAccountsGroup)[0];
    const accountsGroup = accountsComponent && tree.childrenOf(accountsComponent.urn, RESOURCE_TYPES.group)[0];
    const resourcesByType: Record<string, number> = {};
    for (const r of input.resources) {
        resourcesByType[r.type] = (resourcesByType[r.type] ?? 0) + 1;
    }
    const accounts = vendors.flatMap((v) => v.serviceAccounts);

    return {
        stack: input.stack,
        tenant: { name: config.tenant.name, domain: config.tenant.domain, domains: config.tenant.domains },
        experts: {
            segment: config.experts.segment,
            members: config.experts.members,
            ...(config.experts.team === undefined ? {} : { team: config.experts.team }),
            ...(expertsGroup ? { group: plannedGroup(expertsGroup, labels) } : {}),
        },
        vendors,
        barriers,
        ...(accountsGroup ? { serviceAccountsGroup: plannedGroup(accountsGroup, labels) } : {}),
        teamsBarriersApp: tree.childrenOf("", RESOURCE_TYPES.teamsBarriersApp).length > 0,
        federationOutput: federationOut,
        federation,
        warnings,
        peers,
        seats: Object.values(config.licenses).map((b) => ({
            bundle: b.name,
            skus: b.skus.map((s) => s.sku),
            used: seatsUsed.get(b.name) ?? 0,
            ...(b.seats === undefined ? {} : { seats: b.seats }),
        })),
        totals: {
            vendors: vendors.length,
            activeVendors: vendors.filter((v) => v.state === "active").length,
            serviceAccounts: accounts.length,
            enabledServiceAccounts: accounts.filter((a) => a.enabled).length,
            licensedServiceAccounts: accounts.filter((a) => a.license !== undefined).length,
            guests: vendors.reduce((n, v) => n + v.guests.length, 0),
            groups: input.resources.filter((r) => r.type === RESOURCE_TYPES.group).length,
            resources: input.resources.length,
            resourcesByType,
        },
    };
}
