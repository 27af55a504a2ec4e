import type { ExchangeSide } from "@/lib/exchange/exchange-side";
import { kindCmdlet, objectKind } from "@/lib/exchange/object-catalog";
import { parameterFor, sidesOf } from "@/lib/exchange/object-kind";
import { sameValue } from "./compare-values";
import type { PlanOperation, PlanSide, PlanTask, PlanValue } from "./plan-types";

// The read-compare-write step every task shares: an object that is missing is `new`; one that has
// every wanted value is `nop`; otherwise `update` with only the properties that differ.

export interface ObjectWish {
  task: PlanTask;
  side: ExchangeSide;
  kind: string;
  /** The object as gathered, when it exists. */
  existing: Record<string, unknown> | undefined;
  /** How the operation names the object: the existing one's identity, or the name it will get. */
  identity: string;
  /** Compared properties and the values they should have (Exchange's property names). */
  wanted: Record<string, PlanValue>;
  /** What only New takes (Name, DomainName, Type…), by parameter name. */
  creation?: Record<string, PlanValue>;
  /** New takes the wanted settings as well; otherwise New then Set, as the HCW does for remote domains. */
  settingsAtCreation: boolean;
  /** Singletons (Set-HybridConfiguration, Set-FederatedOrganizationIdentifier) take no -Identity. */
  singleton?: boolean;
  dependsOn?: string[];
  credentials?: PlanOperation["credentials"];
}

export function operationId(task: PlanTask, side: PlanSide, cmdlet: string, identity: string): string {
  return `${task}:${side}:${cmdlet}:${identity}`;
}

/** $null clears a multi-valued property; an empty list would mean the same but reads worse in a plan. */
function parameterValue(value: PlanValue): PlanValue {
  return Array.isArray(value) && value.length === 0 ? null : value;
}

/** Properties (Exchange's names) as the kind's cmdlets take them: -TLSCertificateName for TlsCertificateName. */
export function asParameters(kind: string, values: Record<string, PlanValue>): Record<string, PlanValue> {
  const entry = objectKind(kind);
  return Object.fromEntries(
    Object.entries(values).map(([property, value]) => [parameterFor(entry, property), parameterValue(value)]),
  );
}

function nulls(values: Record<string, PlanValue>): Record<string, PlanValue> {
  return Object.fromEntries(Object.keys(values).map((property) => [property, null]));
}

function current(existing: Record<string, unknown>, property: string): PlanValue {
  const value = existing[property];
  return value === undefined ? null : (value as PlanValue);
}

function setOperation(
  wish: ObjectWish,
  changed: string[],
  before: Record<string, PlanValue>,
  dependsOn: string[],
): PlanOperation {
  const cmdlet = kindCmdlet(wish.kind, "set", wish.side).name;
  const after = Object.fromEntries(changed.map((property) => [property, wish.wanted[property]!]));
  return {
    id: operationId(wish.task, wish.side, cmdlet, wish.identity),
    side: wish.side,
    task: wish.task,
    action: "update",
    kind: wish.kind,
    cmdlet,
    parameters: { ...(wish.singleton ? {} : { Identity: wish.identity }), ...asParameters(wish.kind, after) },
    identity: wish.identity,
    before,
    after,
    dependsOn,
  };
}

function newOperations(wish: ObjectWish): PlanOperation[] {
  const cmdlet = kindCmdlet(wish.kind, "new", wish.side).name;
  const settings = wish.settingsAtCreation ? wish.wanted : {};
  const after = { ...(wish.creation ?? {}), ...settings };
  const created: PlanOperation = {
    id: operationId(wish.task, wish.side, cmdlet, wish.identity),
    side: wish.side,
    task: wish.task,
    action: "new",
    kind: wish.kind,
    cmdlet,
    parameters: { ...(wish.creation ?? {}), ...asParameters(wish.kind, settings) },
    identity: wish.identity,
    before: nulls(after),
    after,
    dependsOn: wish.dependsOn ?? [],
    ...(wish.credentials ? { credentials: wish.credentials } : {}),
  };
  if (wish.settingsAtCreation || Object.keys(wish.wanted).length === 0) return [created];
  const changed = Object.keys(wish.wanted);
  return [created, setOperation(wish, changed, nulls(wish.wanted), [created.id])];
}

/** The operations that bring one object to what the task wants. */
export function planObject(wish: ObjectWish): PlanOperation[] {
  if (!wish.existing) return newOperations(wish);
  const existing = wish.existing;
  const changed = Object.keys(wish.wanted).filter(
    (property) => !sameValue(property, existing[property], wish.wanted[property]!),
  );
  if (changed.length > 0) {
    const before = Object.fromEntries(changed.map((property) => [property, current(existing, property)]));
    return [setOperation(wish, changed, before, wish.dependsOn ?? [])];
  }
  // A nop names the cmdlet it did not need: the kind's Set- on that side, or its New- where it has none.
  const entry = objectKind(wish.kind);
  const cmdlet =
    entry.cmdlets.find(
      (candidate) => candidate.verb === "set" && sidesOf(entry, candidate).includes(wish.side),
    ) ?? kindCmdlet(wish.kind, "new", wish.side);
  return [
    {
      id: operationId(wish.task, wish.side, cmdlet.name, wish.identity),
      side: wish.side,
      task: wish.task,
      action: "nop",
      kind: wish.kind,
      cmdlet: cmdlet.name,
      parameters: {},
      identity: wish.identity,
      before: {},
      after: {},
      dependsOn: wish.dependsOn ?? [],
    },
  ];
}

/** Finds an object by its HCW name, then by the legacy names older wizards gave it. */
export function findNamed<T extends { Name: string }>(
  objects: readonly T[],
  names: readonly string[],
): T | undefined {
  for (const name of names) {
    const found = objects.find((object) => object.Name.toLowerCase() === name.toLowerCase());
    if (found) return found;
  }
  return undefined;
}
