import { z } from "zod";

// The partner dashboard's API (/api/partner/…): the customers table with its server-side sort,
// filter and search (the page's URL query, passed on as is), health checks and their progress.
// Zod only: the browser imports it.

export const CUSTOMER_SORTS = [
  "name",
  "cloud",
  "state",
  "lastRun",
  "certificate",
  "lastCheck",
  "problems",
] as const;
export const HYBRID_STATES = ["notConfigured", "configured", "drifted", "unchecked"] as const;
export const CLOUDS = ["Worldwide", "China21Vianet", "UsGovGccHigh", "UsGovDod"] as const;
export const CUSTOMERS_PAGE_SIZE = 50;

const ZEmptyAsUndefined = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional());

/** The table's URL query: `?q=&cloud=&state=&problems=1&sort=&order=&page=`. */
export const ZCustomersQuerySchema = z.object({
  q: ZEmptyAsUndefined(z.string().trim().max(200)),
  cloud: ZEmptyAsUndefined(z.enum(CLOUDS, { error: `cloud must be one of ${CLOUDS.join(", ")}` })),
  state: ZEmptyAsUndefined(
    z.enum(HYBRID_STATES, { error: `state must be one of ${HYBRID_STATES.join(", ")}` }),
  ),
  /** Only customers whose last health check found a problem. */
  problems: ZEmptyAsUndefined(z.enum(["1"], { error: "problems is 1 or left out" })),
  sort: ZEmptyAsUndefined(
    z.enum(CUSTOMER_SORTS, { error: `sort must be one of ${CUSTOMER_SORTS.join(", ")}` }),
  ),
  order: ZEmptyAsUndefined(z.enum(["asc", "desc"], { error: "order is asc or desc" })),
  page: ZEmptyAsUndefined(z.coerce.number({ error: "page is a number from 1" }).int().min(1).max(10_000)),
});
export type CustomersQuery = z.infer<typeof ZCustomersQuerySchema>;

export const ZFindingSchema = z.object({
  id: z.string(),
  severity: z.enum(["ok", "warning", "problem"]),
  message: z.string(),
});
export type Finding = z.infer<typeof ZFindingSchema>;

/** EWS retirement readiness, as the last health check read it (lib/partners/health/ews-app-readiness.ts). */
export const ZEwsAppReadinessSchema = z.object({
  /** Exchange Online's EWSEnabled: null while unset (off from about 1 October 2026). */
  ewsEnabled: z.boolean().nullable(),
  /** Whether Exchange Online serves EWS to hybrid now. */
  ewsServedNow: z.boolean(),
  /** On-premises uses the dedicated Exchange hybrid application (its id on EvoSts, the override on). */
  dedicatedApp: z.boolean(),
  /** Servers whose hybrid lookups still go through EWS in Exchange Online. */
  serversOnEws: z.array(z.string()),
});
export type EwsAppReadiness = z.infer<typeof ZEwsAppReadinessSchema>;

export const ZHealthCheckSummarySchema = z.object({
  id: z.uuid(),
  status: z.enum(["queued", "running", "succeeded", "failed"]),
  finishedAt: z.iso.datetime().nullable(),
  problems: z.array(ZFindingSchema),
  /** Something differs from the customer's check before (a finding, the state): highlighted. */
  changed: z.boolean(),
  changes: z.array(z.string()),
  error: z.string().nullable(),
});
export type HealthCheckSummary = z.infer<typeof ZHealthCheckSummarySchema>;

export const ZCustomerRowSchema = z.object({
  tenantId: z.uuid(),
  /** Entra's id of the customer: the authority a technician's browser asks for its token. */
  entraTenantId: z.guid(),
  displayName: z.string(),
  initialDomain: z.string(),
  cloud: z.enum(CLOUDS),
  /** From the last finished health check; "unchecked" before the first. */
  hybridState: z.enum(HYBRID_STATES),
  lastRun: z.object({ status: z.string(), at: z.iso.datetime(), by: z.string().nullable() }).nullable(),
  agents: z.object({ online: z.number().int(), offline: z.number().int() }),
  transportCertificateExpiresAt: z.iso.datetime().nullable(),
  /** From the last finished health check; null before one read it. */
  ewsAppReadiness: ZEwsAppReadinessSchema.nullable(),
  lastCheck: ZHealthCheckSummarySchema.nullable(),
});
export type CustomerRow = z.infer<typeof ZCustomerRowSchema>;

export const ZCustomersResponseSchema = z.object({
  partner: z.object({ name: z.string() }),
  customers: z.array(ZCustomerRowSchema),
  /** Customers matching the filter and search (all pages). */
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type CustomersResponse = z.infer<typeof ZCustomersResponseSchema>;

/** Start checks for some customers, or for every customer when `tenantIds` is left out. */
export const ZStartHealthChecksRequestSchema = z.object({
  tenantIds: z.array(z.uuid()).min(1).max(10_000).optional(),
});
export type StartHealthChecksRequest = z.infer<typeof ZStartHealthChecksRequestSchema>;

export const ZStartedHealthChecksResponseSchema = z.object({ batchId: z.uuid(), total: z.number().int() });
export type StartedHealthChecks = z.infer<typeof ZStartedHealthChecksResponseSchema>;

export const ZHealthCheckBatchSchema = z.object({
  id: z.uuid(),
  total: z.number().int(),
  finished: z.number().int(),
  checks: z.array(ZHealthCheckSummarySchema.extend({ tenantId: z.uuid(), displayName: z.string() })),
});
export type HealthCheckBatch = z.infer<typeof ZHealthCheckBatchSchema>;

export const ZBatchRouteParams = z.object({ batchId: z.uuid() });
export const ZCustomerRouteParams = z.object({ tenantId: z.uuid() });

/** The scheduled checks: daily at `hourUtc` unless told, and where alerts go. */
export const ZHealthScheduleRequestSchema = z.object({
  hourUtc: z.number().int().min(0).max(23).default(6),
  alertEmail: z.email().max(254).nullable().default(null),
  webhookUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullable()
    .default(null),
});
export type HealthScheduleRequest = z.input<typeof ZHealthScheduleRequestSchema>;

export const ZHealthScheduleSchema = z.object({
  cron: z.string(),
  setBy: z.string(),
  alertEmail: z.string().nullable(),
  webhookUrl: z.string().nullable(),
  /** Shown once, when the webhook is set: the HMAC-SHA256 key its bodies are signed with. */
  webhookSecret: z.string().optional(),
  /** "Sign in again to continue: …" when Entra wants the user who set it up. */
  needsSignIn: z.string().nullable(),
  lastRunAt: z.iso.datetime().nullable(),
});
export type HealthSchedule = z.infer<typeof ZHealthScheduleSchema>;

export const ZHealthScheduleResponseSchema = z.object({ schedule: ZHealthScheduleSchema.nullable() });
export type HealthScheduleResponse = z.infer<typeof ZHealthScheduleResponseSchema>;
