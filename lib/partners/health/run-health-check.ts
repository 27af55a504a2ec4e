import type { PgBoss } from "pg-boss";
import type { EwsAppReadiness, Finding } from "@/lib/contracts/partner-dashboard";
import type { Db } from "@/lib/db";
import { checkComplianceConnection } from "@/lib/exchange/check-compliance-connection";
import { SECURITY_AND_COMPLIANCE_API } from "@/lib/exchange/compliance-token";
import { EXCHANGE_ONLINE_API } from "@/lib/exchange/exchange-online-token";
import { Prisma } from "@/lib/generated/prisma/client";
import type { HybridState } from "@/lib/generated/prisma/enums";
import { actingAsService, actingTenant } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";
import { parseAnswers } from "@/lib/wizard/answers/answers";
import { agentGatherTransport } from "@/lib/wizard/gather/agent-gather-transport";
import { exchangeOnlineGatherTransport } from "@/lib/wizard/gather/exchange-online-gather-transport";
import { gatherOrganization } from "@/lib/wizard/gather/gather-organization";
import { computePlan } from "@/lib/wizard/plan/compute-plan";
import { type PlanOperation, writesOf } from "@/lib/wizard/plan/plan-types";
import { tenantFactsOf } from "@/lib/wizard/runs/run-answers";
import { storedAnswers } from "@/lib/wizard/runs/stored-answers";
import { acquireCustomerToken } from "../customer-token";
import { ewsAppReadinessOf } from "./ews-app-readiness";
import { findingsOf } from "./health-check-summary";
import { changesSince, type HealthOutcome, healthFindings } from "./health-findings";

/** How long a check waits for the customer's agent to run its reads before that is the finding. */
const AGENT_WAIT_MS = 120_000;

/**
 * One customer's health check, read-only: both sides gathered now — through the customer's agent,
 * and Exchange Online as the partner's technician who started it (their delegated token, renewed
 * from the encrypted cache), Security & Compliance likewise — and the customer's last succeeded run planned again against them.
 * The outcome, or why there is none, is stored on the check's row with what changed since the one
 * before. Returns the finished row's outcome for the alerts.
 */
export async function runHealthCheck(options: {
  db: Db;
  queue: PgBoss;
  tenantId: string;
  checkId: string;
  now?: () => Date;
}): Promise<{ status: "succeeded" | "failed"; problems: Finding[]; changes: string[] } | null> {
  const { db, queue } = options;
  const now = options.now ?? (() => new Date());
  const tenant = await db.tenant.findUnique({ where: { id: options.tenantId } });
  if (!tenant) return null;
  const acting = actingAsService(tenant, "partner health check");
  const check = await db.healthCheck.findFirst({
    where: { id: options.checkId, ...tenantScope(acting) },
    select: {
      id: true,
      createdAt: true,
      batch: {
        select: {
          partnerId: true,
          startedBy: { select: { id: true, objectId: true, upn: true, displayName: true } },
          partner: { select: { homeTenant: true } },
        },
      },
    },
  });
  if (!check) return null;
  await db.healthCheck.updateMany({
    where: { id: check.id, ...tenantScope(acting) },
    data: { status: "running", startedAt: now() },
  });

  let outcome: HealthOutcome | null = null;
  let ewsAppReadiness: EwsAppReadiness | null = null;
  let error: string | null = null;
  try {
    const relationship = await db.partnerTenant.findFirst({
      where: { partnerId: check.batch.partnerId, ...tenantScope(acting), status: "active" },
      select: { id: true },
    });
    const user = check.batch.startedBy;
    if (!relationship)
      throw new Error("The partner no longer has an active relationship with this customer.");
    if (!user) throw new Error("The technician who started this check is no longer known: start it again.");
    const agents = await db.agent.findMany({
      where: { ...tenantScope(acting), revokedAt: null },
      select: { version: true },
    });
    if (agents.length === 0)
      throw new Error(
        "No agent is paired: pair one next to Exchange (Agents page) so the service can read the on-premises side.",
      );
    const homeTenant = actingTenant(check.batch.partner.homeTenant);
    const partner = {
      homeTenant,
      user: {
        userId: user.id,
        objectId: user.objectId,
        upn: user.upn,
        displayName: user.displayName,
        homeEntraTenantId: homeTenant.entraTenantId,
      },
    };
    const { accessToken } = await acquireCustomerToken({
      db,
      api: EXCHANGE_ONLINE_API,
      partner,
      customer: acting.tenant,
    });
    const compliance = await acquireCustomerToken({
      db,
      api: SECURITY_AND_COMPLIANCE_API,
      partner,
      customer: acting.tenant,
    })
      .then((token) => checkComplianceConnection({ tenant: acting.tenant, accessToken: token.accessToken }))
      .catch((failure: unknown) => ({ error: failure instanceof Error ? failure.message : String(failure) }));
    const gather = await gatherOrganization({
      acting,
      onPremises: agentGatherTransport({ db, queue, acting, timeoutMs: AGENT_WAIT_MS }),
      online: exchangeOnlineGatherTransport({ tenant: acting.tenant, accessToken }),
    });
    outcome = healthFindings({
      gathered: gather.state,
      checks: gather.checks,
      writes: await freshPlanWrites({ db, acting, gathered: gather.state }),
      agentVersions: agents.map((agent) => agent.version),
      compliance,
      now: now(),
    });
    ewsAppReadiness = ewsAppReadinessOf(gather.state, now());
  } catch (failure) {
    error = failure instanceof Error ? failure.message : String(failure);
  }

  const previous = await db.healthCheck.findFirst({
    where: { ...tenantScope(acting), finishedAt: { not: null }, id: { not: check.id } },
    orderBy: { finishedAt: "desc" },
    select: { hybridState: true, findings: true, error: true },
  });
  const findings = outcome?.findings ?? [];
  const hybridState: HybridState | null = outcome?.hybridState ?? null;
  const changes = changesSince(
    previous && {
      hybridState: previous.hybridState,
      findings: findingsOf(previous.findings),
      error: previous.error,
    },
    { hybridState, findings, error },
  );
  const status = error ? "failed" : "succeeded";
  await db.healthCheck.updateMany({
    where: { id: check.id, ...tenantScope(acting) },
    data: {
      status,
      finishedAt: now(),
      hybridState,
      planChanges: outcome?.planChanges ?? null,
      transportCertificateExpiresAt: outcome?.transportCertificateExpiresAt ?? null,
      ewsAppReadiness: ewsAppReadiness ?? Prisma.DbNull,
      findings,
      changes,
      error,
    },
  });
  const problems = findings.filter((finding) => finding.severity !== "ok");
  return {
    status,
    problems: error ? [{ id: "check", severity: "problem", message: error }, ...problems] : problems,
    changes,
  };
}

/**
 * The writes the customer's last succeeded wizard run would make now, or null without one: the
 * drift of the hybrid objects against the answers that made them.
 */
async function freshPlanWrites(options: {
  db: Db;
  acting: ReturnType<typeof actingAsService>;
  gathered: Parameters<typeof computePlan>[0]["gathered"];
}): Promise<PlanOperation[] | null> {
  const run = await options.db.wizardRun.findFirst({
    where: { ...tenantScope(options.acting), status: "succeeded", kind: "wizard" },
    orderBy: { finishedAt: "desc" },
    select: { answers: true },
  });
  if (!run) return null;
  const parsed = parseAnswers(storedAnswers(run.answers));
  if (!parsed.ok) return null;
  return writesOf(
    computePlan({
      gathered: options.gathered,
      answers: parsed.answers,
      tenant: tenantFactsOf(options.acting),
    }),
  );
}
