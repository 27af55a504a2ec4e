import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";
import { type PlanValue, ZOperationOutputSchema } from "@/lib/wizard/plan/plan-types";
import { valuesOf } from "./operation-output";

// A value known only once an earlier operation ran (`{ fromOperation, output }`: the appId Graph gave
// the new application) put in its place, from that operation's row in the same run. The operation
// depends on it, so it has succeeded; a value it did not give is the service's fault, said plainly.

type Values = Record<string, PlanValue>;

function hasReference(value: PlanValue): boolean {
  if (Array.isArray(value)) return value.some(hasReference);
  if (value === null || typeof value !== "object") return false;
  return ZOperationOutputSchema.safeParse(value).success || Object.values(value).some(hasReference);
}

export async function resolveRunValues<T extends Record<string, Values>>(options: {
  db: Db;
  acting: Pick<ActingContext, "tenant">;
  runId: string;
  /** Each set of values to resolve (parameters, before, after), by name. */
  values: T;
}): Promise<{ values: T; resolved: boolean }> {
  const { db, acting, runId } = options;
  if (!Object.values(options.values).some((values) => hasReference(values))) {
    return { values: options.values, resolved: false };
  }
  const rows = await db.operation.findMany({
    where: { runId, ...tenantScope(acting) },
    select: { planOperationId: true, cmdlet: true, identity: true, status: true, output: true },
  });
  const byId = new Map(rows.map((row) => [row.planOperationId, row]));
  const resolve = (value: PlanValue): PlanValue => {
    const reference = ZOperationOutputSchema.safeParse(value);
    if (reference.success) {
      const { fromOperation, output } = reference.data;
      const row = byId.get(fromOperation);
      const found = row?.status === "succeeded" ? valuesOf(row.output)[output] : undefined;
      if (found === undefined) {
        throw new AppError(
          "conflict",
          `This operation needs the ${output} of ${row ? `${row.cmdlet} ${row.identity}` : fromOperation}, which has not given it: retry that operation first.`,
        );
      }
      return found;
    }
    if (Array.isArray(value)) return value.map(resolve);
    if (value !== null && typeof value === "object")
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolve(item)]));
    return value;
  };
  const values = Object.fromEntries(
    Object.entries(options.values).map(([name, set]) => [name, resolve(set) as Values]),
  ) as T;
  return { values, resolved: true };
}
