import pg from "pg";

// What PostgreSQL ran during a measurement, statement by statement (pg_stat_statements): how many
// of each a job costs and PostgreSQL's own time in it, which is where a job's round trips go.
// The module must be loaded at the server's start (shared_preload_libraries), so this needs a
// cluster started for it, and it adds a little to every statement: a run of its own.

/** What the cluster must be started with for the counts. */
export const STATEMENT_COUNT_SETTINGS = {
  shared_preload_libraries: "pg_stat_statements",
  // Top-level statements only: those clients send, and the foreign-key checks PostgreSQL fires at a
  // statement's end; not those run inside functions.
  "pg_stat_statements.track": "top",
};

const SHOWN = 12;

/** One line per statement text: the first words of the text, as the bench prints them. */
const abbreviate = (query: string) => query.replace(/\s+/g, " ").trim().slice(0, 70);

export interface StatementCounter {
  reset(): Promise<void>;
  /** The statements since `reset()`, the most frequent first, each per job of `jobs`. */
  perJob(jobs: number): Promise<Array<{ statement: string; figure: string }>>;
  close(): Promise<void>;
}

/** Counts on the database `ownerUrl` names, as its owner (the extension needs a superuser). */
export async function openStatementCounter(ownerUrl: string): Promise<StatementCounter> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  await client.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
  return {
    reset: async () => {
      await client.query("SELECT pg_stat_statements_reset()");
    },
    async perJob(jobs) {
      const { rows } = await client.query<{ query: string; calls: string; ms: number }>(
        `SELECT query, calls, total_exec_time AS ms FROM pg_stat_statements
         WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
           AND query NOT LIKE '%pg_stat_statements%'
         ORDER BY calls DESC`,
      );
      const calls = rows.reduce((sum, row) => sum + Number(row.calls), 0);
      const ms = rows.reduce((sum, row) => sum + row.ms, 0);
      const each = (count: number, time: number) =>
        `${(count / jobs).toFixed(2)} per job, ${((time / jobs) * 1000).toFixed(0)} µs executing`;
      return [
        { statement: "all statements", figure: each(calls, ms) },
        ...rows.slice(0, SHOWN).map((row) => ({
          statement: abbreviate(row.query),
          figure: each(Number(row.calls), row.ms),
        })),
      ];
    },
    close: () => client.end(),
  };
}
