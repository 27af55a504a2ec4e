// The update against zero-latency simulators, as production runs it (bench/lib/update-rig.ts): a
// full Contoso update — answers saved, plan reviewed, confirmed, timed from confirm to done (the
// service time) with its writes per second — three times on a reseeded Contoso; then TENANTS
// copies of Contoso, each with its own agent and admin, all confirmed at once.
// Run alone: `npx tsx bench/update.ts [tenants]`. Prints figures; passes on nothing.
import { formatPercentiles } from "./lib/percentiles";
import { startUpdateRig } from "./lib/update-rig";

const ROUNDS = 3;

export async function benchUpdate(tenants = 50): Promise<Record<string, string>> {
  const rig = await startUpdateRig({ copies: tenants });
  const figures: Record<string, string> = {};
  try {
    const contoso = await rig.tenant(0);
    const times: number[] = [];
    const operationTimes: number[] = [];
    let writes = 0;
    for (let round = 0; round < ROUNDS; round++) {
      await contoso.reseed();
      const { progress, ms } = await rig.update(contoso);
      writes = progress.total;
      times.push(ms);
      for (const operation of progress.operations)
        if (operation.durationMs !== null) operationTimes.push(operation.durationMs);
    }
    const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
    figures[`contoso, ${writes} writes: confirm → done, p50 / max of ${ROUNDS}`] = formatPercentiles(
      times,
      [0.5, 1],
    );
    figures["contoso: writes per second (p50 round)"] = (writes / (median / 1000)).toFixed(1);
    figures["one operation (read, compare, write), p50 / p95"] = formatPercentiles(
      operationTimes,
      [0.5, 0.95],
    );

    const copies = [];
    for (let n = 1; n <= tenants; n++) copies.push(await rig.tenant(n));
    const started = performance.now();
    const done = await Promise.all(copies.map((copy) => rig.update(copy)));
    const wallMs = performance.now() - started;
    const total = done.reduce((sum, { progress }) => sum + progress.total, 0);
    figures[`${tenants} tenants at once: each confirm → done, p50 / p95 / max`] = formatPercentiles(
      done.map(({ ms }) => ms),
      [0.5, 0.95, 1],
    );
    figures[`${tenants} tenants at once: all done in (with review)`] = `${(wallMs / 1000).toFixed(1)} s`;
    figures[`${tenants} tenants at once: writes per second overall`] = (total / (wallMs / 1000)).toFixed(1);
  } finally {
    await rig.stop();
  }
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const tenants = Number(process.argv[2] ?? 50);
  for (const [label, value] of Object.entries(await benchUpdate(tenants)))
    console.log(`  ${label.padEnd(60)} ${value}`);
  process.exit(0);
}
