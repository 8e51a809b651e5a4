/**
 * Turns the steps of a `pulumi preview --json` digest into tenant changes in the domain's words:
 * service accounts added, disabled, re-enabled or deleted; passwords rotated; guests invited or
 * removed; members joining or leaving license and segment groups; license bundle changes.
 */
import { KNOWN_SERVICE_PLANS, knownSkuById } from "../licensing/skuCatalogue";
import { PreviewDigest, PreviewStep, UNKNOWN_VALUE } from "./digest";
import { code, joinWords, plural } from "./markdown";
import {
    changedKeys,
    isKnown,
    Labels,
    latest,
    latestString,
    listDelta,
    prop,
    Section,
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
        return "(known after deployment)";
    }
    return isKnown(value) ? code(value) : "(secret)";
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
    const upn = latestString(s.step, "userPrincipalName") ?? s.name;
    const who = `service account ${code(upn)}`;
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
            return [change("account", `${who} is **deleted**: ${DATA_LOSS}`, true)];
        case "replace":
            return [
                change(
                    "account",
                    `${who} is **replaced** ${reasons(s.step)}: the existing user is deleted with its data and re-created with a new object id`,
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

const describeCredential: Describer = (s, op, ctx) => {
    const vault = latestString(s.step, "vaultName") ?? "?";
    const secret = latestString(s.step, "secretName") ?? s.name;
    const where = code(`${vault}/${secret}`);
    const tags = latest(s.step, "tags");
    const upn =
        typeof tags === "object" && tags !== null ? (tags as Record<string, unknown>).userPrincipalName : undefined;
    const who =
        typeof upn === "string"
            ? `service account ${code(upn)}`
            : accountWords(componentName(s.name, "-credential"), ctx);
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
                    `stored password of ${who} is **deleted** from Key Vault ${where}: the holder's credential is gone from the vault`,
                    true,
                ),
            ];
        case "replace":
            return [
                change("credential", `Key Vault secret ${where} of ${who} is **replaced** ${reasons(s.step)}`, true),
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

const GROUP_WORDS: Record<
    GroupRole,
    { noun: string; joins: string; leaves: string; loss: string; afterDelete: string }
> = {
    license: {
        noun: "License group",
        joins: "gets a Remote Assist license",
        leaves: "frees a seat",
        loss: "its members lose their Remote Assist licenses",
        afterDelete: GONE_FOR_GOOD,
    },
    segment: {
        noun: "Segment group",
        joins: "joins the vendor's information-barrier segment",
        leaves: "leaves the segment",
        loss: "the information-barrier segment built on it matches nobody",
        afterDelete: RESTORABLE,
    },
    experts: {
        noun: "Experts' segment group",
        joins: "joins the experts' segment",
        leaves: "leaves the experts' segment",
        loss: "the experts' information-barrier segment matches nobody",
        afterDelete: RESTORABLE,
    },
    serviceAccounts: {
        noun: "Service accounts' group",
        joins: "is kept out of the internal segment",
        leaves: "is no longer kept out of the internal segment",
        loss: "the internal segment no longer excludes the service accounts, which would be in two segments",
        afterDelete: RESTORABLE,
    },
    other: {
        noun: "Group",
        joins: "joins",
        leaves: "leaves",
        loss: "its members lose what it grants",
        afterDelete: GONE_FOR_GOOD,
    },
};

/** How to call a member the digest cannot name: the experts are existing host users by design. */
function strangerWords(role: GroupRole): string {
    return role === "experts" ? "an existing host-tenant user" : "not managed by this stack";
}

function membersIn(state: PreviewStep["oldState"]): string[] {
    return stringList(prop(state, "members"));
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
    const name = code(latestString(s.step, "displayName") ?? s.name);
    const lower = words.noun.charAt(0).toLowerCase() + words.noun.slice(1);
    switch (op) {
        case "create":
        case "import":
            return [
                change(
                    role === "license" ? "license" : "segment",
                    `${words.noun} ${name} created with ${plural(membersIn(s.step.newState).length, "member")}`,
                ),
            ];
        case "delete":
            return [
                change(
                    role === "license" ? "license" : "segment",
                    `${lower} ${name} is **deleted**: ${words.loss}; ${words.afterDelete}`,
                    true,
                ),
            ];
        case "replace":
            return [
                change(
                    role === "license" ? "license" : "segment",
                    `${lower} ${name} is **replaced** ${reasons(s.step)}: it is deleted and re-created with a new object id, and ${words.loss} until the new group is in place`,
                    true,
                ),
            ];
        case "update": {
            const category: Category = role === "license" ? "license" : "segment";
            const out: Omit<Change, "section">[] = [];
            const { added, removed } = listDelta(membersIn(s.step.oldState), membersIn(s.step.newState));
            if (added.length) {
                out.push(
                    change(category, `Joining ${lower} ${name} (${words.joins}): ${newMembers(s, added, role, ctx)}`),
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
            const others: string[] = [];
            for (const key of changedKeys(s.step).filter((k) => k !== "members")) {
                if (key === "displayName" && role !== "license") {
                    out.push(change("segment", `Segment renamed: ${transition(s.step, key)}`));
                } else if (key === "description" && role === "license") {
                    const bundle = (state: PreviewStep["oldState"]) =>
                        /\(([^)]+)\)/.exec(String(prop(state, key) ?? ""))?.[1];
                    const [before, after] = [bundle(s.step.oldState), bundle(s.step.newState)];
                    out.push(
                        before !== after && before && after
                            ? change(
                                  "bundle",
                                  `License group ${name} now grants bundle ${code(after)} instead of ${code(before)}`,
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
    const email = code(latestString(s.step, "userEmailAddress") ?? s.name);
    switch (op) {
        case "create":
        case "import":
            return [change("guest", `Guest ${email} invited`)];
        case "delete":
            return [
                change(
                    "guest",
                    `guest ${email} is **removed**: the guest user is deleted with their chats and team membership (offboarding)`,
                    true,
                ),
            ];
        case "replace":
            return [
                change(
                    "guest",
                    `guest ${email} is **re-invited** ${reasons(s.step)}: replacing an invitation deletes the existing guest user with their chats and team membership`,
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

const describeLicenseAssignment: Describer = (s, op) => {
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
        case "delete":
            return [
                change(
                    "bundle",
                    `license bundle is **removed** from the license group: its members lose ${list(before)}`,
                    true,
                ),
            ];
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
                    "Service principal of Microsoft's information-barriers app for Teams declared (adopted when the tenant has it); grant it admin consent once (README, Permissions)",
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
        case "delete":
            return [change("other", `${what} is **deleted**`, true)];
        case "replace":
            return [change("other", `${what} is **replaced** ${reasons(s.step)}`, true)];
    }
};

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
    const ctx: Context = { vendors: new VendorDirectory(digest, all), labels: new Labels(all), subjects: planned };
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
