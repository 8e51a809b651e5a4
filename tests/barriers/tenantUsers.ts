/**
 * The users of a tenant the program was run against, as the barrier model sees them: each user's
 * group memberships are read from the groups the program registered (their `members` and the
 * `mail` the mock answered), so the check covers the whole chain from config to components to the
 * `informationBarriers` output.
 */
import type { RecordedCall, RecordedResource } from "../../offline/mocks";
import type { ModelUser } from "./evaluator";

const USER = "azuread:index/user:User";
const GROUP = "azuread:index/group:Group";
const INVITATION = "azuread:index/invitation:Invitation";
const GET_USER = "azuread:index/getUser:getUser";

/** Looks users up by kind in one program run. */
export class TenantUsers {
    private readonly groupsById = new Map<string, string[]>();

    constructor(
        private readonly resources: readonly RecordedResource[],
        private readonly calls: readonly RecordedCall[],
    ) {
        for (const g of resources.filter((r) => r.type === GROUP)) {
            const mail = String(g.outputs.mail ?? "");
            for (const id of (g.inputs.members as string[] | undefined) ?? []) {
                this.groupsById.set(id, [...(this.groupsById.get(id) ?? []), ...(mail ? [mail] : [])]);
            }
        }
    }

    private groupsOf(objectId: string): string[] {
        return this.groupsById.get(objectId) ?? [];
    }

    /** A vendor's service account by UPN; disabled while its vendor is suspended. */
    serviceAccount(upn: string): ModelUser {
        const user = this.resources.find((r) => r.type === USER && r.inputs.userPrincipalName === upn);
        if (!user) {
            throw new Error(`no service account ${upn}`);
        }
        return {
            name: upn,
            groups: this.groupsOf(String(user.outputs.objectId)),
            disabled: user.inputs.accountEnabled === false,
        };
    }

    /** An expert (an existing user the program looked up) by UPN, with optional directory attributes. */
    expert(upn: string, attributes: Record<string, string> = {}): ModelUser {
        const call = this.calls.find((c) => c.token === GET_USER && c.args.userPrincipalName === upn);
        if (!call) {
            throw new Error(`no expert ${upn}`);
        }
        return { name: upn, groups: this.groupsOf(String(call.result.objectId)), attributes };
    }

    /** A guest by email; `evaluated` when it is discoverable in the address list, so Purview segments it. */
    guest(email: string, evaluated: boolean): ModelUser {
        const invitation = this.resources.find((r) => r.type === INVITATION && r.inputs.userEmailAddress === email);
        if (!invitation) {
            throw new Error(`no guest ${email}`);
        }
        return { name: `${email} (guest)`, groups: this.groupsOf(String(invitation.outputs.userId)), evaluated };
    }

    /** An internal user the stack knows nothing of: in no group of the stack. */
    otherInternal(attributes: Record<string, string> = {}): ModelUser {
        return { name: "another internal user", groups: [], attributes };
    }
}
