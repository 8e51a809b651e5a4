/**
 * The JSON the Pulumi CLI prints for `pulumi preview --json` and `pulumi refresh --preview-only --json`:
 * a `PreviewDigest`. Field names follow Pulumi's source, `sdk/go/common/display` (`PreviewDigest`,
 * `PreviewStep`, `PropertyDiff`, `PreviewDiagnostic`) and `sdk/go/common/apitype` (`ResourceV3`), as
 * rendered by `ShowPreviewDigest` in `pkg/backend/display/json.go`.
 */

/** A resource's state as the digest carries it (`apitype.ResourceV3`); secrets read `"[secret]"`. */
export interface ResourceState {
    readonly urn: string;
    readonly custom?: boolean;
    readonly delete?: boolean;
    readonly id?: string;
    readonly type: string;
    readonly inputs?: Record<string, unknown>;
    readonly outputs?: Record<string, unknown>;
    readonly parent?: string;
    readonly protect?: boolean;
    readonly external?: boolean;
    readonly provider?: string;
}

/** One property's difference (`display.PropertyDiff`): `kind` is add, add-replace, delete, delete-replace, update or update-replace. */
export interface PropertyDiff {
    readonly kind: string;
    readonly inputDiff: boolean;
}

/**
 * One step the engine plans (`display.PreviewStep`). `op` is a `StepOp`: same, create, update, delete,
 * replace, create-replacement, delete-replaced, read, read-replacement, refresh, discard, discard-replaced,
 * remove-pending-replace, import or import-replacement.
 */
export interface PreviewStep {
    readonly op: string;
    readonly urn: string;
    readonly provider?: string;
    readonly oldState?: ResourceState;
    readonly newState?: ResourceState;
    readonly diffReasons?: readonly string[];
    readonly replaceReasons?: readonly string[];
    readonly detailedDiff?: Readonly<Record<string, PropertyDiff>> | null;
}

/** A warning or error the engine reported (`display.PreviewDiagnostic`). */
export interface PreviewDiagnostic {
    readonly urn?: string;
    readonly prefix?: string;
    readonly message?: string;
    /** debug, info, infoerr, warning or error. */
    readonly severity?: string;
}

/** The whole document (`display.PreviewDigest`). Every field is `omitempty` except inside steps. */
export interface PreviewDigest {
    readonly config?: Readonly<Record<string, string>>;
    readonly steps?: readonly PreviewStep[];
    readonly diagnostics?: readonly PreviewDiagnostic[];
    /** Nanoseconds (a Go `time.Duration`). */
    readonly duration?: number;
    /** Count per step op. */
    readonly changeSummary?: Readonly<Record<string, number>>;
    readonly maybeCorrupt?: boolean;
}

/**
 * What Pulumi serialises for a value that is not known until the deployment runs: the engine writes
 * `computedValuePlaceholder` for every computed property value (`SerializePropertyValue` in
 * pulumi/pulumi `pkg/resource/stack/deployment.go`), which is what a preview's `newState` carries
 * for an object id Entra ID has not assigned yet. The Node.js SDK names the same constant
 * `unknownValue` (`@pulumi/pulumi/runtime/rpc.d.ts`). A list built with `pulumi.all(...)` from an
 * unknown value is itself unknown as a whole (`serializeProperty` in `runtime/rpc.js` sends
 * `unknownValue` for any Output that is not known); a list of Outputs holds the placeholder only in
 * the entries that are unknown.
 */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** What the JSON display prints in place of a secret value (`massagePropertyValue`, `json.go`). */
export const SECRET_VALUE = "[secret]";

/** The input is not a Pulumi preview digest; the message says what was wrong. */
export class DigestError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "DigestError";
    }
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Parses the CLI's JSON output and checks the fields the summary reads, so a wrong file fails with a
 * message instead of an empty report.
 */
export function parseDigest(text: string): PreviewDigest {
    if (text.trim() === "") {
        throw new DigestError("the input is empty; pass the output of `pulumi preview --json` or a file holding it");
    }
    let doc: unknown;
    try {
        doc = JSON.parse(text);
    } catch (e) {
        throw new DigestError(
            `the input is not JSON (${(e as Error).message}); pass what \`pulumi preview --json\` printed on stdout, not its log`,
        );
    }
    if (!isObject(doc)) {
        throw new DigestError("the input is not a Pulumi preview digest: expected a JSON object with `steps`");
    }
    if (doc.steps !== undefined) {
        if (!Array.isArray(doc.steps)) {
            throw new DigestError("`steps` must be an array");
        }
        doc.steps.forEach((step: unknown, k: number) => {
            if (!isObject(step) || typeof step.op !== "string" || typeof step.urn !== "string") {
                throw new DigestError(`steps[${k}] has no \`op\` and \`urn\`; is this Pulumi's JSON output?`);
            }
        });
    }
    if (doc.changeSummary !== undefined && !isObject(doc.changeSummary)) {
        throw new DigestError("`changeSummary` must be an object of counts");
    }
    return doc as PreviewDigest;
}
