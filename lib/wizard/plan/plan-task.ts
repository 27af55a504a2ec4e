import type { ExchangeSide } from "@/lib/exchange/exchange-side";
import type { PlanContext } from "./plan-context";
import type { PlanOperation } from "./plan-types";

/** One HCW task: the operations it needs, given what the tasks before it planned. */
export type PlanTaskStep = (context: PlanContext, earlier: readonly PlanOperation[]) => PlanOperation[];

/** The ids of earlier operations on objects of a kind, to depend on them. */
export function idsOf(earlier: readonly PlanOperation[], kind: string, side?: ExchangeSide): string[] {
  return earlier
    .filter((operation) => operation.kind === kind && (!side || operation.side === side))
    .map((operation) => operation.id);
}

/** The identity an object has once the earlier operations ran (a found legacy name, or the new name). */
export function identityOf(
  earlier: readonly PlanOperation[],
  kind: string,
  side: ExchangeSide,
): string | undefined {
  return earlier.find((operation) => operation.kind === kind && operation.side === side)?.identity;
}
