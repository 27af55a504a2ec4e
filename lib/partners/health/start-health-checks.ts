import type { PgBoss } from "pg-boss";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ActingPartner } from "../acting-partner";
import { partnerCustomersWhere } from "../partner-scope";
import { ensureHealthQueues, HEALTH_QUEUES, type HealthCheckJob } from "./health-queue";

/**
 * A batch of health checks, one queued job per customer: the given ones (each must be the
 * partner's customer, or the whole request is refused) or every customer. The checks act as
 * `partner.user` (customer-token.ts); the caller made sure their refresh token is in the cache.
 */
export async function startHealthChecks(options: {
  db: Db;
  queue: PgBoss;
  partner: Pick<ActingPartner, "partnerId" | "user">;
  tenantIds?: string[] | undefined;
  scheduled?: boolean;
}): Promise<{ batchId: string; total: number }> {
  const { db, queue, partner } = options;
  const customers = await db.tenant.findMany({
    where: {
      AND: [partnerCustomersWhere(partner), options.tenantIds ? { id: { in: options.tenantIds } } : {}],
    },
    select: { id: true },
  });
  if (options.tenantIds && customers.length !== new Set(options.tenantIds).size) {
    throw new AppError(
      "not_found",
      "Some of these customers are not yours to check: reload the dashboard and choose again.",
    );
  }
  if (customers.length === 0) throw new AppError("bad_request", "There is no customer to check yet.");
  const batch = await db.healthCheckBatch.create({
    data: {
      partnerId: partner.partnerId,
      startedById: partner.user.userId,
      startedByName: partner.user.displayName,
      scheduled: options.scheduled ?? false,
      total: customers.length,
      checks: { createMany: { data: customers.map((customer) => ({ tenantId: customer.id })) } },
    },
    select: { id: true, checks: { select: { id: true, tenantId: true } } },
  });
  await ensureHealthQueues(queue);
  await queue.insert(
    HEALTH_QUEUES.Check,
    batch.checks.map((check) => ({
      id: check.id,
      data: { tenantId: check.tenantId, checkId: check.id } satisfies HealthCheckJob,
    })),
  );
  return { batchId: batch.id, total: customers.length };
}
