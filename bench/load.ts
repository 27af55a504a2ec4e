// Load: 1,000 agents long-polling and 100 people reading pages, against ONE production web process
// on an embedded PostgreSQL, for a set time (10 minutes unless told). Each person loads the Agents
// page's API calls (GET /api/me, GET /api/agents) with their own connection and a token of a real
// sign-in, then reads it for a random 5–15 s (`--think 1-3` makes them impatient). Prints errors (user
// calls not 200, agent polls that failed) and the user calls' p50 / p99.
// Run alone: `npx tsx bench/load.ts --minutes 1 [--think 5-15]`. Passes or fails on nothing.
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { Pool } from "undici";
import { createAgentFleet, pairAgents } from "@/bench/lib/agent-fleet";
import { startDispatchRig } from "@/bench/lib/dispatch-rig";
import { formatPercentiles } from "@/bench/lib/percentiles";
import { readRssKib } from "@/bench/lib/process-figures";
import { seedDemo } from "@/scripts/lib/seed-demo";
import { serviceEnvFor, startTestIdentityProvider, trustIdentityProviderCa } from "@/tests/helpers/identity";
import { ACCOUNTS, signInAs } from "@/tests/integration/identity/scenario";

const AGENTS = 1000;
const AGENT_TENANTS = 100;
const USERS = 100;
const PAGE_CALLS = ["/api/me", "/api/agents"] as const;
/** Demo accounts that may sign in (those the service refuses are left out); the 100 readers take turns with them. */
const READERS = ["adele", "alex", "diego", "isaiah"] as const;

export async function benchLoad(options: {
  minutes: number;
  /** How long a person reads a page before the next, at random between the two (seconds). */
  thinkSeconds?: [number, number];
}): Promise<Record<string, string>> {
  const [thinkMin, thinkMax] = options.thinkSeconds ?? [5, 15];
  const idp = await startTestIdentityProvider();
  trustIdentityProviderCa(idp);
  const rig = await startDispatchRig({ env: serviceEnvFor(idp) });
  await seedDemo(rig.db, idp.directory);
  const serverUrl = rig.serverUrl.replace(/\/$/, "");
  const tokens: string[] = [];
  for (const name of READERS) {
    const token = (await signInAs(idp, ACCOUNTS[name])).access_token;
    const me = await fetch(`${serverUrl}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    if (!me.ok) continue;
    tokens.push(token);
    // Each route loaded and each tenant's keys fetched once, so the figures are of a warm server.
    for (const path of PAGE_CALLS) {
      await (await fetch(`${serverUrl}${path}`, { headers: { authorization: `Bearer ${token}` } })).text();
    }
  }
  if (tokens.length === 0) throw new Error("no demo account was accepted by the service");

  const tenants = await rig.createTenants(AGENT_TENANTS, "Load");
  const agents = await pairAgents({
    db: rig.db,
    serverUrl: rig.serverUrl,
    tenants: Array.from({ length: AGENTS }, (_, index) => tenants[index % AGENT_TENANTS]!),
    concurrency: 10,
  });
  const fleet = createAgentFleet(rig.serverUrl);
  fleet.connect(agents);
  await fleet.settle(1000);

  const latencies: number[] = [];
  const failures = new Map<string, number>();
  const deadline = performance.now() + options.minutes * 60_000;
  const reader = async (index: number) => {
    const pool = new Pool(serverUrl, { connections: 1 });
    const headers = { authorization: `Bearer ${tokens[index % tokens.length]}` };
    // Readers arrive over the first seconds, not all in one instant.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 3000));
    try {
      while (performance.now() < deadline) {
        for (const path of PAGE_CALLS) {
          const started = performance.now();
          try {
            const response = await pool.request({ path, method: "GET", headers });
            await response.body.text();
            latencies.push(performance.now() - started);
            if (response.statusCode !== 200) {
              const key = `${path} ${response.statusCode}`;
              failures.set(key, (failures.get(key) ?? 0) + 1);
            }
          } catch (error) {
            const key = `${path} ${error instanceof Error ? error.message : String(error)}`;
            failures.set(key, (failures.get(key) ?? 0) + 1);
          }
        }
        await new Promise((resolve) =>
          setTimeout(resolve, (thinkMin + Math.random() * (thinkMax - thinkMin)) * 1000),
        );
      }
    } finally {
      await pool.close();
    }
  };
  const pollErrorsBefore = fleet.pollErrors;
  await Promise.all(Array.from({ length: USERS }, (_, index) => reader(index)));
  const figures: Record<string, string> = {
    duration: `${options.minutes} min, ${AGENTS} agents polling, ${USERS} readers (${tokens.length} accounts), ${thinkMin}–${thinkMax} s per page`,
    "user API calls": String(latencies.length),
    "user API calls: p50 / p90 / p99 / max": formatPercentiles(latencies, [0.5, 0.9, 0.99, 1]),
    "user API calls over 1 s": String(latencies.filter((ms) => ms > 1000).length),
    "user API errors": failures.size === 0 ? "0" : JSON.stringify(Object.fromEntries(failures)),
    "agent poll errors": String(fleet.pollErrors - pollErrorsBefore),
    "agent polls answered": String(fleet.pollsAnswered),
    "web process RSS at the end": `${((await readRssKib(rig.webPid)) / 1024).toFixed(0)} MiB`,
  };
  await fleet.disconnect();
  await rig.stop();
  await idp.stop();
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { minutes: { type: "string", default: "10" }, think: { type: "string", default: "5-15" } },
  });
  const [thinkMin = 5, thinkMax = 15] = values.think.split("-").map(Number);
  const figures = await benchLoad({ minutes: Number(values.minutes), thinkSeconds: [thinkMin, thinkMax] });
  for (const [label, value] of Object.entries(figures)) console.log(`  ${label.padEnd(32)} ${value}`);
  process.exit(0);
}
