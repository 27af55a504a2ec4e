import { NextResponse } from "next/server";
import { pairAgent } from "@/lib/agents/pair-agent";
import { ZPairRequestSchema } from "@/lib/agents/protocol";
import { getDb } from "@/lib/db";
import { clientAddress } from "@/lib/http/client-address";
import { handleRoute } from "@/lib/http/handle-route";

export const POST = handleRoute(async (request) => {
  const body = ZPairRequestSchema.parse(await request.json());
  const paired = await pairAgent({ db: getDb(), request: body, sourceAddress: clientAddress(request) });
  return NextResponse.json(paired);
});
