import type { Answers } from "@/lib/wizard/answers/answers";
import type { GatheredState } from "@/lib/wizard/gather/gathered-state";
import { planContext } from "./plan-context";
import type { PlanTaskStep } from "./plan-task";
import type { Plan, PlanOperation, TenantFacts } from "./plan-types";
import { planFederation } from "./tasks/federation";
import { planFinal } from "./tasks/final";
import { planGlobalPrerequisites } from "./tasks/global-prerequisites";
import { planHybridApplication } from "./tasks/hybrid-application";
import { planIntraOrganization } from "./tasks/intra-organization";
import { planMailFlow } from "./tasks/mail-flow";
import { planMrsProxy } from "./tasks/mrs-proxy";
import { planOnOffSettings } from "./tasks/on-off-settings";
import { planOrganizationConfigurationTransfer } from "./tasks/organization-configuration-transfer";
import { planOrganizationRelationship } from "./tasks/organization-relationship";
import { planRecipient } from "./tasks/recipient";

/** The HCW's tasks in the order they run; each may depend on what the ones before planned. */
const TASKS: readonly PlanTaskStep[] = [
  planGlobalPrerequisites,
  planRecipient,
  planFederation,
  planOrganizationRelationship,
  planOnOffSettings,
  planMailFlow,
  planIntraOrganization,
  planHybridApplication,
  planMrsProxy,
  planOrganizationConfigurationTransfer,
  planFinal,
];

/**
 * The plan for a run: a pure function of the gathered state, the answers (already cross-checked)
 * and the tenant facts. Each object is `new`, `update` (only what differs) or `nop`; planning again
 * after the plan ran gives no writes.
 */
export function computePlan(options: {
  gathered: GatheredState;
  answers: Answers;
  tenant: TenantFacts;
}): Plan {
  const context = planContext(options.gathered, options.answers, options.tenant);
  const operations: PlanOperation[] = [];
  for (const task of TASKS) operations.push(...task(context, operations));
  return { operations, notes: context.notes };
}
