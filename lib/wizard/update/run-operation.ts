import { type OperationFailure, ZOperationFailureSchema } from "@/lib/contracts/wizard-update";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { tenantScope } from "@/lib/tenants/tenant-scope";
import type { PlanAction, PlanValue } from "@/lib/wizard/plan/plan-types";
import { appendRunLog, insertRunLogLine } from "./append-run-log";
import { driftFailure, isAppError, isRefusal } from "./describe-failure";
import { findObject, judgeBeforeWrite, objectRead } from "./object-before-write";
import { type OutputValues, storedOutput } from "./operation-output";
import { planSide } from "./operation-side";
import type { OperationTransport } from "./operation-transports";
import { redactParameters } from "./redact-parameters";
import { resolveRunValues } from "./resolve-run-values";
import { announceRunChanged } from "./run-events";
import { settleRun } from "./settle-run";
import { writeOperation } from "./write-with-credentials";

// One operation of a confirmed plan, as one attempt of its pg-boss job: read the object, compare it
// with what the admin reviewed, keep what it was (observedBefore), write, record the outcome. Any
// attempt may be a repeat (a restart, a second delivery of the agent's job), so each step first
// looks at what an earlier one left: a succeeded operation is not run again, an object an earlier
// attempt already wrote is not written twice.

/** `completed` lets what depends on it run; `stopped` ends the job and holds its dependents. */
export type AttemptResult = "completed" | "stopped";

type OperationRow = Prisma.OperationGetPayload<{ include: { run: { select: { status: true } } } }>;

export interface AttemptContext {
  db: Db;
  acting: ActingContext;
  operationId: string;
  runId: string;
  /** The side's transport, made once per batch (an Exchange Online token is asked for once). */
  transport: () => Promise<OperationTransport>;
  /** pg-boss's count of earlier attempts, and how many it allows. */
  retryCount: number;
  retryLimit: number;
}

const asPlanValues = (value: Prisma.JsonValue) => (value ?? {}) as Record<string, PlanValue>;

/** The credential parameters the row names (by account, never by password). */
const credentialsOf = (operation: OperationRow) =>
  operation.credentials as Record<string, { userName: string }> | null;

function shownParameters(operation: OperationRow) {
  return redactParameters({
    parameters: operation.parameters as Record<string, unknown>,
    credentials: credentialsOf(operation),
    sealedParameters: operation.sealedParameters as Record<string, unknown> | null,
  });
}

function summary(objects: readonly unknown[], warnings: readonly string[]): string {
  const parts = [`${objects.length} object${objects.length === 1 ? "" : "s"} returned`];
  if (warnings.length > 0) parts.push(`warnings: ${warnings.join(" | ")}`);
  return parts.join("; ");
}

export async function runOperationAttempt(context: AttemptContext): Promise<AttemptResult> {
  const { db, acting, runId } = context;
  const operation = await db.operation.findFirst({
    where: { id: context.operationId, runId, ...tenantScope(acting) },
    include: { run: { select: { status: true } } },
  });
  // Settled already (a repeated delivery), or a run that waits for its admin (resume sends it again).
  if (!operation || operation.status === "failed") return "stopped";
  if (operation.status === "succeeded") return "completed";
  if (operation.run.status !== "running") return "stopped";

  const startedAt = operation.startedAt ?? new Date();
  await db.operation.updateMany({
    where: { id: operation.id, ...tenantScope(acting) },
    data: { status: "running", startedAt },
  });
  await appendRunLog({
    db,
    acting,
    runId,
    operationId: operation.id,
    level: "info",
    message: `${operation.cmdlet} ${operation.identity}: running`,
    details: {
      cmdlet: operation.cmdlet,
      side: planSide(operation.side),
      parameters: shownParameters(operation) as Prisma.InputJsonObject,
      attempt: context.retryCount + 1,
    },
  });

  const finish = async (
    outcome:
      | { status: "succeeded"; output: string; values?: OutputValues }
      | { status: "failed"; failure: OperationFailure },
  ): Promise<AttemptResult> => {
    const finishedAt = new Date();
    const durationMs = finishedAt.getTime() - startedAt.getTime();
    const warning = outcome.status === "failed" && outcome.failure.warning === true;
    const values = outcome.status === "succeeded" && outcome.values ? outcome.values : {};
    const given = Object.entries(values).map(([name, value]) => `${name} ${value}`);
    // The outcome and its log line commit together: a process stopped between them would leave an
    // operation succeeded with no line saying so, which its next delivery would not write again.
    await db.$transaction(async (tx) => {
      await tx.operation.updateMany({
        where: { id: operation.id, ...tenantScope(acting) },
        data:
          outcome.status === "succeeded"
            ? {
                status: "succeeded",
                output: storedOutput(outcome.output, outcome.values),
                error: Prisma.DbNull,
                finishedAt,
              }
            : { status: "failed", error: outcome.failure, finishedAt },
      });
      await insertRunLogLine(tx, {
        acting,
        runId,
        operationId: operation.id,
        level: outcome.status === "succeeded" ? "info" : warning ? "warn" : "error",
        message:
          outcome.status === "succeeded"
            ? `${operation.cmdlet} ${operation.identity}: succeeded (${[outcome.output, ...given].join("; ")})`
            : warning
              ? `${operation.cmdlet} ${operation.identity}: warning ${outcome.failure.hcwCodes?.join(", ") ?? ""}: ${outcome.failure.message} ${outcome.failure.fix ?? ""}`.trim()
              : `${operation.cmdlet} ${operation.identity}: failed: ${outcome.failure.message}`,
        details: {
          cmdlet: operation.cmdlet,
          side: planSide(operation.side),
          parameters: shownParameters(operation) as Prisma.InputJsonObject,
          status: outcome.status,
          durationMs,
          ...(outcome.status === "succeeded"
            ? { output: outcome.output, ...(given.length > 0 ? { values } : {}) }
            : { error: outcome.failure }),
        },
      });
    });
    await announceRunChanged(runId);
    await settleRun({ db, acting, runId });
    return outcome.status === "succeeded" ? "completed" : "stopped";
  };

  try {
    const transport = await context.transport();
    const side = planSide(operation.side);
    // What earlier operations gave (a new application's appId) in its place, kept on the row so the
    // log, Done and Undo see the value that was written.
    const { values: written, resolved } = await resolveRunValues({
      db,
      acting,
      runId,
      values: {
        parameters: asPlanValues(operation.parameters),
        before: asPlanValues(operation.before),
        after: asPlanValues(operation.after),
      },
    });
    if (resolved) {
      await db.operation.updateMany({
        where: { id: operation.id, ...tenantScope(acting) },
        data: { parameters: written.parameters, before: written.before, after: written.after },
      });
      operation.parameters = written.parameters;
    }
    const read =
      side === "Graph"
        ? null
        : objectRead({ side, kind: operation.kind, identity: operation.identity, cmdlet: operation.cmdlet });
    const readable = read !== null || transport.current !== undefined;
    const readNow = async () => {
      if (transport.current) return transport.current(operation);
      return read
        ? findObject(await transport.read(read.cmdlet, read.parameters, read.server), operation, read)
        : null;
    };
    const judge = (current: Record<string, unknown> | null, readBefore: boolean) =>
      judgeBeforeWrite({
        action: operation.action as PlanAction,
        before: written.before,
        after: written.after,
        current,
        createdInThisRun: operation.dependsOn.some((dependency) =>
          dependency.endsWith(`:New-${operation.kind}:${operation.identity}`),
        ),
        readBefore,
      });

    if (readable) {
      const current = await readNow();
      const verdict = judge(current, operation.observedAt !== null);
      if (verdict.verdict === "applied") {
        return await finish({
          status: "succeeded",
          output: "written by an earlier attempt; not written again",
        });
      }
      if (verdict.verdict === "changed") {
        return await finish({
          status: "failed",
          failure: driftFailure(side, operation.identity, verdict.what),
        });
      }
      // Kept once, from the first read that found the object as reviewed: what Undo restores.
      if (operation.observedAt === null) {
        await db.operation.updateMany({
          where: { id: operation.id, ...tenantScope(acting), observedAt: null },
          data: {
            observedBefore: current === null ? Prisma.JsonNull : (current as Prisma.InputJsonObject),
            observedAt: new Date(),
          },
        });
      }
    }

    const outcome = await writeOperation({
      db,
      acting,
      runId,
      transport,
      side,
      cmdlet: operation.cmdlet,
      parameters: operation.parameters as Record<string, unknown>,
      credentials: credentialsOf(operation),
      key: `${operation.idempotencyKey}:${operation.attempts}`,
    });
    if (outcome.ok)
      return await finish({
        status: "succeeded",
        output: summary(outcome.objects, outcome.warnings),
        ...(outcome.values ? { values: outcome.values } : {}),
      });
    return await finish({ status: "failed", failure: outcome.failure });
  } catch (error) {
    return handleAttemptError(context, operation, error, finish);
  }
}

async function handleAttemptError(
  context: AttemptContext,
  operation: OperationRow,
  error: unknown,
  finish: (outcome: { status: "failed"; failure: OperationFailure }) => Promise<AttemptResult>,
): Promise<AttemptResult> {
  const { db, acting, runId } = context;
  const message = error instanceof Error ? error.message : String(error);
  if (isAppError(error, "interaction_required")) {
    await pauseRun({ db, acting, runId, operationId: operation.id, reason: message });
    return "stopped";
  }
  if (isRefusal(error)) return finish({ status: "failed", failure: { message } });
  if (context.retryCount >= context.retryLimit) {
    // A transport's failure in Exchange's words keeps its HCW code and fix (operation-transports.ts).
    const described = ZOperationFailureSchema.safeParse(
      error instanceof AppError ? error.details?.failure : undefined,
    ).data;
    return finish({
      status: "failed",
      failure: { ...described, message: `${message} (tried ${context.retryCount + 1} times)` },
    });
  }
  await db.operation.updateMany({
    where: { id: operation.id, ...tenantScope(acting) },
    data: { status: "pending" },
  });
  await appendRunLog({
    db,
    acting,
    runId,
    operationId: operation.id,
    level: "warn",
    message: `${operation.cmdlet} ${operation.identity}: not done yet, tried again shortly: ${message}`,
  });
  throw error;
}

/**
 * Entra wants the admin: the run waits ("sign in again to continue"); resume-update.ts sends it on.
 * The operation goes back to pending in the same transaction, so a paused run never shows it running.
 */
async function pauseRun(options: {
  db: Db;
  acting: ActingContext;
  runId: string;
  operationId: string;
  reason: string;
}): Promise<void> {
  const { db, acting, runId, reason } = options;
  const [, paused] = await db.$transaction([
    db.operation.updateMany({
      where: { id: options.operationId, ...tenantScope(acting) },
      data: { status: "pending" },
    }),
    db.wizardRun.updateMany({
      where: { id: runId, ...tenantScope(acting), status: "running" },
      data: { status: "paused", pausedReason: reason },
    }),
  ]);
  if (paused.count > 0)
    await appendRunLog({ db, acting, runId, level: "warn", message: `Paused: ${reason}` });
}
