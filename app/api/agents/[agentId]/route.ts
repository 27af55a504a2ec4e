import { revokeAgent } from "@/lib/agents/revoke-agent";
import { userRoute } from "@/lib/auth/user-route";
import { ZAgentRouteParamsSchema } from "@/lib/contracts/agents";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

export const DELETE = userRoute(
  { role: "owner" },
  ZAgentRouteParamsSchema,
  async (_request, { acting }, { agentId }) => {
    await revokeAgent({ db: getDb(), acting, agentId });
    return new Response(null, { status: 204 });
  },
);
