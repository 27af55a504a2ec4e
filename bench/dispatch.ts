// The agent job channel: enqueue (lib/jobs, as the product does) → the job reaches a long-polling
// agent over real HTTP on loopback, with 1, 100 and 1,000 agents (`-- --agents 10000`: and 10,000)
// held by ONE web process (the production build) on an embedded PostgreSQL; the web process's
// memory per held poll; and jobs/s end to end (enqueue → poll → complete). Agents are paired
// through the API and poll with the agent's own HTTP client, all in this process.
// Run alone: `npm run bench:dispatch` (about ten minutes, so not part of `npm run bench`; with
// 10,000 agents about twenty); `-- --synchronous-commit=off` shows how much of it is the disk;
// `-- --profile` adds where the web process spent its time with the largest fleet (and writes
// V8's whole profile to a file); `-- --statements` what PostgreSQL ran per job, statement by
// statement (pg_stat_statements, which slows every statement a little: a run of its own).
// Prints figures; passes or fails on nothing.
import { randomUUID } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { type AgentFleet, createAgentFleet, pairAgents } from "@/bench/lib/agent-fleet";
import { OWN_CORE_CHOICES, type OwnCore, pinApart } from "@/bench/lib/cpu-pinning";
import { type Profile, startCpuProfile, summariseProfile } from "@/bench/lib/cpu-profile";
import {
  measureBackground,
  measureIdleLoad,
  measureThroughput,
  sampleLatency,
} from "@/bench/lib/dispatch-measures";
import { startDispatchRig } from "@/bench/lib/dispatch-rig";
import { type InspectorSession, openInspector } from "@/bench/lib/inspector";
import { ensureOpenFilesLimit } from "@/bench/lib/open-files-limit";
import { readOpenFilesLimit } from "@/bench/lib/process-figures";
import { measureWebProcessMemory, type ProcessMemory } from "@/bench/lib/web-process-memory";
import { getQueueEnv } from "@/lib/env";
import { getAgentJobStatus } from "@/lib/jobs/agent-jobs";
import { getQueue } from "@/lib/jobs/get-queue";

/** The fleets measured, up to the largest asked for: 1, 100, 1,000, then 10,000. */
const FLEET_STEPS = [1, 100, 1000, 10_000];
const PROFILE_FILE = path.join(tmpdir(), "dispatch-web.cpuprofile");
const SHARED_TENANT_AGENTS = 100;
/** Latency probes start this often (10 jobs/s), so the load they add is small and the same everywhere. */
const PROBE_EVERY_MS = 100;
/**
 * How long the web process's and PostgreSQL's own background CPU is read before any agent connects:
 * at 10,000 queues the upkeep passes about every 28 s (lib/jobs/upkeep-pace.ts), so a shorter window
 * would hold a pass or none by chance.
 */
const BACKGROUND_MS = 30_000;
/**
 * Jobs outstanding at once in the throughput runs: 32, then 128 — if jobs/s grows with them, the
 * channel was waiting on round trips, not out of CPU.
 */
const IN_FLIGHT = [32, 128];

type Figures = Record<string, string>;

/** How many of the fleet's calls failed, and why the last one did. */
function describeFailures(fleet: AgentFleet): string {
  return fleet.pollErrors === 0 ? "0" : `${fleet.pollErrors} (the last: ${String(fleet.lastPollError)})`;
}

function perAgent(from: ProcessMemory, to: ProcessMemory, agents: number): string {
  const each = (kib: number) => `${(kib / agents).toFixed(1)} KiB`;
  return `RSS ${each(to.rssKib - from.rssKib)}, V8 heap ${each(to.heapUsedKib - from.heapUsedKib)}`;
}

function describeMemory(memory: ProcessMemory): string {
  return `RSS ${(memory.rssKib / 1024).toFixed(1)} MiB, V8 heap ${(memory.heapUsedKib / 1024).toFixed(1)} MiB`;
}

/** `onFigure` sees each figure as soon as it is measured; the whole run takes about ten minutes. */
export async function benchDispatch(
  options: {
    onFigure?: (label: string, value: string) => void;
    synchronousCommit?: boolean;
    /** Count PostgreSQL's statements per job in the throughput runs. */
    countStatements?: boolean;
    /** The largest fleet (1,000 unless told): 1 agent, 100, 1,000 … up to it. */
    agents?: number;
    /** Called with where the web process spent its time while the largest fleet was connected. */
    onProfile?: (summary: string) => void;
    /** Pins the web process (and PostgreSQL) to a core of its own once started. */
    ownCore?: OwnCore;
  } = {},
): Promise<Figures> {
  const onFigure = options.onFigure ?? (() => {});
  const largest = options.agents ?? 1000;
  const steps = [...FLEET_STEPS.filter((count) => count < largest), largest];
  const rig = await startDispatchRig({
    synchronousCommit: options.synchronousCommit,
    countStatements: options.countStatements,
  });
  const figures: Figures = {};
  const record = (label: string, value: string) => {
    figures[label] = value;
    onFigure(label, value);
  };
  const fleets: AgentFleet[] = [];
  const memoryOfWeb = () => measureWebProcessMemory(rig.webPid, rig.inspectorPort);
  const holdSeconds = getQueueEnv().AGENT_POLL_HOLD_SECONDS;
  let session: InspectorSession | undefined;
  const inspector = async () => {
    session ??= await openInspector(rig.inspectorPort);
    return session;
  };
  let stopProfile: (() => Promise<Profile>) | undefined;
  // Also when the run fails: where the time went is what explains the failure.
  const reportProfile = async () => {
    if (!stopProfile) return;
    const raw = await stopProfile();
    stopProfile = undefined;
    await writeFile(PROFILE_FILE, JSON.stringify(raw));
    const profile = summariseProfile(raw);
    options.onProfile?.(
      [
        `busy ${(profile.busyMs / 1000).toFixed(1)} s of ${(profile.totalMs / 1000).toFixed(1)} s; busy time by package, native and Node-core time charged to the package that called it`,
        ...profile.charged,
        "self time by package",
        ...profile.owners,
        "time under each package",
        ...profile.inclusive,
        "self time by function",
        ...profile.functions,
        `the whole profile: ${PROFILE_FILE} (Chrome DevTools, Performance panel, "Load profile")`,
      ].join("\n"),
    );
  };
  try {
    if (options.ownCore)
      record(
        "cores",
        await pinApart({
          ownCore: options.ownCore,
          webPid: rig.webPid,
          postgresDataDir: rig.postgresDataDir,
        }),
      );
    record(
      "open files limit (bench / web process)",
      `${await readOpenFilesLimit("self")} / ${await readOpenFilesLimit(rig.webPid)}`,
    );
    record("poll hold (AGENT_POLL_HOLD_SECONDS)", `${holdSeconds} s`);
    const ownTenants = await rig.createTenants(largest, "Bench tenant");
    const [sharedTenant] = await rig.createTenants(1, "Bench shared tenant");
    const pairingStarted = performance.now();
    const agents = await pairAgents({
      db: rig.db,
      serverUrl: rig.serverUrl,
      tenants: ownTenants,
      concurrency: 8,
    });
    record(
      "pairing through POST /pair (8 concurrent)",
      `${(largest / ((performance.now() - pairingStarted) / 1000)).toFixed(0)} agents/s`,
    );
    const sharedAgents = await pairAgents({
      db: rig.db,
      serverUrl: rig.serverUrl,
      tenants: Array.from({ length: SHARED_TENANT_AGENTS }, () => sharedTenant!),
      concurrency: 8,
    });
    // Enqueueing to a tenant for the first time looks its queue up once; do that before timing.
    const queue = await getQueue();
    for (const acting of [...ownTenants, sharedTenant!])
      await getAgentJobStatus({ queue, acting, jobId: randomUUID() });
    // A new queue's first upkeep pass is also pg-boss's retention for it, once a day after: half a
    // minute of work at 10,000 queues, done here so that the web server's passes measured below are
    // those of every other moment.
    await queue.supervise();
    await rig.settleDatabase();
    // With every tenant's queue made: pg-boss's maintenance of them is part of it.
    const { background, web, postgres, walFlushes } = await measureBackground(rig, BACKGROUND_MS);
    record("web process, no agent connected", web);
    record("PostgreSQL, no agent connected", postgres);
    record("PostgreSQL's WAL flushes, no agent connected", walFlushes);

    // One agent per tenant, the usual shape: 1, then 100, then 1,000 (and 10,000) of them polling.
    const fleet = createAgentFleet(rig.serverUrl);
    fleets.push(fleet);
    fleet.connect(agents.slice(0, 1));
    await fleet.settle(1000);
    await sampleLatency({ fleet, watched: rig, samples: 50 }); // warm-up: JIT, connection pools
    const baseline = await memoryOfWeb();
    record("web process with 1 agent held", describeMemory(baseline));
    for (const count of steps) {
      if (count > fleet.size) {
        fleet.connect(agents.slice(fleet.size, count));
        await fleet.settle(1000, Math.max(120_000, count * 30));
        const memory = await memoryOfWeb();
        record(`web process with ${count} agents held`, describeMemory(memory));
        record(`memory per held poll (1 → ${count} agents)`, perAgent(baseline, memory, count - 1));
      }
      // The idle load and the throughput are measured from 1,000 agents on, and at the largest fleet asked for.
      const manyAgents = count >= 1000 || count === largest;
      if (count === largest && options.onProfile) stopProfile = await startCpuProfile(await inspector());
      if (manyAgents) {
        // Long enough for every poll to run out once and come back.
        const idle = await measureIdleLoad(fleet, rig, (holdSeconds + 5) * 1000, background);
        record(`${count} agents idle for ${holdSeconds + 5} s: polls answered (204)`, idle.polls);
        record(`${count} agents idle: web process`, idle.web);
        record(`${count} agents idle: web process CPU per poll`, idle.cpuPerPoll);
        record(`${count} agents idle: PostgreSQL`, idle.postgres);
        record(`${count} agents idle: PostgreSQL CPU per poll`, idle.postgresCpuPerPoll);
        record(`${count} agents idle: bench process (agents)`, idle.bench);
        record(`${count} agents idle: the machine`, idle.machine);
        record(`${count} agents idle: PostgreSQL's WAL flushes`, idle.walFlushes);
      }
      // With many agents, cover a whole hold period: polls that run out and come back are part of the load.
      const sampled = await sampleLatency({
        fleet,
        watched: rig,
        samples: 300,
        minDurationMs: manyAgents ? (holdSeconds + 5) * 1000 : 0,
        // One agent can take one job at a time; with more, a job starts every 100 ms regardless.
        everyMs: count === 1 ? undefined : PROBE_EVERY_MS,
      });
      record(`${count} agent(s), 1 per tenant: enqueue → agent has it, p50 / p99`, sampled.latency);
      record(`${count} agent(s), 1 per tenant: the enqueue call alone, p50 / p99`, sampled.enqueue);
      record(`${count} agent(s), 1 per tenant: bench process event-loop delay, p50 / p99`, sampled.benchLag);
      record(`${count} agent(s), 1 per tenant: web process meanwhile`, sampled.web);
      record(`${count} agent(s), 1 per tenant: the machine meanwhile`, sampled.machine);
      record(`${count} agent(s), 1 per tenant: PostgreSQL's WAL flushes meanwhile`, sampled.walFlushes);
      if (!manyAgents) continue;
      for (const inFlight of IN_FLIGHT) {
        const throughput = await measureThroughput({
          fleet,
          watched: rig,
          tenants: ownTenants.slice(0, count),
          durationMs: 20_000,
          inFlight,
          background,
          statements: rig.statements,
        });
        const at = `${count} agents, 1 per tenant, ${inFlight} jobs in flight`;
        record(`${at}: jobs/s end to end`, throughput.jobsPerSecond);
        record(`${at}: enqueue → completed, p50 / p99`, throughput.endToEnd);
        record(`${at}: web process during the run`, throughput.webCpu);
        record(`${at}: web process CPU per job`, throughput.webCpuPerJob);
        record(`${at}: PostgreSQL during the run`, throughput.postgresCpu);
        record(`${at}: bench process (agents, enqueues) during the run`, throughput.benchCpu);
        record(`${at}: the machine during the run`, throughput.machine);
        record(`${at}: PostgreSQL's WAL flushes during the run`, throughput.walFlushes);
        for (const { statement, figure } of throughput.statementsPerJob)
          record(`${at}: ${statement}`, figure);
      }
      record(`${count} agents: failed agent calls so far`, describeFailures(fleet));
    }
    await reportProfile();
    await fleet.disconnect();

    // Many agents in one tenant: a job's announcement wakes one of the tenant's held polls, which
    // passes the wake on when it took the job (there may be more).
    const shared = createAgentFleet(rig.serverUrl);
    fleets.push(shared);
    shared.connect(sharedAgents);
    await shared.settle(1000);
    // One job at a time: a wake, the taker's pass-on, and a look that finds nothing.
    const sharedLatency = await sampleLatency({
      fleet: shared,
      watched: rig,
      samples: 300,
    });
    record(
      `${SHARED_TENANT_AGENTS} agents in one tenant: enqueue → agent has it, p50 / p99`,
      sharedLatency.latency,
    );
    const sharedThroughput = await measureThroughput({
      fleet: shared,
      watched: rig,
      tenants: [sharedTenant!],
      durationMs: 15_000,
      inFlight: 16,
      background,
    });
    const inShared = `${SHARED_TENANT_AGENTS} agents in one tenant`;
    record(`${inShared}, 16 jobs in flight: jobs/s end to end`, sharedThroughput.jobsPerSecond);
    record(`${inShared}: web process during the run`, sharedThroughput.webCpu);
    record(`${inShared}: web process CPU per job`, sharedThroughput.webCpuPerJob);
    record(`${inShared}: failed agent calls`, describeFailures(shared));
  } catch (error) {
    await reportProfile().catch(() => {});
    console.error(`the web process said last:\n${rig.webOutput()}`);
    throw error;
  } finally {
    session?.close();
    for (const fleet of fleets) await fleet.disconnect();
    await rig.stop();
  }
  return figures;
}

function largestFleet(argv: string[]): number {
  const at = argv.indexOf("--agents");
  if (at === -1) return 1000;
  const agents = Number(argv[at + 1]);
  if (!Number.isInteger(agents) || agents < 1)
    throw new Error("--agents takes a whole number, e.g. --agents 10000");
  return agents;
}

function ownCore(argv: string[]): OwnCore | undefined {
  const at = argv.indexOf("--own-core");
  if (at === -1) return undefined;
  const what = OWN_CORE_CHOICES.find((choice) => choice === argv[at + 1]);
  if (!what) throw new Error(`--own-core takes one of: ${OWN_CORE_CHOICES.join(", ")}`);
  return what;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const agents = largestFleet(process.argv);
  // Each held poll is a socket in this process and one in the web process.
  await ensureOpenFilesLimit(agents + 1000);
  // --synchronous-commit=off: a diagnostic run, to see how much of the latency is waiting for the disk.
  const synchronousCommit = !process.argv.includes("--synchronous-commit=off");
  if (!synchronousCommit)
    console.log("PostgreSQL commits without waiting for the WAL flush (diagnostic run)");
  await benchDispatch({
    synchronousCommit,
    countStatements: process.argv.includes("--statements"),
    agents,
    ownCore: ownCore(process.argv),
    // --profile: V8's CPU profile of the web process from the 1,000-agent idle window to the end of the throughput run.
    onProfile: process.argv.includes("--profile") ? (summary) => console.log(`\n${summary}`) : undefined,
    onFigure: (label, value) => console.log(`${label.padEnd(72)} ${value}`),
  });
  process.exit(0);
}
