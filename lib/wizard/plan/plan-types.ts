import { z } from "zod";
import { ZCloudSchema } from "@/lib/exchange/cloud-hosts";
import { ZExchangeSideSchema } from "@/lib/exchange/exchange-side";

/**
 * Where an operation runs: an Exchange side (a cmdlet, through the agent or the admin API), or
 * Microsoft Graph, with the admin's Graph token. A Graph operation's `cmdlet` is the Microsoft Graph
 * PowerShell name of its request (New-MgApplication is POST /applications, Update-MgApplication
 * PATCH /applications/{id}, New-MgServicePrincipal, New-MgServicePrincipalAppRoleAssignment,
 * Update-MgServicePrincipal) and its `parameters` that request's body, with the object's id under
 * `Id` where the request names one.
 */
export const ZPlanSideSchema = z.enum([...ZExchangeSideSchema.options, "Graph"]);
export type PlanSide = z.infer<typeof ZPlanSideSchema>;

// The plan: what the update would do, object by object, before anything changes. Browser-safe, so
// the review page shows exactly what the engine computed.

/**
 * The HCW's workflow tasks, in the order they run; Federation only where a trust is needed, and
 * OrganizationConfigurationTransfer only when chosen: it copies policies once the hybrid objects are
 * in place, before Final records the run's choices (including that one).
 */
export const PLAN_TASKS = [
  "GlobalPrerequisites",
  "Recipient",
  "Federation",
  "OrganizationRelationship",
  "OnOffSettings",
  "MailFlow",
  "IntraOrganization",
  "HybridApplication",
  "MRSProxy",
  "OrganizationConfigurationTransfer",
  "Final",
] as const;
export const ZPlanTaskSchema = z.enum(PLAN_TASKS);
export type PlanTask = z.infer<typeof ZPlanTaskSchema>;

/**
 * `new` creates, `update` changes what differs, `nop` found the object as wanted and calls nothing;
 * `remove` deletes an object (only an undo plan removes: what its run created).
 */
export const ZPlanActionSchema = z.enum(["new", "update", "nop", "remove"]);
export type PlanAction = z.infer<typeof ZPlanActionSchema>;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export const ZPlanValueSchema: z.ZodType<Json> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(ZPlanValueSchema),
    z.record(z.string(), ZPlanValueSchema),
  ]),
);
export type PlanValue = Json;

/**
 * A value known only once an earlier operation ran — the appId Graph gives a new application, say —
 * stands in `parameters` (and `after`) as `{ fromOperation: <its id>, output: <property> }`; the
 * runner puts the property of that operation's result in its place. Never a secret.
 */
export const ZOperationOutputSchema = z.strictObject({ fromOperation: z.string(), output: z.string() });
export type OperationOutput = z.infer<typeof ZOperationOutputSchema>;

export function outputOf(operationId: string, output: string): OperationOutput {
  return { fromOperation: operationId, output };
}

/** A credential the operation passes, by reference: the secret is sealed for the runner (issue 11). */
export const ZCredentialReferenceSchema = z.object({ userName: z.string(), secretReference: z.string() });

export const ZPlanOperationSchema = z.object({
  /** Stable within a plan: `<task>:<side>:<cmdlet>:<identity>`. */
  id: z.string(),
  side: ZPlanSideSchema,
  task: ZPlanTaskSchema,
  action: ZPlanActionSchema,
  /** The object kind of lib/exchange's catalog (SendConnector, RemoteDomain…). */
  kind: z.string(),
  /** What would run; a `nop` names the cmdlet it did not need. */
  cmdlet: z.string(),
  parameters: z.record(z.string(), ZPlanValueSchema),
  /** The object's identity as Exchange resolves it (name, `SERVER\Name`, domain). */
  identity: z.string(),
  /** Each property the operation changes, as it is now (null: the object does not exist yet)… */
  before: z.record(z.string(), ZPlanValueSchema),
  /** …and as it will be. */
  after: z.record(z.string(), ZPlanValueSchema),
  /** Operations that must have succeeded first. */
  dependsOn: z.array(z.string()),
  /** Credential parameters, passed by reference, never in `parameters`. */
  credentials: z.record(z.string(), ZCredentialReferenceSchema).optional(),
});
export type PlanOperation = z.infer<typeof ZPlanOperationSchema>;

export const ZPlanSchema = z.object({
  operations: z.array(ZPlanOperationSchema),
  /** Things the plan leaves alone that an admin should know about, in their words. */
  notes: z.array(z.string()),
});
export type Plan = z.infer<typeof ZPlanSchema>;

/** What the plan needs to know about the tenant beyond its gathered objects. */
export const ZTenantFactsSchema = z.object({
  cloud: ZCloudSchema,
  /** e.g. contoso.onmicrosoft.com; `<t>` is its first label. */
  tenantInitialDomain: z.string(),
  entraTenantId: z.uuid(),
});
export type TenantFacts = z.infer<typeof ZTenantFactsSchema>;

/** Writes: what running the plan would change. Zero for a configuration that is already right. */
export function writesOf(plan: { operations: readonly PlanOperation[] }): PlanOperation[] {
  return plan.operations.filter((operation) => operation.action !== "nop");
}
