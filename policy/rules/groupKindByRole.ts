import {
    EXPERTS_SEGMENT_NICKNAME,
    LICENSE_GROUP_NICKNAME_PREFIX,
    SEGMENT_GROUP_NICKNAME_PREFIX,
    SERVICE_ACCOUNTS_GROUP_NICKNAME,
} from "../../naming";
import { GROUPS } from "../resourceTypes";
import { resourcePolicy } from "../verdict";

type Role = "license" | "segment";

/** Type token of a vendor's license group component (components/licenseGroup.ts). */
export const LICENSE_GROUP_COMPONENT = "remote-assist-tenancy:vendor:LicenseGroup";

/**
 * The group's role, from the mail nickname naming.ts gives it, or, for a license group adopted from
 * the tenant with the nickname it had (`existing.licenseGroup`), from its parent: the URN's type part
 * lists the parents' types, and a license group's is the LicenseGroup component (the engine's URNs,
 * offline/mocks.ts `engineUrn`). Undefined for a group of no role.
 */
function roleOf(mailNickname: unknown, urn: string): Role | undefined {
    const nickname = typeof mailNickname === "string" ? mailNickname : "";
    const parents = (urn.split("::")[2] ?? "").split("$").slice(0, -1);
    if (nickname.startsWith(LICENSE_GROUP_NICKNAME_PREFIX) || parents.at(-1) === LICENSE_GROUP_COMPONENT) {
        return "license";
    }
    if (
        nickname.startsWith(SEGMENT_GROUP_NICKNAME_PREFIX) ||
        nickname === EXPERTS_SEGMENT_NICKNAME ||
        nickname === SERVICE_ACCOUNTS_GROUP_NICKNAME
    ) {
        return "segment";
    }
    return undefined;
}

function licenseProblems(props: Readonly<Record<string, unknown>>): string[] {
    const problems: string[] = [];
    if (props.securityEnabled !== true) {
        problems.push(
            `securityEnabled is ${JSON.stringify(props.securityEnabled)}; a license group must be a security group`,
        );
    }
    if (props.mailEnabled === true || (Array.isArray(props.types) && props.types.includes("Unified"))) {
        problems.push(
            "a license group must not be a Microsoft 365 group: it would bring a mailbox, a site and self-service joining",
        );
    }
    return problems;
}

/**
 * Purview evaluates MemberOf only for Microsoft 365 groups ("Only Modern Groups are currently
 * supported in IB and Distribution Lists/Security Groups are treated as non-IB groups"), and a
 * Public one lets anyone join it, and so join the segment.
 */
function segmentProblems(props: Readonly<Record<string, unknown>>): string[] {
    const problems: string[] = [];
    if (!(Array.isArray(props.types) && props.types.includes("Unified")) || props.mailEnabled !== true) {
        problems.push(
            'a segment group must be a mail-enabled Microsoft 365 group (types ["Unified"], mailEnabled true): Purview treats security groups as non-IB groups, so MemberOf of one matches nobody',
        );
    }
    if (props.securityEnabled !== true) {
        problems.push(
            `securityEnabled is ${JSON.stringify(props.securityEnabled)}; a segment group must be security-enabled`,
        );
    }
    if (props.visibility !== "Private") {
        problems.push(
            `visibility is ${JSON.stringify(props.visibility)}; a segment group must be Private, since anyone may join a Public Microsoft 365 group and so its segment`,
        );
    }
    return problems;
}

/** A group is the kind its role needs: license groups are security groups, segment groups private Microsoft 365 groups. */
export const groupKindByRole = resourcePolicy(
    {
        name: "group-kind-by-role",
        description:
            "License groups are security groups; information-barrier segment groups are private, security-enabled Microsoft 365 groups.",
        severity: "high",
        remediationSteps:
            "Create license groups with components/securityGroup.ts and segment groups with components/segmentGroup.ts.",
    },
    {
        appliesTo: GROUPS,
        problems: ({ props, urn }) => {
            switch (roleOf(props.mailNickname, urn)) {
                case "license":
                    return licenseProblems(props);
                case "segment":
                    return segmentProblems(props);
                default:
                    return [
                        `mailNickname ${JSON.stringify(props.mailNickname)} names no group of this stack (ra-license-…, ra-segment-…, ${EXPERTS_SEGMENT_NICKNAME}, ${SERVICE_ACCOUNTS_GROUP_NICKNAME}); create groups through naming.ts and the components`,
                    ];
            }
        },
    },
);
