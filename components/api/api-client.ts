import type { z } from "zod";
import {
  type AgentListResponse,
  type CreatedPairingCodeResponse,
  ZAgentListResponseSchema,
  ZCreatedPairingCodeResponseSchema,
} from "@/lib/contracts/agents";
import { ZApiErrorBodySchema } from "@/lib/contracts/api-error";
import { type AuditPage, ZAuditPageSchema } from "@/lib/contracts/audit";
import {
  type ComplianceConnectionResponse,
  type ExchangeOnlineConnectionResponse,
  ZComplianceConnectionResponseSchema,
  ZExchangeOnlineConnectionResponseSchema,
} from "@/lib/contracts/exchange-online";
import { type MeResponse, ZMeResponseSchema } from "@/lib/contracts/me";
import {
  type AddMemberRequest,
  type ChangeTenantPartnerRequest,
  type Member,
  type MemberListResponse,
  type TenantPartner,
  ZMemberListResponseSchema,
  ZMemberSchema,
  ZTenantPartnerSchema,
} from "@/lib/contracts/members";
import {
  type CustomersResponse,
  type HealthCheckBatch,
  type HealthScheduleRequest,
  type HealthScheduleResponse,
  type StartedHealthChecks,
  type StartHealthChecksRequest,
  ZCustomersResponseSchema,
  ZHealthCheckBatchSchema,
  ZHealthScheduleResponseSchema,
  ZStartedHealthChecksResponseSchema,
} from "@/lib/contracts/partner-dashboard";
import {
  type AddCustomerRequest,
  type PartnerRelationship,
  type PartnerRelationshipList,
  type SetRelationshipStatusRequest,
  ZPartnerRelationshipListSchema,
  ZPartnerRelationshipSchema,
} from "@/lib/contracts/partner-relationships";
import {
  type StoredMigrationCredential,
  type StoredOnPremisesAccount,
  type StoreMigrationCredentialRequest,
  type StoreOnPremisesAccountRequest,
  ZStoredMigrationCredentialSchema,
  ZStoredOnPremisesAccountSchema,
} from "@/lib/contracts/run-credentials";
import { type SignInRealm, ZSignInRealmSchema } from "@/lib/contracts/sign-in-realm";
import { type TenantSettings, ZTenantSettingsSchema } from "@/lib/contracts/tenant-settings";
import {
  type DomainProofCheck,
  type DomainProofsResponse,
  ZDomainProofCheckSchema,
  ZDomainProofsResponseSchema,
} from "@/lib/contracts/wizard-domain-proofs";
import {
  type CertificateChoicesResponse,
  type PlanResponse,
  type RunValidationResponse,
  type UndoResponse,
  type ValidationResponse,
  ZCertificateChoicesResponseSchema,
  ZPlanResponseSchema,
  ZRunValidationResponseSchema,
  ZUndoResponseSchema,
  ZValidationResponseSchema,
} from "@/lib/contracts/wizard-done";
import {
  type DetectedServers,
  type RunGathered,
  ZDetectedServersSchema,
  ZRunGatheredSchema,
} from "@/lib/contracts/wizard-gather";
import {
  type GoToPageRequest,
  type SavePageAnswersRequest,
  type VersionConflict,
  type WizardRun,
  type WizardRunListResponse,
  ZVersionConflictSchema,
  ZWizardRunListResponseSchema,
  ZWizardRunSchema,
} from "@/lib/contracts/wizard-runs";
import {
  type ConfirmPlanRequest,
  type RunPlanResponse,
  type UpdateCommandRequest,
  type UpdateProgress,
  ZRunPlanResponseSchema,
  ZUpdateProgressSchema,
} from "@/lib/contracts/wizard-update";
import type { Role } from "@/lib/generated/prisma/enums";
import type { AnswerPageId } from "@/lib/wizard/wizard-pages";

// The browser's one way to the service's API: each call sends what its contract (lib/contracts)
// says and parses what comes back with it. A refusal of any kind — an error status, or an answer
// that is not the contract's — throws ApiError; no caller can miss one.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly reason?: string,
    /** Whatever else the error carried: a claims challenge, the fields to correct, a version conflict. */
    readonly details: ApiErrorDetails = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export type ApiErrorDetails = {
  claims?: string | undefined;
  issues?: Array<{ path: string; message: string }> | undefined;
  [detail: string]: unknown;
};

/** A 409 `version_conflict`'s version and changes since, to show and offer a reload; else undefined. */
export function versionConflictOf(error: unknown): VersionConflict | undefined {
  if (!(error instanceof ApiError) || error.code !== "version_conflict") return undefined;
  return ZVersionConflictSchema.safeParse(error.details).data;
}

/** fetch(), with whatever the caller adds (the access token). */
export type Send = (path: string, init?: RequestInit) => Promise<Response>;

async function refusal(response: Response): Promise<ApiError> {
  const parsed = ZApiErrorBodySchema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) {
    return new ApiError(response.status, "unexpected", `The service answered ${response.status}. Try again.`);
  }
  const { code, message, reason, ...details } = parsed.data.error;
  return new ApiError(response.status, code, message, reason, details);
}

async function answered(response: Response): Promise<Response> {
  if (!response.ok) throw await refusal(response);
  return response;
}

async function read<T>(response: Promise<Response>, schema: z.ZodType<T>): Promise<T> {
  const body: unknown = await (await answered(await response)).json().catch(() => undefined);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(
      200,
      "unexpected",
      "The service answered in a shape this page does not know. Reload it.",
    );
  }
  return parsed.data;
}

const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

const auditPath = (scope: "tenant" | "partner") => (scope === "tenant" ? "/api/audit" : "/api/partner/audit");

export function createApiClient(send: Send) {
  return {
    me: (): Promise<MeResponse> => read(send("/api/me"), ZMeResponseSchema),
    findSignInRealm: (account: string): Promise<SignInRealm> =>
      read(send(`/api/auth/realm?account=${encodeURIComponent(account)}`), ZSignInRealmSchema),
    listAgents: (): Promise<AgentListResponse> => read(send("/api/agents"), ZAgentListResponseSchema),
    /** The live stream of agent events (server-sent events), for use-agents to parse. */
    async agentEvents(signal: AbortSignal): Promise<ReadableStream> {
      const response = await answered(await send("/api/agents/events", { signal }));
      if (!response.body) throw new ApiError(response.status, "unexpected", "The event stream has no body.");
      return response.body;
    },
    createPairingCode: (): Promise<CreatedPairingCodeResponse> =>
      read(send("/api/agents/pairing-codes", { method: "POST" }), ZCreatedPairingCodeResponseSchema),
    async withdrawPairingCode(codeId: string): Promise<void> {
      await answered(
        await send(`/api/agents/pairing-codes/${encodeURIComponent(codeId)}`, { method: "DELETE" }),
      );
    },
    async revokeAgent(agentId: string): Promise<void> {
      await answered(await send(`/api/agents/${encodeURIComponent(agentId)}`, { method: "DELETE" }));
    },
    listMembers: (): Promise<MemberListResponse> =>
      read(send("/api/tenant/members"), ZMemberListResponseSchema),
    addMember: (request: AddMemberRequest): Promise<Member> =>
      read(send("/api/tenant/members", json("POST", request)), ZMemberSchema),
    changeTenantPartner: (
      relationshipId: string,
      request: ChangeTenantPartnerRequest,
    ): Promise<TenantPartner> =>
      read(
        send(`/api/tenant/partners/${encodeURIComponent(relationshipId)}`, json("PATCH", request)),
        ZTenantPartnerSchema,
      ),
    changeMemberRole: (memberId: string, role: Role): Promise<Member> =>
      read(
        send(`/api/tenant/members/${encodeURIComponent(memberId)}`, json("PATCH", { role })),
        ZMemberSchema,
      ),
    async removeMember(memberId: string): Promise<void> {
      await answered(await send(`/api/tenant/members/${encodeURIComponent(memberId)}`, { method: "DELETE" }));
    },
    /** A page of the audit trail: the tenant's own, or (`partner`) across the partner's customers. */
    auditPage: (scope: "tenant" | "partner", filters: URLSearchParams): Promise<AuditPage> =>
      read(send(`${auditPath(scope)}?${filters}`), ZAuditPageSchema),
    async downloadAuditCsv(scope: "tenant" | "partner", filters: URLSearchParams): Promise<Blob> {
      const query = new URLSearchParams(filters);
      query.set("format", "csv");
      return (await answered(await send(`${auditPath(scope)}?${query}`))).blob();
    },
    updateTenantSettings: (settings: TenantSettings): Promise<TenantSettings> =>
      read(send("/api/tenant/settings", json("PATCH", settings)), ZTenantSettingsSchema),
    checkExchangeOnlineConnection: (): Promise<ExchangeOnlineConnectionResponse> =>
      read(
        send("/api/exchange-online/connection", { method: "POST" }),
        ZExchangeOnlineConnectionResponseSchema,
      ),
    checkComplianceConnection: (): Promise<ComplianceConnectionResponse> =>
      read(
        send("/api/exchange-online/compliance-connection", { method: "POST" }),
        ZComplianceConnectionResponseSchema,
      ),
    listWizardRuns: (cursor?: string): Promise<WizardRunListResponse> =>
      read(
        send(`/api/wizard/runs${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`),
        ZWizardRunListResponseSchema,
      ),
    createWizardRun: (): Promise<WizardRun> =>
      read(send("/api/wizard/runs", { method: "POST" }), ZWizardRunSchema),
    getWizardRun: (runId: string): Promise<WizardRun> =>
      read(send(`/api/wizard/runs/${encodeURIComponent(runId)}`), ZWizardRunSchema),
    /** Next: throws ApiError `invalid_answers` (details.issues) or `version_conflict` (versionConflictOf). */
    saveWizardPageAnswers: (
      runId: string,
      page: AnswerPageId,
      request: SavePageAnswersRequest,
    ): Promise<WizardRun> =>
      read(
        send(`/api/wizard/runs/${encodeURIComponent(runId)}/answers/${page}`, json("PUT", request)),
        ZWizardRunSchema,
      ),
    goToWizardPage: (runId: string, request: GoToPageRequest): Promise<WizardRun> =>
      read(
        send(`/api/wizard/runs/${encodeURIComponent(runId)}/page`, json("PUT", request)),
        ZWizardRunSchema,
      ),
    /** Done: the run's last validation (the one after the update, or the last one asked for). */
    getRunValidation: (runId: string): Promise<RunValidationResponse> =>
      read(send(`/api/wizard/runs/${encodeURIComponent(runId)}/validation`), ZRunValidationResponseSchema),
    /** Done: the HCW's ValidateConfiguration checks, run against both sides now. */
    validateWizardRun: (runId: string): Promise<ValidationResponse> =>
      read(
        send(`/api/wizard/runs/${encodeURIComponent(runId)}/validation`, { method: "POST" }),
        ZValidationResponseSchema,
      ),
    listCertificateChoices: (runId: string): Promise<CertificateChoicesResponse> =>
      read(
        send(`/api/wizard/runs/${encodeURIComponent(runId)}/certificates`),
        ZCertificateChoicesResponseSchema,
      ),
    /** Replace the transport certificate: throws ApiError `invalid_answers` (details.issues) for an unusable one. */
    planCertificateReplacement: (runId: string, thumbprint: string): Promise<PlanResponse> =>
      read(
        send(`/api/wizard/runs/${encodeURIComponent(runId)}/certificate-plan`, json("POST", { thumbprint })),
        ZPlanResponseSchema,
      ),
    /** Run the undo: a new run (on Review plan) whose plan is this run's inverse. */
    createUndoRun: (runId: string): Promise<WizardRun> =>
      read(
        send(`/api/wizard/runs/${encodeURIComponent(runId)}/undo-run`, { method: "POST" }),
        ZWizardRunSchema,
      ),
    /** Run the certificate change: a new run (on Review plan) that changes only the certificate settings. */
    createCertificateRun: (runId: string, thumbprint: string): Promise<WizardRun> =>
      read(
        send(`/api/wizard/runs/${encodeURIComponent(runId)}/certificate-run`, json("POST", { thumbprint })),
        ZWizardRunSchema,
      ),
    /** Undo this run: its inverse plan and what it cannot undo, or why Undo is refused. */
    undoWizardRun: (runId: string): Promise<UndoResponse> =>
      read(
        send(`/api/wizard/runs/${encodeURIComponent(runId)}/undo`, { method: "POST" }),
        ZUndoResponseSchema,
      ),
    detectExchangeServers: (runId: string): Promise<DetectedServers> =>
      read(
        send(`/api/wizard/runs/${encodeURIComponent(runId)}/exchange-servers`, { method: "POST" }),
        ZDetectedServersSchema,
      ),
    /** Gathering configuration's server-sent events (ZGatherEventSchema), for the page to parse. */
    async gatherRun(runId: string, signal: AbortSignal): Promise<ReadableStream> {
      const response = await answered(
        await send(`/api/wizard/runs/${encodeURIComponent(runId)}/gather`, { method: "POST", signal }),
      );
      if (!response.body) throw new ApiError(response.status, "unexpected", "The gather stream has no body.");
      return response.body;
    },
    /** Throws ApiError 404 `not_found` (reason `not_gathered`) before the run's first gather. */
    getRunGathered: (runId: string): Promise<RunGathered> =>
      read(send(`/api/wizard/runs/${encodeURIComponent(runId)}/gathered`), ZRunGatheredSchema),
    readDomainProofs: (runId: string, createTrust: boolean): Promise<DomainProofsResponse> =>
      read(
        send(`/api/wizard/runs/${encodeURIComponent(runId)}/domain-proofs`, json("POST", { createTrust })),
        ZDomainProofsResponseSchema,
      ),
    verifyDomainProof: (runId: string, domain: string): Promise<DomainProofCheck> =>
      read(
        send(`/api/wizard/runs/${encodeURIComponent(runId)}/domain-proofs/verify`, json("POST", { domain })),
        ZDomainProofCheckSchema,
      ),
    /** Review plan: both sides gathered now and the plan computed (changes nothing). */
    getRunPlan: (runId: string): Promise<RunPlanResponse> =>
      read(send(`${runPath(runId)}/plan`), ZRunPlanResponseSchema),
    /** Confirm: 409 `conflict` with details.digest when the plan changed since it was reviewed. */
    confirmUpdate: (runId: string, request: ConfirmPlanRequest): Promise<UpdateProgress> =>
      read(send(`${runPath(runId)}/confirm`, json("POST", request)), ZUpdateProgressSchema),
    getUpdateProgress: (runId: string): Promise<UpdateProgress> =>
      read(send(`${runPath(runId)}/update`), ZUpdateProgressSchema),
    retryUpdate: (runId: string, request: UpdateCommandRequest): Promise<UpdateProgress> =>
      read(send(`${runPath(runId)}/retry`, json("POST", request)), ZUpdateProgressSchema),
    /** After "sign in again to continue": the new sign-in's token carries the update on. */
    resumeUpdate: (runId: string, request: UpdateCommandRequest): Promise<UpdateProgress> =>
      read(send(`${runPath(runId)}/resume`, json("POST", request)), ZUpdateProgressSchema),
    /** The update's live stream (server-sent events: ready, progress, log). */
    async updateEvents(runId: string, signal: AbortSignal): Promise<ReadableStream> {
      const response = await answered(await send(`${runPath(runId)}/events`, { signal }));
      if (!response.body) throw new ApiError(response.status, "unexpected", "The event stream has no body.");
      return response.body;
    },
    partnerRelationships: (): Promise<PartnerRelationshipList> =>
      read(send("/api/partner/relationships"), ZPartnerRelationshipListSchema),
    addCustomer: (request: AddCustomerRequest): Promise<PartnerRelationship> =>
      read(send("/api/partner/relationships", json("POST", request)), ZPartnerRelationshipSchema),
    setRelationshipStatus: (
      relationshipId: string,
      request: SetRelationshipStatusRequest,
    ): Promise<PartnerRelationship> =>
      read(
        send(`/api/partner/relationships/${encodeURIComponent(relationshipId)}`, json("PATCH", request)),
        ZPartnerRelationshipSchema,
      ),
    /** The partner dashboard's table; `query` is the page's URL query (search, filter, sort, page). */
    partnerCustomers: (query: string): Promise<CustomersResponse> =>
      read(send(`/api/partner/customers?${query}`), ZCustomersResponseSchema),
    startHealthChecks: (request: StartHealthChecksRequest): Promise<StartedHealthChecks> =>
      read(send("/api/partner/health-checks", json("POST", request)), ZStartedHealthChecksResponseSchema),
    healthCheckBatch: (batchId: string): Promise<HealthCheckBatch> =>
      read(send(`/api/partner/health-checks/${encodeURIComponent(batchId)}`), ZHealthCheckBatchSchema),
    /** A customer's health report, an HTML page to save and send on. */
    async customerReport(tenantId: string): Promise<Blob> {
      return (
        await answered(await send(`/api/partner/customers/${encodeURIComponent(tenantId)}/report`))
      ).blob();
    },
    healthSchedule: (): Promise<HealthScheduleResponse> =>
      read(send("/api/partner/schedule"), ZHealthScheduleResponseSchema),
    setHealthSchedule: (request: HealthScheduleRequest): Promise<HealthScheduleResponse> =>
      read(send("/api/partner/schedule", json("PUT", request)), ZHealthScheduleResponseSchema),
    /** The run's log as a file to save: JSON, or readable text. */
    async downloadRunLog(runId: string, format: "json" | "text"): Promise<Blob> {
      return (await answered(await send(`${runPath(runId)}/log?format=${format}`))).blob();
    },
    /** The password must already be sealed for the agent (lib/agents/seal-for-agent.ts). */
    storeOnPremisesAccount: (
      runId: string,
      request: StoreOnPremisesAccountRequest,
    ): Promise<StoredOnPremisesAccount> =>
      read(
        send(`/api/wizard/runs/${encodeURIComponent(runId)}/on-premises-account`, json("PUT", request)),
        ZStoredOnPremisesAccountSchema,
      ),
    storeMigrationCredential: (
      runId: string,
      request: StoreMigrationCredentialRequest,
    ): Promise<StoredMigrationCredential> =>
      read(
        send(`/api/wizard/runs/${encodeURIComponent(runId)}/migration-credential`, json("PUT", request)),
        ZStoredMigrationCredentialSchema,
      ),
  };
}

const runPath = (runId: string) => `/api/wizard/runs/${encodeURIComponent(runId)}`;

export type ApiClient = ReturnType<typeof createApiClient>;

/** A Send that adds `Authorization: Bearer` with a token from `accessToken` to every request. */
/** Each call with the access token `accessToken` gives for its path. */
export function withAccessToken(accessToken: (path: string) => Promise<string>): Send {
  return async (path, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set("authorization", `Bearer ${await accessToken(path)}`);
    return fetch(path, { ...init, headers });
  };
}
