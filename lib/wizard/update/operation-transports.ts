import type { PgBoss } from "pg-boss";
import type { OperationFailure } from "@/lib/contracts/wizard-update";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { invokeExchangeOnlineCmdlet } from "@/lib/exchange/exchange-online-client";
import { ThrottleBudget } from "@/lib/exchange/throttle-budget";
import { type AgentJobData, enqueueAgentJob, queueFor } from "@/lib/jobs/agent-jobs";
import { awaitAgentJob, type SettledAgentJob } from "@/lib/jobs/await-agent-job";
import { enqueueAgentReads } from "@/lib/jobs/enqueue-agent-reads";
import type { OnPremisesSession } from "@/lib/jobs/on-premises-session";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { describeFailure, describeOnlineFailure, isAppError } from "./describe-failure";
import type { OutputValues } from "./operation-output";

// How an operation reads its object and writes, per side: on-premises as agent jobs (one read job,
// then the cmdlet's own job, keyed so that a repeated attempt awaits the job already queued instead
// of queueing it twice), in Exchange Online through the admin API with the admin's token, a 429
// waited out as Exchange Online asks.

/** What a write came to: its output, or Exchange's refusal (final: retrying says the same). */
export type WriteOutcome =
  | { ok: true; objects: unknown[]; warnings: string[]; values?: OutputValues }
  | { ok: false; failure: OperationFailure };

export interface OperationTransport {
  read(cmdlet: string, parameters: Record<string, unknown>, server?: string): Promise<unknown[]>;
  write(cmdlet: string, parameters: Record<string, unknown>, key: string): Promise<WriteOutcome>;
  /** Microsoft Graph's: the operation's object as the plan spells it, read by the transport itself. */
  current?(operation: { kind: string; identity: string }): Promise<Record<string, unknown> | null>;
}

/**
 * The agent job of one delivery of a write. The same key is the same job: an attempt after a
 * restart awaits what the last one queued. A write is handed to an agent once; one that settled
 * unreported (its agent vanished) or broken off is done with, and the attempt after it, having read
 * the object, writes under the next key (`<key>/2`, …), so each delivery is found again the same way.
 */
async function writeJob(options: {
  boss: PgBoss;
  name: string;
  key: string;
  enqueue: (key: string) => Promise<string>;
}): Promise<string> {
  for (let delivery = 1; ; delivery++) {
    const key = delivery === 1 ? options.key : `${options.key}/${delivery}`;
    const [existing] = await options.boss.findJobs(options.name, { key });
    if (!existing) return options.enqueue(key);
    if (existing.state !== "failed") return existing.id;
  }
}

/** How long one attempt waits for the agent before pg-boss tries the operation again later. */
const AGENT_WAIT_MS = 5 * 60_000;
/** How long one Exchange Online write waits out throttling in all before giving the attempt up. */
const THROTTLE_BUDGET_MS = 120_000;

export function onlineTransport(options: {
  tenant: ActingContext["tenant"];
  accessToken: string;
}): OperationTransport {
  const caller = { tenant: options.tenant, accessToken: options.accessToken };
  const budget = new ThrottleBudget(THROTTLE_BUDGET_MS);
  async function invoke(cmdlet: string, parameters: Record<string, unknown>) {
    for (;;) {
      try {
        return await invokeExchangeOnlineCmdlet({ ...caller, cmdlet, parameters });
      } catch (error) {
        if (!isAppError(error, "rate_limited")) throw error;
        // Over the budget the refusal is thrown: a transient failure, so pg-boss tries again later.
        await budget.wait(Number(error.details?.retryAfterSeconds ?? 1) * 1000, error);
      }
    }
  }
  return {
    async read(cmdlet, parameters) {
      return (await invoke(cmdlet, parameters)).value;
    },
    async write(cmdlet, parameters) {
      try {
        const result = await invoke(cmdlet, parameters);
        return { ok: true, objects: result.value, warnings: result.warnings };
      } catch (error) {
        // A dropped connection ends the write as the agent's dropped session does on-premises
        // (HCW8100/8084, Retry): the write may or may not have landed, and Retry reads first.
        if (!isAppError(error)) throw error;
        const dropped = error.code === "unavailable" && error.details?.connectionDropped === true;
        if (!dropped && !isAppError(error, "exchange_error", "forbidden", "not_found")) throw error;
        return { ok: false, failure: describeOnlineFailure(error, cmdlet) };
      }
    },
  };
}

export function agentTransport(options: {
  db: Db;
  queue: PgBoss;
  acting: ActingContext;
  sealedParameters?: AgentJobData["sealedParameters"];
  /** The run's own account (onPremisesSessionForRun): its jobs go to its agent alone, run as it. */
  session?: OnPremisesSession;
}): OperationTransport {
  const { db, queue, acting, session } = options;
  const agentId = session?.agentId;
  const forAgent = agentId ? { agentId } : {};

  const settle = (jobId: string, describe: string): Promise<SettledAgentJob> =>
    // Not taken in time (the agent is away): the job stays queued and the next attempt awaits it.
    awaitAgentJob({ db, queue, acting, jobId, timeoutMs: AGENT_WAIT_MS, describe, ...forAgent });

  return {
    async read(cmdlet, parameters, server) {
      const jobId = await enqueueAgentReads({
        queue,
        acting,
        reads: [{ cmdlet, parameters }],
        idempotencyKey: `update-read-${crypto.randomUUID()}`,
        ...(server ? { server } : {}),
        ...(session ? { session } : {}),
      });
      let settled: SettledAgentJob;
      try {
        settled = await settle(jobId, cmdlet);
      } catch (error) {
        // A read nobody took is worth nothing later: the next attempt reads afresh.
        const { boss, name } = await queueFor(queue, acting, agentId);
        await boss.cancel(name, jobId).catch(() => undefined);
        throw error;
      }
      if (settled.outcome.outcome === "failed") {
        throw new AppError(
          "unavailable",
          `The agent could not read ${cmdlet}: ${settled.outcome.error.message}`,
        );
      }
      const [answer] = settled.outcome.result.reads ?? [];
      if (!answer) throw new AppError("unavailable", `The agent answered no result for ${cmdlet}.`);
      if (!answer.ok)
        throw new AppError("unavailable", `Exchange could not read ${cmdlet}: ${answer.error.message}`);
      return answer.objects;
    },

    async write(cmdlet, parameters, key) {
      const { boss, name } = await queueFor(queue, acting, agentId);
      const data = {
        cmdlet,
        parameters,
        ...(options.sealedParameters ? { sealedParameters: options.sealedParameters } : {}),
        ...(session ? { sessionCredential: session.sessionCredential } : {}),
      };
      const jobId = await writeJob({
        boss,
        name,
        key,
        enqueue: (idempotencyKey) =>
          enqueueAgentJob({
            queue,
            acting,
            ...forAgent,
            deliverOnce: true,
            data: { ...data, idempotencyKey },
          }),
      });
      const { outcome } = await settle(jobId, cmdlet);
      if (outcome.outcome === "succeeded") {
        return { ok: true, objects: outcome.result.objects, warnings: outcome.result.warnings };
      }
      const failure = describeFailure({
        side: "onPremises",
        cmdlet,
        message: outcome.error.message,
        transient: outcome.error.transient,
        ...(outcome.error.category ? { category: outcome.error.category } : {}),
        ...(outcome.error.errorId ? { exchangeCode: outcome.error.errorId } : {}),
      });
      // The agent vanished mid-cmdlet or its session broke: Exchange may have written. This attempt
      // gives up, and the next reads the object before it writes again (run-operation.ts); the last
      // one allowed fails with Exchange's words and the HCW's fix (a dropped session's HCW8083…).
      if (outcome.error.transient) {
        throw new AppError("unavailable", `${cmdlet} did not finish on-premises: ${outcome.error.message}`, {
          failure,
        });
      }
      return { ok: false, failure };
    },
  };
}
