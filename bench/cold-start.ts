// Cold start → healthy: `npm start`'s script on a fresh data folder (initdb,
// migrations, seed, web app) until /api/health answers 200, then a warm restart
// on the same data. Prints figures; passes or fails on nothing.
import { performance } from "node:perf_hooks";
import { makeDataDir, startProduct } from "@/tests/helpers/start-product";

export async function benchColdStart(): Promise<Record<string, string>> {
  const dataDir = await makeDataDir();
  const figures: Record<string, string> = {};
  for (const label of ["cold start → healthy (fresh data folder)", "warm start → healthy (data reused)"]) {
    const t0 = performance.now();
    const product = await startProduct({ DATA_DIR: dataDir });
    figures[label] = `${((performance.now() - t0) / 1000).toFixed(2)} s`;
    await product.stop();
  }
  return figures;
}
