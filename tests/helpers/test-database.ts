import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/database/embedded-postgres";
import { applyPendingMigrations } from "@/lib/database/migrations";

export interface TestDatabaseServer {
  /** A URL of the server's maintenance database, from which more databases can be made. */
  serverUrl: string;
  /** Creates an empty database with a unique name and returns its URL. */
  createDatabase(prefix: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The PostgreSQL a test run uses: the server DATABASE_URL names (each run gets
 * its own databases there), or else an embedded cluster in a temporary folder.
 */
export async function openTestDatabaseServer(serverUrl: string | undefined): Promise<TestDatabaseServer> {
  if (serverUrl) {
    const created: string[] = [];
    const admin = async (sql: string) => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    };
    return {
      serverUrl,
      async createDatabase(prefix) {
        const name = `${prefix}_${randomBytes(6).toString("hex")}`;
        await admin(`CREATE DATABASE "${name}"`);
        created.push(name);
        const url = new URL(serverUrl);
        url.pathname = `/${name}`;
        return url.toString();
      },
      async close() {
        for (const name of created) await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      },
    };
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), "hw-test-pg-"));
  // As root, Postgres runs as the `postgres` user, which must be able to enter the folder.
  await chmod(dataDir, 0o755);
  const cluster = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "postgres") });
  return {
    serverUrl: cluster.urlFor("postgres"),
    async createDatabase(prefix) {
      const name = `${prefix}_${randomBytes(6).toString("hex")}`;
      await cluster.createDatabase(name);
      return cluster.urlFor(name);
    },
    async close() {
      await cluster.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function createMigratedDatabase(server: TestDatabaseServer, prefix: string): Promise<string> {
  const url = await server.createDatabase(prefix);
  await applyPendingMigrations(url);
  return url;
}
