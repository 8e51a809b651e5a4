/**
 * Turns the steps of a `pulumi preview --json` digest into tenant changes in the domain's words:
 * service accounts added, disabled, re-enabled or deleted; passwords rotated; guests invited or
 * removed; members joining or leaving license and segment groups; license bundle changes.
 */
import { KNOWN_SERVICE_PLANS, knownSkuById } from "../licensing/skuCatalogue";
import { PreviewDigest, PreviewStep, UNKNOWN_VALUE } from "./digest";
import { code, joinWords, KNOWN_AFTER_DEPLOYMENT, plural } from "./markdown";
import {
    changedKeys,
    groupNames,
    isKnown,
    Labels,
    latest,
    latestString,
    listDelta,
    prop,
    Section,
    stringIn,
    stringList,
    Subject,
    subjectsOf,
    VendorDirectory,
} from "./model";
import { COMPONENT_PREFIX, PROVIDER_PREFIX, TYPES } from "./types";

/** What a change is about; reports list a section's changes in this order. */
export const CATEGORIES = [
    "vendor",
    "account",
    "password",
    "credential",
    "guest",
    "team",
    "license",
    "bundle",
    "segment",
    "federation",
    "other",
] as const;

/** What a change is about. */
export type Category = (typeof CATEGORIES)[number];

/** One tenant change, ready to print. */
export interface Change {
    readonly section: Section;
    readonly category: Category;
    /** One Markdown sentence. */
    readonly text: string;
    /** Deletes and replacements that lose users, data or groups: reports call these out first. */
    readonly destructive: boolean;
}

/** The operation a step performs on the tenant, or undefined when it changes nothing there. */
export type Operation = "create" | "update" | "delete" | "replace" | "import";

/**
 * What a step does. With `--show-replacement-steps` a replacement shows as create-replacement plus
 * delete-replaced; the first stands for the replacement and the second is dropped so it is told once.
 */
export function operationOf(op: string): Operation | undefined {
    switch (op) {
        case "create":
        case "update":
        case "delete":
        case "replace":
        case "import":
            return op;
        case "create-replacement":
        case "import-replacement":
            return "replace";
        default:
            return undefined;
    }
}

/**
 * The steps a preview plans. `pulumi preview --refresh` also lists the refresh of every resource
 * (op `refresh`, or `update`/`delete` where the refresh found drift) before the plan, so a resource
 * can appear twice; its last step is the planned one.
 */
export function plannedSteps(steps: readonly PreviewStep[]): PreviewStep[] {
    const last = new Map<string, PreviewStep>();
    for (const step of steps) {
        if (step.op !== "refresh") {
            last.set(step.urn, step);
        }
    }
    return [...last.values()];
}

interface Context {
    readonly vendors: VendorDirectory;
    readonly labels: Labels;
    /** Every subject in the digest, for cross-references (a password and its account's user). */
    readonly subjects: readonly Subject[];
    /** Group display names by object id, old and new: a license assignment names its group by id. */
    readonly groups: ReadonlyMap<string, string>;
}

type Describer = (s: Subject, op: Operation, ctx: Context) => Omit<Change, "section">[];

function reasons(step: PreviewStep): string {
    const keys = step.replaceReasons?.length ? [...step.replaceReasons] : changedKeys(step);
    return keys.length ? `because ${joinWords(keys.map(code))} changed` : "as the provider requires";
}

function change(category: Category, textValue: string, destructive = false): Omit<Change, "section"> {
    return { category, text: textValue, destructive };
}

/** A value in words: secrets and values known only after deployment are never shown. */
export function shown(value: unknown): string {
    if (value === undefined || value === null) {
        return "(none)";
    }
    if (value === UNKNOWN_VALUE) {
        return KNOWN_AFTER_DEPLOYMENT;
    }
    return isKnown(value) ? code(value) : "(secret)";
}

/** ` (object id \`…\`)` for a state whose object id is known, so a deleted object can be found and restored. */
function objectIdOf(state: PreviewStep["oldState"], key = "objectId"): string {
    const id = stringIn(state, key) ?? (state?.id && isKnown(state.id) ? state.id : undefined);
    return id ? ` (object id ${code(id)})` : "";
}

/** A list of names, at most `limit` of them and how many more. */
function someOf(names: readonly string[], limit = 5): string {
    return names.length <= limit
        ? joinWords(names)
        : `${names.slice(0, limit).join(", ")} and ${names.length - limit} more`;
}

/** `\`DE\` → \`FR\``: a property's value before and after the step. */
function transition(step: PreviewStep, key: string): string {
    return `${shown(prop(step.oldState, key))} → ${shown(prop(step.newState, key))}`;
}

/** `usageLocation \`DE\` → \`FR\``. */
function attribute(step: PreviewStep, key: string): string {
    return `${code(key)} ${transition(step, key)}`;
}

/** The component a child belongs to, from its name: `contoso1-sa1-user` → `contoso1-sa1`. */
function componentName(name: string, suffix: string): string {
    return name.endsWith(suffix) ? name.slice(0, -suffix.length) : name;
}

/** Words for a service account from its component name, e.g. `contoso1-sa1`. */
function accountWords(account: string, ctx: Context): string {
    const upn = ctx.labels.accountUpn(account);
    if (upn) {
        return `service account ${code(upn)}`;
    }
    const vendor = ctx.vendors.idFor(account);
    return `service account ${code(vendor ? account.slice(vendor.length + 1) : account)}`;
}

/** The guest's email from a guest component's name (`contoso1-guest-carol@contoso1.com`). */
function guestEmail(component: string, ctx: Context): string {
    const vendor = ctx.vendors.idFor(component);
    const prefix = vendor ? `${vendor}-guest-` : "";
    return prefix && component.startsWith(prefix) ? component.slice(prefix.length) : component;
}

function hasStep(ctx: Context, type: string, name: string, ops: readonly Operation[]): boolean {
    return ctx.subjects.some((s) => s.type === type && s.name === name && ops.includes(operationOf(s.op)!));
}

const DATA_LOSS = "the user and its data (mailbox, OneDrive files, Teams chats) are lost";

const describeUser: Describer = (s, op, ctx) => {
    const before = stringIn(s.step.oldState, "userPrincipalName");
    const after = stringIn(s.step.newState, "userPrincipalName");
    const upn = after ?? before ?? s.name;
    const who = `service account ${code(upn)}`;
    const lost = `service account ${code(before ?? upn)}`;
    switch (op) {
        case "create":
        case "import":
            return [
                change(
                    "account",
                    `Service account ${code(upn)} added${latest(s.step, "accountEnabled") === false ? ", disabled while the vendor is suspended" : ""}`,
                ),
            ];
        case "delete":
            return [
                change(
                    "account",
                    `${lost}${objectIdOf(s.step.oldState)} is **deleted**: ${DATA_LOSS}, unless the user is restored from Deleted users within 30 days`,
                    true,
                ),
            ];
        case "replace":
            return [
                change(
                    "account",
                    `${lost}${objectIdOf(s.step.oldState)} is **replaced** ${reasons(s.step)}: that user is deleted with its mailbox, OneDrive files and Teams chats, and ${after !== undefined && after !== before ? code(after) : "a new user"} is created in its place with a new object id ${KNOWN_AFTER_DEPLOYMENT}`,
                    true,
                ),
            ];
        case "update": {
            const out: Omit<Change, "section">[] = [];
            const keys = changedKeys(s.step);
            const attributes: string[] = [];
            for (const key of keys) {
                if (key === "accountEnabled") {
                    out.push(
                        prop(s.step.newState, key) === false
                            ? change("account", `Service account ${code(upn)} disabled: it can no longer sign in`)
                            : change("account", `Service account ${code(upn)} re-enabled: it can sign in again`),
                    );
                } else if (key === "password") {
                    const account = componentName(s.name, "-user");
                    if (!hasStep(ctx, TYPES.password, `${account}-password`, ["replace", "update", "create"])) {
                        out.push(change("password", `Password of ${who} changed`));
                    }
                } else {
                    attributes.push(attribute(s.step, key));
                }
            }
            if (attributes.length) {
                out.push(change("account", `Service account ${code(upn)} updated: ${attributes.join("; ")}`));
            }
            return out;
        }
    }
};

const describePassword: Describer = (s, op, ctx) => {
    const account = componentName(s.name, "-password");
    const who = accountWords(account, ctx);
    const rotation = (state: PreviewStep["oldState"]) => {
        const keepers = prop(state, "keepers");
        return typeof keepers === "object" && keepers !== null
            ? (keepers as Record<string, unknown>).rotation
            : undefined;
    };
    switch (op) {
        case "create":
        case "import":
            return hasStep(ctx, TYPES.user, `${account}-user`, ["create", "replace"])
                ? []
                : [change("password", `New password generated for ${who}`)];
        case "update":
        case "replace": {
            const before = rotation(s.step.oldState);
            const after = rotation(s.step.newState);
            const detail =
                before !== after && isKnown(after) ? ` (rotation ${code(before || "(none)")} → ${code(after)})` : "";
            return [change("password", `Password of ${who} rotated${detail}: hand the new one to its holder`)];
        }
        case "delete":
            return hasStep(ctx, TYPES.user, `${account}-user`, ["delete", "replace"])
                ? []
                : [change("password", `Password resource of ${who} removed`)];
    }
};

/** `vault/secret` of a Key Vault secret in one state, or undefined when the state has none. */
function vaultPath(state: PreviewStep["oldState"], fallback: string): string | undefined {
    if (!state) {
        return undefined;
    }
    return `${stringIn(state, "vaultName") ?? "?"}/${stringIn(state, "secretName") ?? fallback}`;
}

/** The service account a stored credential belongs to, from its tags in one state. */
function credentialOwner(state: PreviewStep["oldState"]): string | undefined {
    const tags = prop(state, "tags");
    const upn =
        typeof tags === "object" && tags !== null ? (tags as Record<string, unknown>).userPrincipalName : undefined;
    return typeof upn === "string" && isKnown(upn) ? upn : undefined;
}

const describeCredential: Describer = (s, op, ctx) => {
    const before = vaultPath(s.step.oldState, s.name);
    const after = vaultPath(s.step.newState, s.name);
    const where = code(after ?? before ?? s.name);
    const owner = (state: PreviewStep["oldState"]) => {
        const upn = credentialOwner(state);
        return upn ? `service account ${code(upn)}` : accountWords(componentName(s.name, "-credential"), ctx);
    };
    const who = owner(s.step.newState ?? s.step.oldState);
    switch (op) {
        case "create":
        case "import":
            return [change("credential", `Password of ${who} stored in Key Vault ${where}`)];
        case "update": {
            const keys = changedKeys(s.step);
            return keys.includes("properties")
                ? [change("credential", `New password of ${who} stored in Key Vault ${where}`)]
                : [change("credential", `Key Vault secret ${where} of ${who} updated: ${joinWords(keys.map(code))}`)];
        }
        case "delete":
            return [
                change(
                    "credential",
                    `stored password of ${owner(s.step.oldState)} is **deleted** from Key Vault ${code(before ?? s.name)}: the holder's credential is gone from the vault`,
                    true,
                ),
            ];
        case "replace":
            return [
                change(
                    "credential",
                    `stored password of ${owner(s.step.oldState)} in Key Vault ${code(before ?? s.name)} is **replaced** ${reasons(s.step)}: that secret is deleted, and the password is stored ${after !== undefined && after !== before ? `in ${code(after)}` : "again"}`,
                    true,
                ),
            ];
    }
};

type GroupRole = "license" | "segment" | "experts" | "serviceAccounts" | "other";

function groupRole(s: Subject): GroupRole {
    if (s.urn.typeChain.includes(TYPES.licenseGroup) || s.name.endsWith("-license-group")) {
        return "license";
    }
    if (s.urn.typeChain.includes(TYPES.expertsSegment)) {
        return "experts";
    }
    if (s.urn.typeChain.includes(TYPES.serviceAccountsGroup)) {
        return "serviceAccounts";
    }
    return s.name.endsWith("-segment") ? "segment" : "other";
}

/** A deleted security group is gone; a deleted Microsoft 365 group (the segment groups) can be restored for 30 days. */
const GONE_FOR_GOOD = "security groups are deleted permanently";
const RESTORABLE = "a deleted Microsoft 365 group can be restored for 30 days";

interface GroupWords {
    readonly noun: string;
    readonly joins: string;
    readonly leaves: string;
    /** What deleting the group loses, given its members in words ("" when it has none). */
    readonly loss: (members: string) => string;
    readonly afterDelete: string;
}

const GROUP_WORDS: Readonly<Record<GroupRole, GroupWords>> = {
    license: {
        noun: "License group",
        joins: "gets a Remote Assist license",
        leaves: "frees a seat",
        loss: (m) =>
            m ? `its members ${m} lose their Remote Assist licenses` : "it has no members, so no license is lost",
        afterDelete: GONE_FOR_GOOD,
    },
    segment: {
        noun: "Segment group",
        joins: "joins the vendor's information-barrier segment",
        leaves: "leaves the segment",
        loss: (m) =>
            `the information-barrier segment built on it matches nobody${m ? `, so its members ${m} fall out of the segment` : ""}`,
        afterDelete: RESTORABLE,
    },
    experts: {
        noun: "Experts' segment group",
        joins: "joins the experts' segment",
        leaves: "leaves the experts' segment",
        loss: (m) =>
            `the experts' information-barrier segment matches nobody${m ? `, so its members ${m} fall out of it` : ""}`,
        afterDelete: RESTORABLE,
    },
    serviceAccounts: {
        noun: "Service accounts' group",
        joins: "is kept out of the internal segment",
        leaves: "is no longer kept out of the internal segment",
        loss: (m) =>
            `the internal segment no longer excludes ${m ? `its members ${m}` : "the service accounts"}, which would be in two segments`,
        afterDelete: RESTORABLE,
    },
    other: {
        noun: "Group",
        joins: "joins",
        leaves: "leaves",
        loss: (m) => `its members${m ? ` ${m}` : ""} lose what it grants`,
        afterDelete: GONE_FOR_GOOD,
    },
};

/** How to call a member the digest cannot name: the experts are existing host users by design. */
function strangerWords(role: GroupRole): string {
    return role === "experts" ? "an existing host-tenant user" : "not managed by this stack";
}

/** A group's members in one state; undefined when the whole list is known only after deployment. */
function membersIn(state: PreviewStep["oldState"]): string[] | undefined {
    const members = prop(state, "members");
    return members === UNKNOWN_VALUE ? undefined : stringList(members);
}

/** A group's members before the step, in words: who loses what the group gives. */
function formerMembers(s: Subject, role: GroupRole, ctx: Context): string {
    return someOf((membersIn(s.step.oldState) ?? []).map((id) => ctx.labels.member(id, strangerWords(role))));
}

/**
 * Members joining a group, in words. Accounts created in the same change have no object id yet;
 * when their number matches the unknown ids, they are named (a license or segment group's new
 * members are the vendor's new service accounts), else counted.
 */
function newMembers(group: Subject, ids: readonly string[], role: GroupRole, ctx: Context): string {
    const known = ids.filter((id) => id !== UNKNOWN_VALUE).map((id) => ctx.labels.member(id, strangerWords(role)));
    const unknown = ids.length - known.length;
    if (unknown === 0) {
        return joinWords(known);
    }
    const vendor = ctx.vendors.idFor(group.name);
    const created = ctx.subjects.filter(
        (s) =>
            ["create", "replace"].includes(operationOf(s.op) ?? "") &&
            (role === "serviceAccounts" || (vendor !== undefined && ctx.vendors.idFor(s.name) === vendor)) &&
            s.type === TYPES.user,
    );
    const named = created.map((s) => `${code(latestString(s.step, "userPrincipalName") ?? s.name)} (new)`);
    return joinWords(
        named.length === unknown
            ? [...known, ...named]
            : [...known, `${plural(unknown, "account")} created in this change`],
    );
}

const describeGroup: Describer = (s, op, ctx) => {
    const role = groupRole(s);
    const words = GROUP_WORDS[role];
    const oldName = stringIn(s.step.oldState, "displayName");
    const newName = stringIn(s.step.newState, "displayName");
    const name = code(newName ?? oldName ?? s.name);
    const lostName = code(oldName ?? s.name);
    const lower = words.noun.charAt(0).toLowerCase() + words.noun.slice(1);
    const category: Category = role === "license" ? "license" : "segment";
    switch (op) {
        case "create":
        case "import": {
            const members = membersIn(s.step.newState);
            return [
                change(
                    category,
                    `${words.noun} ${name} created with ${members === undefined ? `members ${KNOWN_AFTER_DEPLOYMENT}` : plural(members.length, "member")}`,
                ),
            ];
        }
        case "delete":
            return [
                change(
                    category,
                    `${lower} ${lostName}${objectIdOf(s.step.oldState)} is **deleted**: ${words.loss(formerMembers(s, role, ctx))}; ${words.afterDelete}`,
                    true,
                ),
            ];
        case "replace":
            return [
                change(
                    category,
                    `${lower} ${lostName}${objectIdOf(s.step.oldState)} is **replaced** ${reasons(s.step)}: it is deleted and re-created${newName !== undefined && newName !== oldName ? ` as ${code(newName)}` : ""} with a new object id ${KNOWN_AFTER_DEPLOYMENT}, and until the new group is in place ${words.loss(formerMembers(s, role, ctx))}`,
                    true,
                ),
            ];
        case "update": {
            const out: Omit<Change, "section">[] = [];
            const after = membersIn(s.step.newState);
            if (after === undefined) {
                out.push(
                    change(
                        category,
                        `Members of ${lower} ${name} are known only after deployment: the list holds accounts this change creates or replaces`,
                    ),
                );
            } else {
                const { added, removed } = listDelta(membersIn(s.step.oldState) ?? [], after);
                if (added.length) {
                    out.push(
                        change(
                            category,
                            `Joining ${lower} ${name} (${words.joins}): ${newMembers(s, added, role, ctx)}`,
                        ),
                    );
                }
                if (removed.length) {
                    out.push(
                        change(
                            category,
                            `Leaving ${lower} ${name} (${words.leaves}): ${joinWords(removed.map((id) => ctx.labels.member(id, strangerWords(role))))}`,
                        ),
                    );
                }
            }
            const others: string[] = [];
            for (const key of changedKeys(s.step).filter((k) => k !== "members")) {
                if (key === "displayName" && role !== "license") {
                    // A vendor's segment group carries the segment's name; other groups are only renamed.
                    const what = role === "segment" ? "Segment" : words.noun;
                    out.push(change("segment", `${what} renamed: ${transition(s.step, key)}`));
                } else if (key === "description" && role === "license") {
                    const bundle = (state: PreviewStep["oldState"]) =>
                        /\(([^)]+)\)/.exec(String(prop(state, key) ?? ""))?.[1];
                    const [before, afterBundle] = [bundle(s.step.oldState), bundle(s.step.newState)];
                    out.push(
                        before !== afterBundle && before && afterBundle
                            ? change(
                                  "bundle",
                                  `License group ${name} now grants bundle ${code(afterBundle)} instead of ${code(before)}`,
                              )
                            : change(category, `${words.noun} ${name} updated: ${attribute(s.step, key)}`),
                    );
                } else {
                    others.push(attribute(s.step, key));
                }
            }
            if (others.length) {
                out.push(change(category, `${words.noun} ${name} updated: ${others.join("; ")}`));
            }
            return out;
        }
    }
};

const describeInvitation: Describer = (s, op) => {
    const before = stringIn(s.step.oldState, "userEmailAddress");
    const after = stringIn(s.step.newState, "userEmailAddress");
    const email = code(after ?? before ?? s.name);
    const lost = code(before ?? after ?? s.name);
    const guestUser = objectIdOf(s.step.oldState, "userId");
    switch (op) {
        case "create":
        case "import":
            return [change("guest", `Guest ${email} invited`)];
        case "delete":
            return [
                change(
                    "guest",
                    `guest ${lost} is **removed**: the guest user${guestUser} is deleted with their chats and team membership (offboarding)`,
                    true,
                ),
            ];
        case "replace":
            // The person who loses their guest account is the old address; the new one is invited afresh.
            return [
                change(
                    "guest",
                    `guest ${lost} is **re-invited** ${reasons(s.step)}: the guest user of ${lost}${guestUser} is deleted with their chats and team membership, and ${after !== undefined && after !== before ? code(after) : "the same address"} is invited in their place as a new guest user ${KNOWN_AFTER_DEPLOYMENT}`,
                    true,
                ),
            ];
        case "update":
            return [
                change(
                    "guest",
                    `Invitation of guest ${email} updated: ${changedKeys(s.step)
                        .map((k) => attribute(s.step, k))
                        .join("; ")}`,
                ),
            ];
    }
};

const describeTeamMember: Describer = (s, op, ctx) => {
    const email = code(guestEmail(componentName(s.name, "-team-member"), ctx));
    switch (op) {
        case "create":
        case "import":
            return [change("team", `Guest ${email} joins the experts' Teams team`)];
        case "delete":
            return [change("team", `Guest ${email} leaves the experts' Teams team`)];
        case "update":
        case "replace":
            return [change("team", `Team membership of guest ${email} is re-created ${reasons(s.step)}`)];
    }
};

/** One SKU of a license assignment, with the service plans switched off. */
export interface AssignedSku {
    readonly skuId: string;
    readonly disabledPlans: readonly string[];
}

/** The SKUs of a GroupLicense's `licenses` value, lower-cased; [] for anything else. */
export function assignedSkus(value: unknown): AssignedSku[] {
    if (!Array.isArray(value)) {
        return [];
    }
    return value
        .filter((x): x is Record<string, unknown> => typeof x === "object" && x !== null && typeof x.skuId === "string")
        .map((x) => ({
            skuId: String(x.skuId).toLowerCase(),
            disabledPlans: stringList(x.disabledPlans).map((p) => p.toLowerCase()),
        }));
}

function skusIn(state: PreviewStep["oldState"]): AssignedSku[] {
    return assignedSkus(prop(state, "licenses"));
}

/** A SKU in words: its part number when the catalogue knows it, else its GUID. */
export function skuName(skuId: string): string {
    return code(knownSkuById(skuId)?.partNumber ?? skuId);
}

/** A service plan in words: its name when the catalogue knows it, else its GUID. */
export function planName(planId: string): string {
    const id = planId.toLowerCase();
    return code(Object.values(KNOWN_SERVICE_PLANS).find((p) => p.id === id)?.name ?? planId);
}

/** The service plans of one SKU switched off and on between two lists of disabled plans, in words. */
export function planChanges(before: readonly string[], after: readonly string[]): { off: string[]; on: string[] } {
    const { added, removed } = listDelta(before, after);
    return { off: added.map(planName), on: removed.map(planName) };
}

/** A license group named by its object id: `license group \`RA License - Contoso2\``, with its members when the digest has them. */
function licenseGroupWords(groupId: string | undefined, ctx: Context): { name: string; members: string } {
    const name = groupId === undefined ? undefined : ctx.groups.get(groupId);
    const group = ctx.subjects.find(
        (x) => x.type === TYPES.group && groupId !== undefined && x.step.oldState?.id === groupId,
    );
    return {
        name: name === undefined ? "the license group" : `license group ${code(name)}`,
        members: group ? formerMembers(group, "license", ctx) : "",
    };
}

const describeLicenseAssignment: Describer = (s, op, ctx) => {
    const before = skusIn(s.step.oldState);
    const after = skusIn(s.step.newState);
    const list = (skus: readonly AssignedSku[]) =>
        joinWords(
            skus.map(
                (k) =>
                    `${skuName(k.skuId)}${k.disabledPlans.length ? ` (without ${joinWords(k.disabledPlans.map(planName))})` : ""}`,
            ),
        );
    switch (op) {
        case "create":
        case "import":
            return [change("bundle", `License bundle assigned to the license group: ${list(after)}`)];
        case "delete": {
            const group = licenseGroupWords(stringIn(s.step.oldState, "groupId"), ctx);
            return [
                change(
                    "bundle",
                    `license bundle is **removed** from ${group.name}: its members${group.members ? ` ${group.members}` : ""} lose ${list(before)}`,
                    true,
                ),
            ];
        }
        case "update":
        case "replace": {
            const parts: string[] = [];
            const ids = (skus: readonly AssignedSku[]) => skus.map((k) => k.skuId);
            const { added, removed } = listDelta(ids(before), ids(after));
            if (added.length) {
                parts.push(`adds ${list(after.filter((k) => added.includes(k.skuId)))}`);
            }
            if (removed.length) {
                parts.push(`removes ${joinWords(removed.map(skuName))}`);
            }
            for (const sku of after) {
                const old = before.find((k) => k.skuId === sku.skuId);
                const plans = old ? planChanges(old.disabledPlans, sku.disabledPlans) : { off: [], on: [] };
                const bits = [
                    ...(plans.off.length ? [`switches off ${joinWords(plans.off)}`] : []),
                    ...(plans.on.length ? [`switches on ${joinWords(plans.on)}`] : []),
                ];
                if (bits.length) {
                    parts.push(`for ${skuName(sku.skuId)} ${joinWords(bits)}`);
                }
            }
            return [
                change(
                    "bundle",
                    parts.length
                        ? `License bundle changes: ${parts.join("; ")}`
                        : `License assignment of the license group is re-applied ${reasons(s.step)}`,
                ),
            ];
        }
    }
};

const describeServicePrincipal: Describer = (_s, op) => {
    switch (op) {
        case "create":
        case "import":
            return [
                change(
                    "other",
                    "Service principal of Microsoft's information-barriers app for Teams declared (adopted when the tenant has it); grant it admin consent once (README, Permissions and prerequisites)",
                ),
            ];
        case "delete":
            return [
                change(
                    "other",
                    "Service principal of Microsoft's information-barriers app for Teams leaves the stack; it stays in the tenant (retainOnDelete)",
                ),
            ];
        default:
            return [];
    }
};

const describeVendor: Describer = (s, op) => {
    switch (op) {
        case "create":
        case "import":
            return [change("vendor", "New vendor in the stack")];
        case "delete":
            return [
                change(
                    "vendor",
                    `vendor ${code(s.name)} is **removed** from the stack: everything the stack made for it is deleted`,
                    true,
                ),
            ];
        default:
            return [];
    }
};

/** Any other resource (a type this summary does not know yet): what happens to it, in Pulumi's terms. */
const describeOther: Describer = (s, op) => {
    const what = `${code(s.type)} ${code(s.name)}`;
    switch (op) {
        case "create":
        case "import":
            return [change("other", `${what} created`)];
        case "update": {
            const keys = changedKeys(s.step);
            return [
                change(
                    "other",
                    `${what} updated${keys.length ? `: ${keys.map((k) => attribute(s.step, k)).join("; ")}` : ""}`,
                ),
            ];
        }
        case "delete": {
            const had = scalarInputs(s.step.oldState);
            return [
                change(
                    "other",
                    `${what}${idOf(s.step.oldState)} is **deleted**${had.length ? `: it had ${had.join(", ")}` : ""}`,
                    true,
                ),
            ];
        }
        case "replace": {
            const keys = s.step.replaceReasons?.length ? [...s.step.replaceReasons] : changedKeys(s.step);
            const why = keys.length
                ? `because ${keys.map((k) => `${code(k)} changed (${transition(s.step, k)})`).join(", ")}`
                : "as the provider requires";
            return [
                change(
                    "other",
                    `${what}${idOf(s.step.oldState)} is **replaced** ${why}: it is deleted and re-created with a new id ${KNOWN_AFTER_DEPLOYMENT}`,
                    true,
                ),
            ];
        }
    }
};

/** ` (id \`…\`)` of a state whose id is known. */
function idOf(state: PreviewStep["oldState"]): string {
    return state?.id && isKnown(state.id) ? ` (id ${code(state.id)})` : "";
}

/** A state's known text, number and true/false inputs as `\`key\` \`value\``, at most four: what a deleted resource held. */
function scalarInputs(state: PreviewStep["oldState"]): string[] {
    return Object.entries(state?.inputs ?? {})
        .filter(([k, v]) => !k.startsWith("__") && ["string", "number", "boolean"].includes(typeof v) && isKnown(v))
        .slice(0, 4)
        .map(([k, v]) => `${code(k)} ${code(v)}`);
}

function describerFor(s: Subject): Describer | undefined {
    switch (s.type) {
        case TYPES.user:
            return describeUser;
        case TYPES.password:
            return describePassword;
        case TYPES.credential:
            return describeCredential;
        case TYPES.group:
            return describeGroup;
        case TYPES.invitation:
            return describeInvitation;
        case TYPES.groupMember:
            return describeTeamMember;
        case TYPES.vendor:
            return describeVendor;
        case TYPES.licenseAssignment:
            return describeLicenseAssignment;
        case TYPES.servicePrincipal:
            return describeServicePrincipal;
        case TYPES.stack:
            return undefined;
        default:
            // The stack's other components only group their children, which tell the story.
            if (s.type.startsWith(COMPONENT_PREFIX) || s.type.startsWith(PROVIDER_PREFIX)) {
                return undefined;
            }
            return describeOther;
    }
}

/** Everything the preview would change in the tenant, in the order the steps came. */
export function previewChanges(digest: PreviewDigest): Change[] {
    const all = subjectsOf(digest.steps ?? []);
    const planned = subjectsOf(plannedSteps(digest.steps ?? []));
    const ctx: Context = {
        vendors: new VendorDirectory(digest, all),
        labels: new Labels(all),
        subjects: planned,
        groups: groupNames(all),
    };
    const changes: Change[] = [];
    for (const s of planned) {
        const op = operationOf(s.op);
        const describe = op ? describerFor(s) : undefined;
        if (op && describe) {
            const section = ctx.vendors.sectionOf(s);
            changes.push(...describe(s, op, ctx).map((c) => ({ ...c, section })));
        }
    }
    return changes;
}
