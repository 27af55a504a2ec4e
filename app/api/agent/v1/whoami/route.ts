import { NextResponse } from "next/server";
import { agentRoute } from "@/lib/agents/agent-route";
import type { WhoamiResponse } from "@/lib/agents/protocol";

export const GET = agentRoute(async (_request, { acting }) =>
  NextResponse.json({
    agentId: acting.actor.agentId,
    name: acting.actor.name,
    entraTenantId: acting.tenant.entraTenantId,
    tenantName: acting.tenant.displayName,
  } satisfies WhoamiResponse),
);
