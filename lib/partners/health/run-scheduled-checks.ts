import type { PgBoss } from "pg-boss";
import { acquireTokenForAbsentAdmin, SIGN_IN_AGAIN } from "@/lib/auth/absent-admin-token";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { EXCHANGE_ONLINE_API } from "@/lib/exchange/exchange-online-token";
import { actingTenant } from "@/lib/tenants/acting-context";
import { deliverAlert } from "../alerts/send-health-alert";
import { startHealthChecks } from "./start-health-checks";

/**
 * One tick of a partner's schedule: the checks of every customer, as the technician who set the
 * schedule up. Their token is renewed first; when Entra wants them to sign in again (MFA, an
 * expired or revoked session) no check starts, the schedule says "Sign in again to continue" on
 * the dashboard until they set it again, and the alerts say so too — never a silent failure.
 */
export async function runScheduledChecks(options: {
  db: Db;
  queue: PgBoss;
  partnerId: string;
  now?: Date;
}): Promise<{ batchId: string } | { needsSignIn: string } | null> {
  const { db, queue, partnerId } = options;
  const schedule = await db.healthCheckSchedule.findUnique({
    where: { partnerId },
    include: {
      setBy: { select: { id: true, objectId: true, upn: true, displayName: true } },
      partner: { select: { name: true, homeTenant: true } },
    },
  });
  if (!schedule) return null;
  const homeTenant = actingTenant(schedule.partner.homeTenant);
  const user = {
    userId: schedule.setBy.id,
    objectId: schedule.setBy.objectId,
    upn: schedule.setBy.upn,
    displayName: schedule.setBy.displayName,
    homeEntraTenantId: homeTenant.entraTenantId,
  };
  const now = options.now ?? new Date();
  try {
    await acquireTokenForAbsentAdmin({
      api: EXCHANGE_ONLINE_API,
      db,
      acting: { tenant: homeTenant, actor: user },
    });
  } catch (error) {
    if (!(error instanceof AppError && error.code === "interaction_required")) throw error;
    const needsSignIn = `${SIGN_IN_AGAIN}: ${user.displayName}, who set up the scheduled checks, must sign in to the dashboard and save the schedule again.`;
    await db.healthCheckSchedule.update({ where: { partnerId }, data: { needsSignIn, lastRunAt: now } });
    await deliverAlert(schedule, {
      kind: "sign_in_again",
      partner: schedule.partner.name,
      customer: null,
      checkId: null,
      finishedAt: now.toISOString(),
      problems: [],
      changes: [],
      message: needsSignIn,
    });
    return { needsSignIn };
  }
  await db.healthCheckSchedule.update({ where: { partnerId }, data: { needsSignIn: null, lastRunAt: now } });
  return startHealthChecks({ db, queue, partner: { partnerId, user }, scheduled: true });
}
