// Gather time against zero-latency simulators: the dry run's path — on-premises reads through the
// agent's simulated executor in this process, Exchange Online reads as $batch over HTTPS to the
// simulator — for the whole read list of a fixture, including the per-server reads and the checks.
// What it leaves out: the agent job's round trip (one job per read round, see "Agent job channel").
// Run alone: `npx tsx bench/gather.ts`. Prints figures; passes or fails on nothing.
import { performance } from "node:perf_hooks";
import { formatPercentiles } from "@/bench/lib/percentiles";
import { gatherFixture } from "@/scripts/lib/plan/dry-run";
import { startDryRunSimulators } from "@/scripts/lib/plan/dry-run-simulators";
import { loadFixture } from "@/simulators/exchange/fixtures/load-fixture";

const WARM_UP = 3;
const RUNS = 20;

export async function benchGather(): Promise<Record<string, string>> {
  const simulators = await startDryRunSimulators();
  const figures: Record<string, string> = {};
  try {
    for (const name of ["contoso", "northwind"]) {
      const fixture = await loadFixture(name);
      await simulators.seed(fixture);
      const accessToken = await simulators.signInAdmin(fixture);
      const times: number[] = [];
      let reads = 0;
      for (let run = 0; run < WARM_UP + RUNS; run++) {
        const started = performance.now();
        const result = await gatherFixture({ simulators, fixture, accessToken });
        if (run >= WARM_UP) times.push(performance.now() - started);
        reads = result.records.length;
      }
      const servers = fixture.onPremises.servers.length;
      figures[`${name} (${servers} servers, ${reads} reads) p50 / p95 / max`] = formatPercentiles(
        times,
        [0.5, 0.95, 1],
      );
    }
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
