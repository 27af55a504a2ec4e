import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createPairingCode } from "@/lib/agents/create-pairing-code";
import { type RunningPostgres, startEmbeddedPostgres } from "@/lib/database/embedded-postgres";
import { applyPendingMigrations } from "@/lib/database/migrations";
import { createDb, type Db } from "@/lib/db";
import { getQueue } from "@/lib/jobs/get-queue";
import { findFreePort } from "@/lib/net/find-free-port";
import { type ActingContext, actingAsService } from "@/lib/tenants/acting-context";
import { seedDemo } from "@/scripts/lib/seed-demo";
import { loadFixture } from "@/simulators/exchange/fixtures/load-fixture";
import { seedOrganizationPair } from "@/simulators/exchange/fixtures/seed-organization-pair";
import { runAgent, spawnAgent, waitFor } from "@/tests/helpers/agent-cli";
import { SHORT_LEASE } from "@/tests/helpers/agent-test-bed";
import { listenAsAgentsPage } from "@/tests/helpers/agents-page-listener";
import {
  serviceEnvFor,
  startTestIdentityProvider,
  type TestIdentityProvider,
} from "@/tests/helpers/identity";
import { startWebApp } from "@/tests/helpers/web-app";
import { ACCOUNTS, signInAs } from "@/tests/integration/identity/scenario";

// PostgreSQL stopped and started under real processes: the production web app, four agents
// polling it, and the Agents page's event stream. A cluster of this file's own, so that stopping
// it touches no other test. How often each job ran is read from the agents' own logs: the agents
// share one simulated organization file, whose writes from several processes are last-one-wins.
const RECOVERY_MS = 10_000;
const OUTAGE_MS = 2_000;

let workDir: string;
let dataDir: string;
let pgPort: number;
let cluster: RunningPostgres;
let databaseUrl: string;
let idp: TestIdentityProvider;
let db: Db;
let web: Awaited<ReturnType<typeof startWebApp>>;
let jobs: typeof import("@/lib/jobs/agent-jobs");
let tenantId: string;
let acting: ActingContext;
let token: string;
let onPremisesFile: string;
const agents: ReturnType<typeof spawnAgent>[] = [];

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), "hw-fault-db-"));
  await chmod(workDir, 0o755); // as root, Postgres runs as `postgres`, which must enter the folder
  dataDir = path.join(workDir, "postgres");
  pgPort = await findFreePort();
  cluster = await startEmbeddedPostgres({ dataDir, port: pgPort });
  await cluster.createDatabase("hw_faults");
  await applyPendingMigrations(cluster.ownerUrlFor("hw_faults"));
  databaseUrl = cluster.urlFor("hw_faults");
  vi.stubEnv("DATABASE_URL", databaseUrl);
  // This process queues and inspects jobs; its queue reports the outage too, as the web app logs it.
  vi.stubEnv("LOG_LEVEL", "silent");
  vi.stubEnv("AGENT_LEASE_SECONDS", SHORT_LEASE.AGENT_LEASE_SECONDS);
  vi.stubEnv("QUEUE_MONITOR_INTERVAL_SECONDS", SHORT_LEASE.QUEUE_MONITOR_INTERVAL_SECONDS);
  jobs = await import("@/lib/jobs/agent-jobs");

  idp = await startTestIdentityProvider();
  db = createDb(databaseUrl);
  await seedDemo(db, idp.directory);
  const contoso = await db.tenant.findFirstOrThrow({ where: { initialDomain: "contoso.onmicrosoft.com" } });
  tenantId = contoso.id;
  acting = actingAsService(contoso, "database fault test");
  web = await startWebApp({ databaseUrl, env: { ...serviceEnvFor(idp), ...SHORT_LEASE } });
  token = (await signInAs(idp, ACCOUNTS.adele)).access_token;
  ({ onPremisesFile } = await seedOrganizationPair(workDir, await loadFixture("contoso")));

  for (const name of ["EX-FAULT-1", "EX-FAULT-2", "EX-FAULT-3", "EX-FAULT-4"]) {
    const config = path.join(workDir, `${name}.json`);
    const { code } = await createPairingCode({ db, acting });
    const paired = await runAgent([
      "pair",
      code,
      "--server",
      web.url,
      "--name",
      name,
      "--config",
      config,
      "--executor",
      "simulated",
      "--simulator-state",
      onPremisesFile,
    ]);
    expect(paired.code, paired.output).toBe(0);
    agents.push(spawnAgent(["run", "--config", config]));
  }
  await waitFor(
    async () => agents.every((agent) => agent.output().includes("connected")),
    "the agents to poll",
  );
});

afterAll(async () => {
  for (const agent of agents) agent.kill("SIGINT");
  await web?.stop();
  await db?.$disconnect();
  await idp?.stop();
  await cluster?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** One remote domain per job: a second run would be refused as a duplicate ("already exists"). */
function enqueueRemoteDomains(label: string, count: number): Promise<string[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, index) =>
      jobs.enqueueAgentJob({
        queue: await getQueue(),
        acting,
        data: {
          cmdlet: "New-RemoteDomain",
          parameters: { Name: `fault-${label}-${index}`, DomainName: `fault-${label}-${index}.example.com` },
          idempotencyKey: `fault-${label}-${index}`,
        },
      }),
    ),
  );
}

let lastStates = "";
const finished = async (ids: string[]) => {
  const statuses = await Promise.all(
    ids.map(async (id) => jobs.getAgentJobStatus({ queue: await getQueue(), acting, jobId: id })),
  );
  lastStates = statuses.map((status) => status?.state ?? "missing").join(", ");
  return statuses.every((status) => status?.state === "completed") ? statuses : null;
};

describe("PostgreSQL stopped and started under polling agents and an open Agents page", () => {
  it("recovers within 10 s, losing no job and applying none twice", async () => {
    const page = listenAsAgentsPage({ url: web.url, token });
    await waitFor(
      async () => page.events.some((event) => event.event === "ready"),
      "the page's event stream",
    );

    const before = await enqueueRemoteDomains("before", 6);
    await waitFor(
      async () =>
        (await jobs.getAgentJobStatus({ queue: await getQueue(), acting, jobId: before[0]! }))?.state ===
        "completed",
      "a first job",
    );
    const stopped = Date.now();
    await cluster.stop();
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    cluster = await startEmbeddedPostgres({ dataDir, port: pgPort });
    const back = Date.now();
    const deadline = () => Math.max(1, back + RECOVERY_MS - Date.now());

    const after = await enqueueRemoteDomains("after", 3);
    const statuses = await waitFor(
      () => finished([...before, ...after]),
      "every job to complete",
      deadline(),
    ).catch((error: Error) => {
      const lines = agents.flatMap((agent) => agent.output().trim().split("\n"));
      const unfinished = [...before, ...after].filter(
        (_, index) => lastStates.split(", ")[index] !== "completed",
      );
      const said = lines.filter((line) => unfinished.some((id) => line.includes(id)));
      throw new Error(
        `${error.message} (jobs: ${lastStates}); what the agents said of the unfinished ones:\n${said.join("\n")}`,
      );
    });
    await waitFor(
      async () => (await fetch(`${web.url}/api/health`)).status === 200,
      "the web app to report healthy",
      deadline(),
    );
    // The page hears what happens now: it reconnected ("ready" again, after the outage), and the
    // stream carries what happens from then on.
    await waitFor(
      async () => page.events.some((event) => event.event === "ready" && event.at > stopped),
      "the page's event stream to connect again",
      deadline(),
    );
    const agentToRevoke = (await db.agent.findFirstOrThrow({ where: { tenantId, name: "EX-FAULT-3" } })).id;
    const revoked = await fetch(`${web.url}/api/agents/${agentToRevoke}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(revoked.status).toBe(204);
    await waitFor(
      async () =>
        page.events.some((event) => event.data.type === "revoked" && event.data.agentId === agentToRevoke),
      "the page to hear of the revocation",
      deadline(),
    );
    await page.close();

    // Applied once each: every job ran on exactly one agent, one time, and succeeded.
    expect(statuses.map((status) => status?.outcome?.outcome)).toEqual(Array(9).fill("succeeded"));
    const output = agents.map((agent) => agent.output()).join("\n");
    for (const id of [...before, ...after]) {
      expect(output.split(`job ${id}: running`).length - 1, `runs of job ${id}`).toBe(1);
    }
  });
});
