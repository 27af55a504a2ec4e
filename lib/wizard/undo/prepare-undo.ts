import type { GatheredState } from "@/lib/wizard/gather/gathered-state";
import type { PlanOperation } from "@/lib/wizard/plan/plan-types";
import { changedSinceRun } from "./changed-since-run";
import { computeUndoPlan, type UndoPlan } from "./compute-undo-plan";
import type { ExecutedOperation } from "./executed-operation";
import { type MailboxMoves, movedThroughRun } from "./moved-mailboxes";
import { objectKey } from "./object-of-operation";

// Undo this run, as the Done page offers it: refused with why once mailboxes have moved through the
// run's endpoint or someone changed its objects since; otherwise the inverse plan, with what it
// cannot undo. Objects the run created that someone already removed simply drop out of the plan.

export type UndoAnswer = { status: "refused"; reasons: string[] } | ({ status: "ready" } & UndoPlan);

/** Leaves out removals of objects already gone; what waited for one waits for what it waited for. */
function withoutRemovalsOf(operations: PlanOperation[], gone: ReadonlySet<string>): PlanOperation[] {
  const dropped = new Map(
    operations
      .filter((operation) => operation.action === "remove" && gone.has(objectKey(operation)))
      .map((operation) => [operation.id, operation.dependsOn]),
  );
  const resolve = (ids: readonly string[]): string[] =>
    ids.flatMap((id) => (dropped.has(id) ? resolve(dropped.get(id)!) : [id]));
  return operations
    .filter((operation) => !dropped.has(operation.id))
    .map((operation) => ({ ...operation, dependsOn: [...new Set(resolve(operation.dependsOn))] }));
}

export function prepareUndo(options: {
  executed: readonly ExecutedOperation[];
  /** Both sides read again now, as a gather before planning reads them. */
  gathered: GatheredState;
  moves: MailboxMoves;
}): UndoAnswer {
  const moved = movedThroughRun(options);
  const { changed, gone } = changedSinceRun(options);
  const reasons = [...(moved ? [moved] : []), ...changed];
  if (reasons.length > 0) return { status: "refused", reasons };
  const { plan, cannotUndo } = computeUndoPlan(options.executed);
  return {
    status: "ready",
    plan: { ...plan, operations: withoutRemovalsOf(plan.operations, gone) },
    cannotUndo,
  };
}
