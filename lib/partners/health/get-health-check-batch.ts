import type { HealthCheckBatch } from "@/lib/contracts/partner-dashboard";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { PartnerScope } from "../partner-scope";
import { partnerScope } from "../partner-scope";
import { HEALTH_CHECK_SUMMARY_SELECT, healthCheckSummary } from "./health-check-summary";

/** A batch's progress and each customer's result so far, for the progress bar. */
export async function getHealthCheckBatch(options: {
  db: Db;
  partner: PartnerScope;
  batchId: string;
}): Promise<HealthCheckBatch> {
  const { db, partner } = options;
  const batch = await db.healthCheckBatch.findFirst({
    where: { id: options.batchId, partnerId: partner.partnerId },
    select: { id: true },
  });
  if (!batch) throw new AppError("not_found", "There is no such health check: start one from the dashboard.");
  // A customer whose relationship ended since the batch started drops out of it, count included.
  const checks = await db.healthCheck.findMany({
    where: { batchId: batch.id, ...partnerScope(partner) },
    orderBy: { tenant: { displayName: "asc" } },
    select: { ...HEALTH_CHECK_SUMMARY_SELECT, tenantId: true, tenant: { select: { displayName: true } } },
  });
  return {
    id: batch.id,
    total: checks.length,
    finished: checks.filter((check) => check.status === "succeeded" || check.status === "failed").length,
    checks: checks.map((check) => ({
      ...healthCheckSummary(check),
      tenantId: check.tenantId,
      displayName: check.tenant.displayName,
    })),
  };
}
