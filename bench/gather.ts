// Gather time against zero-latency simulators: the dry run's path — on-premises reads through the
// agent's simulated executor in this process, Exchange Online reads as $batch over HTTPS to the
// simulator — for the whole read list of a fixture, including the per-server reads and the checks.
// Then the same through the production on-premises transport: a paired agent process (simulated
// executor) polling a production web app, the reads as jobs awaited over NOTIFY.
// Run alone: `npx tsx bench/gather.ts`. Prints figures; passes or fails on nothing.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { startDispatchRig } from "@/bench/lib/dispatch-rig";
import { formatPercentiles } from "@/bench/lib/percentiles";
import { createPairingCode } from "@/lib/agents/create-pairing-code";
import { getQueue } from "@/lib/jobs/get-queue";
import { actingAsService } from "@/lib/tenants/acting-context";
import { agentGatherTransport } from "@/lib/wizard/gather/agent-gather-transport";
import { exchangeOnlineGatherTransport } from "@/lib/wizard/gather/exchange-online-gather-transport";
import { gatherOrganization } from "@/lib/wizard/gather/gather-organization";
import { gatherFixture } from "@/scripts/lib/plan/dry-run";
import { type DryRunSimulators, startDryRunSimulators } from "@/scripts/lib/plan/dry-run-simulators";
import { loadFixture } from "@/simulators/exchange/fixtures/load-fixture";
import { runAgent, spawnAgent } from "@/tests/helpers/agent-cli";

const WARM_UP = 3;
const RUNS = 20;

async function timeGathers(
  gather: () => Promise<{ records: unknown[] }>,
): Promise<{ times: number[]; reads: number }> {
  const times: number[] = [];
  let reads = 0;
  for (let run = 0; run < WARM_UP + RUNS; run++) {
    const started = performance.now();
    const result = await gather();
    if (run >= WARM_UP) times.push(performance.now() - started);
    reads = result.records.length;
  }
  return { times, reads };
}

/** Contoso gathered through a real agent process and the production web app's job channel. */
async function throughAgent(
  simulators: DryRunSimulators,
  accessToken: string,
): Promise<Record<string, string>> {
  const fixture = await loadFixture("contoso");
  const stateFile = await simulators.seed(fixture);
  const rig = await startDispatchRig({ env: { LOG_LEVEL: "error" } });
  let agent: ReturnType<typeof spawnAgent> | undefined;
  try {
    const [created] = await rig.createTenants(1, "Gather bench");
    if (!created) throw new Error("the bench made no tenant");
    const tenant = await rig.db.tenant.update({
      where: { id: created.tenant.id },
      data: { entraTenantId: fixture.tenant.tenantId, initialDomain: fixture.tenant.initialDomain },
    });
    const acting = actingAsService(tenant, "gather bench");
    const config = path.join(await mkdtemp(path.join(tmpdir(), "bench-agent-")), "config.json");
    const { code } = await createPairingCode({ db: rig.db, acting });
    const paired = await runAgent([
      ...["pair", code, "--server", rig.serverUrl, "--name", "BENCH-GATHER", "--config", config],
      ...["--executor", "simulated", "--simulator-state", stateFile],
    ]);
    if (paired.code !== 0) throw new Error(`pairing the bench agent failed: ${paired.output}`);
    agent = spawnAgent(["run", "--config", config]);
    const queue = await getQueue();
    const { times, reads } = await timeGathers(() =>
      gatherOrganization({
        acting,
        onPremises: agentGatherTransport({ db: rig.db, queue, acting, timeoutMs: 60_000 }),
        online: exchangeOnlineGatherTransport({ tenant, accessToken }),
      }),
    );
    return {
      [`contoso through a paired agent (${reads} reads) p50 / p95 / max`]: formatPercentiles(
        times,
        [0.5, 0.95, 1],
      ),
    };
  } finally {
    agent?.kill("SIGINT");
    await rig.stop();
  }
}

export async function benchGather(): Promise<Record<string, string>> {
  const simulators = await startDryRunSimulators();
  const figures: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  try {
    for (const name of ["contoso", "northwind"]) {
      const fixture = await loadFixture(name);
      await simulators.seed(fixture);
      const accessToken = await simulators.signInAdmin(fixture);
      tokens[name] = accessToken;
      const { times, reads } = await timeGathers(() => gatherFixture({ simulators, fixture, accessToken }));
      const servers = fixture.onPremises.servers.length;
      figures[`${name} (${servers} servers, ${reads} reads) p50 / p95 / max`] = formatPercentiles(
        times,
        [0.5, 0.95, 1],
      );
    }
    // The admin signs in once per tenant: a second sign-in would wait for a fresh authenticator code.
    Object.assign(figures, await throughAgent(simulators, tokens.contoso!));
  } finally {
    await simulators.close();
  }
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [label, value] of Object.entries(await benchGather()))
    console.log(`  ${label.padEnd(48)} ${value}`);
  process.exit(0);
}
