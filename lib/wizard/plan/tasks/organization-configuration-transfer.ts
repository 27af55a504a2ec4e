import { objectKind } from "@/lib/exchange/object-catalog";
import type { PolicyObject } from "@/lib/wizard/gather/gathered-policies";
import type { OnlineState, OnPremisesState } from "@/lib/wizard/gather/gathered-state";
import { sameValue } from "../compare-values";
import type { PlanContext } from "../plan-context";
import { findNamed, planObject } from "../plan-object";
import type { PlanTaskStep } from "../plan-task";
import type { PlanOperation, PlanValue } from "../plan-types";

// Organization Configuration Transfer: the on-premises Outlook on the web, mobile device and
// retention policies (tags first, then the policies that link them) are created in Exchange Online
// where the tenant has no policy of that name. A policy the tenant already has by that name is left
// as it is, as the HCW's transfer did from its first release: the plan says which of its settings
// differ, and the admin decides in Exchange Online. Created policies are never made the tenant's
// default.

type PolicyList = keyof Pick<
  OnPremisesState & OnlineState,
  "owaMailboxPolicies" | "mobileDeviceMailboxPolicies" | "retentionPolicyTags" | "retentionPolicies"
>;

interface PolicyKind {
  kind: string;
  list: PolicyList;
  /** How a person calls it, in the plan's notes. */
  words: string;
  /** New- takes the settings (else New- then Set-, as for Outlook on the web policies). */
  settingsAtCreation: boolean;
}

const OWA: PolicyKind = {
  kind: "OwaMailboxPolicy",
  list: "owaMailboxPolicies",
  words: "Outlook on the web policy",
  settingsAtCreation: false,
};
const MOBILE: PolicyKind = {
  kind: "MobileDeviceMailboxPolicy",
  list: "mobileDeviceMailboxPolicies",
  words: "mobile device policy",
  settingsAtCreation: true,
};
const TAG: PolicyKind = {
  kind: "RetentionPolicyTag",
  list: "retentionPolicyTags",
  words: "retention tag",
  settingsAtCreation: true,
};
const RETENTION: PolicyKind = {
  kind: "RetentionPolicy",
  list: "retentionPolicies",
  words: "retention policy",
  settingsAtCreation: true,
};

/** The copied settings the policy has; an unset one is left to Exchange Online's default. */
function copiedSettings(kind: PolicyKind, policy: PolicyObject): Record<string, PlanValue> {
  const settings: Record<string, PlanValue> = {};
  for (const setting of objectKind(kind.kind).compared) {
    const value = policy[setting];
    if (value !== null && value !== undefined) settings[setting] = value as PlanValue;
  }
  return settings;
}

function differences(wanted: Record<string, PlanValue>, cloud: PolicyObject): string[] {
  return Object.keys(wanted).filter((setting) => !sameValue(setting, cloud[setting], wanted[setting]!));
}

function transfer(
  context: PlanContext,
  kind: PolicyKind,
  dependsOn: (policy: PolicyObject) => string[] = () => [],
): PlanOperation[] {
  const cloudPolicies = context.gathered.online[kind.list];
  return context.gathered.onPremises[kind.list].flatMap((policy) => {
    const cloud = findNamed(cloudPolicies, [policy.Name]);
    const wanted = copiedSettings(kind, policy);
    if (cloud) {
      const differing = differences(wanted, cloud);
      if (differing.length > 0) {
        context.notes.push(
          `The ${kind.words} ${cloud.Name} already exists in Exchange Online with other values (${differing.join(", ")}): Organization Configuration Transfer leaves it as it is. Change it in Exchange Online if the on-premises values should apply.`,
        );
      }
    }
    if (!cloud && policy.IsDefault) {
      context.notes.push(
        `The ${kind.words} ${policy.Name} is the default on-premises; its copy in Exchange Online is not made the default there, since that would change every cloud mailbox's policy.`,
      );
    }
    return planObject({
      task: "OrganizationConfigurationTransfer",
      side: "Online",
      kind: kind.kind,
      existing: cloud,
      identity: cloud?.Name ?? policy.Name,
      creation: { Name: policy.Name },
      settingsAtCreation: kind.settingsAtCreation,
      // An existing policy is compared with nothing: it is never overwritten.
      wanted: cloud ? {} : wanted,
      dependsOn: dependsOn(policy),
    });
  });
}

export const planOrganizationConfigurationTransfer: PlanTaskStep = (context) => {
  if (!context.answers.features.organizationConfigurationTransfer) return [];
  const tags = transfer(context, TAG);
  const tagOperation = new Map(tags.map((operation) => [operation.identity.toLowerCase(), operation.id]));
  return [
    ...transfer(context, OWA),
    ...transfer(context, MOBILE),
    ...tags,
    // A policy links its tags by name: the ones this task creates must exist first.
    ...transfer(context, RETENTION, (policy) =>
      (policy.RetentionPolicyTagLinks as string[]).flatMap((name) => {
        const id = tagOperation.get(name.toLowerCase());
        return id ? [id] : [];
      }),
    ),
  ];
};
