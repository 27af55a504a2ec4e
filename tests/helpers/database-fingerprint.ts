import pg from "pg";
import { QUEUE_SCHEMA, UPDATE_QUEUE_SCHEMA } from "@/lib/jobs/get-queue";

/**
 * Columns that change on purpose when a request is refused, so that a refusal is not mistaken for a
 * change: who was last seen (an agent's, a user's sign-in), and failed pairing attempts counted
 * against a code (RateLimitCounter, whose only rows are such counts, is left out whole).
 */
const BOOKKEEPING: Record<string, string[]> = {
  User: ["updatedAt", "lastSignInAt"],
  Agent: ["lastSeenAt", "lastSeenFrom"],
  PairingCode: ["attempts"],
};
const NOT_COMPARED = new Set(["_prisma_migrations", "RateLimitCounter"]);

/** One hash per table of the application (and pg-boss's jobs, of both schemas): equal fingerprints, unchanged rows. */
export async function openFingerprinter(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
  );
  // pg-boss makes its schemas as an instance first starts: the update's is there once a web app ran.
  const queues = await client.query<{ table_schema: string }>(
    "SELECT table_schema FROM information_schema.tables WHERE table_schema = ANY($1) AND table_name = 'job'",
    [[QUEUE_SCHEMA, UPDATE_QUEUE_SCHEMA]],
  );
  const tables = [
    ...rows
      .map((row) => row.table_name)
      .filter((name) => !NOT_COMPARED.has(name))
      .map((name) => ({ name, sql: `"${name}"` })),
    ...queues.rows.map(({ table_schema }) => ({ name: `${table_schema}.job`, sql: `${table_schema}.job` })),
  ];
  const query = tables
    .map(
      ({ name, sql }) =>
        `SELECT '${name}' AS name, md5(coalesce(string_agg(j::text, '|' ORDER BY j::text), '')) AS hash ` +
        `FROM (SELECT to_jsonb(t) - '{${(BOOKKEEPING[name] ?? []).join(",")}}'::text[] AS j FROM ${sql} t) rows`,
    )
    .join(" UNION ALL ");
  return {
    async fingerprint(): Promise<Record<string, string>> {
      const result = await client.query<{ name: string; hash: string }>(query);
      return Object.fromEntries(result.rows.map((row) => [row.name, row.hash]));
    },
    close: () => client.end(),
  };
}
