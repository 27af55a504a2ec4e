import { NextResponse } from "next/server";
import { agentRoute } from "@/lib/agents/agent-route";

export const GET = agentRoute(async (_request, { agent }) =>
  NextResponse.json({
    agentId: agent.id,
    name: agent.name,
    tenantId: agent.entraTenantId,
    tenantName: agent.tenantName,
  }),
);
