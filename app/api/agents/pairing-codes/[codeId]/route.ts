import { revokePairingCode } from "@/lib/agents/revoke-pairing-code";
import { userRoute } from "@/lib/auth/user-route";
import { ZPairingCodeIdParamSchema } from "@/lib/contracts/agents";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

export const DELETE = userRoute<{ codeId: string }>(async (_request, { acting }, params) => {
  await revokePairingCode({
    db: getDb(),
    acting,
    codeId: ZPairingCodeIdParamSchema.parse(params.codeId),
  });
  return new Response(null, { status: 204 });
});
