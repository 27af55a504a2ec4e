import type { ExchangeSide } from "@/lib/exchange/exchange-side";
import { kindCmdlet, objectKind } from "@/lib/exchange/object-catalog";
import { GATHER_READS } from "@/lib/wizard/gather/read-list";
import { sameValue } from "@/lib/wizard/plan/compare-values";
import type { PlanAction, PlanValue } from "@/lib/wizard/plan/plan-types";

// Just before it writes, an operation reads its object again, the way gathering read it, and
// compares it with what the admin reviewed: another admin may have changed it in between. The same
// read tells an attempt after a restart whether an earlier attempt already wrote.

export interface ObjectRead {
  cmdlet: string;
  parameters: Record<string, unknown>;
  server?: string;
  single: boolean;
}

/** How to read the operation's object: gathering's read of its kind, on its server when per server. */
export function objectRead(operation: {
  side: ExchangeSide;
  kind: string;
  identity: string;
  cmdlet?: string;
}): ObjectRead | null {
  // A Get- that makes Exchange act (the topology service's refresh of setting overrides) changes no
  // property of its object, which an undo has just removed: nothing to compare.
  let cmdlet: string;
  try {
    const own = objectKind(operation.kind).cmdlets.find((entry) => entry.name === operation.cmdlet);
    if (own?.verb === "apply" && own.name.startsWith("Get-")) return null;
    cmdlet = kindCmdlet(operation.kind, "get", operation.side).name;
  } catch {
    return null;
  }
  const read = GATHER_READS.find((entry) => entry.side === operation.side && entry.cmdlet === cmdlet);
  if (!read) return null;
  const server = read.perServer ? operation.identity.split("\\")[0] : undefined;
  return {
    cmdlet,
    parameters: { ...read.parameters, ...(server ? { Server: server } : {}) },
    ...(server ? { server } : {}),
    single: read.single === true,
  };
}

export function findObject(
  objects: readonly unknown[],
  operation: { kind: string; identity: string },
  read: ObjectRead,
): Record<string, unknown> | null {
  const records = objects.filter(
    (object): object is Record<string, unknown> => typeof object === "object" && object !== null,
  );
  if (read.single) return records[0] ?? null;
  // A plan names an object by its kind's identity (a remote domain's DomainName) or by the name it
  // gives it (the HCW's "Hybrid Domain - …"): either finds it, as Exchange's -Identity would.
  const properties = [objectKind(operation.kind).identity, "Name", "Identity"];
  const wanted = operation.identity.toLowerCase();
  return (
    records.find((object) =>
      properties.some((property) => String(object[property] ?? "").toLowerCase() === wanted),
    ) ?? null
  );
}

export type BeforeWriteVerdict =
  | { verdict: "as-reviewed" }
  /** An earlier attempt wrote already (it read the object, then the process died). */
  | { verdict: "applied" }
  | { verdict: "changed"; what: string };

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "(none)";
  return Array.isArray(value) ? value.map(String).join(", ") || "(empty)" : String(value);
}

/**
 * `createdInThisRun`: the object is made by an operation this one depends on, so it did not exist at
 * review and its values then (null) say nothing. `readBefore`: an earlier attempt read it already.
 */
export function judgeBeforeWrite(options: {
  action: PlanAction;
  before: Record<string, PlanValue>;
  after: Record<string, PlanValue>;
  current: Record<string, unknown> | null;
  createdInThisRun: boolean;
  readBefore: boolean;
}): BeforeWriteVerdict {
  const { action, before, after, current } = options;
  // A removal an earlier attempt already made: the object it found as reviewed is gone.
  if (action === "remove" && options.readBefore && !current) return { verdict: "applied" };
  if (options.readBefore && current) {
    const done =
      action === "new" ||
      Object.entries(after).every(([property, value]) => sameValue(property, current[property], value));
    if (done) return { verdict: "applied" };
  }
  if (action === "new") {
    return current ? { verdict: "changed", what: "it exists now" } : { verdict: "as-reviewed" };
  }
  if (!current) return { verdict: "changed", what: "it no longer exists" };
  if (options.createdInThisRun) return { verdict: "as-reviewed" };
  for (const [property, reviewed] of Object.entries(before)) {
    if (!sameValue(property, current[property], reviewed)) {
      return {
        verdict: "changed",
        what: `${property} is ${show(current[property])} now, ${show(reviewed)} when you reviewed it`,
      };
    }
  }
  return { verdict: "as-reviewed" };
}
