import { z } from "zod";
import {
  ZCompleteJobRequestSchema,
  ZFailJobRequestSchema,
  ZHeartbeatRequestSchema,
  ZHeartbeatResponseSchema,
  ZJobRouteParamsSchema,
  ZPairRequestSchema,
  ZPairResponseSchema,
  ZPollRequestSchema,
  ZPollResponseSchema,
  ZRotateCredentialResponseSchema,
  ZWhoamiResponseSchema,
} from "@/lib/agents/protocol";
import {
  ZAgentListResponseSchema,
  ZAgentRouteParamsSchema,
  ZAgentStreamEventSchema,
  ZCreatedPairingCodeResponseSchema,
  ZPairingCodeRouteParamsSchema,
} from "@/lib/contracts/agents";
import { ZExchangeOnlineConnectionResponseSchema } from "@/lib/contracts/exchange-online";
import { ZHealthResponseSchema } from "@/lib/contracts/health";
import { ZMeResponseSchema } from "@/lib/contracts/me";
import {
  ZStoredMigrationCredentialSchema,
  ZStoredOnPremisesAccountSchema,
  ZStoreMigrationCredentialRequestSchema,
  ZStoreOnPremisesAccountRequestSchema,
} from "@/lib/contracts/run-credentials";
import { ZSignInAccountSchema, ZSignInRealmSchema } from "@/lib/contracts/sign-in-realm";
import { ZTenantSettingsSchema } from "@/lib/contracts/tenant-settings";
import {
  ZDomainProofCheckSchema,
  ZDomainProofsResponseSchema,
  ZReadDomainProofsRequestSchema,
  ZVerifyDomainProofRequestSchema,
} from "@/lib/contracts/wizard-domain-proofs";
import {
  ZCertificateChoicesResponseSchema,
  ZCertificatePlanRequestSchema,
  ZPlanResponseSchema,
  ZUndoResponseSchema,
  ZValidationResponseSchema,
} from "@/lib/contracts/wizard-done";
import {
  ZDetectedServersSchema,
  ZGatherEventSchema,
  ZRunGatheredSchema,
} from "@/lib/contracts/wizard-gather";
import {
  ZGoToPageRequestSchema,
  ZPageAnswersParamsSchema,
  ZSavePageAnswersRequestSchema,
  ZWizardRunListQuerySchema,
  ZWizardRunListResponseSchema,
  ZWizardRunParamsSchema,
  ZWizardRunSchema,
} from "@/lib/contracts/wizard-runs";
import {
  ZConfirmPlanRequestSchema,
  ZRunLogDocumentSchema,
  ZRunLogLineSchema,
  ZRunLogQuerySchema,
  ZRunPlanResponseSchema,
  ZUpdateCommandRequestSchema,
  ZUpdateProgressSchema,
} from "@/lib/contracts/wizard-update";

/** Who may call an operation: a signed-in admin (bearer token for our API), a paired agent, anyone. */
export type ApiAuth = "user" | "agent" | "none";

export interface ApiOperation {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** OpenAPI's path template: `{runId}` where the route folder says `[runId]`. */
  path: string;
  summary: string;
  tag: "Wizard runs" | "Update" | "Done" | "Agents" | "Agent wire" | "Account" | "Service";
  auth: ApiAuth;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The success answer: JSON by default; `events` for server-sent events, `text` for plain text. */
  response: { status: number; schema?: z.ZodType; events?: z.ZodType; text?: boolean };
  /** It starts work (a run, a write, a job): it takes an `Idempotency-Key` (lib/http/idempotent.ts). */
  startsWork?: true;
}

const RUN = "/api/wizard/runs/{runId}";
const ZRunStreamEventSchema = z.union([ZUpdateProgressSchema, ZRunLogLineSchema]);

/**
 * Every route under app/api, with the very zod schemas it parses and answers with: the OpenAPI
 * document (build-openapi-document.ts) is generated from this list, and a test holds it to the
 * route files (each route is here, and each route file uses the schemas named for it).
 */
export const API_OPERATIONS: readonly ApiOperation[] = [
  // Wizard runs
  {
    method: "GET",
    path: "/api/wizard/runs",
    summary: "List the tenant's runs, newest first",
    tag: "Wizard runs",
    auth: "user",
    query: ZWizardRunListQuerySchema,
    response: { status: 200, schema: ZWizardRunListResponseSchema },
  },
  {
    method: "POST",
    path: "/api/wizard/runs",
    summary: "Start a new run",
    tag: "Wizard runs",
    auth: "user",
    response: { status: 201, schema: ZWizardRunSchema },
    startsWork: true,
  },
  {
    method: "GET",
    path: RUN,
    summary: "A run: its page, answers and version",
    tag: "Wizard runs",
    auth: "user",
    params: ZWizardRunParamsSchema,
    response: { status: 200, schema: ZWizardRunSchema },
  },
  {
    method: "PUT",
    path: `${RUN}/answers/{page}`,
    summary: "Save one page's answers (Next)",
    tag: "Wizard runs",
    auth: "user",
    params: ZPageAnswersParamsSchema,
    body: ZSavePageAnswersRequestSchema,
    response: { status: 200, schema: ZWizardRunSchema },
  },
  {
    method: "PUT",
    path: `${RUN}/page`,
    summary: "Move to a page without saving (Back)",
    tag: "Wizard runs",
    auth: "user",
    params: ZWizardRunParamsSchema,
    body: ZGoToPageRequestSchema,
    response: { status: 200, schema: ZWizardRunSchema },
  },
  {
    method: "POST",
    path: `${RUN}/exchange-servers`,
    summary: "Detect the on-premises Exchange servers through the agent",
    tag: "Wizard runs",
    auth: "user",
    params: ZWizardRunParamsSchema,
    response: { status: 200, schema: ZDetectedServersSchema },
  },
  {
    method: "POST",
    path: `${RUN}/gather`,
    summary: "Gather both sides' configuration (server-sent events)",
    tag: "Wizard runs",
    auth: "user",
    params: ZWizardRunParamsSchema,
    response: { status: 200, events: ZGatherEventSchema },
    startsWork: true,
  },
  {
    method: "GET",
    path: `${RUN}/gathered`,
    summary: "What the last gather found",
    tag: "Wizard runs",
    auth: "user",
    params: ZWizardRunParamsSchema,
    response: { status: 200, schema: ZRunGatheredSchema },
  },
  {
    method: "POST",
    path: `${RUN}/domain-proofs`,
    summary: "Read the federation TXT proofs (and create the trust)",
    tag: "Wizard runs",
    auth: "user",
    params: ZWizardRunParamsSchema,
    body: ZReadDomainProofsRequestSchema,
    response: { status: 200, schema: ZDomainProofsResponseSchema },
    startsWork: true,
  },
  {
    method: "POST",
    path: `${RUN}/domain-proofs/verify`,
    summary: "Look a domain's TXT proof up in DNS",
    tag: "Wizard runs",
    auth: "user",
    params: ZWizardRunParamsSchema,
    body: ZVerifyDomainProofRequestSchema,
    response: { status: 200, schema: ZDomainProofCheckSchema },
  },
  {
    method: "PUT",
    path: `${RUN}/on-premises-account`,
    summary: "Store the on-premises account, sealed for the agent",
    tag: "Wizard runs",
    auth: "user",
    params: ZWizardRunParamsSchema,
    body: ZStoreOnPremisesAccountRequestSchema,
    response: { status: 200, schema: ZStoredOnPremisesAccountSchema },
  },
  {
    method: "PUT",
    path: `${RUN}/migration-credential`,
    summary: "Store the migration endpoint's account, encrypted",
    tag: "Wizard runs",
    auth: "user",
    params: ZWizardRunParamsSchema,
    body: ZStoreMigrationCredentialRequestSchema,
    response: { status: 200, schema: ZStoredMigrationCredentialSchema },
  },
  // Update
  {
    method: "GET",
    path: `${RUN}/plan`,
    summary: "Gather now and compute the plan (writes nothing)",
    tag: "Update",
    auth: "user",
    params: ZWizardRunParamsSchema,
    response: { status: 200, schema: ZRunPlanResponseSchema },
  },
  {
    method: "POST",
    path: `${RUN}/confirm`,
    summary: "Confirm the reviewed plan and start the update",
    tag: "Update",
    auth: "user",
    params: ZWizardRunParamsSchema,
    body: ZConfirmPlanRequestSchema,
    response: { status: 202, schema: ZUpdateProgressSchema },
    startsWork: true,
  },
  {
    method: "GET",
    path: `${RUN}/update`,
    summary: "The update's progress",
    tag: "Update",
    auth: "user",
    params: ZWizardRunParamsSchema,
    response: { status: 200, schema: ZUpdateProgressSchema },
  },
  {
    method: "GET",
    path: `${RUN}/events`,
    summary: "The update live: progress and log lines (server-sent events)",
    tag: "Update",
    auth: "user",
    params: ZWizardRunParamsSchema,
    response: { status: 200, events: ZRunStreamEventSchema },
  },
  {
    method: "POST",
    path: `${RUN}/retry`,
    summary: "Retry the failed operations",
    tag: "Update",
    auth: "user",
    params: ZWizardRunParamsSchema,
    body: ZUpdateCommandRequestSchema,
    response: { status: 200, schema: ZUpdateProgressSchema },
    startsWork: true,
  },
  {
    method: "POST",
    path: `${RUN}/resume`,
    summary: "Resume an update paused for sign-in",
    tag: "Update",
    auth: "user",
    params: ZWizardRunParamsSchema,
    body: ZUpdateCommandRequestSchema,
    response: { status: 200, schema: ZUpdateProgressSchema },
    startsWork: true,
  },
  {
    method: "GET",
    path: `${RUN}/log`,
    summary: "The run's log (format=json or text)",
    tag: "Update",
    auth: "user",
    params: ZWizardRunParamsSchema,
    query: ZRunLogQuerySchema,
    response: { status: 200, schema: ZRunLogDocumentSchema },
  },
  // Done
  {
    method: "POST",
    path: `${RUN}/validation`,
    summary: "Validate the hybrid with read-only probes",
    tag: "Done",
    auth: "user",
    params: ZWizardRunParamsSchema,
    response: { status: 200, schema: ZValidationResponseSchema },
  },
  {
    method: "POST",
    path: `${RUN}/undo`,
    summary: "The inverse plan of the run, or why there is none",
    tag: "Done",
    auth: "user",
    params: ZWizardRunParamsSchema,
    response: { status: 200, schema: ZUndoResponseSchema },
  },
  {
    method: "POST",
    path: `${RUN}/undo-run`,
    summary: "Make the undo run (reviewed and confirmed like any run)",
    tag: "Done",
    auth: "user",
    params: ZWizardRunParamsSchema,
    response: { status: 201, schema: ZWizardRunSchema },
    startsWork: true,
  },
  {
    method: "GET",
    path: `${RUN}/certificates`,
    summary: "Transport certificates to choose from",
    tag: "Done",
    auth: "user",
    params: ZWizardRunParamsSchema,
    response: { status: 200, schema: ZCertificateChoicesResponseSchema },
  },
  {
    method: "POST",
    path: `${RUN}/certificate-plan`,
    summary: "The plan that replaces the transport certificate",
    tag: "Done",
    auth: "user",
    params: ZWizardRunParamsSchema,
    body: ZCertificatePlanRequestSchema,
    response: { status: 200, schema: ZPlanResponseSchema },
  },
  {
    method: "POST",
    path: `${RUN}/certificate-run`,
    summary: "Make the certificate-change run",
    tag: "Done",
    auth: "user",
    params: ZWizardRunParamsSchema,
    body: ZCertificatePlanRequestSchema,
    response: { status: 201, schema: ZWizardRunSchema },
    startsWork: true,
  },
  // Agents (the admin's side)
  {
    method: "GET",
    path: "/api/agents",
    summary: "The tenant's agents",
    tag: "Agents",
    auth: "user",
    response: { status: 200, schema: ZAgentListResponseSchema },
  },
  {
    method: "DELETE",
    path: "/api/agents/{agentId}",
    summary: "Revoke an agent",
    tag: "Agents",
    auth: "user",
    params: ZAgentRouteParamsSchema,
    response: { status: 204 },
  },
  {
    method: "GET",
    path: "/api/agents/events",
    summary: "Agents coming and going (server-sent events)",
    tag: "Agents",
    auth: "user",
    response: { status: 200, events: ZAgentStreamEventSchema },
  },
  {
    method: "POST",
    path: "/api/agents/pairing-codes",
    summary: "A one-time pairing code for a new agent",
    tag: "Agents",
    auth: "user",
    response: { status: 201, schema: ZCreatedPairingCodeResponseSchema },
    startsWork: true,
  },
  {
    method: "DELETE",
    path: "/api/agents/pairing-codes/{codeId}",
    summary: "Withdraw a pairing code",
    tag: "Agents",
    auth: "user",
    params: ZPairingCodeRouteParamsSchema,
    response: { status: 204 },
  },
  // The agent's own wire (docs/AGENT.md)
  {
    method: "POST",
    path: "/api/agent/v1/pair",
    summary: "Trade a pairing code for an agent credential",
    tag: "Agent wire",
    auth: "none",
    body: ZPairRequestSchema,
    response: { status: 200, schema: ZPairResponseSchema },
  },
  {
    method: "POST",
    path: "/api/agent/v1/poll",
    summary: "Long-poll for the next job (204: none)",
    tag: "Agent wire",
    auth: "agent",
    body: ZPollRequestSchema,
    response: { status: 200, schema: ZPollResponseSchema },
  },
  {
    method: "POST",
    path: "/api/agent/v1/jobs/{jobId}/heartbeat",
    summary: "Renew a job's lease",
    tag: "Agent wire",
    auth: "agent",
    params: ZJobRouteParamsSchema,
    body: ZHeartbeatRequestSchema,
    response: { status: 200, schema: ZHeartbeatResponseSchema },
  },
  {
    method: "POST",
    path: "/api/agent/v1/jobs/{jobId}/complete",
    summary: "Report a job done",
    tag: "Agent wire",
    auth: "agent",
    params: ZJobRouteParamsSchema,
    body: ZCompleteJobRequestSchema,
    response: { status: 200, schema: z.object({ ok: z.literal(true) }) },
  },
  {
    method: "POST",
    path: "/api/agent/v1/jobs/{jobId}/fail",
    summary: "Report a job failed",
    tag: "Agent wire",
    auth: "agent",
    params: ZJobRouteParamsSchema,
    body: ZFailJobRequestSchema,
    response: { status: 200, schema: z.object({ ok: z.literal(true) }) },
  },
  {
    method: "POST",
    path: "/api/agent/v1/credential/rotate",
    summary: "Rotate the agent's credential",
    tag: "Agent wire",
    auth: "agent",
    response: { status: 200, schema: ZRotateCredentialResponseSchema },
  },
  {
    method: "GET",
    path: "/api/agent/v1/whoami",
    summary: "The agent's own identity",
    tag: "Agent wire",
    auth: "agent",
    response: { status: 200, schema: ZWhoamiResponseSchema },
  },
  // Account and tenant
  {
    method: "GET",
    path: "/api/me",
    summary: "The signed-in admin, their tenant and role",
    tag: "Account",
    auth: "user",
    response: { status: 200, schema: ZMeResponseSchema },
  },
  {
    method: "GET",
    path: "/api/auth/realm",
    summary: "Which cloud and authority an account signs in at",
    tag: "Account",
    auth: "none",
    query: z.object({ account: ZSignInAccountSchema }),
    response: { status: 200, schema: ZSignInRealmSchema },
  },
  {
    method: "PATCH",
    path: "/api/tenant/settings",
    summary: "The tenant's MFA policy",
    tag: "Account",
    auth: "user",
    body: ZTenantSettingsSchema,
    response: { status: 200, schema: ZTenantSettingsSchema },
  },
  {
    method: "POST",
    path: "/api/exchange-online/connection",
    summary: "Check the Exchange Online connection as the admin",
    tag: "Account",
    auth: "user",
    response: { status: 200, schema: ZExchangeOnlineConnectionResponseSchema },
  },
  // Service
  {
    method: "GET",
    path: "/api/health",
    summary: "The service's health (503 when degraded)",
    tag: "Service",
    auth: "none",
    response: { status: 200, schema: ZHealthResponseSchema },
  },
  {
    method: "GET",
    path: "/api/openapi.json",
    summary: "This document",
    tag: "Service",
    auth: "none",
    response: { status: 200 },
  },
];
