import { accountDomainOf } from "@/lib/exchange/account-namespace";
import { objectKind } from "@/lib/exchange/object-catalog";
import type { GatheredState } from "@/lib/wizard/gather/gathered-state";
import { sameValue } from "@/lib/wizard/plan/compare-values";
import type { PlanValue } from "@/lib/wizard/plan/plan-types";
import {
  appliedWrites,
  type ExchangeOperation,
  type ExecutedOperation,
  onExchange,
} from "./executed-operation";
import { findGatheredObject, isGathered } from "./gathered-object";
import { objectKey, verbOf } from "./object-of-operation";

// Whether someone changed the run's objects after it: a fresh gather against what the run left
// (its operations' `after`, merged per object). Undo restores what was read before the run; over
// another admin's later change that would silently throw their change away, so it is refused.

const SIDE = { OnPremises: "on-premises", Online: "Exchange Online" } as const;

export interface SinceRun {
  /** Why Undo is refused: one sentence per object changed or removed by someone else. */
  changed: string[];
  /** Objects the run created that someone has removed already (objectKey): nothing left to remove. */
  gone: Set<string>;
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "(none)";
  if (Array.isArray(value)) return value.length === 0 ? "(empty)" : value.map(String).join(", ");
  return String(value);
}

/** As the plan spells it: the account namespace without Exchange's label. */
function asPlanned(kind: string, property: string, value: unknown): unknown {
  return kind === "FederatedOrganizationIdentifier" && property === "AccountNamespace"
    ? accountDomainOf(typeof value === "string" ? value : null)
    : value;
}

export function changedSinceRun(options: {
  executed: readonly ExecutedOperation[];
  gathered: GatheredState;
}): SinceRun {
  // Graph operations are not gathered as Exchange objects are (and Undo does not reverse them yet).
  const writes = appliedWrites(options.executed)
    .filter(onExchange)
    .filter(
      (operation) => ["new", "set"].includes(verbOf(operation)) && isGathered(operation.side, operation.kind),
    );
  const objects = new Map<
    string,
    { operation: ExchangeOperation; leftAs: Record<string, PlanValue>; created: boolean }
  >();
  for (const operation of writes) {
    const key = objectKey(operation);
    const known = objects.get(key);
    objects.set(key, {
      operation: known?.operation ?? operation,
      leftAs: { ...known?.leftAs, ...operation.after },
      created: (known?.created ?? false) || verbOf(operation) === "new",
    });
  }
  const changed: string[] = [];
  const gone = new Set<string>();
  for (const [key, { operation, leftAs, created }] of objects) {
    const kind = objectKind(operation.kind);
    const name = `${operation.kind} '${operation.identity}' (${SIDE[operation.side]})`;
    const current = findGatheredObject(options.gathered, operation, kind.identity);
    if (!current) {
      if (created) gone.add(key);
      else changed.push(`${name} was removed after the run, so what it was before cannot be put back.`);
      continue;
    }
    const differing = kind.compared.filter(
      (property) =>
        property in leftAs &&
        !sameValue(property, asPlanned(operation.kind, property, current[property]), leftAs[property]!),
    );
    if (differing.length > 0) {
      const details = differing.map(
        (property) =>
          `${property} is ${show(asPlanned(operation.kind, property, current[property]))}, the run left ${show(leftAs[property])}`,
      );
      changed.push(`${name} was changed after the run: ${details.join("; ")}.`);
    }
  }
  return { changed, gone };
}
