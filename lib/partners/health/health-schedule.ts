import type { PgBoss } from "pg-boss";
import type { HealthSchedule, HealthScheduleRequest } from "@/lib/contracts/partner-dashboard";
import { ZHealthScheduleRequestSchema } from "@/lib/contracts/partner-dashboard";
import type { Db } from "@/lib/db";
import type { ActingPartner } from "../acting-partner";
import { newWebhookSecret } from "../alerts/webhook-secret";
import { ensureHealthQueues, HEALTH_QUEUES, type ScheduledJob } from "./health-queue";

const SCHEDULE_SELECT = {
  cron: true,
  alertEmail: true,
  webhookUrl: true,
  needsSignIn: true,
  lastRunAt: true,
  setBy: { select: { displayName: true } },
} as const;

function scheduleView(row: {
  cron: string;
  alertEmail: string | null;
  webhookUrl: string | null;
  needsSignIn: string | null;
  lastRunAt: Date | null;
  setBy: { displayName: string };
}): HealthSchedule {
  return {
    cron: row.cron,
    setBy: row.setBy.displayName,
    alertEmail: row.alertEmail,
    webhookUrl: row.webhookUrl,
    needsSignIn: row.needsSignIn,
    lastRunAt: row.lastRunAt?.toISOString() ?? null,
  };
}

export async function getHealthSchedule(options: {
  db: Db;
  partner: ActingPartner;
}): Promise<HealthSchedule | null> {
  const row = await options.db.healthCheckSchedule.findUnique({
    where: { partnerId: options.partner.partnerId },
    select: SCHEDULE_SELECT,
  });
  return row && scheduleView(row);
}

/**
 * Sets the partner's scheduled checks (daily at an hour, UTC) and where alerts go, as the acting
 * technician: the checks will act with their delegated token (the caller has just traded their
 * sign-in on-behalf-of, so a fresh refresh token is in their cache), and a "sign in again" the
 * schedule showed is cleared. A new webhook URL gets a new signing key, returned this once.
 */
export async function setHealthSchedule(options: {
  db: Db;
  queue: PgBoss;
  partner: ActingPartner;
  request: HealthScheduleRequest;
}): Promise<HealthSchedule> {
  const { db, queue, partner } = options;
  const request = ZHealthScheduleRequestSchema.parse(options.request);
  const cron = `0 ${request.hourUtc} * * *`;
  const existing = await db.healthCheckSchedule.findUnique({
    where: { partnerId: partner.partnerId },
    select: { webhookUrl: true },
  });
  const webhook =
    request.webhookUrl && request.webhookUrl !== existing?.webhookUrl
      ? newWebhookSecret(partner.partnerId)
      : null;
  const clearedWebhook = request.webhookUrl
    ? {}
    : { webhookSecretKeyId: null, webhookSecretIv: null, webhookSecretCiphertext: null };
  const fields = {
    cron,
    setById: partner.user.userId,
    alertEmail: request.alertEmail,
    webhookUrl: request.webhookUrl,
    needsSignIn: null,
    ...clearedWebhook,
    ...(webhook?.columns ?? {}),
  };
  const row = await db.healthCheckSchedule.upsert({
    where: { partnerId: partner.partnerId },
    create: { partnerId: partner.partnerId, ...fields },
    update: fields,
    select: SCHEDULE_SELECT,
  });
  await ensureHealthQueues(queue);
  await queue.schedule(
    HEALTH_QUEUES.Scheduled,
    cron,
    { partnerId: partner.partnerId } satisfies ScheduledJob,
    {
      key: partner.partnerId,
      tz: "UTC",
    },
  );
  return { ...scheduleView(row), ...(webhook ? { webhookSecret: webhook.secret } : {}) };
}
