import type { Side } from "@/lib/generated/prisma/enums";
import type { PlanSide } from "@/lib/wizard/plan/plan-types";

// The plan says OnPremises / Online / Graph (lib/exchange, the plan's side); the Operation row keeps
// the schema's Side enum.

const ROW_SIDES = {
  OnPremises: "onPremises",
  Online: "exchangeOnline",
  Graph: "graph",
} as const satisfies Record<PlanSide, Side>;

export function rowSide(side: PlanSide): Side {
  return ROW_SIDES[side];
}

export function planSide(side: Side): PlanSide {
  return side === "onPremises" ? "OnPremises" : side === "graph" ? "Graph" : "Online";
}
