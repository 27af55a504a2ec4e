import type { PlanOperation } from "./plan-types";

/** New / update / unchanged, as the Review plan page counts them per plan, side and task. */
export function changeCounts(operations: readonly Pick<PlanOperation, "action">[]): {
  new: number;
  update: number;
  unchanged: number;
} {
  return {
    new: operations.filter((operation) => operation.action === "new").length,
    update: operations.filter((operation) => operation.action === "update").length,
    unchanged: operations.filter((operation) => operation.action === "nop").length,
  };
}
