import path from "node:path";
import { checkDatabaseConnection } from "@/lib/database/check-connection";
import { startEmbeddedPostgres } from "@/lib/database/embedded-postgres";

export const EMBEDDED_DATABASE_NAME = "hybrid_wizard";

export interface OpenDatabase {
  /** What the app connects with: the embedded cluster's application role, which is no superuser. */
  url: string;
  /** What migrations run as: the databases' owner (DATABASE_URL itself when that is set). */
  ownerUrl: string;
  /** Where the data lives, for people: the embedded folder or the server's host. */
  description: string;
  close(): Promise<void>;
}

/**
 * The database a local command works on: the server DATABASE_URL names, or
 * else an embedded PostgreSQL whose data lives under `dataDir`.
 */
export async function openDatabase(options: {
  databaseUrl: string | undefined;
  dataDir: string;
  onLog?: (line: string) => void;
}): Promise<OpenDatabase> {
  if (options.databaseUrl) {
    await checkDatabaseConnection(options.databaseUrl);
    const url = new URL(options.databaseUrl);
    return {
      url: options.databaseUrl,
      ownerUrl: options.databaseUrl,
      description: `PostgreSQL at ${url.hostname}:${url.port || 5432} (from DATABASE_URL)`,
      close: async () => {},
    };
  }
  const dataDir = path.resolve(options.dataDir, "postgres");
  const cluster = await startEmbeddedPostgres({ dataDir, onLog: options.onLog });
  await cluster.createDatabase(EMBEDDED_DATABASE_NAME);
  const url = cluster.urlFor(EMBEDDED_DATABASE_NAME);
  const port = new URL(url).port;
  return {
    url,
    ownerUrl: cluster.ownerUrlFor(EMBEDDED_DATABASE_NAME),
    // Without the URL: it carries the password, kept only in the data folder.
    description: `embedded PostgreSQL on 127.0.0.1:${port}, data in ${dataDir.startsWith(process.cwd()) ? path.relative(process.cwd(), dataDir) : dataDir}`,
    close: () => cluster.stop(),
  };
}
