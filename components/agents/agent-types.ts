import { z } from "zod";

export const ZAgentSummary = z.object({
  id: z.string(),
  name: z.string(),
  host: z.string(),
  version: z.string(),
  runAs: z.string(),
  pairedAt: z.string(),
  lastSeenAt: z.string().nullable(),
  online: z.boolean(),
});
export type AgentSummary = z.infer<typeof ZAgentSummary>;
export const ZAgentList = z.object({ agents: z.array(ZAgentSummary) });

export const ZPairingCode = z.object({
  id: z.string(),
  code: z.string(),
  expiresAt: z.string(),
  command: z.string(),
});
export type PairingCode = z.infer<typeof ZPairingCode>;

export const ZAgentEvent = z.object({
  agentId: z.string(),
  type: z.enum(["paired", "revoked", "seen"]),
  pairingCodeId: z.string().optional(),
});
export type AgentEvent = z.infer<typeof ZAgentEvent>;
