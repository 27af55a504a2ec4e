import { AppError } from "@/lib/errors";
import type { ExchangeSide } from "@/lib/exchange/exchange-side";
import type { Side } from "@/lib/generated/prisma/enums";
import type { PlanSide } from "@/lib/wizard/plan/plan-types";

// The plan says OnPremises / Online (lib/exchange); the Operation row keeps the schema's Side enum.

/** The update runs Exchange's two sides; a plan with Microsoft Graph operations is refused at confirm. */
export function rowSide(side: PlanSide): Side {
  if (side === "Graph") {
    throw new AppError(
      "conflict",
      "This plan creates the dedicated Exchange hybrid application in Entra ID, which this version can plan but not yet run. Turn off the dedicated hybrid application on Hybrid Features to run the rest.",
    );
  }
  return side === "OnPremises" ? "onPremises" : "exchangeOnline";
}

export function planSide(side: Side): ExchangeSide {
  return side === "onPremises" ? "OnPremises" : "Online";
}
