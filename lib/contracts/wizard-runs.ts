import { z } from "zod";
import { RunKind, RunStatus } from "@/lib/generated/prisma/enums";
import { ANSWER_PAGE_IDS, WIZARD_PAGE_IDS } from "@/lib/wizard/wizard-pages";

// The saved wizard run's API (app/api/wizard/runs/**): its route params, requests and answers.
// A run's answers are keyed as in the answers file (docs/ANSWERS.md); each page's own form knows
// its schema.

export const ZWizardPageIdSchema = z.enum(WIZARD_PAGE_IDS, {
  error: `a wizard page: ${WIZARD_PAGE_IDS.join(", ")}`,
});
export const ZAnswerPageIdSchema = z.enum(ANSWER_PAGE_IDS, {
  error: `a wizard page with answers: ${ANSWER_PAGE_IDS.join(", ")}`,
});

/** /api/wizard/runs/[runId]/… */
export const ZWizardRunParamsSchema = z.object({ runId: z.uuid("Not a wizard run id") });
/** /api/wizard/runs/[runId]/answers/[page] */
export const ZPageAnswersParamsSchema = ZWizardRunParamsSchema.extend({ page: ZAnswerPageIdSchema });

const ZPersonSchema = z.object({ displayName: z.string(), upn: z.string() });
const ZVersionSchema = z.int("version must be the run's version, a whole number").min(1);

/** The run an undo undoes, or whose answers a certificate change starts from. */
const ZSourceRunSchema = z.object({
  id: z.uuid(),
  createdAt: z.iso.datetime({ offset: true }),
  currentPage: ZWizardPageIdSchema,
});

/** A run as the Start page lists it. */
export const ZWizardRunSummarySchema = z.object({
  id: z.uuid(),
  status: z.enum(RunStatus),
  /** The wizard's own run; the undo of another run; or the replacement of its transport certificate. */
  kind: z.enum(RunKind),
  /** Null for a wizard run. */
  source: ZSourceRunSchema.nullable(),
  /** Null once the person who created it is gone (or the service created it). */
  createdBy: ZPersonSchema.nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  currentPage: ZWizardPageIdSchema,
  updatedAt: z.iso.datetime({ offset: true }),
  /** What the next save or move must name (optimistic concurrency). */
  version: ZVersionSchema,
});
export type WizardRunSummary = z.infer<typeof ZWizardRunSummarySchema>;

/** GET, POST (201) /api/wizard/runs/[runId]; PUT …/answers/[page] and …/page answer it too. */
export const ZWizardRunSchema = ZWizardRunSummarySchema.extend({
  answers: z.record(z.string(), z.unknown()),
});
export type WizardRun = z.infer<typeof ZWizardRunSchema>;

/** GET /api/wizard/runs?cursor=…&limit=…: newest first. */
export const ZWizardRunListQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export const ZWizardRunListResponseSchema = z.object({
  runs: z.array(ZWizardRunSummarySchema),
  /** Pass as `cursor` for the next, older runs; null when there are none. */
  nextCursor: z.string().nullable(),
});
export type WizardRunListResponse = z.infer<typeof ZWizardRunListResponseSchema>;

/**
 * PUT /api/wizard/runs/[runId]/answers/[page]: the page's answers, with the version they were read
 * at, and the page Next leads to (the run resumes there; the saved page when absent).
 */
export const ZSavePageAnswersRequestSchema = z.object({
  version: ZVersionSchema,
  answers: z.unknown(),
  next: ZWizardPageIdSchema.optional(),
});
export type SavePageAnswersRequest = z.infer<typeof ZSavePageAnswersRequestSchema>;

/** PUT /api/wizard/runs/[runId]/page: Back or Next without saving answers. */
export const ZGoToPageRequestSchema = z.object({ version: ZVersionSchema, page: ZWizardPageIdSchema });
export type GoToPageRequest = z.infer<typeof ZGoToPageRequestSchema>;

export const ZRunChangeKindSchema = z.enum([
  "answers_saved",
  "page_changed",
  "update_confirmed",
  "update_retried",
  "update_resumed",
]);

/** One change of a run that another tab or admin made after the version a request named. */
export const ZRunChangeSchema = z.object({
  version: ZVersionSchema,
  kind: ZRunChangeKindSchema,
  page: ZWizardPageIdSchema,
  by: ZPersonSchema.nullable(),
  at: z.iso.datetime({ offset: true }),
  /** For a save: the answers that page has now. */
  answers: z.unknown().optional(),
});
export type RunChange = z.infer<typeof ZRunChangeSchema>;

/** The 409 `version_conflict` error's details: the run's version now and what changed since. */
export const ZVersionConflictSchema = z.object({
  version: ZVersionSchema,
  changes: z.array(ZRunChangeSchema),
});
export type VersionConflict = z.infer<typeof ZVersionConflictSchema>;
