import { authenticateUser } from "@/lib/auth/authenticate-user";
import { getDb } from "@/lib/db";
import { clientAddress } from "@/lib/http/client-address";
import { type RequestContext, type RouteArgs, splitRouteArgs, wrapRoute } from "@/lib/http/handle-route";
import type { UserActingContext } from "@/lib/tenants/acting-context";

type UserHandler<P> = (
  request: Request,
  context: RequestContext & { acting: UserActingContext },
  params: P,
) => Promise<Response>;

/** A route only a signed-in Global or Exchange Administrator may call, for their own tenant. */
export function userRoute<P = Record<string, never>>(...args: RouteArgs<P, UserHandler<P>>) {
  const [paramsSchema, handler] = splitRouteArgs(args);
  return wrapRoute(paramsSchema, async (request: Request, context: RequestContext, params: P) => {
    const acting = await authenticateUser({
      db: getDb(),
      authorization: request.headers.get("authorization"),
      sourceAddress: clientAddress(request),
      userAgent: request.headers.get("user-agent"),
    });
    const log = context.log.child({ tenantId: acting.tenant.id, userId: acting.actor.userId });
    return handler(request, { ...context, acting, log }, params);
  });
}
