import { revokePairingCode } from "@/lib/agents/revoke-pairing-code";
import { userRoute } from "@/lib/auth/user-route";
import { ZPairingCodeRouteParamsSchema } from "@/lib/contracts/agents";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

export const DELETE = userRoute(
  { role: "operator" },
  ZPairingCodeRouteParamsSchema,
  async (_request, { acting }, { codeId }) => {
    await revokePairingCode({
      db: getDb(),
      acting,
      codeId,
    });
    return new Response(null, { status: 204 });
  },
);
