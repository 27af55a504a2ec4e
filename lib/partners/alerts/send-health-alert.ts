import nodemailer from "nodemailer";
import type { Finding } from "@/lib/contracts/partner-dashboard";
import type { Db } from "@/lib/db";
import { getAlertMailEnv } from "@/lib/env";
import { getLogger } from "@/lib/logger";
import { actingAsService } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";
import { openWebhookSecret, WEBHOOK_SIGNATURE_HEADER, webhookSignature } from "./webhook-secret";

/** A webhook receiver gets this long to answer; an alert is not worth holding a worker for. */
const WEBHOOK_TIMEOUT_MS = 10_000;

export interface HealthAlert {
  kind: "health_check" | "sign_in_again";
  partner: string;
  customer: { tenantId: string; displayName: string; initialDomain: string } | null;
  checkId: string | null;
  finishedAt: string;
  problems: Finding[];
  changes: string[];
  message: string;
}

/**
 * A scheduled check that found a problem or a change tells the partner: its webhook (the body
 * signed with HMAC-SHA256) and its alert email, where set. Checks started by hand show on the
 * dashboard, for the person who started them, and send nothing.
 */
export async function sendHealthAlert(options: {
  db: Db;
  tenantId: string;
  checkId: string;
  result: { problems: Finding[]; changes: string[] };
}): Promise<void> {
  const { db } = options;
  const tenant = await db.tenant.findUnique({ where: { id: options.tenantId } });
  if (!tenant) return;
  const check = await db.healthCheck.findFirst({
    where: { id: options.checkId, ...tenantScope(actingAsService(tenant, "health alert")) },
    select: {
      finishedAt: true,
      batch: { select: { scheduled: true, partner: { select: { name: true, healthCheckSchedule: true } } } },
    },
  });
  const schedule = check?.batch.partner.healthCheckSchedule;
  if (!check?.batch.scheduled || !schedule) return;
  const { problems, changes } = options.result;
  const alert: HealthAlert = {
    kind: "health_check",
    partner: check.batch.partner.name,
    customer: { tenantId: tenant.id, displayName: tenant.displayName, initialDomain: tenant.initialDomain },
    checkId: options.checkId,
    finishedAt: (check.finishedAt ?? new Date()).toISOString(),
    problems,
    changes,
    message: `${tenant.displayName}: ${problems.length} problem${problems.length === 1 ? "" : "s"}${changes.length ? `, ${changes.length} change${changes.length === 1 ? "" : "s"} since the last check` : ""}.`,
  };
  await deliverAlert(schedule, alert);
}

/** Sends `alert` to where the partner's schedule says: webhook and email, each on its own. */
export async function deliverAlert(
  schedule: {
    partnerId: string;
    alertEmail: string | null;
    webhookUrl: string | null;
    webhookSecretKeyId: string | null;
    webhookSecretIv: Uint8Array | null;
    webhookSecretCiphertext: Uint8Array | null;
  },
  alert: HealthAlert,
): Promise<void> {
  const sent: Array<Promise<unknown>> = [];
  const { webhookUrl, webhookSecretKeyId, webhookSecretIv, webhookSecretCiphertext } = schedule;
  if (webhookUrl && webhookSecretKeyId && webhookSecretIv && webhookSecretCiphertext) {
    const body = JSON.stringify(alert);
    const secret = openWebhookSecret(schedule.partnerId, {
      webhookSecretKeyId,
      webhookSecretIv,
      webhookSecretCiphertext,
    });
    sent.push(
      fetch(webhookUrl, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          [WEBHOOK_SIGNATURE_HEADER]: webhookSignature(secret, body),
        },
        body,
        redirect: "error",
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      }).then((response) => {
        if (!response.ok) throw new Error(`the webhook answered ${response.status}`);
      }),
    );
  }
  const mail = getAlertMailEnv();
  if (schedule.alertEmail && mail.SMTP_URL) {
    sent.push(
      nodemailer.createTransport(mail.SMTP_URL).sendMail({
        from: mail.ALERT_FROM,
        to: schedule.alertEmail,
        subject: `Hybrid Wizard: ${alert.message}`,
        text: [
          alert.message,
          "",
          ...alert.problems.map((p) => `- ${p.message}`),
          ...alert.changes.map((c) => `- Changed: ${c}`),
        ].join("\n"),
      }),
    );
  }
  const results = await Promise.allSettled(sent);
  for (const result of results) {
    if (result.status === "rejected") {
      getLogger().warn(
        { partnerId: schedule.partnerId, reason: (result.reason as Error).message },
        "health alert not delivered",
      );
    }
  }
}
