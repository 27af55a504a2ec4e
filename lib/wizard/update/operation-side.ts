import type { ExchangeSide } from "@/lib/exchange/exchange-side";
import type { Side } from "@/lib/generated/prisma/enums";

// The plan says OnPremises / Online (lib/exchange); the Operation row keeps the schema's Side enum.

export function rowSide(side: ExchangeSide): Side {
  return side === "OnPremises" ? "onPremises" : "exchangeOnline";
}

export function planSide(side: Side): ExchangeSide {
  return side === "onPremises" ? "OnPremises" : "Online";
}
