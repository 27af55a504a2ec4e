import { pairAgent } from "@/lib/agents/pair-agent";
import { ZPairRequestSchema } from "@/lib/agents/protocol";
import { getDb } from "@/lib/db";
import { jsonAnswer } from "@/lib/http/api-call";
import { BODY_LIMITS } from "@/lib/http/body-limits";
import { clientAddress } from "@/lib/http/client-address";
import { handleApiRoute } from "@/lib/http/handle-route";
import { readApiJsonBody } from "@/lib/http/read-json-body";

export const POST = handleApiRoute(async (request) => {
  const body = await readApiJsonBody(request, ZPairRequestSchema, BODY_LIMITS.pair);
  const paired = await pairAgent({
    db: getDb(),
    request: body,
    sourceAddress: clientAddress((name) => request.header(name)),
  });
  return jsonAnswer(paired);
});
