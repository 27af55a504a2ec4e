import { NextResponse } from "next/server";
import { agentRoute } from "@/lib/agents/agent-route";
import { rotateAgentCredential } from "@/lib/agents/rotate-agent-credential";
import { getDb } from "@/lib/db";

export const POST = agentRoute(async (_request, { acting }) =>
  NextResponse.json(await rotateAgentCredential({ db: getDb(), acting })),
);
