import { z } from "zod";
import { revokePairingCode } from "@/lib/agents/revoke-pairing-code";
import { userRoute } from "@/lib/auth/user-route";
import { getDb } from "@/lib/db";
import { clientAddress } from "@/lib/http/client-address";

export const dynamic = "force-dynamic";

export const DELETE = userRoute<{ codeId: string }>(async (request, { principal }, params) => {
  await revokePairingCode({
    db: getDb(),
    tenantId: principal.tenant.id,
    codeId: z.uuid("Not a pairing code id").parse(params.codeId),
    actorUserId: principal.user.id,
    ipAddress: clientAddress(request),
  });
  return new Response(null, { status: 204 });
});
