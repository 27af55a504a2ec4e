// Cold start → running: `npm start`'s script on a fresh data folder (initdb, migrations, seed,
// simulators, web app, demo agent pairing) until its "is running" banner, then a warm restart on
// the same data and ports (the pairing is reused). Prints figures; passes or fails on nothing.
import { performance } from "node:perf_hooks";
import { makeDataDir, startProduct } from "@/tests/helpers/start-product";

export async function benchColdStart(): Promise<Record<string, string>> {
  let env: Record<string, string | undefined> = { DATA_DIR: await makeDataDir() };
  const figures: Record<string, string> = {};
  for (const label of ["cold start → running (fresh data folder)", "warm start → running (data reused)"]) {
    const t0 = performance.now();
    const product = await startProduct(env);
    figures[label] = `${((performance.now() - t0) / 1000).toFixed(2)} s`;
    env = product.env;
    await product.stop();
  }
  return figures;
}
