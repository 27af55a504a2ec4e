import { NextResponse } from "next/server";
import { createPairingCode } from "@/lib/agents/create-pairing-code";
import { pairCommand } from "@/lib/agents/pair-command";
import { userRoute } from "@/lib/auth/user-route";
import { getDb } from "@/lib/db";
import { requestOrigin } from "@/lib/http/request-origin";

export const dynamic = "force-dynamic";

export const POST = userRoute(async (request, { acting }) => {
  const created = await createPairingCode({ db: getDb(), acting });
  return NextResponse.json(
    {
      ...created,
      command: pairCommand(requestOrigin(request.headers) ?? new URL(request.url).origin, created.code),
    },
    { status: 201 },
  );
});
