import type { JobResult, JobWithMetadata, PgBoss } from "pg-boss";
import type { DownstreamApi } from "@/lib/auth/on-behalf-of-token";
import type { Db } from "@/lib/db";
import { EXCHANGE_ONLINE_API } from "@/lib/exchange/exchange-online-token";
import { MICROSOFT_GRAPH_API } from "@/lib/graph/graph-token";
import { getLogger } from "@/lib/logger";
import { type ActingContext, actingAsService } from "@/lib/tenants/acting-context";
import { onPremisesForRun } from "@/lib/wizard/credentials/on-premises-for-run";
import type { PlanSide } from "@/lib/wizard/plan/plan-types";
import { absentAdminOfRun } from "./absent-admin-of-run";
import { graphTransport } from "./graph-transport";
import { type OperationTransport, onlineTransport } from "./operation-transports";
import { runOperationAttempt } from "./run-operation";
import {
  ensureUpdateQueues,
  type OperationJobData,
  UPDATE_QUEUES,
  ZOperationJobDataSchema,
} from "./update-queues";

// The update's workers, in every web instance: pg-boss hands each a batch of operations whose
// dependencies have completed, so every operation of one batch is independent of the others and
// they run together: Exchange Online's concurrently (one token per run and batch, 429s waited
// out), on-premises ones as agent jobs, one at a time per tenant, Microsoft Graph's with the admin's
// Graph token (its 429s waited out by lib/graph's client).

/** Ready Exchange Online operations taken at once (one $batch's worth). */
const ONLINE_BATCH = 20;
/** Ready Microsoft Graph operations taken at once. */
const GRAPH_BATCH = 5;
/** On-premises operations awaited at once per instance, each of another tenant (localGroupConcurrency). */
const ON_PREMISES_CONCURRENCY = 8;
/**
 * How often an idle worker asks for a ready operation. Each operation released (its dependencies
 * done, or the tenant's previous on-premises one finished) waits up to this long to be taken; the
 * price is (1 + ON_PREMISES_CONCURRENCY) small queries this often per idle instance.
 */
const POLL_SECONDS = 0.5;

type Job = JobWithMetadata<OperationJobData>;

async function actingFor(db: Db, tenantId: string): Promise<ActingContext | null> {
  const tenant = await db.tenant.findUnique({ where: { id: tenantId } });
  return tenant ? actingAsService(tenant, "wizard update") : null;
}

/** The admin the run acts as, in Exchange Online or Graph. */
async function absentAdminToken(
  db: Db,
  acting: ActingContext,
  runId: string,
  api: DownstreamApi = EXCHANGE_ONLINE_API,
): Promise<string> {
  return (await absentAdminOfRun({ db, acting, runId })).token(api);
}

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => {
    made ??= make();
    return made;
  };
}

async function workBatch(db: Db, queue: PgBoss, side: PlanSide, jobs: Job[]): Promise<JobResult[]> {
  const byRun = new Map<string, Job[]>();
  for (const job of jobs) {
    const data = ZOperationJobDataSchema.parse(job.data);
    byRun.set(data.runId, [...(byRun.get(data.runId) ?? []), job]);
  }
  const results = await Promise.all(
    [...byRun.entries()].map(async ([runId, runJobs]) => {
      const { tenantId } = ZOperationJobDataSchema.parse(runJobs[0]!.data);
      const acting = await actingFor(db, tenantId);
      if (!acting) return runJobs.map((job): JobResult => ({ id: job.id, status: "deadletter" }));
      const agent = once(async () =>
        (await onPremisesForRun({ db, queue, acting, runId })).operationTransport(),
      );
      const transports: Record<PlanSide, () => Promise<OperationTransport>> = {
        OnPremises: agent,
        Online: once(async () =>
          onlineTransport({ tenant: acting.tenant, accessToken: await absentAdminToken(db, acting, runId) }),
        ),
        // The Auth certificates' public part comes from on-premises, through the run's agent.
        Graph: once(async () =>
          graphTransport({
            graph: {
              tenant: acting.tenant,
              accessToken: await absentAdminToken(db, acting, runId, MICROSOFT_GRAPH_API),
            },
            onPremises: agent,
          }),
        ),
      };
      const transport = transports[side];
      return Promise.all(
        runJobs.map(async (job): Promise<JobResult> => {
          try {
            const result = await runOperationAttempt({
              db,
              acting,
              runId,
              operationId: ZOperationJobDataSchema.parse(job.data).operationId,
              transport,
              retryCount: job.retryCount,
              retryLimit: job.retryLimit,
            });
            return { id: job.id, status: result === "completed" ? "completed" : "deadletter" };
          } catch (error) {
            getLogger().warn({ runId, jobId: job.id, reason: (error as Error).message }, "operation retried");
            return { id: job.id, status: "failed", output: { message: (error as Error).message } };
          }
        }),
      );
    }),
  );
  return results.flat();
}

/** Works the update's queues of `updates`; on-premises operations become agent jobs of `queue`. */
export async function startUpdateWorkers(options: { db: Db; queue: PgBoss; updates: PgBoss }): Promise<void> {
  const { db, queue, updates } = options;
  await ensureUpdateQueues(updates);
  const online = {
    batchSize: ONLINE_BATCH,
    includeMetadata: true,
    perJobResults: true,
    pollingIntervalSeconds: POLL_SECONDS,
  } as const;
  await updates.work<OperationJobData, unknown, typeof online>(UPDATE_QUEUES.Online, online, (jobs) =>
    workBatch(db, queue, "Online", jobs),
  );
  // Graph's few operations a run (the app, its principal, consent) depend on one another: small batches.
  const graph = { ...online, batchSize: GRAPH_BATCH } as const;
  await updates.work<OperationJobData, unknown, typeof graph>(UPDATE_QUEUES.Graph, graph, (jobs) =>
    workBatch(db, queue, "Graph", jobs),
  );
  const onPremises = {
    batchSize: 1,
    localConcurrency: ON_PREMISES_CONCURRENCY,
    // A tenant's on-premises operations one at a time in an instance, in the plan's order: its agent
    // runs one job at a time anyway, and Exchange's remote PowerShell budget is the admin's. (pg-boss's
    // database-wide groupConcurrency let several through at once when workers fetched together.)
    localGroupConcurrency: 1,
    includeMetadata: true,
    perJobResults: true,
    pollingIntervalSeconds: POLL_SECONDS,
  } as const;
  await updates.work<OperationJobData, unknown, typeof onPremises>(
    UPDATE_QUEUES.OnPremises,
    onPremises,
    (jobs) => workBatch(db, queue, "OnPremises", jobs),
  );
}
