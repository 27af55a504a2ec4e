import { randomBytes, randomUUID } from "node:crypto";
import {
  openStatementCounter,
  STATEMENT_COUNT_SETTINGS,
  type StatementCounter,
} from "@/bench/lib/statement-counts";
import { createDb, type Db, getDb, getSql } from "@/lib/db";
import { getQueue } from "@/lib/jobs/get-queue";
import { findFreePorts } from "@/lib/net/find-free-port";
import { type ActingContext, actingAsService } from "@/lib/tenants/acting-context";
import { ensureBuild } from "@/scripts/lib/ensure-build";
import { startWeb } from "@/scripts/lib/start-web";
import { createMigratedDatabase, openTestDatabaseServer } from "@/tests/helpers/test-database";

/** One production web process (`next start`) on a fresh embedded PostgreSQL, as the job channel's benchmark needs it. */
export interface DispatchRig {
  db: Db;
  serverUrl: string;
  webPid: number;
  /** The embedded PostgreSQL's data folder (its socket's folder), to read its CPU; undefined when unknown. */
  postgresDataDir: string | undefined;
  /** What PostgreSQL runs, statement by statement; only when asked for (countStatements). */
  statements: StatementCounter | undefined;
  /** The web process's inspector (loopback), to collect garbage before reading memory, or to profile. */
  inspectorPort: number;
  /** What the web process printed last (warnings and errors). */
  webOutput(): string;
  /** New tenants, each as the bench acts in it (the service, seeding pairing codes and jobs). */
  createTenants(count: number, name: string): Promise<ActingContext[]>;
  /**
   * Vacuums, analyzes and checkpoints the database, so that what the setup wrote (thousands of
   * tenants, agents and queues) is not vacuumed and flushed while a figure is being measured.
   */
  settleDatabase(): Promise<void>;
  /** PostgreSQL's WAL flushes to disk so far (pg_stat_io), as its statistics have them. */
  readWalFlushes(): Promise<number>;
  stop(): Promise<void>;
}

export async function startDispatchRig(
  options: {
    env?: Record<string, string>;
    /** false: commits do not wait for the WAL to reach the disk — shows how much of a figure is the disk. */
    synchronousCommit?: boolean;
    /** Count PostgreSQL's statements (pg_stat_statements), which costs a little on each. */
    countStatements?: boolean;
  } = {},
): Promise<DispatchRig> {
  await ensureBuild((line) => console.log(line));
  const server = await openTestDatabaseServer(
    undefined,
    options.countStatements ? STATEMENT_COUNT_SETTINGS : undefined,
  );
  const databaseUrl = await createMigratedDatabase(server, "hw_bench");
  const statements = options.countStatements
    ? await openStatementCounter(server.ownerUrl(databaseUrl))
    : undefined;
  const db = createDb(databaseUrl);
  // The tables' owner: only it may change the database's settings, vacuum every table and checkpoint.
  const asOwner = async (...statements: string[]) => {
    const owner = createDb(server.ownerUrl(databaseUrl));
    for (const statement of statements) await owner.$executeRawUnsafe(statement);
    await owner.$disconnect();
  };
  if (options.synchronousCommit === false) {
    // Before anyone connects: the setting applies to sessions opened afterwards.
    await asOwner(`ALTER DATABASE "${new URL(databaseUrl).pathname.slice(1)}" SET synchronous_commit = off`);
  }
  // The benchmark enqueues through lib/jobs in this process, which reads its database from the environment.
  process.env.DATABASE_URL = databaseUrl;
  const [port, inspectorPort] = (await findFreePorts(2)) as [number, number];
  const output: string[] = [];
  const web = await startWeb({
    port,
    env: {
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: "warn",
      // Keys the agents' lease tokens (lib/jobs/job-lease-tokens.ts).
      TOKEN_CACHE_KEYS: `bench:${randomBytes(32).toString("base64")}`,
      NODE_OPTIONS: `--inspect=127.0.0.1:${inspectorPort}`,
      ...options.env,
    },
    onOutput: (line) => {
      output.push(line);
      if (output.length > 30) output.shift();
    },
    // On a machine shared with other work, `next start` alone has taken two minutes.
    timeoutMs: 300_000,
  });
  return {
    db,
    serverUrl: `http://127.0.0.1:${port}/`,
    webPid: web.process.pid!,
    postgresDataDir: new URL(databaseUrl).searchParams.get("host") ?? undefined,
    statements,
    inspectorPort,
    webOutput: () => output.join("\n"),
    async createTenants(count, name) {
      const tenants = await db.tenant.createManyAndReturn({
        data: Array.from({ length: count }, (_, index) => ({
          entraTenantId: randomUUID(),
          cloud: "Worldwide" as const,
          displayName: `${name} ${index}`,
          initialDomain: `bench-${randomUUID().slice(0, 8)}.onmicrosoft.com`,
        })),
      });
      return tenants.map((tenant) => actingAsService(tenant, "dispatch bench"));
    },
    settleDatabase: () => asOwner("VACUUM (ANALYZE)", "CHECKPOINT"),
    async readWalFlushes() {
      // Backends report their counts a second or so late: noise over a stretch of tens of seconds.
      const [row] = await db.$queryRawUnsafe<Array<{ flushes: number }>>(
        `SELECT COALESCE(sum(fsyncs), 0)::float8 AS "flushes" FROM pg_stat_io WHERE object = 'wal'`,
      );
      return row?.flushes ?? 0;
    },
    async stop() {
      await web.stop();
      // This process's own queue and database client, which lib/jobs enqueued through.
      await (await getQueue()).stop({ graceful: false });
      await getDb().$disconnect();
      // Prisma's adapter does not end the pool it was given: unended, its idle connections would
      // each log their loss as the database stops.
      await getSql().end();
      await statements?.close();
      await db.$disconnect();
      await server.close();
    },
  };
}
