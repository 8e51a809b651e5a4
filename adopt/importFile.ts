/**
 * The bulk import file for `pulumi import --file import.json`, from what the stack program
 * registers for the adopted config (run offline, under the mocks): each resource that stands for an
 * object the tenant already has, with the exact type, name and parent the program gives it, and the
 * provider's id; and every component between it and the stack, as an empty component to create
 * (`"component": true`, no id). Names and types come from the program itself, so they are the
 * ones naming.ts and the components give, never worked out a second time here.
 *
 * The file's format is Pulumi's (pulumi/pulumi `pkg/cmd/pulumi/operations/import.go`, `importFile`
 * and `importSpec`): `resources[]` with `type`, `name`, `id`, `parent`, `component`, `logicalName`,
 * and `nameTable`. An entry's `parent` names another entry of the file (since Pulumi 3.94 a parent
 * imported in the same file needs no entry in `nameTable`, pulumi/pulumi#14524; an empty component
 * can be created as a parent, #14467); `logicalName` is the resource's name in the program, `name`
 * only a key in the file, so a name used twice gets a key of its own. The engine makes each URN from
 * the parent's URN as it does for the program (`resource.NewURN` with the parent's qualified type),
 * which {@link importFileUrns} repeats.
 *
 * Import ids (@pulumi/azuread 6.9.1, the Import section of each resource): a user
 * `/users/<object id>`, a group `/groups/<object id>`, a group member `<group id>/member/<member id>`.
 * An Invitation "does not support importing", and the license assignment (a dynamic resource) cannot
 * be imported: neither is in the file.
 */
import { CONFIG_NAMESPACE, type StackConfig } from "../config/types";
import { engineUrn, RecordedResource, STACK_REFERENCE_TYPE } from "../offline/mocks";
import { isDynamicResource, RESOURCE_TYPES } from "../plan/model";
import { licensesKey } from "../tenant/licenses";
import type { AssignedLicense, TenantSnapshot } from "../tenant/model";
import { uniqueName } from "./names";

/** One entry of the import file (Pulumi's `importSpec`). */
export interface ImportEntry {
    readonly type: string;
    /** The entry's key in the file, for `parent`; the resource's name unless `logicalName` says otherwise. */
    readonly name: string;
    /** The provider's id of the existing object; absent for a component. */
    readonly id?: string;
    /** The `name` of the parent's entry; absent for a resource whose parent is the stack. */
    readonly parent?: string;
    /** An empty component resource to create, as a parent of imported resources. */
    readonly component?: true;
    /** The resource's name in the program, when the key differs. */
    readonly logicalName?: string;
}

/** Pulumi's import file. */
export interface ImportFile {
    readonly nameTable: Record<string, string>;
    readonly resources: readonly ImportEntry[];
}

/** A resource imported as it is. */
export interface Imported {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly id: string;
    /** The tenant's object, in words. */
    readonly what: string;
}

/** A resource the first `pulumi up` creates, and what that does in the tenant. */
export interface CreatedNew {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly why: string;
}

/** The import file, and what it leaves to the first `pulumi up`. */
export interface ImportPlan {
    readonly file: ImportFile;
    readonly imported: readonly Imported[];
    /** Every custom resource the program registers that is not imported. */
    readonly created: readonly CreatedNew[];
}

/** What the resources of an adopted config are in the tenant: imported, or created by the first `pulumi up`. */
export function importPlan(
    resources: readonly RecordedResource[],
    config: StackConfig,
    snapshot: TenantSnapshot,
): ImportPlan {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const ancestors = (r: RecordedResource): RecordedResource[] => {
        const chain: RecordedResource[] = [];
        for (let p = byUrn.get(r.parent); p; p = byUrn.get(p.parent)) {
            chain.unshift(p);
        }
        return chain;
    };
    const vendorOf = (r: RecordedResource) => {
        const component = ancestors(r).find((a) => a.type === RESOURCE_TYPES.vendor);
        return component && config.vendors.find((v) => v.id === component.name);
    };
    const userById = new Map(snapshot.users.map((u) => [u.id, u]));
    const groupById = new Map(snapshot.groups.map((g) => [g.id, g]));

    const imported: Imported[] = [];
    const created: CreatedNew[] = [];
    const create = (r: RecordedResource, why: string) => created.push({ urn: r.urn, type: r.type, name: r.name, why });
    const take = (r: RecordedResource, id: string, what: string) =>
        imported.push({ urn: r.urn, type: r.type, name: r.name, id, what });

    for (const r of resources) {
        if (!r.custom || r.type === STACK_REFERENCE_TYPE) {
            continue;
        }
        const inputs = r.inputs;
        const vendor = vendorOf(r);
        switch (r.type) {
            case RESOURCE_TYPES.user: {
                const upn = String(inputs.userPrincipalName);
                const account = vendor?.serviceAccounts.find((a) => a.existing?.userPrincipalName === upn);
                if (!account) {
                    create(r, `creates the service account ${upn}, with a generated password its holder must change`);
                    break;
                }
                const user = snapshot.users.find((u) => u.userPrincipalName.toLowerCase() === upn.toLowerCase());
                if (!user) {
                    throw new Error(`adopt: config adopts ${upn}, which the tenant does not have`);
                }
                take(r, `/users/${user.id}`, `service account ${upn}`);
                break;
            }
            case RESOURCE_TYPES.group: {
                const parent = byUrn.get(r.parent);
                const adopted =
                    parent?.type === RESOURCE_TYPES.licenseGroup ? vendor?.existing?.licenseGroup : undefined;
                if (adopted) {
                    take(r, `/groups/${adopted.id}`, `license group ${JSON.stringify(adopted.displayName)}`);
                    break;
                }
                const name = JSON.stringify(String(inputs.displayName));
                const why =
                    parent?.type === RESOURCE_TYPES.licenseGroup
                        ? `creates the license group ${name}, whose members are the vendor's active service accounts`
                        : parent?.type === RESOURCE_TYPES.experts
                          ? `creates the experts' segment group ${name} (a Microsoft 365 group): the information-barrier segments are group membership now`
                          : parent?.type === RESOURCE_TYPES.serviceAccountsGroup
                            ? `creates ${name}, the Microsoft 365 group of every service account, which the internal segment excludes`
                            : `creates the segment group ${name} (a Microsoft 365 group): the vendor's information-barrier segment is its membership`;
                create(r, why);
                break;
            }
            case RESOURCE_TYPES.groupMember: {
                const groupId = String(inputs.groupObjectId);
                const memberId = String(inputs.memberObjectId);
                const who = userById.get(memberId);
                const name = who?.displayName ?? memberId;
                if (groupById.get(groupId)?.members.some((m) => m.id === memberId)) {
                    take(r, `${groupId}/member/${memberId}`, `${name}'s membership of the experts' team`);
                } else {
                    create(r, `adds ${name} to the experts' team`);
                }
                break;
            }
            case RESOURCE_TYPES.invitation:
                create(r, `invites ${String(inputs.userEmailAddress)} as a guest`);
                break;
            default:
                create(r, createdWhy(r, vendor?.existing?.licenseGroup?.id, snapshot));
        }
    }

    // Every component between an imported resource and the stack is created empty, as its parent.
    const inFile = new Set(imported.map((i) => i.urn));
    for (const i of imported) {
        ancestors(byUrn.get(i.urn)!).forEach((a) => inFile.add(a.urn));
    }
    const entries = resources.filter((r) => inFile.has(r.urn));
    const used = new Set<string>();
    const keys = new Map(entries.map((r) => [r.urn, uniqueName(r.name, used, "#")]));
    const ids = new Map(imported.map((i) => [i.urn, i.id]));
    const file: ImportFile = {
        nameTable: {},
        resources: entries.map((r) => {
            const key = keys.get(r.urn)!;
            const parent = keys.get(r.parent);
            return {
                type: r.type,
                name: key,
                ...(r.custom ? { id: ids.get(r.urn)! } : { component: true as const }),
                ...(parent === undefined ? {} : { parent }),
                ...(key === r.name ? {} : { logicalName: r.name }),
            };
        }),
    };
    return { file, imported, created };
}

/** What creating a resource that stands for no existing object does. */
function createdWhy(r: RecordedResource, adoptedGroupId: string | undefined, snapshot: TenantSnapshot): string {
    if (isDynamicResource(r.type)) {
        const wanted = (r.inputs.licenses ?? []) as AssignedLicense[];
        const group = adoptedGroupId === undefined ? undefined : snapshot.groups.find((g) => g.id === adoptedGroupId);
        if (group && licensesKey(group.assignedLicenses) === licensesKey(wanted)) {
            return "records the license assignment only: the adopted group already has exactly these SKUs, so creating it sends nothing and claims none (it never removes them)";
        }
        return group
            ? "assigns the bundle's SKUs the adopted group lacks, or re-assigns those whose disabled plans differ"
            : "assigns the bundle's SKUs to the new license group";
    }
    switch (r.type) {
        case "random:index/randomPassword:RandomPassword":
            return "generates a password (no change in the tenant by itself)";
        case "azuread:index/servicePrincipal:ServicePrincipal":
            return "takes over the information-barriers app's service principal when the tenant has it (useExisting), creates it otherwise";
        case RESOURCE_TYPES.keyVaultSecret:
            return "stores the generated password in Key Vault";
        default:
            return "created";
    }
}

/**
 * The URN each entry of an import file gets, as `pulumi import` makes it: a parent's URN (found by
 * its entry's `name`, or in `nameTable`) gives its qualified type, and the resource's URN is made
 * from it with its type and logical name (pulumi/pulumi `import.go`, `parseImportFile`).
 */
export function importFileUrns(
    file: ImportFile,
    stack: string,
    project: string = CONFIG_NAMESPACE,
): Map<string, string> {
    const urns = new Map<string, string>(Object.entries(file.nameTable));
    const byName = new Map(file.resources.map((e) => [e.name, e]));
    const urnOf = (e: ImportEntry): string => {
        const known = urns.get(e.name);
        if (known !== undefined) {
            return known;
        }
        const parent = e.parent === undefined ? undefined : (urns.get(e.parent) ?? urnOf(byName.get(e.parent)!));
        const urn = engineUrn({ stack, project, parent, type: e.type, name: e.logicalName ?? e.name });
        urns.set(e.name, urn);
        return urn;
    };
    file.resources.forEach(urnOf);
    return new Map(file.resources.map((e) => [e.name, urns.get(e.name)!]));
}
