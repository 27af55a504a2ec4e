import type { PgBoss } from "pg-boss";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { RunGathered } from "@/lib/contracts/wizard-gather";
import type { Db } from "@/lib/db";
import type { ExchangeOnlineCaller } from "@/lib/exchange/exchange-online-client";
import type { GraphConnection } from "@/lib/graph/graph-client";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";
import { ZEnvironmentPageSchema } from "@/lib/wizard/answers/answer-pages";
import { onPremisesForRun } from "@/lib/wizard/credentials/on-premises-for-run";
import { exchangeOnlineGatherTransport } from "@/lib/wizard/gather/exchange-online-gather-transport";
import { gatherOrganization } from "@/lib/wizard/gather/gather-organization";
import type { ReadRecord } from "@/lib/wizard/gather/gather-transport";
import { hasExchange2010 } from "@/lib/wizard/gather/gathered-lookups";
import { findRunRow } from "./find-run-row";
import { runGatheredView } from "./run-gathered-view";
import { storedAnswers } from "./stored-answers";
import type { StoredGather } from "./stored-gather";

/**
 * Gathering configuration for a run: both sides read in parallel (the agent on the server the
 * Environment page chose, Exchange Online as the admin), then Microsoft Graph as the admin for the
 * dedicated hybrid application, each read handed to `onRecord` as it
 * lands, and the result kept with the run for the pages after it. A gather is not an answer, so
 * it does not move the run's version: a tab that read the run before it may still save.
 */
export async function gatherRun(options: {
  db: Db;
  queue: PgBoss;
  acting: ActingContext;
  runId: string;
  exchangeOnline: ExchangeOnlineCaller;
  /** The admin's Microsoft Graph, for the dedicated hybrid application (a line of its own on the page). */
  graph?: () => Promise<GraphConnection>;
  onRecord?: (record: ReadRecord) => void;
}): Promise<RunGathered> {
  const { db, acting, runId } = options;
  const run = await findRunRow(options);
  const environment = ZEnvironmentPageSchema.safeParse(storedAnswers(run.answers).environment).data;
  const result = await gatherOrganization({
    acting,
    onPremises: (await onPremisesForRun({ db, queue: options.queue, acting, runId })).gatherTransport({
      server: environment?.onPremisesServer ?? undefined,
    }),
    online: exchangeOnlineGatherTransport(options.exchangeOnline),
    ...(options.graph ? { graph: options.graph } : {}),
    ...(options.onRecord ? { onRecord: options.onRecord } : {}),
  });
  const stored: StoredGather = {
    state: result.state,
    records: result.records,
    checks: result.checks,
    durationMs: result.durationMs,
    exchange2010: hasExchange2010(result.state),
    domainProofs: [],
  };
  const gatheredAt = new Date();
  await db.$transaction(async (tx) => {
    await tx.wizardRun.updateMany({
      where: { id: runId, ...tenantScope(acting) },
      data: { gathered: stored, gatheredAt },
    });
    await recordAuditEvent(tx, {
      acting,
      action: "wizard_run.gathered",
      targetType: "WizardRun",
      targetId: runId,
      details: { reads: result.records.length, durationMs: result.durationMs },
    });
  });
  return runGatheredView(stored, gatheredAt, gatheredAt);
}
