import { z } from "zod";

// What a run's pages learn from both sides (app/api/wizard/runs/[runId]/{exchange-servers,gather,gathered}):
// the Exchange servers the Environment page detects, each read of Gathering configuration as it
// lands, and the choices the later pages offer from the stored gather. Zod only: the browser imports it.

/** Where a read ran: an Exchange side, or Microsoft Graph (the dedicated hybrid application). */
const ZSideSchema = z.enum(["OnPremises", "Online", "Graph"]);

/** One Exchange server as the Environment and connector pages list it. */
export const ZRunServerSchema = z.object({
  name: z.string(),
  fqdn: z.string(),
  /** "Exchange 2019 15.2.1544.25", or Exchange's AdminDisplayVersion when it cannot be read. */
  version: z.string(),
  mailbox: z.boolean(),
  edge: z.boolean(),
  /** Its receive connector bound to port 25 for all addresses (the one hybrid changes), where it has one. */
  frontendReceiveConnector: z.string().nullable(),
});
export type RunServer = z.infer<typeof ZRunServerSchema>;

/** POST /api/wizard/runs/[runId]/exchange-servers: Get-ExchangeServer through the tenant's agent. */
export const ZDetectedServersSchema = z.object({
  servers: z.array(ZRunServerSchema),
  /** The newest Mailbox server, as the HCW's detection picks; null when there is none. */
  best: z.string().nullable(),
});
export type DetectedServers = z.infer<typeof ZDetectedServersSchema>;

/** One read of a gather: the cmdlet, where it ran, how long it took and what it returned. */
export const ZReadRecordSchema = z.object({
  side: ZSideSchema,
  cmdlet: z.string(),
  server: z.string().optional(),
  durationMs: z.number(),
  objects: z.number(),
  warnings: z.array(z.string()),
  error: z.string().optional(),
});
export type GatherReadRecord = z.infer<typeof ZReadRecordSchema>;

/** One of the TestConnections checks (clock skew, directory sync, builds, servers, coexistence domain). */
export const ZConnectionCheckSchema = z.object({
  id: z.string(),
  status: z.enum(["ok", "warning", "error"]),
  message: z.string(),
});
export type GatherConnectionCheck = z.infer<typeof ZConnectionCheckSchema>;

export const ZRunDomainSchema = z.object({
  domain: z.string(),
  /** Null when the domain may be shared; else why it may not. */
  unavailable: z.string().nullable(),
});

export const ZRunCertificateSchema = z.object({
  server: z.string(),
  thumbprint: z.string(),
  subject: z.string(),
  issuer: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  names: z.array(z.string()),
  services: z.array(z.string()),
  /** Null when it may carry hybrid mail; else why not (expired, self-signed, not assigned to SMTP). */
  invalid: z.string().nullable(),
});
export type RunCertificate = z.infer<typeof ZRunCertificateSchema>;

/** A federation TXT proof the Domain Ownership page shows. */
export const ZDomainProofSchema = z.object({ domain: z.string(), proof: z.string(), record: z.string() });
export type DomainProof = z.infer<typeof ZDomainProofSchema>;

/** GET /api/wizard/runs/[runId]/gathered (404 before the first gather); also the gather stream's last event. */
/** Exchange Online's EWS retirement as it bears on this hybrid (lib/wizard/gather/ews-readiness.ts). */
export const ZRunEwsReadinessSchema = z.object({
  /** EWSEnabled: null while unset. */
  ewsEnabled: z.boolean().nullable(),
  ewsServedNow: z.boolean(),
  allowedAppIds: z.array(z.string()),
  /** The dedicated hybrid application's id is in EwsAllowedAppIDs; absent while the app is not there. */
  dedicatedAppAllowed: z.boolean().optional(),
  dedicatedAppOnPremises: z.boolean(),
  serversOnEws: z.array(z.string()),
  /** What to read, with the dates that apply. */
  messages: z.array(z.string()),
});
export type RunEwsReadiness = z.infer<typeof ZRunEwsReadinessSchema>;

export const ZRunGatheredSchema = z.object({
  gatheredAt: z.iso.datetime({ offset: true }),
  durationMs: z.number(),
  records: z.array(ZReadRecordSchema),
  checks: z.array(ZConnectionCheckSchema),
  /** Exchange 2010 is in the organization: full hybrid needs a federation trust (Domain Ownership). */
  exchange2010: z.boolean(),
  servers: z.array(ZRunServerSchema),
  domains: z.array(ZRunDomainSchema),
  certificates: z.array(ZRunCertificateSchema),
  federationTrust: z.boolean(),
  domainProofs: z.array(ZDomainProofSchema),
  ewsReadiness: ZRunEwsReadinessSchema,
});
export type RunGathered = z.infer<typeof ZRunGatheredSchema>;

/** POST /api/wizard/runs/[runId]/gather answers server-sent events of these, in this order. */
export const ZGatherEventSchema = z.discriminatedUnion("event", [
  z.object({ event: z.literal("read"), data: ZReadRecordSchema }),
  z.object({ event: z.literal("gathered"), data: ZRunGatheredSchema }),
  z.object({ event: z.literal("failed"), data: z.object({ message: z.string() }) }),
]);
export type GatherEvent = z.infer<typeof ZGatherEventSchema>;
