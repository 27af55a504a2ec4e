import { createHash } from "node:crypto";
import type { Db as PgBossDb } from "pg-boss";
import { type DbTransaction, preparedStatement, type Sql } from "@/lib/db";

/**
 * pg-boss's SQL run on a Prisma transaction's connection (pg-boss's `db` option), so what it
 * queues, takes or retries commits or rolls back with the rows written beside it.
 */
export function pgBossExecutor(tx: DbTransaction): PgBossDb {
  return {
    executeSql: async (text: string, values: unknown[] = []) => ({
      rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values),
    }),
  };
}

/**
 * The same for `flow()`, which sends a whole flow as one text of several statements and no
 * parameters. The driver answers such a text with one result per statement, which Prisma's raw
 * query cannot read as rows; flow reads none, so the text is executed for its effect.
 */
export function pgBossFlowExecutor(tx: DbTransaction): PgBossDb {
  return {
    executeSql: async (text: string, values: unknown[] = []) => {
      await tx.$executeRawUnsafe(text, ...values);
      return { rows: [] };
    },
  };
}

/** The same on a plain `pg` transaction (inSqlTransaction): the agent channel's hot path. */
export function pgBossSqlExecutor(sql: Sql): PgBossDb {
  return {
    executeSql: async (text: string, values: unknown[] = []) => ({
      rows: (await sql.query(text, values)).rows,
    }),
  };
}

/**
 * The same on `sql` with each text as a named statement (preparedStatement), named by its hash:
 * for pg-boss's settling commands (complete, fail, touch), whose text is one per job table, so a
 * connection prepares each once. Not for fetch or send, whose texts name their queue: those would
 * prepare a statement per queue on every connection.
 */
export function pgBossPreparedExecutor(sql: Sql): PgBossDb {
  return {
    executeSql: async (text: string, values: unknown[] = []) => {
      const name = `pgboss_${createHash("sha256").update(text).digest("hex").slice(0, 32)}`;
      return { rows: (await sql.query(preparedStatement(name, text)(values))).rows };
    },
  };
}
