/**
 * Many agents in one process, for benchmarks: each is paired through the real API and polls with
 * its own credential through the agent's own HTTP client (agent/http/create-agent-client.ts), one
 * keep-alive connection each, as separate agent hosts would. What a poller does with a job is
 * the least an agent can: note when it arrived and report it complete at once, trying again as
 * the agent does (agent/run/report-job-outcome.ts).
 */
import { setMaxListeners } from "node:events";
import { performance } from "node:perf_hooks";
import { generateAgentKeyPair } from "@/agent/agent-keys";
import type { AgentLog } from "@/agent/agent-log";
import { type AgentClient, createAgentClient } from "@/agent/http/create-agent-client";
import { reportJobOutcome } from "@/agent/run/report-job-outcome";
import { AGENT_VERSION } from "@/agent/version";
import { createPairingCode } from "@/lib/agents/create-pairing-code";
import type { AgentJob } from "@/lib/agents/protocol";
import type { Db } from "@/lib/db";
import type { ActingContext } from "@/lib/tenants/acting-context";

export interface PairedAgent {
  agentId: string;
  /** The tenant the agent is paired with, as the bench acts in it. */
  acting: ActingContext;
  credential: string;
}

const RUN_AS = "BENCH\\svc-hybrid";

/**
 * Pairs one agent per entry of `tenants` through POST /api/agent/v1/pair. Key generation is
 * the agent host's work, not the server's: one RSA key pair (`keyPair`, or a fresh one) serves
 * every agent here.
 */
export async function pairAgents(options: {
  db: Db;
  serverUrl: string;
  tenants: ActingContext[];
  concurrency: number;
  keyPair?: Awaited<ReturnType<typeof generateAgentKeyPair>>;
}): Promise<PairedAgent[]> {
  const { publicKeyJwk } = options.keyPair ?? (await generateAgentKeyPair());
  const client = createAgentClient({ serverUrl: options.serverUrl, proxySettings: {} });
  const paired: PairedAgent[] = [];
  let next = 0;
  const worker = async () => {
    while (next < options.tenants.length) {
      const index = next++;
      const acting = options.tenants[index]!;
      const { code } = await createPairingCode({ db: options.db, acting });
      const answer = await client.pair({
        code,
        name: `BENCH-${index}`,
        host: `bench-${index}.example.test`,
        version: AGENT_VERSION,
        runAs: RUN_AS,
        publicKeyJwk,
      });
      paired[index] = { agentId: answer.agentId, acting, credential: answer.credential };
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency }, worker));
  } finally {
    await client.close();
  }
  return paired;
}

export interface JobDelivery {
  /** When the poll response carrying the job reached the agent (performance.now()). */
  arrived: Promise<number>;
  /** When the server acknowledged the agent's "complete". */
  completed: Promise<number>;
}

interface Poller {
  agent: PairedAgent;
  client: AgentClient;
  /** When the poll now out was sent; undefined while the agent is between polls. */
  pollingSince: number | undefined;
  done: Promise<void>;
}

interface Expected {
  arrived: (at: number) => void;
  completed: (at: number) => void;
}

/** Long-polling agents that hand every job they get to whoever said they expect it. */
export function createAgentFleet(serverUrl: string) {
  const pollers: Poller[] = [];
  const expected = new Map<string, Expected>();
  const stop = new AbortController();
  // Every poll listens on this one signal (agent/http/request-signal.ts), a thousand at a time.
  setMaxListeners(0, stop.signal);
  let pollErrors = 0;
  let pollsAnswered = 0;
  let lastPollError: unknown;
  let disconnected: Promise<void> | undefined;

  // What the agent would log about a report it had to try again: a failed call, counted as such.
  const countFailedReport = (message: string) => {
    pollErrors += 1;
    lastPollError = message;
  };
  const failedReports: AgentLog = { info: () => {}, warn: countFailedReport, error: countFailedReport };

  /** Reports the job complete as the agent does, trying again while its lease lasts; true once accepted. */
  function finish(client: AgentClient, job: AgentJob): Promise<boolean> {
    const now = new Date().toISOString();
    return reportJobOutcome({
      client,
      jobId: job.id,
      report: {
        kind: "complete",
        body: {
          leaseToken: job.leaseToken,
          result: { objects: [], warnings: [], timings: { startedAt: now, finishedAt: now, durationMs: 0 } },
        },
      },
      log: failedReports,
      leaseLost: AbortSignal.timeout(Math.max(0, Date.parse(job.leaseExpiresAt) - Date.now())),
      stopping: stop.signal,
    });
  }

  async function pollLoop(poller: Poller) {
    while (!stop.signal.aborted) {
      poller.pollingSince = performance.now();
      try {
        const outcome = await poller.client.poll({ version: AGENT_VERSION, runAs: RUN_AS }, stop.signal);
        poller.pollingSince = undefined;
        pollsAnswered += 1;
        if (outcome.kind !== "job") continue;
        const arrivedAt = performance.now();
        const waiter = expected.get(outcome.job.idempotencyKey);
        waiter?.arrived(arrivedAt); // the first delivery's time: a promise resolves once
        // A report not taken: the job goes back to the queue, and a later delivery completes it.
        if (await finish(poller.client, outcome.job)) {
          expected.delete(outcome.job.idempotencyKey);
          waiter?.completed(performance.now());
        }
      } catch (error) {
        poller.pollingSince = undefined;
        if (stop.signal.aborted) return;
        pollErrors += 1;
        lastPollError = error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  return {
    get size() {
      return pollers.length;
    },
    /** Polls the server has answered so far (with a job or, after holding them, with nothing). */
    get pollsAnswered() {
      return pollsAnswered;
    },
    get pollErrors() {
      return pollErrors;
    },
    get lastPollError() {
      return lastPollError;
    },

    /** Starts a long-poll loop for each agent. */
    connect(agents: PairedAgent[]) {
      for (const agent of agents) {
        const client = createAgentClient({ serverUrl, credential: agent.credential, proxySettings: {} });
        const poller: Poller = { agent, client, pollingSince: undefined, done: Promise.resolve() };
        poller.done = pollLoop(poller);
        pollers.push(poller);
      }
    },

    /** Agents whose poll has been out at least `ms`: the server is holding it, waiting for work. */
    heldFor(ms: number): PairedAgent[] {
      const before = performance.now() - ms;
      return pollers
        .filter((p) => p.pollingSince !== undefined && p.pollingSince <= before)
        .map((p) => p.agent);
    },

    /**
     * Resolves once every agent's poll has been seen held for `ms`. Not all at one moment: once the
     * first polls' holds run out, some poll has always just come back (a thousand agents holding
     * 15–30 s return about 45 a second), so a fleet slower to connect than a hold never got there.
     */
    async settle(ms: number, timeoutMs = 120_000): Promise<void> {
      const deadline = performance.now() + timeoutMs;
      const seen = new Set<PairedAgent>();
      for (;;) {
        for (const agent of this.heldFor(ms)) seen.add(agent);
        if (seen.size === pollers.length) return;
        if (performance.now() > deadline) {
          throw new Error(
            `only ${seen.size} of ${pollers.length} polls were seen held (last error: ${String(lastPollError)})`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },

    /** Call before enqueueing: the job with this idempotency key is watched for. */
    expect(idempotencyKey: string): JobDelivery {
      let arrived!: (at: number) => void;
      let completed!: (at: number) => void;
      const delivery = {
        arrived: new Promise<number>((resolve) => {
          arrived = resolve;
        }),
        completed: new Promise<number>((resolve) => {
          completed = resolve;
        }),
      };
      expected.set(idempotencyKey, { arrived, completed });
      return delivery;
    },

    /** Aborts every poll (the server sees the connection close) and closes the connections. */
    disconnect(): Promise<void> {
      disconnected ??= (async () => {
        stop.abort(new Error("benchmark finished"));
        await Promise.all(pollers.map((p) => p.done));
        await Promise.all(pollers.map((p) => p.client.close()));
      })();
      return disconnected;
    },
  };
}

export type AgentFleet = ReturnType<typeof createAgentFleet>;
