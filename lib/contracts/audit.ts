import { z } from "zod";

// The Audit pages' API: GET /api/audit (the acting tenant), GET /api/partner/audit (across a
// partner's customers), and their CSV exports (`?format=csv`).

const ZOptionalText = z
  .string()
  .trim()
  .max(200, "Keep a filter under 200 characters.")
  .optional()
  .transform((value) => value || undefined);

/** The filters, from the query string; every one optional. */
export const ZAuditQuerySchema = z.object({
  /** Part of the actor's name or UPN, any case. */
  actor: ZOptionalText,
  /** An action ("member.added"), or its start ("member."). */
  action: ZOptionalText,
  /** Hybrid Wizard's id of one tenant (the partner page only: the tenant page has its own). */
  tenantId: z.guid("Choose a customer from the list.").optional(),
  from: z.iso
    .datetime({ offset: true, message: "From is a date and time, e.g. 2026-12-01T00:00:00Z." })
    .optional(),
  to: z.iso
    .datetime({ offset: true, message: "To is a date and time, e.g. 2026-12-02T00:00:00Z." })
    .optional(),
  /** The `nextCursor` of the page before. */
  cursor: z
    .string()
    .regex(/^\d{1,19}$/, "This page link is broken: start from the first page.")
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  format: z.enum(["json", "csv"]).default("json"),
});
export type AuditQuery = z.infer<typeof ZAuditQuerySchema>;

export const ZAuditEventSchema = z.object({
  id: z.string(),
  at: z.iso.datetime({ offset: true }),
  tenantId: z.string().nullable(),
  tenantName: z.string().nullable(),
  actorName: z.string().nullable(),
  actorUpn: z.string().nullable(),
  actorHomeTenantId: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  result: z.enum(["succeeded", "refused"]),
  ipAddress: z.string().nullable(),
  userAgent: z.string().nullable(),
  details: z.unknown(),
});
export type AuditEventView = z.infer<typeof ZAuditEventSchema>;

export const ZAuditPageSchema = z.object({
  events: z.array(ZAuditEventSchema),
  /** Pass as `cursor` for the next (older) page; null on the last. */
  nextCursor: z.string().nullable(),
  /** The tenants the page may filter by: the acting one, or the partner's active customers. */
  tenants: z.array(z.object({ id: z.string(), displayName: z.string() })),
});
export type AuditPage = z.infer<typeof ZAuditPageSchema>;
