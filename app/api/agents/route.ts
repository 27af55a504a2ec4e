import { NextResponse } from "next/server";
import { listAgents } from "@/lib/agents/list-agents";
import { userRoute } from "@/lib/auth/user-route";
import type { AgentListResponse } from "@/lib/contracts/agents";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

export const GET = userRoute({ role: "viewer" }, async (_request, { acting }) =>
  NextResponse.json({ agents: await listAgents({ db: getDb(), acting }) } satisfies AgentListResponse),
);
