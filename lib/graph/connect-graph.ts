import type { Logger } from "pino";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { GraphConnection } from "@/lib/graph/graph-client";
import { acquireGraphToken } from "@/lib/graph/graph-token";
import type { ActingContext, UserActingContext } from "@/lib/tenants/acting-context";

/** The acting admin, or a refusal: Graph is only ever reached on a signed-in admin's behalf. */
export function actingAdmin(acting: ActingContext): UserActingContext {
  if (acting.actor.kind !== "user" || acting.role === "agent") {
    throw new AppError(
      "forbidden",
      "Microsoft Graph is reached only on behalf of a signed-in administrator.",
    );
  }
  return { ...acting, actor: acting.actor, role: acting.role };
}

/** The acting admin's access to Graph in the acting tenant, by on-behalf-of from their sign-in. */
export async function connectGraph(options: {
  db: Db;
  acting: ActingContext;
  logger?: Logger;
}): Promise<GraphConnection> {
  const acting = actingAdmin(options.acting);
  const token = await acquireGraphToken({ db: options.db, acting, logger: options.logger });
  return { tenant: acting.tenant, accessToken: token.accessToken };
}
