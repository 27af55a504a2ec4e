import { revokeAgent } from "@/lib/agents/revoke-agent";
import { userRoute } from "@/lib/auth/user-route";
import { getDb } from "@/lib/db";
import { clientAddress } from "@/lib/http/client-address";
import { ZAgentRouteParams } from "@/lib/http/route-params";

export const dynamic = "force-dynamic";

export const DELETE = userRoute(ZAgentRouteParams, async (request, { principal }, params) => {
  await revokeAgent({
    db: getDb(),
    tenantId: principal.tenant.id,
    agentId: params.agentId,
    actorUserId: principal.user.id,
    ipAddress: clientAddress(request),
  });
  return new Response(null, { status: 204 });
});
