import type { PlanContext } from "../plan-context";
import { planObject } from "../plan-object";
import { identityOf, idsOf, type PlanTaskStep } from "../plan-task";
import { writesOf } from "../plan-types";
import { existingOnPremisesOrganization } from "./mail-flow";

// Final: the OnPremisesOrganization object's comment records the choices of this run, as the HCW
// stores its settings there, so the next run (and a support engineer) can read them. It is
// rewritten only when the run changes something, or when a comment this wizard wrote is out of
// date: a re-run of a good configuration writes nothing, and another tool's comment is kept.

const MARK = "hybrid-wizard";

export function settingsComment(context: PlanContext): string {
  const { answers } = context;
  return [
    `${MARK} v1`,
    `hybrid=${answers.features.hybrid}`,
    `organizationConfigurationTransfer=${answers.features.organizationConfigurationTransfer}`,
    `migrationEndpoint=${answers.features.migrationEndpoint}`,
    `edge=${answers.transport.edgeTransport}`,
    `centralizedMailTransport=${answers.transport.centralizedMailTransport}`,
    `domains=${context.hybridDomains.join(",")}`,
    `autodiscover=${answers.domains.autodiscoverDomain}`,
    `fqdn=${context.organizationFqdn}`,
  ].join("; ");
}

export const planFinal: PlanTaskStep = (context, earlier) => {
  const identity = identityOf(earlier, "OnPremisesOrganization", "Online");
  if (!identity) return [];
  const existing = existingOnPremisesOrganization(context);
  const comment = settingsComment(context);
  const ours = existing?.Comment?.startsWith(MARK) ?? false;
  const needed = writesOf({ operations: earlier }).length > 0 || ours;
  return planObject({
    task: "Final",
    side: "Online",
    kind: "OnPremisesOrganization",
    existing: existing ?? { Name: identity },
    identity,
    settingsAtCreation: true,
    wanted: needed ? { Comment: comment } : {},
    dependsOn: idsOf(earlier, "OnPremisesOrganization", "Online"),
  });
};
