import type { Answers } from "@/lib/wizard/answers/answers";
import type { GatheredState } from "@/lib/wizard/gather/gathered-state";
import type { Plan, TenantFacts } from "./plan-types";

/**
 * The plan for a run: a pure function of the gathered state, the answers and the tenant facts. Tasks
 * in the HCW's order; each object is `new`, `update` (only what differs) or `nop`.
 */
export function computePlan(options: {
  gathered: GatheredState;
  answers: Answers;
  tenant: TenantFacts;
}): Plan {
  void options;
  throw new Error("computePlan: being built");
}
