import { performance } from "node:perf_hooks";
import { Pool } from "undici";
import { pairAgents } from "@/bench/lib/agent-fleet";
import { startDispatchRig } from "@/bench/lib/dispatch-rig";
import { readCpuSeconds } from "@/bench/lib/process-figures";
import { startCpuProfile, summariseProfile } from "@/bench/lib/cpu-profile";
import { openInspector } from "@/bench/lib/inspector";

const rig = await startDispatchRig();
try {
  const [tenant] = await rig.createTenants(1, "T");
  const [agent] = await pairAgents({ db: rig.db, serverUrl: rig.serverUrl, tenantIds: [tenant!], concurrency: 1 });
  const pool = new Pool(rig.serverUrl.replace(/\/$/, ""), { connections: 4 });
  const auth = { authorization: `Bearer ${agent!.credential}` };
  const cases: Array<[string, { path: string; method: "GET" | "POST"; headers?: Record<string, string>; body?: string }]> = [
    ["GET /api/health", { path: "/api/health", method: "GET" }],
    ["GET /api/agent/v1/whoami", { path: "/api/agent/v1/whoami", method: "GET", headers: auth }],
    ["GET /api/agent/v1/whoami (no credential → 401)", { path: "/api/agent/v1/whoami", method: "GET" }],
  ];
  const profileArg = process.argv[2];
  for (const round of [0, 1]) {
    for (const [label, req] of cases) {
      const n = 1500;
      let next = 0;
      const lat: number[] = [];
      const inspector = profileArg === label && round === 1 ? await openInspector(rig.inspectorPort) : undefined;
      const stop = inspector ? await startCpuProfile(inspector) : undefined;
      const cpu0 = await readCpuSeconds(rig.webPid);
      const t0 = performance.now();
      await Promise.all(Array.from({ length: 4 }, async () => {
        while (next++ < n) {
          const s = performance.now();
          const r = await pool.request(req);
          await r.body.text();
          lat.push(performance.now() - s);
        }
      }));
      const secs = (performance.now() - t0) / 1000;
      const cpu = (await readCpuSeconds(rig.webPid)) - cpu0;
      lat.sort((a, b) => a - b);
      if (round === 1) console.log(label.padEnd(50), `${(n / secs).toFixed(0)}/s`, `web cpu ${((cpu / n) * 1000).toFixed(2)} ms/req`, `p50 ${lat[n >> 1]!.toFixed(1)} ms`);
      if (stop) {
        const prof = summariseProfile(await stop(), 40);
        console.log(prof.owners.join("\n"), "\n--\n", prof.functions.join("\n"));
        inspector!.close();
      }
    }
  }
  await pool.close();
} finally {
  await rig.stop();
}
process.exit(0);
