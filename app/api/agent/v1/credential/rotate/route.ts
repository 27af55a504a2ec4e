import { agentRoute } from "@/lib/agents/agent-route";
import { rotateAgentCredential } from "@/lib/agents/rotate-agent-credential";
import { getDb } from "@/lib/db";
import { jsonAnswer } from "@/lib/http/api-call";

export const POST = agentRoute(async (_request, { acting }) =>
  jsonAnswer(await rotateAgentCredential({ db: getDb(), acting })),
);
