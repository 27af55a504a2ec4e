import { authenticateUser } from "@/lib/auth/authenticate-user";
import { getDb } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { clientAddress } from "@/lib/http/client-address";
import { type RequestContext, type RouteArgs, splitRouteArgs, wrapRoute } from "@/lib/http/handle-route";
import { assertRole } from "@/lib/roles/assert-role";
import type { UserActingContext } from "@/lib/tenants/acting-context";

type UserHandler<P> = (
  request: Request,
  context: RequestContext & { acting: UserActingContext },
  params: P,
) => Promise<Response>;

/** What a user route needs of its caller, declared once where the route is exported. */
export interface UserRouteAccess {
  /** The least role in the acting tenant that may call it (docs/ARCHITECTURE.md, "Roles"). */
  role: Role;
}

/**
 * A route a signed-in person may call for the tenant they act in, with at least `access.role`
 * there: the role is enforced here, before the handler runs, and a refusal is audited.
 */
export function userRoute<P = Record<string, never>>(
  access: UserRouteAccess,
  ...args: RouteArgs<P, UserHandler<P>>
) {
  const [paramsSchema, handler] = splitRouteArgs(args);
  return wrapRoute(paramsSchema, async (request: Request, context: RequestContext, params: P) => {
    const db = getDb();
    const acting = await authenticateUser({
      db,
      authorization: request.headers.get("authorization"),
      sourceAddress: clientAddress((name) => request.headers.get(name)),
      userAgent: request.headers.get("user-agent"),
    });
    const attempted = `${request.method} ${new URL(request.url).pathname}`;
    await assertRole({ db, acting, required: access.role, attempted });
    const log = context.log.child({ tenantId: acting.tenant.id, userId: acting.actor.userId });
    return handler(request, { ...context, acting, log }, params);
  });
}
