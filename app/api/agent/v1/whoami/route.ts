import { agentRoute } from "@/lib/agents/agent-route";
import type { WhoamiResponse } from "@/lib/agents/protocol";
import { jsonAnswer } from "@/lib/http/api-call";

export const GET = agentRoute(async (_request, { acting }) =>
  jsonAnswer({
    agentId: acting.actor.agentId,
    name: acting.actor.name,
    entraTenantId: acting.tenant.entraTenantId,
    tenantName: acting.tenant.displayName,
  } satisfies WhoamiResponse),
);
