import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { createAgentFleet, pairAgents } from "@/bench/lib/agent-fleet";
import { startCpuProfile, summariseProfile } from "@/bench/lib/cpu-profile";
import { measureThroughput, sampleLatency } from "@/bench/lib/dispatch-measures";
import { startDispatchRig } from "@/bench/lib/dispatch-rig";
import { openInspector } from "@/bench/lib/inspector";
import { readCpuSeconds } from "@/bench/lib/process-figures";
import { getAgentJobStatus } from "@/lib/jobs/agent-jobs";

async function postgresCpu(): Promise<number> {
  const { readdir, readFile } = await import("node:fs/promises");
  let total = 0;
  const postmasters = new Set<string>();
  const stats: Array<[string, string, string]> = [];
  for (const pid of await readdir("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
    if (!stat.includes("(postgres)")) continue;
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    stats.push([pid, f[1]!, stat]);
    if (f[1] === String(process.pid)) postmasters.add(pid);
  }
  for (const [pid, ppid, stat] of stats) {
    if (!postmasters.has(pid) && !postmasters.has(ppid)) continue;
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    total += (Number(f[11]) + Number(f[12])) / 100;
  }
  return total;
}

let sampling = false;
const N = Number(process.argv[2] ?? 1000);
const JOBS = Number(process.argv[3] ?? 500);
const rig = await startDispatchRig();
const log = (...a: unknown[]) => console.log(new Date().toISOString().slice(11, 23), ...a);
try {
  const tenants = await rig.createTenants(N, "T");
  let t = performance.now();
  const agents = await pairAgents({
    db: rig.db,
    serverUrl: rig.serverUrl,
    tenantIds: tenants,
    concurrency: 8,
  });
  log("paired", N, "in", ((performance.now() - t) / 1000).toFixed(1), "s");
  for (const id of tenants) await getAgentJobStatus(id, randomUUID());
  const fleet = createAgentFleet(rig.serverUrl);
  t = performance.now();
  let cpu0 = await readCpuSeconds(rig.webPid);
  fleet.connect(agents);
  await fleet.settle(1000);
  log(
    "settled in",
    ((performance.now() - t) / 1000).toFixed(1),
    "s; web cpu",
    ((await readCpuSeconds(rig.webPid)) - cpu0).toFixed(2),
    "s",
  );
  await sampleLatency(fleet, 30);
  cpu0 = await readCpuSeconds(rig.webPid);
  await new Promise((r) => setTimeout(r, 10_000));
  log("idle 10 s: web cpu", ((await readCpuSeconds(rig.webPid)) - cpu0).toFixed(2), "s");
  const inspector = await openInspector(rig.inspectorPort);
  let stop = await startCpuProfile(inspector);
  const lat = await sampleLatency(fleet, 200);
  let prof = summariseProfile(await stop());
  log("latency", lat);
  console.log(
    "profile (latency) total ms",
    prof.totalMs.toFixed(0),
    "\n" + prof.owners.join("\n") + "\n--\n" + prof.functions.join("\n"),
  );
  const activity = new Map<string, number>();
  sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const rows = await rig.db.$queryRawUnsafe<Array<{ k: string }>>(
        "select coalesce(state,'-') || ' | ' || coalesce(wait_event_type,'-') || ':' || coalesce(wait_event,'-') || ' | ' || left(regexp_replace(query, '\\s+', ' ', 'g'), 90) as k from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()",
      );
      for (const r of rows) activity.set(r.k, (activity.get(r.k) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const pgCpu0 = await postgresCpu();
  stop = await startCpuProfile(inspector);
  const thr = await measureThroughput({ fleet, webPid: rig.webPid, tenantIds: tenants, jobs: JOBS });
  prof = summariseProfile(await stop());
  sampling = false;
  await sampler;
  log("postgres cpu s", ((await postgresCpu()) - pgCpu0).toFixed(2));
  console.log([...activity].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, n]) => `${String(n).padStart(5)} ${k}`).join("\n"));
  log("throughput", thr, "errors", fleet.pollErrors, String(fleet.lastPollError));
  console.log(
    "profile (throughput) total ms",
    prof.totalMs.toFixed(0),
    "\n" + prof.owners.join("\n") + "\n--\n" + prof.functions.join("\n"),
  );
  inspector.close();
  await fleet.disconnect();
} catch (e) {
  console.error("FAILED", e);
  console.error(rig.webOutput());
  throw e;
} finally {
  sampling = false;
  await rig.stop();
}
process.exit(0);
