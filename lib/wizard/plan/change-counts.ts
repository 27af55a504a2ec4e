import type { PlanOperation } from "./plan-types";

/** New / update / remove / unchanged, as the Review plan page counts them per plan, side and task. */
export function changeCounts(operations: readonly Pick<PlanOperation, "action">[]): {
  new: number;
  update: number;
  /** Only an undo plan removes. */
  remove: number;
  unchanged: number;
} {
  const count = (action: PlanOperation["action"]) =>
    operations.filter((operation) => operation.action === action).length;
  return { new: count("new"), update: count("update"), remove: count("remove"), unchanged: count("nop") };
}

/** Whether confirming would change anything at all: a plan of only unchanged objects has nothing to run. */
export function hasChanges(counts: ReturnType<typeof changeCounts>): boolean {
  return counts.new + counts.update + counts.remove > 0;
}
