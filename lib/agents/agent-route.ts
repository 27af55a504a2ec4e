import { authenticateAgent } from "@/lib/agents/authenticate-agent";
import type { AgentCredential } from "@/lib/agents/current-credential";
import { getSql } from "@/lib/db";
import type { ApiAnswer, ApiRequest } from "@/lib/http/api-call";
import { clientAddress } from "@/lib/http/client-address";
import { type RequestContext, type RouteArgs, splitRouteArgs, wrapApiRoute } from "@/lib/http/handle-route";
import type { AgentActingContext } from "@/lib/tenants/acting-context";

// The agent API's routes are ApiRoutes: the web server answers them from Node's request, before
// Next (scripts/lib/agent-api-routes.ts); Next calls the same handlers when it serves them itself.

type AgentHandler<P> = (
  request: ApiRequest,
  context: RequestContext & { acting: AgentActingContext; credential: AgentCredential },
  params: P,
) => Promise<ApiAnswer>;

function agentRouteOf(provedByRoute: boolean) {
  return <P = Record<string, never>>(...args: RouteArgs<P, AgentHandler<P>>) => {
    const [paramsSchema, handler] = splitRouteArgs(args);
    return wrapApiRoute(paramsSchema, async (request, context, params: P) => {
      const { acting, credential } = await authenticateAgent({
        sql: getSql(),
        authorization: request.header("authorization"),
        sourceAddress: clientAddress((name) => request.header(name)),
        userAgent: request.header("user-agent"),
        provedByRoute,
      });
      const log = context.log.child({ tenantId: acting.tenant.id, agentId: acting.actor.agentId });
      return handler(request, { ...context, acting, credential, log }, params);
    });
  };
}

/** A route only a paired, unrevoked agent may call; its credential is looked up at each request. */
export const agentRoute = agentRouteOf(false);

/**
 * An agent route whose first statement proves `credential` current (it carries
 * `credentialIsCurrent` and refuses the request when no row met it), before the route does
 * anything: the agent it names may then come from this process's memory, one statement fewer on
 * the channel's busiest requests (poll, heartbeat, complete, fail).
 */
export const selfCheckingAgentRoute = agentRouteOf(true);
