import { NextResponse } from "next/server";
import { createPairingCode } from "@/lib/agents/create-pairing-code";
import { pairCommand } from "@/lib/agents/pair-command";
import { userRoute } from "@/lib/auth/user-route";
import type { CreatedPairingCodeResponse } from "@/lib/contracts/agents";
import { getDb } from "@/lib/db";
import { idempotent } from "@/lib/http/idempotent";
import { requestOrigin } from "@/lib/http/request-origin";

export const dynamic = "force-dynamic";

export const POST = userRoute(
  { role: "operator" },
  idempotent(async (request, { acting }) => {
    const created = await createPairingCode({ db: getDb(), acting });
    const origin = requestOrigin(request.headers) ?? new URL(request.url).origin;
    const body: CreatedPairingCodeResponse = {
      id: created.id,
      code: created.code,
      expiresAt: created.expiresAt.toISOString(),
      command: pairCommand(origin, created.code),
    };
    return NextResponse.json(body, { status: 201 });
  }),
);
