import { randomUUID } from "node:crypto";
import { cpus } from "node:os";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import type { AgentFleet } from "@/bench/lib/agent-fleet";
import { formatPercentiles } from "@/bench/lib/percentiles";
import {
  readCpuSeconds,
  readMachineTicks,
  readPostgresCpuSeconds,
  readSchedulerSeconds,
} from "@/bench/lib/process-figures";
import type { StatementCounter } from "@/bench/lib/statement-counts";
import { enqueueAgentJob } from "@/lib/jobs/agent-jobs";
import { getQueue } from "@/lib/jobs/get-queue";
import type { ActingContext } from "@/lib/tenants/acting-context";

/** A poll out this long is held by the server (armed and waiting), not still being answered. */
const HELD_MS = 50;
/** Between samples, so that one job's completion and re-poll never overlap the next. */
const SAMPLE_GAP_MS = 20;
const DELIVERY_TIMEOUT_MS = 120_000;

async function within<T>(promise: Promise<T>, what: string, fleet: AgentFleet): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const last = String(fleet.lastPollError);
      reject(
        new Error(
          `${what}: not within ${DELIVERY_TIMEOUT_MS / 1000} s (${fleet.pollErrors} failed calls, last: ${last})`,
        ),
      );
    }, DELIVERY_TIMEOUT_MS);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The job the product would send first: read-only, no parameters. */
async function enqueueProbe(acting: ActingContext, idempotencyKey: string): Promise<string> {
  const data = { cmdlet: "Get-ExchangeServer", parameters: {}, idempotencyKey };
  return enqueueAgentJob({ queue: await getQueue(), acting, data });
}

/** The processes a figure is read from (DispatchRig has them). */
export interface Watched {
  webPid: number;
  /** The embedded cluster's data folder, whose processes' CPU is read; undefined when not embedded. */
  postgresDataDir: string | undefined;
  /** How many times PostgreSQL has flushed its WAL to disk so far (each commit that wrote waits for one). */
  readWalFlushes(): Promise<number>;
}

/**
 * What the web process, PostgreSQL and the machine did between now and `finish()`: CPU, the web
 * process's time waiting for a CPU, and how busy all cores were — a figure taken while they were
 * all busy is queueing for a core as much as work.
 */
async function watchProcesses(watched: Watched) {
  const { webPid, postgresDataDir } = watched;
  const postgresCpu = () => (postgresDataDir ? readPostgresCpuSeconds(postgresDataDir) : Promise.resolve(0));
  const walFlushesBefore = await watched.readWalFlushes();
  const cpuBefore = await readCpuSeconds(webPid);
  const schedulerBefore = await readSchedulerSeconds(webPid);
  const postgresBefore = await postgresCpu();
  const machineBefore = await readMachineTicks();
  const benchBefore = process.cpuUsage();
  const started = performance.now();
  return async () => {
    const seconds = (performance.now() - started) / 1000;
    const cpu = (await readCpuSeconds(webPid)) - cpuBefore;
    const waiting = (await readSchedulerSeconds(webPid)).waiting - schedulerBefore.waiting;
    const postgres = (await postgresCpu()) - postgresBefore;
    const machineAfter = await readMachineTicks();
    const walFlushes = (await watched.readWalFlushes()) - walFlushesBefore;
    const bench = process.cpuUsage(benchBefore);
    const percent = (part: number) => `${((part / seconds) * 100).toFixed(0)} %`;
    const ticks = machineAfter.total - machineBefore.total;
    const share = (part: number) => `${((part / ticks) * 100).toFixed(0)} %`;
    return {
      seconds,
      cpu,
      /** Undefined when the cluster is not the embedded one, whose processes this reads. */
      postgres: postgresDataDir ? postgres : undefined,
      bench: (bench.user + bench.system) / 1e6,
      walFlushes,
      summary: `${percent(cpu)} of one core; main thread waited for a CPU ${percent(waiting)} of the time`,
      machine: `${share(ticks - (machineAfter.idle - machineBefore.idle))} of all ${cpus().length} cores busy (${share(machineAfter.stolen - machineBefore.stolen)} taken by other guests)`,
    };
  };
}

type Load = Awaited<ReturnType<Awaited<ReturnType<typeof watchProcesses>>>>;

/** A watched stretch's figures as printed: each process's share of one core, and the machine's. */
function describeLoad(load: Load) {
  const ofOneCore = (cpu: number) => `${((cpu / load.seconds) * 100).toFixed(0)} % of one core`;
  return {
    web: load.summary,
    postgres: load.postgres === undefined ? "not read (not the embedded cluster)" : ofOneCore(load.postgres),
    bench: ofOneCore(load.bench),
    machine: load.machine,
    walFlushes: `${(load.walFlushes / load.seconds).toFixed(0)}/s`,
  };
}

/**
 * Enqueue (through lib/jobs) → the poll response carrying the job has arrived at the agent, each
 * job to a random agent whose poll the server is holding, for `samples` jobs and at least
 * `minDurationMs`. With `everyMs`, a job starts every `everyMs` whether or not the last one has
 * arrived (several tenants at once), so a moment when the server is stalled delays every job
 * started meanwhile, as it would in production; without it, one job at a time.
 */
export async function sampleLatency(options: {
  fleet: AgentFleet;
  watched: Watched;
  samples: number;
  minDurationMs?: number;
  everyMs?: number;
}) {
  const { fleet, samples } = options;
  const finish = await watchProcesses(options.watched);
  // The agents, the enqueues and the clock are this process's: how late its own event loop ran is
  // part of every figure timed here.
  const lag = monitorEventLoopDelay({ resolution: 1 });
  lag.enable();
  const latencies: number[] = [];
  const enqueueTimes: number[] = [];
  const busyTenants = new Set<string>();
  const probes: Array<Promise<void>> = [];
  const probe = async (acting: ActingContext) => {
    const tenantId = acting.tenant.id;
    busyTenants.add(tenantId);
    const key = `bench-${randomUUID()}`;
    const delivery = fleet.expect(key);
    const started = performance.now();
    await enqueueProbe(acting, key);
    enqueueTimes.push(performance.now() - started);
    latencies.push((await within(delivery.arrived, "a job's delivery", fleet)) - started);
    await within(delivery.completed, "a job's completion", fleet);
    busyTenants.delete(tenantId);
  };
  const end = performance.now() + (options.minDurationMs ?? 0);
  for (let started = 0; started < samples || performance.now() < end; ) {
    const held = fleet.heldFor(HELD_MS).filter((agent) => !busyTenants.has(agent.acting.tenant.id));
    const agent = held[Math.floor(Math.random() * held.length)];
    if (!agent) {
      await sleep(5);
      continue;
    }
    started += 1;
    if (options.everyMs) {
      probes.push(probe(agent.acting));
      await sleep(options.everyMs);
    } else {
      await probe(agent.acting);
      await sleep(SAMPLE_GAP_MS);
    }
  }
  await Promise.all(probes);
  lag.disable();
  const lateMs = (percentile: number) => `${(lag.percentile(percentile) / 1e6).toFixed(1)} ms`;
  return {
    latency: `${formatPercentiles(latencies)} (${latencies.length} jobs)`,
    enqueue: formatPercentiles(enqueueTimes),
    benchLag: `${lateMs(50)} / ${lateMs(99)}`,
    ...describeLoad(await finish()),
  };
}

/** CPU per second spent with no agent connected, by the web process and by PostgreSQL (when read). */
export interface Background {
  web: number;
  postgres: number | undefined;
}

/**
 * The web process's and PostgreSQL's CPU per second with no agent connected and nothing queued:
 * timers and the queues' upkeep (supervising every queue, releasing flows, the workers' fetches),
 * which they spend whatever the agents do.
 */
export async function measureBackground(watched: Watched, durationMs: number) {
  const finish = await watchProcesses(watched);
  await sleep(durationMs);
  const load = await finish();
  const background: Background = {
    web: load.cpu / load.seconds,
    postgres: load.postgres === undefined ? undefined : load.postgres / load.seconds,
  };
  return { background, ...describeLoad(load) };
}

/**
 * What held polls cost when no work comes: they run out, are answered 204, and come back. Per
 * poll both as measured and net of the background (measureBackground).
 */
export async function measureIdleLoad(
  fleet: AgentFleet,
  watched: Watched,
  durationMs: number,
  background: Background,
) {
  const finish = await watchProcesses(watched);
  const pollsBefore = fleet.pollsAnswered;
  await sleep(durationMs);
  const load = await finish();
  const polls = fleet.pollsAnswered - pollsBefore;
  const perPoll = (cpu: number, backgroundPerSecond: number) =>
    `${((cpu / polls) * 1000).toFixed(1)} ms (${(((cpu - backgroundPerSecond * load.seconds) / polls) * 1000).toFixed(1)} ms net of the background)`;
  return {
    polls: `${polls} (${(polls / load.seconds).toFixed(0)}/s)`,
    ...describeLoad(load),
    cpuPerPoll: polls ? perPoll(load.cpu, background.web) : "no polls",
    postgresCpuPerPoll:
      load.postgres === undefined || background.postgres === undefined || !polls
        ? "not read"
        : perPoll(load.postgres, background.postgres),
  };
}

/**
 * Jobs/s with `inFlight` jobs outstanding at any time, round-robin over `tenants`: each caller
 * enqueues a job, waits until an agent has reported it complete, and enqueues the next, for
 * `durationMs`. A closed loop, so the figure is what the web process sustains, not how deep a
 * backlog grows.
 */
export async function measureThroughput(options: {
  fleet: AgentFleet;
  watched: Watched;
  tenants: ActingContext[];
  durationMs: number;
  inFlight: number;
  /** measureBackground's figure: the CPU per job is also given net of it. */
  background: Background;
  /** Given: also what PostgreSQL ran per job, statement by statement. */
  statements?: StatementCounter;
}) {
  const { fleet, tenants } = options;
  const endToEnd: number[] = [];
  const finish = await watchProcesses(options.watched);
  await options.statements?.reset();
  const end = performance.now() + options.durationMs;
  let next = 0;
  const caller = async () => {
    while (performance.now() < end) {
      const key = `bench-${randomUUID()}`;
      const delivery = fleet.expect(key);
      const enqueuedAt = performance.now();
      await enqueueProbe(tenants[next++ % tenants.length]!, key);
      endToEnd.push((await within(delivery.completed, "a job's completion", fleet)) - enqueuedAt);
    }
  };
  await Promise.all(Array.from({ length: options.inFlight }, caller));
  const load = await finish();
  const statementsPerJob = (await options.statements?.perJob(endToEnd.length)) ?? [];
  const { seconds } = load;
  const perJob = (cpu: number) => `${((cpu / endToEnd.length) * 1000).toFixed(1)} ms`;
  const { web, postgres, bench, machine, walFlushes } = describeLoad(load);
  return {
    jobsPerSecond: `${(endToEnd.length / seconds).toFixed(0)} (${endToEnd.length} jobs in ${seconds.toFixed(1)} s)`,
    endToEnd: formatPercentiles(endToEnd),
    webCpu: web,
    benchCpu: bench,
    postgresCpu:
      load.postgres === undefined || options.background.postgres === undefined
        ? postgres
        : `${postgres}, ${perJob(load.postgres)} per job (${perJob(load.postgres - options.background.postgres * seconds)} net of the background)`,
    machine,
    walFlushes,
    webCpuPerJob: `${perJob(load.cpu)} (${perJob(load.cpu - options.background.web * seconds)} net of the background)`,
    statementsPerJob,
  };
}
