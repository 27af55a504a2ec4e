import { randomUUID } from "node:crypto";
import { createAgentFleet, pairAgents } from "@/bench/lib/agent-fleet";
import { startCpuProfile, summariseProfile } from "@/bench/lib/cpu-profile";
import { sampleLatency } from "@/bench/lib/dispatch-measures";
import { startDispatchRig } from "@/bench/lib/dispatch-rig";
import { openInspector } from "@/bench/lib/inspector";
import { readCpuSeconds } from "@/bench/lib/process-figures";
import { getAgentJobStatus } from "@/lib/jobs/agent-jobs";

const N = Number(process.argv[2] ?? 1000);
const WINDOW = Number(process.argv[3] ?? 40);
const rig = await startDispatchRig({ AGENT_POLL_HOLD_SECONDS: process.argv[4] ?? "30" });
const log = (...a: unknown[]) => console.log(new Date().toISOString().slice(11, 23), ...a);
try {
  const tenants = await rig.createTenants(N, "T");
  const agents = await pairAgents({ db: rig.db, serverUrl: rig.serverUrl, tenantIds: tenants, concurrency: 8 });
  for (const id of tenants) await getAgentJobStatus(id, randomUUID());
  const fleet = createAgentFleet(rig.serverUrl);
  fleet.connect(agents);
  await fleet.settle(1000);
  await sampleLatency(fleet, 30);
  const inspector = await openInspector(rig.inspectorPort);
  const stop = await startCpuProfile(inspector);
  const cpu0 = await readCpuSeconds(rig.webPid);
  const polls0 = fleet.pollsAnswered;
  const lat = await sampleLatency(fleet, 0, WINDOW * 1000);
  const cpu = (await readCpuSeconds(rig.webPid)) - cpu0;
  const polls = fleet.pollsAnswered - polls0;
  const prof = summariseProfile(await stop(), 40);
  log("window", WINDOW, "s: polls", polls, "web cpu", cpu.toFixed(2), "s =", ((cpu / polls) * 1000).toFixed(2), "ms/poll; latency", lat);
  console.log(prof.owners.join("\n"), "\n--\n", prof.functions.join("\n"));
  inspector.close();
  await fleet.disconnect();
} catch (e) {
  console.error("FAILED", e);
  console.error(rig.webOutput());
} finally {
  await rig.stop();
}
process.exit(0);
