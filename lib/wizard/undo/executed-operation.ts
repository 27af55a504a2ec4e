import { z } from "zod";
import type { ExchangeSide } from "@/lib/exchange/exchange-side";
import { ZPlanOperationSchema, ZPlanValueSchema } from "@/lib/wizard/plan/plan-types";

// An operation of a run as the update left it: the frozen plan operation, how it ended, and the
// object's properties as Exchange returned them just before the write (Get-, all properties), which
// is what Undo restores. The orchestrator (lib/wizard/update/) keeps these per Operation row.

export const ZExecutedOperationStatusSchema = z.enum([
  "pending",
  "running",
  "succeeded",
  "failed",
  "skipped",
]);

export const ZExecutedOperationSchema = ZPlanOperationSchema.extend({
  status: ZExecutedOperationStatusSchema,
  /** Null when the object did not exist before the write (a New-), or for a `nop` that wrote nothing. */
  observedBefore: z.record(z.string(), ZPlanValueSchema).nullable(),
  /** The ids a Microsoft Graph write was given (its object's `id`), which its inverse deletes by. */
  values: z.record(z.string(), z.string()).optional(),
});
export type ExecutedOperation = z.infer<typeof ZExecutedOperationSchema>;

/** The writes that changed something: a failed cmdlet commits nothing, a skipped or pending one never ran. */
export function appliedWrites(executed: readonly ExecutedOperation[]): ExecutedOperation[] {
  return executed.filter((operation) => operation.status === "succeeded" && operation.action !== "nop");
}

/** An applied operation that ran an Exchange cmdlet, not a Microsoft Graph request. */
export type ExchangeOperation = ExecutedOperation & { side: ExchangeSide };

export function onExchange(operation: ExecutedOperation): operation is ExchangeOperation {
  return operation.side !== "Graph";
}
