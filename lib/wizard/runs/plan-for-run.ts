import type { PgBoss } from "pg-boss";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { acquireExchangeOnlineToken } from "@/lib/exchange/exchange-online-token";
import { connectGraph } from "@/lib/graph/connect-graph";
import type { UserActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";
import { parseAnswers } from "@/lib/wizard/answers/answers";
import { crossCheckAnswers } from "@/lib/wizard/answers/cross-check-answers";
import { onPremisesForRun } from "@/lib/wizard/credentials/on-premises-for-run";
import { exchangeOnlineGatherTransport } from "@/lib/wizard/gather/exchange-online-gather-transport";
import { type GatherResult, gatherOrganization } from "@/lib/wizard/gather/gather-organization";
import type { Plan } from "@/lib/wizard/plan/plan-types";
import { runNotFound } from "./change-run-at-version";
import { planDigest } from "./plan-digest";
import { planOfKind } from "./plan-of-kind";
import { storedAnswers } from "./stored-answers";

export interface RunPlan {
  run: { id: string; version: number };
  plan: Plan;
  digest: string;
  gather: GatherResult;
  gatheredAt: Date;
}

/**
 * The plan of a run as it would run now: both sides gathered (the tenant's agent on-premises, the
 * admin's on-behalf-of token in Exchange Online and in Microsoft Graph), the run's saved answers parsed and checked against
 * what was gathered, and the plan of the run's kind (plan-of-kind.ts). Changes nothing, anywhere: the Review plan page shows it and
 * confirming computes it again (confirm-update.ts) to freeze exactly what was reviewed.
 */
export async function planForRun(options: {
  db: Db;
  queue: PgBoss;
  acting: UserActingContext;
  runId: string;
}): Promise<RunPlan> {
  const { db, acting } = options;
  const run = await db.wizardRun.findFirst({
    where: { id: options.runId, ...tenantScope(acting) },
    select: {
      id: true,
      version: true,
      answers: true,
      kind: true,
      sourceRunId: true,
      certificateThumbprint: true,
    },
  });
  if (!run) throw runNotFound();
  const parsed = parseAnswers(storedAnswers(run.answers));
  if (!parsed.ok) {
    throw new AppError(
      "invalid_answers",
      "Some pages of this run are not answered yet (or no longer valid): finish them before the plan can be shown.",
      { issues: parsed.violations },
    );
  }
  const { accessToken } = await acquireExchangeOnlineToken({ db, acting });
  const gather = await gatherOrganization({
    acting,
    onPremises: (
      await onPremisesForRun({ db, queue: options.queue, acting, runId: run.id })
    ).gatherTransport(),
    online: exchangeOnlineGatherTransport({ tenant: acting.tenant, accessToken }),
    // Also leaves the admin's Graph token in their cache, for the update's Graph operations.
    graph: () => connectGraph({ db, acting }),
  });
  const gatheredAt = new Date();
  // An undo or a certificate change carries its source's answers unchanged: that they fit the
  // organization as the source run left it (an expiring certificate, say) is not theirs to check.
  const violations =
    run.kind === "wizard"
      ? crossCheckAnswers({ answers: parsed.answers, gathered: gather.state, now: gatheredAt })
      : [];
  if (violations.length > 0) {
    throw new AppError(
      "invalid_answers",
      "Some answers no longer fit the organization as it is now: correct them on their pages.",
      { issues: violations },
    );
  }
  const plan = await planOfKind({
    db,
    acting,
    run,
    answers: parsed.answers,
    gathered: gather.state,
    online: { tenant: acting.tenant, accessToken },
    now: gatheredAt,
  });
  return {
    run: { id: run.id, version: run.version },
    plan,
    digest: planDigest(plan.operations),
    gather,
    gatheredAt,
  };
}
