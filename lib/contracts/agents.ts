import { z } from "zod";
import { ZBase64urlSchema } from "@/lib/agents/sealed-secret-format";

// The Agents page's API (app/api/agents/**): its answers, its route params, its live events.

/** An agent as the Agents page and the wizard's on-premises credential card show it. */
export const ZAgentSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  host: z.string(),
  version: z.string(),
  runAs: z.string(),
  /** Its RSA-OAEP-256 public key: the wizard seals on-premises passwords with it, for this agent alone. */
  publicKeyJwk: z.object({ kty: z.literal("RSA"), n: ZBase64urlSchema, e: ZBase64urlSchema }),
  pairedAt: z.iso.datetime({ offset: true }),
  lastSeenAt: z.iso.datetime({ offset: true }).nullable(),
  online: z.boolean(),
});
export type AgentSummary = z.infer<typeof ZAgentSummarySchema>;

/** GET /api/agents */
export const ZAgentListResponseSchema = z.object({ agents: z.array(ZAgentSummarySchema) });
export type AgentListResponse = z.infer<typeof ZAgentListResponseSchema>;

/** POST /api/agents/pairing-codes (201): the code, shown once, and the command that uses it. */
export const ZCreatedPairingCodeResponseSchema = z.object({
  id: z.string(),
  code: z.string(),
  expiresAt: z.iso.datetime({ offset: true }),
  command: z.string(),
});
export type CreatedPairingCodeResponse = z.infer<typeof ZCreatedPairingCodeResponseSchema>;

/** DELETE /api/agents/[agentId] (204). */
export const ZAgentRouteParamsSchema = z.object({ agentId: z.uuid("No such agent: agent ids are UUIDs.") });
/** DELETE /api/agents/pairing-codes/[codeId] (204). */
export const ZPairingCodeRouteParamsSchema = z.object({
  codeId: z.uuid("No such pairing code: pairing code ids are UUIDs."),
});

/** GET /api/agents/events: each `agent` server-sent event's data. */
export const ZAgentStreamEventSchema = z.object({
  agentId: z.string(),
  type: z.enum(["paired", "revoked", "seen"]),
  /** On "paired": the code it redeemed, so the page that shows that code knows it was used. */
  pairingCodeId: z.string().optional(),
});
export type AgentStreamEvent = z.infer<typeof ZAgentStreamEventSchema>;
