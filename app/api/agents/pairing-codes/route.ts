import { NextResponse } from "next/server";
import { createPairingCode } from "@/lib/agents/create-pairing-code";
import { pairCommand } from "@/lib/agents/pair-command";
import { userRoute } from "@/lib/auth/user-route";
import { getDb } from "@/lib/db";
import { clientAddress } from "@/lib/http/client-address";
import { requestOrigin } from "@/lib/http/request-origin";

export const dynamic = "force-dynamic";

export const POST = userRoute(async (request, { principal }) => {
  const created = await createPairingCode({
    db: getDb(),
    tenantId: principal.tenant.id,
    actorUserId: principal.user.id,
    ipAddress: clientAddress(request),
  });
  return NextResponse.json(
    {
      ...created,
      command: pairCommand(requestOrigin(request.headers) ?? new URL(request.url).origin, created.code),
    },
    { status: 201 },
  );
});
