/**
 * The information-barrier runbook. Segments and policies live in Microsoft Purview and are set
 * only with Security & Compliance PowerShell, which Pulumi cannot drive; the stack therefore
 * sets the attribute the segments filter on (`department` of every service account) and
 * generates this script from the same validated config.
 *
 * Cmdlets: New-/Set-OrganizationSegment (-Name/-Identity, -UserGroupFilter),
 * New-/Set-InformationBarrierPolicy (-Name/-Identity, -AssignedSegment, -SegmentsAllowed, -State),
 * Start-InformationBarrierPoliciesApplication; learn.microsoft.com/powershell/module/exchange.
 */
import type { StackConfig } from "../config/types";
import { POLICY_NAME_PREFIX, policyName } from "../naming";
import { opathEquals, psArray, psComment, psQuote } from "./powershell";

/** One information-barrier segment with its allow policy. */
export interface BarrierSegment {
    /** Segment name, as in config. */
    readonly name: string;
    /** OPATH filter that selects the segment's users. */
    readonly filter: string;
    /** Whether `filter` comes from `experts.segmentFilter` rather than the Department default. */
    readonly customFilter: boolean;
    /** The experts' segment, or the vendor it belongs to. */
    readonly owner:
        | { readonly kind: "experts" }
        | { readonly kind: "vendor"; readonly id: string; readonly name: string; readonly serviceAccounts: number };
    /** Whether the owning vendor is suspended (its policy then allows only itself). */
    readonly suspended: boolean;
    /** Name of the segment's allow policy. */
    readonly policy: string;
    /** Segments the policy allows, the segment itself first. */
    readonly allowed: readonly string[];
}

/**
 * The segments and allow policies the config describes. A vendor's policy allows itself and
 * the segments in its `canTalkTo`; the experts' policy allows every vendor that lists the
 * experts. A suspended vendor keeps its segment, but its policy allows only itself and no
 * other policy lists it: like its guests leaving the experts' team, it is cut off until resumed.
 */
export function informationBarrierSegments(config: StackConfig): BarrierSegment[] {
    const experts = config.experts.segment;
    const canonical = new Map<string, string>([[experts.toLowerCase(), experts]]);
    const activeSegments = new Set<string>([experts.toLowerCase()]);
    for (const v of config.vendors) {
        canonical.set(v.segment.toLowerCase(), v.segment);
        if (v.state === "active") {
            activeSegments.add(v.segment.toLowerCase());
        }
    }
    const allowedList = (own: string, others: readonly string[]): string[] => {
        const seen = new Set([own.toLowerCase()]);
        const list = [own];
        for (const other of others) {
            const key = other.toLowerCase();
            if (!seen.has(key) && activeSegments.has(key)) {
                seen.add(key);
                list.push(canonical.get(key) ?? other);
            }
        }
        return list;
    };
    const listsExperts = (canTalkTo: readonly string[]) =>
        canTalkTo.some((s) => s.toLowerCase() === experts.toLowerCase());

    const expertsSegment: BarrierSegment = {
        name: experts,
        filter: config.experts.segmentFilter ?? opathEquals("Department", experts),
        customFilter: config.experts.segmentFilter !== undefined,
        owner: { kind: "experts" },
        suspended: false,
        policy: policyName(experts),
        allowed: allowedList(
            experts,
            config.vendors.filter((v) => listsExperts(v.canTalkTo)).map((v) => v.segment),
        ),
    };
    const vendorSegments = config.vendors.map((v): BarrierSegment => ({
        name: v.segment,
        filter: opathEquals("Department", v.segment),
        customFilter: false,
        owner: { kind: "vendor", id: v.id, name: v.name, serviceAccounts: v.serviceAccounts.length },
        suspended: v.state === "suspended",
        policy: policyName(v.segment),
        allowed: v.state === "active" ? allowedList(v.segment, v.canTalkTo) : [v.segment],
    }));
    return [expertsSegment, ...vendorSegments];
}

/** What a runbook's header names: the stack and the host tenant. */
export interface RunbookContext {
    /** Stack name, e.g. `dev`. */
    readonly stack: string;
}

function segmentComment(s: BarrierSegment): string {
    if (s.owner.kind === "experts") {
        return s.customFilter
            ? `Segment ${s.name}: the host tenant's experts (experts.segmentFilter).`
            : `Segment ${s.name}: the host tenant's experts, by Department; set experts.segmentFilter if their Department is not ${s.name}.`;
    }
    const vendor = `${s.owner.name}${s.suspended ? " (suspended)" : ""}`;
    return s.owner.serviceAccounts > 0
        ? `Segment ${s.name}: the service accounts of ${vendor}, by the Department the stack sets on them (guests have none).`
        : `Segment ${s.name}: ${vendor} has no service accounts and guests have no Department, so nobody is in it yet.`;
}

function segmentBlock(s: BarrierSegment): string[] {
    const name = psQuote(s.name);
    const filter = psQuote(s.filter);
    return [
        `# ${psComment(segmentComment(s))}`,
        `if (-not $segments.ContainsKey(${name})) {`,
        `    New-OrganizationSegment -Name ${name} -UserGroupFilter ${filter} | Out-Null`,
        `    Write-Host ${psQuote(`Created segment ${s.name}`)}`,
        `} elseif ($segments[${name}].UserGroupFilter -ne ${filter}) {`,
        `    Set-OrganizationSegment -Identity ${name} -UserGroupFilter ${filter} | Out-Null`,
        `    Write-Host ${psQuote(`Updated segment ${s.name}`)}`,
        `}`,
    ];
}

function policyBlock(s: BarrierSegment): string[] {
    const policy = psQuote(s.policy);
    const allowed = psArray(s.allowed);
    const others = s.allowed.slice(1);
    const comment = s.suspended
        ? `Policy for ${s.name}: suspended, so it may talk to nobody outside its segment.`
        : `Policy for ${s.name}: may talk to ${others.length === 0 ? "nobody outside its segment" : others.join(", ")}.`;
    return [
        `# ${psComment(comment)}`,
        `if (-not $policies.ContainsKey(${policy})) {`,
        `    New-InformationBarrierPolicy -Name ${policy} -AssignedSegment ${psQuote(s.name)} -SegmentsAllowed ${allowed} -State Active | Out-Null`,
        `    Write-Host ${psQuote(`Created policy ${s.policy}`)}`,
        `} elseif (Test-PolicyDiffers $policies[${policy}] ${psQuote(s.name)} ${allowed}) {`,
        `    Set-InformationBarrierPolicy -Identity ${policy} -SegmentsAllowed ${allowed} -State Active | Out-Null`,
        `    Write-Host ${psQuote(`Updated policy ${s.policy}`)}`,
        `}`,
    ];
}

/**
 * The information-barrier runbook for Security & Compliance PowerShell. Idempotent: it reads
 * every segment and policy once, creates what is missing, updates what differs, and warns
 * about policies of this stack that the config no longer has (it never deletes).
 */
export function informationBarriersScript(config: StackConfig, context: RunbookContext): string {
    const segments = informationBarrierSegments(config);
    const known = psArray(segments.map((s) => s.policy));
    const lines = [
        `# Information barriers for ${psComment(config.tenant.name)} (${config.tenant.domain}), generated by the remote-assist-tenancy stack ${psComment(context.stack)}.`,
        "# Change the stack config and regenerate this script; do not edit it.",
        "#",
        "# Prerequisites, once per tenant (see the README, Runbooks):",
        "#   - Scoped directory search is on in Teams (Teams admin center > Teams settings > Search by name),",
        "#     and the tenant has no Exchange address book policies.",
        "#   - Every user in a segment has an Exchange Online plan; check that the vendors' license bundles",
        "#     include one (e.g. EXCHANGEDESKLESS) before you rely on these barriers.",
        "#   - Audit logging is on, and admin consent for information barriers in Teams is granted.",
        "#   - You hold the Compliance Administrator (or IB Compliance Management) role and ran",
        "#     Connect-IPPSSession from the ExchangeOnlineManagement module.",
        "#",
        "# Safe to re-run: it creates what is missing, updates what differs and deletes nothing.",
        "",
        "$ErrorActionPreference = 'Stop'",
        "if (-not (Get-Command New-OrganizationSegment -ErrorAction SilentlyContinue)) {",
        "    throw 'Connect to Security & Compliance PowerShell first: Connect-IPPSSession'",
        "}",
        "",
        "# Get-OrganizationSegment -Identity returns every segment when the name does not exist, so",
        "# existing segments and policies are read once and looked up by name (case-insensitive).",
        "$segments = @{}",
        "Get-OrganizationSegment | ForEach-Object { $segments[$_.Name] = $_ }",
        "$policies = @{}",
        "Get-InformationBarrierPolicy | ForEach-Object { $policies[$_.Name] = $_ }",
        "",
        "function Test-PolicyDiffers($Policy, [string] $Segment, [string[]] $Allowed) {",
        "    if ($Policy.AssignedSegment -ne $Segment) {",
        '        throw "Policy $($Policy.Name) is assigned to $($Policy.AssignedSegment), not $Segment; rename or remove it by hand"',
        "    }",
        '    $current = (@($Policy.SegmentsAllowed | ForEach-Object { "$_" }) | Sort-Object) -join "`n"',
        '    $wanted = (@($Allowed) | Sort-Object) -join "`n"',
        "    return ($current -ne $wanted) -or (\"$($Policy.State)\" -ne 'Active')",
        "}",
        "",
        ...segments.flatMap((s) => [...segmentBlock(s), ""]),
        ...segments.flatMap((s) => [...policyBlock(s), ""]),
        "# Policies this stack made earlier for segments it no longer has; remove them by hand when",
        "# offboarding (Set-InformationBarrierPolicy -State Inactive, then Remove-InformationBarrierPolicy).",
        `$known = ${known}`,
        `foreach ($name in @($policies.Keys | Where-Object { $_ -like ${psQuote(`${POLICY_NAME_PREFIX}*`)} -and $known -notcontains $_ })) {`,
        '    Write-Warning "Policy $name is not in the stack config"',
        "}",
        "",
        "# Applies every active policy; it runs in the background and can take hours for a large tenant.",
        "Start-InformationBarrierPoliciesApplication | Out-Null",
        "Write-Host 'Started applying information-barrier policies; check with Get-InformationBarrierPoliciesApplicationStatus'",
    ];
    return `${lines.join("\n")}\n`;
}
