import type { Plan, PlanOperation, PlanSide, PlanValue } from "@/lib/wizard/plan/plan-types";
import { appliedWrites, type ExecutedOperation } from "./executed-operation";
import { type Inverse, inverseOf } from "./inverse-operation";
import { objectKey, verbOf } from "./object-of-operation";

// The inverse plan of a run: each applied operation's inverse, last applied first. An inverse waits
// for the inverses of everything that depended on its operation (a connector is removed only after
// the OnPremisesOrganization that names it is), so it is an ordinary plan, reviewed and run like any.

export interface CannotUndo {
  side: PlanSide;
  cmdlet: string;
  identity: string;
  why: string;
}

export interface UndoPlan {
  plan: Plan;
  cannotUndo: CannotUndo[];
}

function leftAs(applied: readonly ExecutedOperation[]): Map<string, Record<string, PlanValue>> {
  const states = new Map<string, Record<string, PlanValue>>();
  // What New- and Set- wrote; an apply's `after` (the topology service "refreshed") is no property.
  for (const operation of applied.filter((entry) => ["new", "set"].includes(verbOf(entry)))) {
    const key = objectKey(operation);
    states.set(key, { ...states.get(key), ...operation.after });
  }
  return states;
}

/** Who must be undone before each operation: what depended on it, and what wrote the same object later. */
function dependents(applied: readonly ExecutedOperation[]): Map<string, ExecutedOperation[]> {
  const out = new Map<string, ExecutedOperation[]>(applied.map((operation) => [operation.id, []]));
  applied.forEach((operation, index) => {
    for (const earlier of applied.slice(0, index)) {
      if (operation.dependsOn.includes(earlier.id) || objectKey(operation) === objectKey(earlier)) {
        out.get(earlier.id)!.push(operation);
      }
    }
  });
  return out;
}

export function computeUndoPlan(executed: readonly ExecutedOperation[]): UndoPlan {
  const applied = appliedWrites(executed);
  const context = {
    created: new Set(applied.filter((operation) => verbOf(operation) === "new").map(objectKey)),
    leftAs: leftAs(applied),
    applied,
  };
  const inverses = new Map<string, Inverse>(
    applied.map((operation) => [operation.id, inverseOf(operation, context)]),
  );
  const after = dependents(applied);
  // The inverses to wait for: a dependent's own, or (when it has none) those it would have waited for.
  const waitsFor = (id: string, seen = new Set<string>()): string[] =>
    after.get(id)!.flatMap((dependent) => {
      if (seen.has(dependent.id)) return [];
      seen.add(dependent.id);
      const own = inverses.get(dependent.id)!.operations;
      return own.length > 0 ? own.map((operation) => operation.id) : waitsFor(dependent.id, seen);
    });

  const operations: PlanOperation[] = [];
  const cannotUndo: CannotUndo[] = [];
  const notes: string[] = [];
  for (const operation of [...applied].reverse()) {
    const inverse = inverses.get(operation.id)!;
    const [first, ...rest] = inverse.operations;
    if (first)
      operations.push(
        { ...first, dependsOn: [...new Set([...first.dependsOn, ...waitsFor(operation.id)])] },
        ...rest,
      );
    if (inverse.cannotUndo) {
      cannotUndo.push({
        side: operation.side,
        cmdlet: operation.cmdlet,
        identity: operation.identity,
        why: inverse.cannotUndo,
      });
    }
    if (inverse.note) notes.push(inverse.note);
  }
  return { plan: { operations, notes }, cannotUndo };
}
