import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { getServerEnv } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { getLogger } from "@/lib/logger";

export type Db = PrismaClient;
/** The client an interactive transaction (`db.$transaction(async (tx) => …)`) hands its callback. */
export type DbTransaction = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export function createDb(connectionString: string): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
}

/** What runs a plain SQL statement: the pool, or one connection of it inside a transaction. */
export type Sql = Pick<pg.Pool, "query">;

/**
 * A statement of the agent channel's hot path, run thousands of times a second: named, so each
 * connection prepares it (and PostgreSQL plans it) once, then only binds and runs it. Planning was
 * most of PostgreSQL's time for these (docs/PERFORMANCE.md). One name per text, across the code.
 * A pooler between here and PostgreSQL must keep prepared statements (PgBouncer ≥ 1.21 with
 * max_prepared_statements, or session pooling).
 */
export function preparedStatement(name: string, text: string): (values: unknown[]) => pg.QueryConfig {
  return (values) => ({ name, text, values });
}

// The one Prisma client of a server process, and the connection pool under it. Kept on
// globalThis so that Next's dev reloads don't open a new pool per edit, and so that the code
// Next bundles and the server around it (scripts/serve-web.ts) share them.
const holder = globalThis as unknown as { prisma?: Db; pool?: pg.Pool };

/** The pool behind getDb(): plain SQL on it shares its connections with every Prisma query. */
export function getSql(): pg.Pool {
  if (!holder.pool) {
    holder.pool = new pg.Pool({ connectionString: getServerEnv().DATABASE_URL });
    // An idle connection the server ended (a restart, a failover) is dropped from the pool and the
    // next query opens another; unheard, the pool's "error" would end the process.
    holder.pool.on("error", (error) => getLogger().warn({ err: error }, "idle database connection lost"));
  }
  return holder.pool;
}

export function getDb(): Db {
  holder.prisma ??= new PrismaClient({ adapter: new PrismaPg(getSql()) });
  return holder.prisma;
}
