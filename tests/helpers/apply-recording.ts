import type { ExchangeSide } from "@/lib/exchange/exchange-side";
import { kindCmdlet, objectKind } from "@/lib/exchange/object-catalog";
import type { Plan, PlanValue } from "@/lib/wizard/plan/plan-types";
import type { ExecutedOperation } from "@/lib/wizard/undo/executed-operation";
import { verbOf } from "@/lib/wizard/undo/object-of-operation";
import { judgeBeforeWrite } from "@/lib/wizard/update/object-before-write";

// What the update does for Undo, in tests: before each write, the object is read with its kind's
// Get-, judged against the plan as the update judges it, and kept as observedBefore (null when it
// does not exist yet); then the write runs. `run`
// runs one cmdlet on a side: the in-process simulators, or the agent and the admin API.

export type RunCmdlet = (
  side: ExchangeSide,
  cmdlet: string,
  parameters: Record<string, unknown>,
) => Promise<readonly Record<string, unknown>[]>;

type ExchangePlanOperation = Plan["operations"][number] & { side: ExchangeSide };

async function observe(run: RunCmdlet, operation: ExchangePlanOperation) {
  if (["read", "apply"].includes(verbOf(operation)) && operation.cmdlet !== "Update-EmailAddressPolicy")
    return null;
  const get = kindCmdlet(operation.kind, "get", operation.side).name;
  const identity = objectKind(operation.kind).identity;
  const objects = await run(operation.side, get, {});
  const wanted = operation.identity.toLowerCase();
  const found = objects.find((object) =>
    ["Name", "Identity", identity].some(
      (property) => String(object[property] ?? "").toLowerCase() === wanted,
    ),
  );
  const singleton = !("Identity" in operation.parameters) && !("Name" in operation.parameters);
  const object = found ?? (singleton && operation.action === "update" ? objects[0] : undefined);
  return object ? (structuredClone(object) as Record<string, PlanValue>) : null;
}

/** Runs a plan's writes in order, as the orchestrator does, and returns them as executed operations. */
export async function applyRecording(
  run: RunCmdlet,
  plan: Plan,
  withCredentials: (operation: Plan["operations"][number]) => Record<string, unknown> = (operation) =>
    operation.parameters,
): Promise<ExecutedOperation[]> {
  const executed: ExecutedOperation[] = [];
  for (const operation of plan.operations) {
    if (operation.side === "Graph") throw new Error(`${operation.id}: these tests run Exchange cmdlets only`);
    const exchange: ExchangePlanOperation = { ...operation, side: operation.side };
    if (exchange.action === "nop") {
      executed.push({ ...operation, status: "succeeded", observedBefore: null });
      continue;
    }
    const observedBefore = await observe(run, exchange);
    // As the update does before it writes: an object not as the plan reviewed it stops the run.
    if (["set", "remove"].includes(verbOf(operation))) {
      const verdict = judgeBeforeWrite({
        action: operation.action,
        before: operation.before,
        after: operation.after,
        current: observedBefore,
        createdInThisRun: operation.dependsOn.some((dependency) =>
          dependency.endsWith(`:New-${operation.kind}:${operation.identity}`),
        ),
        readBefore: false,
      });
      if (verdict.verdict === "changed") throw new Error(`${operation.id}: ${verdict.what}`);
    }
    await run(exchange.side, operation.cmdlet, withCredentials(operation));
    executed.push({ ...operation, status: "succeeded", observedBefore });
  }
  return executed;
}
