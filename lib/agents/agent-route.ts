import { type AuthenticatedAgent, authenticateAgent } from "@/lib/agents/authenticate-agent";
import { getDb } from "@/lib/db";
import { clientAddress } from "@/lib/http/client-address";
import { type RequestContext, type RouteArgs, splitRouteArgs, wrapRoute } from "@/lib/http/handle-route";

type AgentHandler<P> = (
  request: Request,
  context: RequestContext & { agent: AuthenticatedAgent; sourceAddress: string },
  params: P,
) => Promise<Response>;

/** A route only a paired, unrevoked agent may call. */
export function agentRoute<P = Record<string, never>>(...args: RouteArgs<P, AgentHandler<P>>) {
  const [paramsSchema, handler] = splitRouteArgs(args);
  return wrapRoute(paramsSchema, async (request: Request, context: RequestContext, params: P) => {
    const sourceAddress = clientAddress(request);
    const agent = await authenticateAgent({
      db: getDb(),
      authorization: request.headers.get("authorization"),
      sourceAddress,
    });
    return handler(
      request,
      { ...context, agent, sourceAddress, log: context.log.child({ agentId: agent.id }) },
      params,
    );
  });
}
