import { z } from "zod";
import { ZExchangeSideSchema } from "@/lib/exchange/exchange-side";
import { ZPlanSchema, ZPlanSideSchema } from "@/lib/wizard/plan/plan-types";
import { VALIDATION_CHECK_IDS } from "@/lib/wizard/validate/validation-check-ids";

// The Done page's API (app/api/wizard/runs/[runId]/{validation,certificates,certificate-plan,undo}):
// Validate's results with their fixes, Replace the transport certificate's choices and plan, and
// Undo this run's inverse plan or why it is refused.

const ZFixSchema = z.object({
  codes: z.array(z.string()),
  title: z.string(),
  fix: z.string(),
  retryable: z.boolean(),
});

const ZValidationResultSchema = z.object({
  id: z.enum(VALIDATION_CHECK_IDS),
  title: z.string(),
  side: ZExchangeSideSchema,
  cmdlet: z.string(),
  passed: z.boolean(),
  detail: z.string(),
  fix: ZFixSchema.nullable(),
});

/** POST …/validation: each check of the HCW's ValidateConfiguration, with its fix when it failed. */
export const ZValidationResponseSchema = z.object({ results: z.array(ZValidationResultSchema) });
export type ValidationResponse = z.infer<typeof ZValidationResponseSchema>;

/**
 * The last Validate of a run, as stored (WizardRun.validation): `running` with the results so far,
 * `done` with all of them, or `failed` when the checks could not be asked (`error` says why).
 */
export const ZRunValidationSchema = z.object({
  status: z.enum(["running", "done", "failed"]),
  /** Who the checks ran as: the signed-in admin, or for the one after the update the admin who confirmed it. */
  as: z.string(),
  startedAt: z.iso.datetime({ offset: true }),
  finishedAt: z.iso.datetime({ offset: true }).nullable(),
  results: z.array(ZValidationResultSchema),
  error: z.string().nullable(),
});
export type RunValidation = z.infer<typeof ZRunValidationSchema>;

/** GET …/validation: the run's last Validate, null before the first. */
export const ZRunValidationResponseSchema = z.object({ validation: ZRunValidationSchema.nullable() });
export type RunValidationResponse = z.infer<typeof ZRunValidationResponseSchema>;

/** GET …/certificates: the servers' certificates, each with why it cannot be chosen (none when it can). */
export const ZCertificateChoicesResponseSchema = z.object({
  certificates: z.array(
    z.object({
      thumbprint: z.string(),
      subject: z.string(),
      issuer: z.string(),
      notAfter: z.string(),
      servers: z.array(z.string()),
      current: z.boolean(),
      problems: z.array(z.string()),
    }),
  ),
});
export type CertificateChoicesResponse = z.infer<typeof ZCertificateChoicesResponseSchema>;

/** POST …/certificate-plan: the certificate to replace the transport certificate with. */
export const ZCertificatePlanRequestSchema = z.object({
  thumbprint: z.string().regex(/^[0-9A-Fa-f]{40}$/, "a certificate thumbprint: 40 hexadecimal digits"),
});
export type CertificatePlanRequest = z.infer<typeof ZCertificatePlanRequestSchema>;

export const ZPlanResponseSchema = z.object({ plan: ZPlanSchema });
export type PlanResponse = z.infer<typeof ZPlanResponseSchema>;

/** POST …/undo: the inverse plan and what it cannot undo, or why Undo is refused. */
export const ZUndoResponseSchema = z.discriminatedUnion("status", [
  z.object({ status: z.literal("refused"), reasons: z.array(z.string()) }),
  z.object({
    status: z.literal("ready"),
    plan: ZPlanSchema,
    cannotUndo: z.array(
      z.object({ side: ZPlanSideSchema, cmdlet: z.string(), identity: z.string(), why: z.string() }),
    ),
  }),
]);
export type UndoResponse = z.infer<typeof ZUndoResponseSchema>;
