import { z } from "zod";
import { notify, subscribe } from "@/lib/realtime/pg-notifications";

// What the Agents page hears live (server-sent events), from whichever instance it happened on.
const CHANNEL = "hw_agent_events";

const ZAgentEventSchema = z.object({
  tenantId: z.string(),
  agentId: z.string(),
  type: z.enum(["paired", "revoked", "seen"]),
  /** On "paired": the code it redeemed, so the page that shows that code knows it was used. */
  pairingCodeId: z.string().optional(),
});
export type AgentEvent = z.infer<typeof ZAgentEventSchema>;

export function announceAgentEvent(event: AgentEvent): Promise<void> {
  return notify(CHANNEL, JSON.stringify(event));
}

/** `onLost`: the database connection that carries the events went away; events may have been missed. */
export function subscribeToAgentEvents(
  tenantId: string,
  handler: (event: AgentEvent) => void,
  onLost?: () => void,
): Promise<() => void> {
  return subscribe(CHANNEL, (payload) => {
    if (payload === "") return onLost?.();
    const parsed = ZAgentEventSchema.safeParse(JSON.parse(payload));
    if (parsed.success && parsed.data.tenantId === tenantId) handler(parsed.data);
  });
}
