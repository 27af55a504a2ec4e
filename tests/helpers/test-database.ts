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
  /** Creates an empty database with a unique name and returns its URL, as the app connects. */
  createDatabase(prefix: string): Promise<string>;
  /** The same database as its owner, who runs the migrations (the same URL on a server of your own). */
  ownerUrl(url: string): string;
  close(): Promise<void>;
}

/**
 * The PostgreSQL a test run uses: the server DATABASE_URL names (each run gets
 * its own databases there), or else an embedded cluster in a temporary folder, started with
 * `embeddedSettings`.
 */
export async function openTestDatabaseServer(
  serverUrl: string | undefined,
  embeddedSettings?: Record<string, string>,
): Promise<TestDatabaseServer> {
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
      ownerUrl: (url) => url,
      async close() {
        for (const name of created) await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      },
    };
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), "hw-test-pg-"));
  // As root, Postgres runs as the `postgres` user, which must be able to enter the folder.
  await chmod(dataDir, 0o755);
  const cluster = await startEmbeddedPostgres({
    dataDir: path.join(dataDir, "postgres"),
    settings: embeddedSettings,
  });
  return {
    // Tests that make databases of their own do so as the owner, and connect to them as it too.
    serverUrl: cluster.ownerUrlFor("postgres"),
    // The run's own databases are used as the product uses its embedded one: as the app role.
    async createDatabase(prefix) {
      const name = `${prefix}_${randomBytes(6).toString("hex")}`;
      await cluster.createDatabase(name);
      return cluster.urlFor(name);
    },
    ownerUrl: (url) => cluster.ownerUrlFor(decodeURIComponent(new URL(url).pathname.slice(1))),
    async close() {
      await cluster.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function createMigratedDatabase(server: TestDatabaseServer, prefix: string): Promise<string> {
  const url = await server.createDatabase(prefix);
  await applyPendingMigrations(server.ownerUrl(url));
  return url;
}
