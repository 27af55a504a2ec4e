// Plan time: computePlan over a gathered state, for contoso and for generated organizations up to
// 50 servers and 200 accepted domains (and twice that, to show how it grows). The state is
// gathered once, through the read list from the in-process simulators; only planning is timed.
// Run alone: `npx tsx bench/plan.ts`. Prints figures; passes or fails on nothing.
import { performance } from "node:perf_hooks";
import { generatedOrganization } from "@/bench/lib/generated-organization";
import { formatPercentiles } from "@/bench/lib/percentiles";
import { type Answers, ZAnswersSchema } from "@/lib/wizard/answers/answers";
import type { GatheredState } from "@/lib/wizard/gather/gathered-state";
import { computePlan } from "@/lib/wizard/plan/compute-plan";
import type { TenantFacts } from "@/lib/wizard/plan/plan-types";
import { openPair } from "@/tests/unit/exchange-sim/organization-harness";
import { gatherPair, shippedAnswers, tenantFactsOf } from "@/tests/unit/wizard/gather-from-fixture";

const WARM_UP_MS = 500;
const DURATION_MS = 2000;

function timePlans(input: { gathered: GatheredState; answers: Answers; tenant: TenantFacts }) {
  const operations = computePlan(input).operations.length;
  const warm = performance.now() + WARM_UP_MS;
  while (performance.now() < warm) computePlan(input);
  const latencies: number[] = [];
  const end = performance.now() + DURATION_MS;
  while (performance.now() < end) {
    const started = performance.now();
    computePlan(input);
    latencies.push(performance.now() - started);
  }
  return `${formatPercentiles(latencies)} p50 / p99, ${operations} operations, ${latencies.length} plans`;
}

export async function benchPlan(): Promise<Record<string, string>> {
  const figures: Record<string, string> = {};
  const contoso = await openPair("contoso");
  const gathered = (await gatherPair(contoso)).state;
  const shipped = await shippedAnswers("contoso");
  figures.contoso = timePlans({ gathered, answers: shipped, tenant: tenantFactsOf(contoso) });
  // With the two tasks the shipped answers leave out: the policies copied, and the hybrid application
  // with Graph gathered as empty (the ExSetup.exe versions as the agent's probe reports them).
  const withGraph: GatheredState = {
    ...gathered,
    onPremises: {
      ...gathered.onPremises,
      exchangeServers: gathered.onPremises.exchangeServers.map((server) => ({
        ...server,
        FileVersion: "15.02.1544.025",
      })),
    },
    graph: {
      application: null,
      servicePrincipal: null,
      assignments: [],
      exchangeOnline: { id: "exo", keyCredentials: [] },
    },
  };
  figures["contoso + policies + hybrid app"] = timePlans({
    gathered: withGraph,
    answers: { ...shipped, features: { ...shipped.features, organizationConfigurationTransfer: true } },
    tenant: tenantFactsOf(contoso),
  });
  for (const [servers, domains] of [
    [10, 40],
    [25, 100],
    [50, 200],
    [100, 400],
  ] as const) {
    const { fixture, answers } = generatedOrganization(servers, domains);
    const pair = await openPair(fixture);
    figures[`${servers} servers, ${domains} accepted domains`] = timePlans({
      gathered: (await gatherPair(pair)).state,
      answers: ZAnswersSchema.parse(answers),
      tenant: tenantFactsOf(pair),
    });
  }
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [label, value] of Object.entries(await benchPlan()))
    console.log(`  ${label.padEnd(40)} ${value}`);
}
