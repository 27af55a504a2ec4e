import { authenticateUser, type UserPrincipal } from "@/lib/auth/authenticate-user";
import { getDb } from "@/lib/db";
import { type RequestContext, type RouteArgs, splitRouteArgs, wrapRoute } from "@/lib/http/handle-route";

type UserHandler<P> = (
  request: Request,
  context: RequestContext & { principal: UserPrincipal },
  params: P,
) => Promise<Response>;

/** A route only a signed-in Global or Exchange Administrator may call, for their own tenant. */
export function userRoute<P = Record<string, never>>(...args: RouteArgs<P, UserHandler<P>>) {
  const [paramsSchema, handler] = splitRouteArgs(args);
  return wrapRoute(paramsSchema, async (request: Request, context: RequestContext, params: P) => {
    const principal = await authenticateUser({
      db: getDb(),
      authorization: request.headers.get("authorization"),
    });
    const log = context.log.child({ tenantId: principal.tenant.id, userId: principal.user.id });
    return handler(request, { ...context, principal, log }, params);
  });
}
