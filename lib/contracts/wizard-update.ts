import { z } from "zod";
import { OperationStatus, RunStatus } from "@/lib/generated/prisma/enums";
import {
  ZPlanActionSchema,
  ZPlanOperationSchema,
  ZPlanSideSchema,
  ZPlanTaskSchema,
} from "@/lib/wizard/plan/plan-types";

// The Review plan and Update pages' API (app/api/wizard/runs/[runId]/{plan,confirm,update,retry,
// resume,events,log}): the plan as reviewed, its confirmation, the update's progress and its log.

const ZVersionSchema = z.int("version must be the run's version, a whole number").min(1);
const ZIsoSchema = z.iso.datetime({ offset: true });

/** A reviewed operation: the plan's, with its exact PowerShell line (credentials shown by reference). */
export const ZReviewedOperationSchema = ZPlanOperationSchema.extend({ powershell: z.string() });
export type ReviewedOperation = z.infer<typeof ZReviewedOperationSchema>;

export const ZChangeCountsSchema = z.object({
  new: z.int(),
  update: z.int(),
  remove: z.int(),
  unchanged: z.int(),
});
export type ChangeCounts = z.infer<typeof ZChangeCountsSchema>;

const ZGatherCheckSchema = z.object({
  id: z.string(),
  status: z.enum(["ok", "warning", "error"]),
  message: z.string(),
});

/** GET /api/wizard/runs/[runId]/plan: both sides gathered now, the answers parsed, the plan computed. */
export const ZRunPlanResponseSchema = z.object({
  runId: z.uuid(),
  /** The run's version: confirming names it. */
  version: ZVersionSchema,
  /** SHA-256 of the operations: confirming names it, so what runs is exactly what was reviewed. */
  digest: z.string(),
  operations: z.array(ZReviewedOperationSchema),
  counts: ZChangeCountsSchema,
  notes: z.array(z.string()),
  checks: z.array(ZGatherCheckSchema),
  gatheredAt: ZIsoSchema,
});
export type RunPlanResponse = z.infer<typeof ZRunPlanResponseSchema>;

/** POST /api/wizard/runs/[runId]/confirm */
export const ZConfirmPlanRequestSchema = z.object({
  version: ZVersionSchema,
  digest: z.string().min(1).max(128),
});
export type ConfirmPlanRequest = z.infer<typeof ZConfirmPlanRequestSchema>;

/** An operation's failure as the Update page shows it: Exchange's words, the HCW code, the fix. */
export const ZOperationFailureSchema = z.object({
  message: z.string(),
  /** Exchange's own error id or code, when it gave one. */
  exchangeCode: z.string().optional(),
  /** The HCW's code(s) for this failure, e.g. ["HCW8078"]. */
  hcwCodes: z.array(z.string()).optional(),
  title: z.string().optional(),
  fix: z.string().optional(),
  /** The object no longer looks as reviewed: nothing was written. */
  drift: z.boolean().optional(),
  /** The HCW's warning, not its failure (HCW8126, consent refused): the rest of the update runs on. */
  warning: z.boolean().optional(),
});
export type OperationFailure = z.infer<typeof ZOperationFailureSchema>;

/** `blocked`: pending, and waits on an operation that failed (Retry runs both). */
export const ZOperationProgressStatusSchema = z.enum([...Object.values(OperationStatus), "blocked"]);
export type OperationProgressStatus = z.infer<typeof ZOperationProgressStatusSchema>;

export const ZOperationProgressSchema = z.object({
  id: z.uuid(),
  sequence: z.int(),
  planOperationId: z.string(),
  side: ZPlanSideSchema,
  task: ZPlanTaskSchema,
  action: ZPlanActionSchema,
  kind: z.string(),
  identity: z.string(),
  cmdlet: z.string(),
  status: ZOperationProgressStatusSchema,
  attempts: z.int(),
  startedAt: ZIsoSchema.nullable(),
  finishedAt: ZIsoSchema.nullable(),
  durationMs: z.int().nullable(),
  /** What it printed (objects written, warnings), short. */
  output: z.string().nullable(),
  /** The ids a Microsoft Graph write was given (the new application's appId and id). */
  values: z.record(z.string(), z.string()).optional(),
  error: ZOperationFailureSchema.nullable(),
  /** planOperationIds of the failed operations it waits on. */
  blockedBy: z.array(z.string()),
});
export type OperationProgress = z.infer<typeof ZOperationProgressSchema>;

/** GET /api/wizard/runs/[runId]/update; confirm, retry and resume answer it too. */
export const ZUpdateProgressSchema = z.object({
  runId: z.uuid(),
  status: z.enum(RunStatus),
  version: ZVersionSchema,
  /** "Sign in again to continue", when the update waits for the admin. */
  pausedReason: z.string().nullable(),
  /** Who the update acts as. */
  actingAs: z.object({ displayName: z.string(), upn: z.string() }).nullable(),
  operations: z.array(ZOperationProgressSchema),
  /** Writes done (succeeded) of all writes, for the progress bar; nops are not counted. */
  done: z.int(),
  total: z.int(),
});
export type UpdateProgress = z.infer<typeof ZUpdateProgressSchema>;

/** POST …/retry and …/resume: the version the page read. */
export const ZUpdateCommandRequestSchema = z.object({ version: ZVersionSchema });
export type UpdateCommandRequest = z.infer<typeof ZUpdateCommandRequestSchema>;

/** One line of the run's log. */
export const ZRunLogLineSchema = z.object({
  id: z.string(),
  at: ZIsoSchema,
  level: z.enum(["info", "warn", "error"]),
  message: z.string(),
  operationId: z.uuid().nullable(),
  /** cmdlet, parameters (secrets redacted), status, durationMs, output, error. */
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type RunLogLine = z.infer<typeof ZRunLogLineSchema>;

/** GET /api/wizard/runs/[runId]/log?format=json (a download; `text` is the readable one). */
export const ZRunLogQuerySchema = z.object({ format: z.enum(["json", "text"]).default("json") });
export const ZRunLogDocumentSchema = z.object({
  runId: z.uuid(),
  tenant: z.string(),
  status: z.enum(RunStatus),
  lines: z.array(ZRunLogLineSchema),
});
export type RunLogDocument = z.infer<typeof ZRunLogDocumentSchema>;

/**
 * GET /api/wizard/runs/[runId]/events (server-sent events): `ready` once subscribed, then
 * `progress` (an UpdateProgress) and `log` (a RunLogLine) as the update moves.
 */
export const UPDATE_STREAM_EVENTS = ["ready", "progress", "log"] as const;
