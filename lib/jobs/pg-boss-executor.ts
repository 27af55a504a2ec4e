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

/** `text` as a named statement on `sql`, named by its hash: a connection prepares each text once. */
async function runPrepared(sql: Sql, text: string, values: unknown[]) {
  const name = `pgboss_${createHash("sha256").update(text).digest("hex").slice(0, 32)}`;
  return { rows: (await sql.query(preparedStatement(name, text)(values))).rows };
}

/**
 * The same on `sql` with each text prepared (preparedStatement): for pg-boss's settling commands
 * (complete, fail, touch), whose text is one per job table, so a connection prepares each once.
 */
export function pgBossPreparedExecutor(sql: Sql): PgBossDb {
  return { executeSql: (text: string, values: unknown[] = []) => runPrepared(sql, text, values) };
}

/**
 * The same for pg-boss's fetch and send on one `queue`, whose texts name the queue as a literal:
 * prepared as they are, they would be a statement per queue on every connection, so the literal
 * becomes a parameter first, and a connection prepares one fetch and one send for every tenant's
 * queue. Queue names (assertQueueName: letters, digits and `-_./`) need no quoting. A text without
 * the literal runs unprepared, as pg-boss wrote it.
 */
export function pgBossQueueExecutor(sql: Sql, queue: string): PgBossDb {
  const literal = `'${queue}'`;
  return {
    executeSql: async (text: string, values: unknown[] = []) => {
      if (!text.includes(literal)) return { rows: (await sql.query(text, values)).rows };
      const parameterized = text.replaceAll(literal, `$${values.length + 1}::text`);
      return runPrepared(sql, parameterized, [...values, queue]);
    },
  };
}
