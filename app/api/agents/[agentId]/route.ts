import { revokeAgent } from "@/lib/agents/revoke-agent";
import { userRoute } from "@/lib/auth/user-route";
import { ZAgentIdParamSchema } from "@/lib/contracts/agents";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

export const DELETE = userRoute<{ agentId: string }>(async (_request, { acting }, params) => {
  await revokeAgent({ db: getDb(), acting, agentId: ZAgentIdParamSchema.parse(params.agentId) });
  return new Response(null, { status: 204 });
});
