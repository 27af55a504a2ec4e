import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, inject, vi } from "vitest";
import { createPairingCode } from "@/lib/agents/create-pairing-code";
import { createDb, type Db } from "@/lib/db";
import type { AgentJobData } from "@/lib/jobs/agent-jobs";
import { actingAsService } from "@/lib/tenants/acting-context";
import { loadFixture } from "@/simulators/exchange/fixtures/load-fixture";
import { seedOrganizationPair } from "@/simulators/exchange/fixtures/seed-organization-pair";
import { runAgent } from "@/tests/helpers/agent-cli";
import { startWebApp } from "@/tests/helpers/web-app";

/**
 * Short leases so that a job whose agent went away comes back within seconds (10 s is the least
 * pg-boss accepts for a heartbeat), checked every second.
 */
export const SHORT_LEASE = {
  AGENT_LEASE_SECONDS: "10",
  QUEUE_MONITOR_INTERVAL_SECONDS: "1",
  AGENT_POLL_HOLD_SECONDS: "20",
};

export type AgentTestBed = Awaited<ReturnType<typeof startAgentTestBed>>;

/**
 * What agent tests share, all real: the production web app on the run's database with short
 * leases, a tenant of its own, and the Contoso on-premises organization in the simulator, which
 * the agents' `simulated` executor works on. Call from beforeAll; `stop` from afterAll.
 */
export async function startAgentTestBed(options: {
  tenantName: string;
  /** Another database than the run's (e.g. an Exchange scenario's, seeded with the demo tenants). */
  databaseUrl?: string;
  /** An existing tenant's row id instead of a new tenant. */
  tenantId?: string;
  /** The on-premises state file the agents work on, instead of a fresh Contoso. */
  simulatorState?: string;
  /** More of the web app's environment (an Exchange scenario's clouds' hosts and secrets, DNS_RESOLVERS, TOKEN_CACHE_KEYS). */
  webEnv?: Record<string, string>;
  /** Each line the web app writes, its JSON log lines included. */
  onOutput?: (line: string) => void;
}) {
  let webEnv: Record<string, string> = { ...SHORT_LEASE, ...options.webEnv };
  const databaseUrl = options.databaseUrl ?? inject("databaseUrl");
  // The queue is also used from this process (to enqueue and inspect jobs): same settings as the web app.
  vi.stubEnv("DATABASE_URL", databaseUrl);
  vi.stubEnv("AGENT_LEASE_SECONDS", SHORT_LEASE.AGENT_LEASE_SECONDS);
  vi.stubEnv("QUEUE_MONITOR_INTERVAL_SECONDS", SHORT_LEASE.QUEUE_MONITOR_INTERVAL_SECONDS);
  const jobs = await import("@/lib/jobs/agent-jobs");
  const { getQueue } = await import("@/lib/jobs/get-queue");
  const db: Db = createDb(databaseUrl);
  const tenant = options.tenantId
    ? await db.tenant.findUniqueOrThrow({ where: { id: options.tenantId } })
    : await db.tenant.create({
        data: {
          entraTenantId: crypto.randomUUID(),
          cloud: "Worldwide",
          displayName: options.tenantName,
          initialDomain: "contoso.onmicrosoft.com",
        },
      });
  const simulatorState =
    options.simulatorState ??
    (
      await seedOrganizationPair(
        await mkdtemp(path.join(tmpdir(), "hw-onprem-")),
        await loadFixture("contoso"),
      )
    ).onPremisesFile;
  const { onOutput } = options;
  let web = await startWebApp({ databaseUrl, env: webEnv, ...(onOutput ? { onOutput } : {}) });

  // The test enqueues as the wizard will: the service, acting in the tenant.
  const acting = actingAsService(tenant, "agent tests");
  const newPairingCode = () => createPairingCode({ db, acting });

  return {
    db,
    acting,
    tenantId: tenant.id,
    /** Queues an on-premises job for the tenant's agents; its id. */
    enqueueJob: async (data: AgentJobData) => jobs.enqueueAgentJob({ queue: await getQueue(), acting, data }),
    /** Where a job of the tenant stands, as pg-boss keeps it. */
    jobStatus: async (jobId: string) => jobs.getAgentJobStatus({ queue: await getQueue(), acting, jobId }),
    /** The on-premises simulator's state file the agents work on. */
    simulatorState,
    get web() {
      return web;
    },
    /** A pairing code for the tenant, as the Agents page makes one: `{ code, id }`. */
    newPairingCode,

    /** Pairs a `simulated` agent with a fresh code (through `env`'s proxy, if any); returns its config path. */
    async pairAgent(name: string, env: Record<string, string> = {}) {
      const config = path.join(await mkdtemp(path.join(tmpdir(), "hw-agent-")), "config.json");
      const paired = await runAgent(
        [
          "pair",
          (await newPairingCode()).code,
          "--server",
          web.url,
          "--name",
          name,
          "--config",
          config,
          "--executor",
          "simulated",
          "--simulator-state",
          simulatorState,
        ],
        env,
      );
      expect(paired.code, paired.output).toBe(0);
      return config;
    },

    /**
     * Stops the web app and starts it again on the same port, as a deployment would; with `env`
     * over its environment from then on (a deployment's new configuration).
     */
    async restartWeb(pauseMs = 1000, env: Record<string, string> = {}) {
      webEnv = { ...webEnv, ...env };
      await web.stop();
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
      web = await startWebApp({
        databaseUrl,
        port: web.port,
        env: webEnv,
        ...(onOutput ? { onOutput } : {}),
      });
    },

    async stop() {
      await web.stop();
      await db.$disconnect();
    },
  };
}
