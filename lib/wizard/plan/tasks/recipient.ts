import { withItems } from "../compare-values";
import type { PlanContext } from "../plan-context";
import { operationId, planObject } from "../plan-object";
import type { PlanTaskStep } from "../plan-task";
import type { PlanOperation } from "../plan-types";

// Recipient: on-premises learns the coexistence domain (an accepted domain, a remote domain that is
// the target delivery domain of moved mailboxes, and a secondary address for every recipient of the
// hybrid domains) and trusts mail from the tenant's initial domain.

function remoteDomain(
  context: PlanContext,
  domainName: string,
  setting: "TargetDeliveryDomain" | "TrustedMailInboundEnabled",
) {
  const existing = context.gathered.onPremises.remoteDomains.find(
    (domain) => domain.DomainName.toLowerCase() === domainName.toLowerCase(),
  );
  const name = `Hybrid Domain - ${domainName}`;
  return planObject({
    task: "Recipient",
    side: "OnPremises",
    kind: "RemoteDomain",
    existing,
    identity: existing?.Name ?? name,
    creation: { Name: name, DomainName: domainName },
    settingsAtCreation: false,
    wanted: { [setting]: true },
  });
}

function coexistenceAcceptedDomain(context: PlanContext) {
  const domain = context.coexistenceDomain;
  const existing = context.gathered.onPremises.acceptedDomains.find(
    (accepted) => accepted.DomainName.toLowerCase() === domain.toLowerCase(),
  );
  return planObject({
    task: "Recipient",
    side: "OnPremises",
    kind: "AcceptedDomain",
    existing,
    identity: existing?.Name ?? domain,
    creation: { Name: domain, DomainName: domain },
    settingsAtCreation: true,
    wanted: {},
  });
}

function templateDomain(template: string): string | undefined {
  return /^smtp:[^@]*@(.+)$/i.exec(template)?.[1]?.toLowerCase();
}

/** Policies stamping addresses of a hybrid domain also stamp `%m@<coexistence domain>`, so moves can route. */
function emailAddressPolicies(context: PlanContext, dependsOn: string[]): PlanOperation[] {
  const hybrid = new Set(context.hybridDomains);
  const coexistence = `smtp:%m@${context.coexistenceDomain}`;
  return context.gathered.onPremises.emailAddressPolicies
    .filter((policy) =>
      policy.EnabledEmailAddressTemplates.some((template) => hybrid.has(templateDomain(template) ?? "")),
    )
    .flatMap((policy) => {
      const [set] = planObject({
        task: "Recipient",
        side: "OnPremises",
        kind: "EmailAddressPolicy",
        existing: policy,
        identity: policy.Name,
        settingsAtCreation: true,
        wanted: {
          EnabledEmailAddressTemplates: withItems(policy.EnabledEmailAddressTemplates, [coexistence]),
        },
        dependsOn,
      });
      // A changed policy reaches recipients only once applied; an unapplied one is HCW8055.
      if (set!.action === "nop" && policy.RecipientFilterApplied !== false) return [set!];
      const apply: PlanOperation = {
        id: operationId("Recipient", "OnPremises", "Update-EmailAddressPolicy", policy.Name),
        side: "OnPremises",
        task: "Recipient",
        action: "update",
        kind: "EmailAddressPolicy",
        cmdlet: "Update-EmailAddressPolicy",
        parameters: { Identity: policy.Name, UpdateSecondaryAddressesOnly: true },
        identity: policy.Name,
        before: {
          RecipientFilterApplied: set!.action === "nop" ? (policy.RecipientFilterApplied ?? null) : false,
        },
        after: { RecipientFilterApplied: true },
        dependsOn: [set!.id],
      };
      return [set!, apply];
    });
}

export const planRecipient: PlanTaskStep = (context) => {
  const accepted = coexistenceAcceptedDomain(context);
  return [
    ...remoteDomain(context, context.coexistenceDomain, "TargetDeliveryDomain"),
    ...remoteDomain(context, context.tenant.tenantInitialDomain, "TrustedMailInboundEnabled"),
    ...accepted,
    ...emailAddressPolicies(
      context,
      accepted.map((operation) => operation.id),
    ),
  ];
};
