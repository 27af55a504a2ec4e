// npm run bench — runs every benchmark and prints its figures. Figures go to
// docs/PERFORMANCE.md by hand, with the command that produced them.
// `-- --load-minutes N` sets how long the load benchmark runs (10 unless told).
import os from "node:os";
import { parseArgs } from "node:util";
import { benchColdStart } from "@/bench/cold-start";
import { benchExchangeOnlineInvoke } from "@/bench/exchange-online-invoke";
import { benchFirstLoadJs } from "@/bench/first-load-js";
import { benchGather } from "@/bench/gather";
import { benchLoad } from "@/bench/load";
import { benchPageSave } from "@/bench/page-save";
import { benchPartnerDashboard } from "@/bench/partner-dashboard";
import { benchPlan } from "@/bench/plan";
import { benchQueueUpkeep } from "@/bench/queue-upkeep";
import { benchTokenValidation } from "@/bench/token-validation";
import { benchUpdate } from "@/bench/update";

const { values } = parseArgs({ options: { "load-minutes": { type: "string", default: "10" } } });

const benchmarks: Array<[string, () => Promise<Record<string, string>>]> = [
  ["start-up", benchColdStart],
  ["Exchange Online simulator (InvokeCommand over HTTPS)", benchExchangeOnlineInvoke],
  ["access-token validation", benchTokenValidation],
  ["gather (both sides, zero-latency simulators)", benchGather],
  ["plan (computePlan over a gathered state)", benchPlan],
  [
    "load: 1,000 polling agents and 100 people reading pages",
    () => benchLoad({ minutes: Number(values["load-minutes"]) }),
  ],
  ["wizard page save (a saved run's round trip)", benchPageSave],
  ["first-load JavaScript per page (gzip)", benchFirstLoadJs],
  ["update (a full Contoso update, zero-latency simulators)", benchUpdate],
  ["partner dashboard (generated customers) and health checks", benchPartnerDashboard],
  ["the queues' upkeep per customer (one pass over every queue)", benchQueueUpkeep],
];

console.log(
  `Hybrid Wizard benchmarks — ${os.cpus().length} cores, Node ${process.version}, ${new Date().toISOString()}`,
);
for (const [name, run] of benchmarks) {
  console.log(`\n## ${name}`);
  for (const [label, value] of Object.entries(await run())) console.log(`  ${label.padEnd(48)} ${value}`);
}
process.exit(0);
