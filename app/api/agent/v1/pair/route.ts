import { NextResponse } from "next/server";
import { pairAgent } from "@/lib/agents/pair-agent";
import { ZPairRequestSchema } from "@/lib/agents/protocol";
import { getDb } from "@/lib/db";
import { BODY_LIMITS } from "@/lib/http/body-limits";
import { clientAddress } from "@/lib/http/client-address";
import { handleRoute } from "@/lib/http/handle-route";
import { readJsonBody } from "@/lib/http/read-json-body";

export const POST = handleRoute(async (request) => {
  const body = await readJsonBody(request, ZPairRequestSchema, BODY_LIMITS.pair);
  const paired = await pairAgent({ db: getDb(), request: body, sourceAddress: clientAddress(request) });
  return NextResponse.json(paired);
});
