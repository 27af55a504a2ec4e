import { authenticateAgent } from "@/lib/agents/authenticate-agent";
import { getSql } from "@/lib/db";
import { clientAddress } from "@/lib/http/client-address";
import { type RequestContext, type RouteArgs, splitRouteArgs, wrapRoute } from "@/lib/http/handle-route";
import type { AgentActingContext } from "@/lib/tenants/acting-context";

type AgentHandler<P> = (
  request: Request,
  context: RequestContext & { acting: AgentActingContext },
  params: P,
) => Promise<Response>;

/** A route only a paired, unrevoked agent may call. */
export function agentRoute<P = Record<string, never>>(...args: RouteArgs<P, AgentHandler<P>>) {
  const [paramsSchema, handler] = splitRouteArgs(args);
  return wrapRoute(paramsSchema, async (request: Request, context: RequestContext, params: P) => {
    const acting = await authenticateAgent({
      sql: getSql(),
      authorization: request.headers.get("authorization"),
      sourceAddress: clientAddress(request),
      userAgent: request.headers.get("user-agent"),
    });
    const log = context.log.child({ tenantId: acting.tenant.id, agentId: acting.actor.agentId });
    return handler(request, { ...context, acting, log }, params);
  });
}
