import { revokePairingCode } from "@/lib/agents/revoke-pairing-code";
import { userRoute } from "@/lib/auth/user-route";
import { getDb } from "@/lib/db";
import { clientAddress } from "@/lib/http/client-address";
import { ZPairingCodeRouteParams } from "@/lib/http/route-params";

export const dynamic = "force-dynamic";

export const DELETE = userRoute(ZPairingCodeRouteParams, async (request, { principal }, params) => {
  await revokePairingCode({
    db: getDb(),
    tenantId: principal.tenant.id,
    codeId: params.codeId,
    actorUserId: principal.user.id,
    ipAddress: clientAddress(request),
  });
  return new Response(null, { status: 204 });
});
