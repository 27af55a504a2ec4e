/**
 * The agent protocol: what the on-premises agent (`agent/`) and the service's
 * `/api/agent/v1/*` routes send each other. Both sides import these schemas, so
 * this file stays free of Node-only imports (the browser reads it too).
 */
import { z } from "zod";
import { agentAllowedCmdlets } from "@/lib/exchange/object-catalog";

export const AGENT_API_PREFIX = "/api/agent/v1";

/** Paths relative to the server's base URL; ids are encoded because they land in a path. */
export const AGENT_API_PATHS = {
  pair: `${AGENT_API_PREFIX}/pair`,
  poll: `${AGENT_API_PREFIX}/poll`,
  heartbeat: (jobId: string) => `${AGENT_API_PREFIX}/jobs/${encodeURIComponent(jobId)}/heartbeat`,
  complete: (jobId: string) => `${AGENT_API_PREFIX}/jobs/${encodeURIComponent(jobId)}/complete`,
  fail: (jobId: string) => `${AGENT_API_PREFIX}/jobs/${encodeURIComponent(jobId)}/fail`,
  rotateCredential: `${AGENT_API_PREFIX}/credential/rotate`,
  whoami: `${AGENT_API_PREFIX}/whoami`,
} as const;

const base64urlPattern = /^[A-Za-z0-9_-]+$/;
const ZBase64urlSchema = z.string().regex(base64urlPattern, "must be base64url (RFC 4648 §5, no padding)");

// ---------------------------------------------------------------------------
// Credentials and keys

/** `hwa1.<agentId>.<43 base64url chars = 32 random bytes>`; the server keeps only its SHA-256. */
export const AGENT_CREDENTIAL_PATTERN = /^hwa1\.([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{43})$/;
export const ZAgentCredentialSchema = z
  .string()
  .regex(AGENT_CREDENTIAL_PATTERN, "must look like hwa1.<agent id>.<43 base64url characters>");

/** Splits a credential so the server can find the agent row before comparing hashes. */
export function parseAgentCredential(credential: string): { agentId: string; secret: string } | null {
  const match = AGENT_CREDENTIAL_PATTERN.exec(credential);
  if (!match?.[1] || !match[2]) return null;
  return { agentId: match[1], secret: match[2] };
}

/**
 * The agent's RSA-OAEP-256 public key as a JWK. Strict, so a private member (`d`, `p`, …)
 * sent by mistake is refused rather than stored. 3072-bit modulus = 512 base64url chars.
 */
export const ZAgentPublicJwkSchema = z.strictObject({
  kty: z.literal("RSA"),
  n: ZBase64urlSchema.min(512, "the modulus must be at least 3072 bits").max(1366),
  e: ZBase64urlSchema.max(8),
  alg: z.literal("RSA-OAEP-256").optional(),
  ext: z.boolean().optional(),
  key_ops: z.array(z.string()).optional(),
  kid: z.string().max(100).optional(),
});
export type AgentPublicJwk = z.infer<typeof ZAgentPublicJwkSchema>;

// ---------------------------------------------------------------------------
// Sealed secrets (see lib/agents/sealed-secret.ts)

export const SEALED_SECRET_ALG = "RSA-OAEP-256+A256GCM";

export const ZSealedSecretSchema = z.strictObject({
  alg: z.literal(SEALED_SECRET_ALG),
  /** The random AES-256 key, wrapped with the agent's RSA-OAEP-256 public key. */
  encryptedKey: ZBase64urlSchema.max(1366),
  /** 96-bit AES-GCM nonce. */
  iv: ZBase64urlSchema.length(16),
  /** AES-256-GCM ciphertext with its 128-bit tag appended. */
  ciphertext: ZBase64urlSchema.max(100_000),
});
export type SealedSecret = z.infer<typeof ZSealedSecretSchema>;

/**
 * What a sealed parameter holds once opened. A `credential` becomes a PSCredential
 * on the agent, for cmdlets that take a -Credential.
 */
export const ZSecretValueSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("string"), value: z.string() }),
  z.strictObject({ type: z.literal("credential"), userName: z.string().min(1), password: z.string() }),
]);
export type SecretValue = z.infer<typeof ZSecretValueSchema>;

// ---------------------------------------------------------------------------
// Cmdlets

/**
 * The on-premises Exchange cmdlets an agent will run: what the hybrid configuration reads and
 * writes on-premises, derived from lib/exchange's object catalog. Anything else is refused by the
 * agent before it reaches PowerShell, so the service checks its jobs against this list too.
 * Removals are limited to the stale HybridConfiguration object (HCW8019–8023) and Undo's removal
 * of what the wizard creates (AGENT_REMOVALS); widen the list deliberately, in the catalog.
 */
/**
 * Probes: allowed reads that are not Exchange cmdlets but fixed scripts of the agent's own, run on
 * an Exchange server. `Get-ExSetupFileVersion -Server X` answers `{ Server, FileVersion }` from
 * ExSetup.exe's file version, which (unlike AdminDisplayVersion) includes the security update.
 */
export const AGENT_PROBES = ["Get-ExSetupFileVersion"] as const;

export const AGENT_ALLOWED_CMDLETS: readonly string[] = [...agentAllowedCmdlets(), ...AGENT_PROBES];
const ALLOWED = new Set(AGENT_ALLOWED_CMDLETS);

export function isAllowedCmdlet(name: string): boolean {
  return ALLOWED.has(name);
}

/** A read changes nothing, so several may share one job and one remote PowerShell session. */
export function isReadCmdlet(name: string): boolean {
  return isAllowedCmdlet(name) && name.startsWith("Get-");
}

/** Verb-Noun shape only; whether the agent will run it is `isAllowedCmdlet`'s call. */
export const ZCmdletNameSchema = z
  .string()
  .max(100)
  .regex(/^[A-Za-z]+-[A-Za-z0-9]+$/, "must be a Verb-Noun cmdlet name");

/**
 * PowerShell's common parameters (and their aliases) change how a cmdlet runs rather than what it
 * does: `-OutVariable`/`-ErrorVariable` write into the agent script's own variables, `-ErrorAction`
 * hides failures, `-WhatIf` turns a change into a no-op that reports success. A job never sets them.
 */
export const POWERSHELL_COMMON_PARAMETERS = [
  "Verbose",
  "Debug",
  "ErrorAction",
  "WarningAction",
  "InformationAction",
  "ProgressAction",
  "ErrorVariable",
  "WarningVariable",
  "InformationVariable",
  "OutVariable",
  "OutBuffer",
  "PipelineVariable",
  "WhatIf",
  "Confirm",
  "UseTransaction",
] as const;
const COMMON_PARAMETER_ALIASES = [
  "vb",
  "db",
  "ea",
  "wa",
  "infa",
  "proga",
  "ev",
  "wv",
  "iv",
  "ov",
  "ob",
  "pv",
  "wi",
  "cf",
  "usetx",
];

/**
 * PowerShell binds a parameter by any unambiguous prefix of its name, case-insensitively, so
 * `-OutVar` is `-OutVariable`: a name that begins a common parameter's is refused too.
 */
export function isCommonParameterName(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    COMMON_PARAMETER_ALIASES.includes(lower) ||
    POWERSHELL_COMMON_PARAMETERS.some((common) => common.toLowerCase().startsWith(lower))
  );
}

/** PowerShell parameter names: letters and digits, as in `-TLSCertificateName`; no common parameter. */
export const ZParameterNameSchema = z
  .string()
  .max(64)
  .regex(/^[A-Za-z][A-Za-z0-9]*$/, "must be a PowerShell parameter name (letters and digits)")
  .refine(
    (name) => !isCommonParameterName(name),
    "is one of PowerShell's common parameters (or a prefix or alias of one), which a job may not set",
  );

/** An on-premises Exchange server's host name (NetBIOS or FQDN); it becomes a URI host. */
export const ZExchangeServerNameSchema = z
  .string()
  .max(253)
  .regex(
    /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/,
    "must be a host name such as ex1.contoso.com",
  );

// ---------------------------------------------------------------------------
// Requests and responses

export const ZAgentErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type AgentErrorBody = z.infer<typeof ZAgentErrorBodySchema>;

/** Error codes the agent acts on; the server may send others, which the agent shows as they come. */
export const AGENT_ERROR_CODES = {
  pairingCodeInvalid: "pairing_code_invalid",
  pairingCodeExpired: "pairing_code_expired",
  pairingCodeUsed: "pairing_code_used",
  rateLimited: "rate_limited",
  agentRevoked: "agent_revoked",
  leaseLost: "lease_lost",
} as const;

const ZVersionSchema = z.string().min(1).max(50);
const ZRunAsSchema = z.string().min(1).max(256);

export const ZPairRequestSchema = z.object({
  code: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(100),
  host: z.string().min(1).max(255),
  version: ZVersionSchema,
  runAs: ZRunAsSchema,
  publicKeyJwk: ZAgentPublicJwkSchema,
});
export type PairRequest = z.infer<typeof ZPairRequestSchema>;

/** `entraTenantId` is Entra's id of the tenant (`tid`), the one its admins know. */
export const ZPairResponseSchema = z.object({
  agentId: z.string().min(1).max(64),
  entraTenantId: z.string().min(1),
  tenantName: z.string(),
  credential: ZAgentCredentialSchema,
});
export type PairResponse = z.infer<typeof ZPairResponseSchema>;

export const ZPollRequestSchema = z.object({ version: ZVersionSchema, runAs: ZRunAsSchema });
export type PollRequest = z.infer<typeof ZPollRequestSchema>;

const ZIsoDateTimeSchema = z.iso.datetime({ offset: true });

/** The part of a job needed to hand it back, readable even when the rest is not. */
export const ZJobLeaseSchema = z.object({
  id: z.string().min(1).max(200),
  leaseToken: z.string().min(1).max(500),
});

const ZAgentJobBaseSchema = ZJobLeaseSchema.extend({
  leaseExpiresAt: ZIsoDateTimeSchema,
  idempotencyKey: z.string().min(1).max(200),
  /** The Exchange server to open the session on; the agent's configured server when absent. */
  server: ZExchangeServerNameSchema.optional(),
});

/** One cmdlet, reads and writes alike; the only kind that may carry sealed secrets. */
export const ZCmdletJobSchema = ZAgentJobBaseSchema.extend({
  cmdlet: ZCmdletNameSchema,
  parameters: z.record(ZParameterNameSchema, z.unknown()),
  sealedParameters: z.record(ZParameterNameSchema, ZSealedSecretSchema).optional(),
});
export type CmdletJob = z.infer<typeof ZCmdletJobSchema>;

/** Reads per job: a gather's whole on-premises read list fits, and one slow job stays bounded. */
export const MAX_READS_PER_JOB = 64;

export const ZAgentReadSchema = z.object({
  cmdlet: ZCmdletNameSchema,
  parameters: z.record(ZParameterNameSchema, z.unknown()),
});
export type AgentRead = z.infer<typeof ZAgentReadSchema>;

/** Several read cmdlets run one after another in ONE remote PowerShell session, each with its own result. */
export const ZReadsJobSchema = ZAgentJobBaseSchema.extend({
  reads: z.array(ZAgentReadSchema).min(1).max(MAX_READS_PER_JOB),
});
export type ReadsJob = z.infer<typeof ZReadsJobSchema>;

export const ZAgentJobSchema = z.union([ZReadsJobSchema, ZCmdletJobSchema]);
export type AgentJob = z.infer<typeof ZAgentJobSchema>;

export function isReadsJob(job: AgentJob): job is ReadsJob {
  return "reads" in job;
}

/** 200 body of a poll; 204 (no body) when nothing came while the server held the request. */
export const ZPollResponseSchema = z.object({ job: ZAgentJobSchema });
export type PollResponse = z.infer<typeof ZPollResponseSchema>;

/** The path of the job routes (heartbeat, complete, fail): a job id is a UUID, else there is no such job. */
export const ZJobRouteParamsSchema = z.object({ jobId: z.uuid("No such job: job ids are UUIDs.") });

export const ZHeartbeatRequestSchema = z.object({ leaseToken: z.string().min(1) });
export const ZHeartbeatResponseSchema = z.object({ leaseExpiresAt: ZIsoDateTimeSchema });

export const ZJobTimingsSchema = z.object({
  startedAt: ZIsoDateTimeSchema,
  finishedAt: ZIsoDateTimeSchema,
  durationMs: z.number().int().nonnegative(),
});
export type JobTimings = z.infer<typeof ZJobTimingsSchema>;

export const ZJobErrorSchema = z.object({
  message: z.string(),
  /** PowerShell's CategoryInfo.Category, e.g. `ObjectNotFound`. */
  category: z.string().optional(),
  /** PowerShell's FullyQualifiedErrorId. */
  errorId: z.string().optional(),
  /** True when trying again may work (a dropped session, the agent stopping); false for a refusal. */
  transient: z.boolean(),
});
export type JobError = z.infer<typeof ZJobErrorSchema>;

/**
 * The most a job's result may hold, serialized. An output beyond it is refused with an error that
 * names the cmdlet, never cut short: a truncated read would plan existing objects as new.
 */
export const MAX_JOB_RESULT_BYTES = 8 * 1024 * 1024;

/** One read of a reads job: its objects, or the error Exchange gave for it alone. */
export const ZReadResultSchema = z.discriminatedUnion("ok", [
  z.object({
    ok: z.literal(true),
    cmdlet: ZCmdletNameSchema,
    objects: z.array(z.unknown()),
    warnings: z.array(z.string()),
    durationMs: z.number().int().nonnegative(),
  }),
  z.object({
    ok: z.literal(false),
    cmdlet: ZCmdletNameSchema,
    error: ZJobErrorSchema,
    warnings: z.array(z.string()),
    durationMs: z.number().int().nonnegative(),
  }),
]);
export type ReadResult = z.infer<typeof ZReadResultSchema>;

export const ZCompleteJobRequestSchema = z.object({
  leaseToken: z.string().min(1),
  result: z.object({
    /** A cmdlet job's output; empty for a reads job, whose outputs are in `reads`. */
    objects: z.array(z.unknown()),
    warnings: z.array(z.string()),
    timings: ZJobTimingsSchema,
    /** A reads job's results, in the order of its reads. */
    reads: z.array(ZReadResultSchema).max(MAX_READS_PER_JOB).optional(),
    /**
     * The agent's clock as it sent the report: the service compares it with its own, since
     * federation fails (error 1007) when the two are more than 5 minutes apart.
     */
    agentClock: ZIsoDateTimeSchema.optional(),
  }),
});
export type CompleteJobRequest = z.infer<typeof ZCompleteJobRequestSchema>;

export const ZFailJobRequestSchema = z.object({
  leaseToken: z.string().min(1),
  error: ZJobErrorSchema,
  warnings: z.array(z.string()),
  timings: ZJobTimingsSchema,
});
export type FailJobRequest = z.infer<typeof ZFailJobRequestSchema>;

export const ZRotateCredentialResponseSchema = z.object({ credential: ZAgentCredentialSchema });

export const ZWhoamiResponseSchema = z.object({
  agentId: z.string().min(1),
  name: z.string(),
  entraTenantId: z.string().min(1),
  tenantName: z.string(),
});
export type WhoamiResponse = z.infer<typeof ZWhoamiResponseSchema>;
