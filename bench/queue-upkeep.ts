// The queues' upkeep per customer: one pass of pg-boss's supervision (lapsed leases, expiry,
// queue counts) over 1,000 and 10,000 customers' queues, with no job kept and with 100,000 settled
// jobs kept (a health check across a thousand customers settles twenty thousand), and the rest the
// upkeep thread takes after it (lib/jobs/upkeep-pace.ts). Made as the product makes them
// (queueFor), on an embedded PostgreSQL; the first pass of each size, pg-boss's daily retention
// pass over every queue, is timed apart. Run alone: `npx tsx bench/queue-upkeep.ts`.
// Prints figures; passes or fails on nothing.
import { randomUUID } from "node:crypto";
import { readPostgresCpuSeconds } from "@/bench/lib/process-figures";
import { createDb } from "@/lib/db";
import { getQueueEnv } from "@/lib/env";
import { queueFor } from "@/lib/jobs/agent-jobs";
import { QUEUE_SCHEMA, startQueue } from "@/lib/jobs/get-queue";
import { pauseAfterPass } from "@/lib/jobs/upkeep-pace";
import { createMigratedDatabase, openTestDatabaseServer } from "@/tests/helpers/test-database";

const SIZES = [1_000, 10_000];
const KEPT_JOBS = 100_000;
const PASSES = 3;
// About what a read's settled result holds.
const OUTPUT = JSON.stringify({ outcome: "succeeded", result: { value: "x".repeat(600) } });

const ms = (seconds: number) => `${Math.round(seconds * 1000)} ms`;

export async function benchQueueUpkeep(): Promise<Record<string, string>> {
  const figures: Record<string, string> = {};
  const server = await openTestDatabaseServer(undefined);
  const databaseUrl = await createMigratedDatabase(server, "hw_upkeep");
  process.env.DATABASE_URL = databaseUrl;
  const dataDir = new URL(databaseUrl).searchParams.get("host") ?? "";
  // The tables' owner: the bench writes pg-boss's job table directly (settled jobs, at once) and
  // makes every queue due again between passes, as the interval between them would.
  const owner = createDb(server.ownerUrl(databaseUrl));
  const boss = await startQueue(QUEUE_SCHEMA, { upkeep: true });
  const names: string[] = [];
  const timePass = async () => {
    const postgresBefore = await readPostgresCpuSeconds(dataDir);
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await boss.supervise();
    const took = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    // Seconds, all three: the pass's wall time, and PostgreSQL's and this thread's CPU in it.
    return {
      took,
      postgres: (await readPostgresCpuSeconds(dataDir)) - postgresBefore,
      client: (cpu.user + cpu.system) / 1e6,
    };
  };
  const timePasses = async (label: string) => {
    const passes = [];
    for (let pass = 0; pass < PASSES; pass++) {
      await owner.$executeRawUnsafe(
        `UPDATE ${QUEUE_SCHEMA}.queue SET monitor_claim_on = NULL, monitor_on = now() - interval '1 hour'`,
      );
      passes.push(await timePass());
    }
    const median = passes.sort((a, b) => a.took - b.took)[Math.floor(PASSES / 2)]!;
    const intervalSeconds = getQueueEnv().QUEUE_MONITOR_INTERVAL_SECONDS;
    const rest = pauseAfterPass(median.took * 1000, intervalSeconds) / 1000;
    const shareOfCore = (resting: number) =>
      `${(((median.postgres + median.client) / (median.took + resting)) * 100).toFixed(1)} % of a core`;
    figures[label] =
      `${ms(median.took)} (PostgreSQL ${ms(median.postgres)}, upkeep thread ${ms(median.client)} CPU), ` +
      `then rests ${rest.toFixed(1)} s: ${shareOfCore(rest)} (every ${intervalSeconds} s: ${shareOfCore(intervalSeconds)})`;
  };
  try {
    for (const size of SIZES) {
      while (names.length < size) {
        const tenant = {
          id: randomUUID(),
          entraTenantId: randomUUID(),
          displayName: "bench",
          cloud: "Worldwide" as const,
          initialDomain: "bench.onmicrosoft.com",
          mfaPolicy: "Required" as const,
        };
        names.push((await queueFor(boss, { tenant })).name);
      }
      await owner.$executeRawUnsafe("VACUUM (ANALYZE)");
      const first = await timePass();
      figures[`${size.toLocaleString("en")} queues, first pass (daily retention)`] =
        `${ms(first.took)} (PostgreSQL ${ms(first.postgres)}, upkeep thread ${ms(first.client)} CPU)`;
      await timePasses(`${size.toLocaleString("en")} queues, a pass, no job kept`);
    }
    // Settled jobs spread over the queues, as a week of health checks leaves them.
    await owner.$executeRawUnsafe(
      `INSERT INTO ${QUEUE_SCHEMA}.job (name, data, state, output, started_on, completed_on)
       SELECT ($1::text[])[1 + g % cardinality($1::text[])], '{}'::jsonb, 'completed', $2::jsonb, now(), now()
       FROM generate_series(0, $3 - 1) g`,
      names,
      OUTPUT,
      KEPT_JOBS,
    );
    await owner.$executeRawUnsafe("VACUUM (ANALYZE)");
    await timePasses(
      `${names.length.toLocaleString("en")} queues, a pass, ${KEPT_JOBS.toLocaleString("en")} jobs kept`,
    );
  } finally {
    await boss.stop({ graceful: false });
    await owner.$disconnect();
    await server.close();
  }
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [label, value] of Object.entries(await benchQueueUpkeep()))
    console.log(`${label.padEnd(48)} ${value}`);
}
