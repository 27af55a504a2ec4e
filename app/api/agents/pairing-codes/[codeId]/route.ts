import { z } from "zod";
import { revokePairingCode } from "@/lib/agents/revoke-pairing-code";
import { userRoute } from "@/lib/auth/user-route";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

export const DELETE = userRoute<{ codeId: string }>(async (_request, { acting }, params) => {
  await revokePairingCode({
    db: getDb(),
    acting,
    codeId: z.uuid("Not a pairing code id").parse(params.codeId),
  });
  return new Response(null, { status: 204 });
});
