/**
 * The agent protocol: what the on-premises agent (`agent/`) and the service's
 * `/api/agent/v1/*` routes send each other. Both sides import these schemas, so
 * this file stays free of Node-only imports (the browser reads it too).
 */
import { z } from "zod";

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
 * writes on-premises (the HCW's OnPremises calls). Anything else is refused by the agent before it
 * reaches PowerShell, so the service checks its jobs against this list too. Removals are limited
 * to the stale HybridConfiguration object (HCW8019–8023); widen the list deliberately.
 */
export const AGENT_ALLOWED_CMDLETS = [
  "Add-AvailabilityAddressSpace",
  "Add-FederatedDomain",
  "Get-AcceptedDomain",
  "Get-AuthConfig",
  "Get-AuthServer",
  "Get-AvailabilityAddressSpace",
  "Get-EmailAddressPolicy",
  "Get-ExchangeCertificate",
  "Get-ExchangeServer",
  "Get-FederatedDomainProof",
  "Get-FederatedOrganizationIdentifier",
  "Get-FederationTrust",
  "Get-HybridConfiguration",
  "Get-IntraOrganizationConfiguration",
  "Get-IntraOrganizationConnector",
  "Get-MailboxDatabase",
  "Get-OrganizationConfig",
  "Get-OrganizationRelationship",
  "Get-OwaVirtualDirectory",
  "Get-PartnerApplication",
  "Get-ReceiveConnector",
  "Get-RemoteDomain",
  "Get-SendConnector",
  "Get-WebServicesVirtualDirectory",
  "New-AcceptedDomain",
  "New-AuthServer",
  "New-FederationTrust",
  "New-HybridConfiguration",
  "New-IntraOrganizationConnector",
  "New-OrganizationRelationship",
  "New-RemoteDomain",
  "New-SendConnector",
  "Remove-HybridConfiguration",
  "Set-AcceptedDomain",
  "Set-AuthServer",
  "Set-EmailAddressPolicy",
  "Set-FederatedOrganizationIdentifier",
  "Set-FederationTrust",
  "Set-HybridConfiguration",
  "Set-IntraOrganizationConnector",
  "Set-OrganizationRelationship",
  "Set-PartnerApplication",
  "Set-ReceiveConnector",
  "Set-RemoteDomain",
  "Set-SendConnector",
  "Set-WebServicesVirtualDirectory",
  "Update-EmailAddressPolicy",
] as const;
export type AgentAllowedCmdlet = (typeof AGENT_ALLOWED_CMDLETS)[number];

export function isAllowedCmdlet(name: string): name is AgentAllowedCmdlet {
  return (AGENT_ALLOWED_CMDLETS as readonly string[]).includes(name);
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

export const ZPairResponseSchema = z.object({
  agentId: z.string().min(1).max(64),
  tenantId: z.string().min(1),
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

export const ZAgentJobSchema = ZJobLeaseSchema.extend({
  leaseExpiresAt: ZIsoDateTimeSchema,
  idempotencyKey: z.string().min(1).max(200),
  cmdlet: ZCmdletNameSchema,
  parameters: z.record(ZParameterNameSchema, z.unknown()),
  sealedParameters: z.record(ZParameterNameSchema, ZSealedSecretSchema).optional(),
  /** The Exchange server to open the session on; the agent's configured server when absent. */
  server: ZExchangeServerNameSchema.optional(),
});
export type AgentJob = z.infer<typeof ZAgentJobSchema>;

/** 200 body of a poll; 204 (no body) when nothing came while the server held the request. */
export const ZPollResponseSchema = z.object({ job: ZAgentJobSchema });
export type PollResponse = z.infer<typeof ZPollResponseSchema>;

export const ZHeartbeatRequestSchema = z.object({ leaseToken: z.string().min(1) });
export const ZHeartbeatResponseSchema = z.object({ leaseExpiresAt: ZIsoDateTimeSchema });

export const ZJobTimingsSchema = z.object({
  startedAt: ZIsoDateTimeSchema,
  finishedAt: ZIsoDateTimeSchema,
  durationMs: z.number().int().nonnegative(),
});
export type JobTimings = z.infer<typeof ZJobTimingsSchema>;

export const ZCompleteJobRequestSchema = z.object({
  leaseToken: z.string().min(1),
  result: z.object({
    objects: z.array(z.unknown()),
    warnings: z.array(z.string()),
    timings: ZJobTimingsSchema,
  }),
});
export type CompleteJobRequest = z.infer<typeof ZCompleteJobRequestSchema>;

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
  tenantId: z.string().min(1),
  tenantName: z.string(),
});
export type WhoamiResponse = z.infer<typeof ZWhoamiResponseSchema>;
