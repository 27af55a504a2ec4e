import { readFile } from "node:fs/promises";
import { type Answers, parseAnswers } from "@/lib/wizard/answers/answers";
import { assembleGatheredState } from "@/lib/wizard/gather/assemble-gathered-state";
import { ZExchangeServerSchema } from "@/lib/wizard/gather/gathered-state";
import {
  GATHER_READS,
  initialReadInvocations,
  perServerReadInvocations,
  type ReadInvocation,
  type ReadOutcome,
} from "@/lib/wizard/gather/read-list";
import { computePlan } from "@/lib/wizard/plan/compute-plan";
import { type Plan, type PlanOperation, writesOf } from "@/lib/wizard/plan/plan-types";
import { ExchangeError } from "@/simulators/exchange/model/exchange-error";
import { openPair, type Pair } from "../exchange-sim/organization-harness";

/** Runs one read against the in-process simulators; an optional read the simulator lacks is skipped. */
async function runRead(pair: Pair, invocation: ReadInvocation): Promise<ReadOutcome | undefined> {
  const run = invocation.side === "OnPremises" ? pair.onPremises : pair.online;
  try {
    const { value } = await run(invocation.cmdlet, invocation.parameters);
    return { invocation, objects: value };
  } catch (error) {
    const optional = GATHER_READS.find((read) => read.id === invocation.readId)?.optional;
    if (optional && error instanceof ExchangeError) return undefined;
    throw error;
  }
}

/** What production's gathering does, minus the transports: the read list, run in its two rounds, then assembly. */
export async function gatherPair(pair: Pair) {
  const first = (
    await Promise.all(initialReadInvocations().map((invocation) => runRead(pair, invocation)))
  ).filter((outcome): outcome is ReadOutcome => outcome !== undefined);
  const servers = first
    .find((outcome) => outcome.invocation.readId === "OnPremises:Get-ExchangeServer")!
    .objects.map((server) => ZExchangeServerSchema.parse(server));
  const second = (
    await Promise.all(perServerReadInvocations(servers).map((invocation) => runRead(pair, invocation)))
  ).filter((outcome): outcome is ReadOutcome => outcome !== undefined);
  return { outcomes: [...first, ...second], state: assembleGatheredState([...first, ...second]) };
}

export async function gatherFixture(fixture: string) {
  const pair = await openPair(fixture);
  return { pair, ...(await gatherPair(pair)) };
}

export const SHIPPED_FIXTURES = [
  "contoso",
  "fabrikam",
  "tailspin",
  "northwind",
  "woodgrove",
  "litware",
] as const;

/** A fixture's answers file, as docs/ANSWERS.md documents it. */
export async function shippedAnswers(fixture: string): Promise<Answers> {
  const parsed = parseAnswers(JSON.parse(await readFile(`docs/answers/${fixture}.json`, "utf8")));
  if (!parsed.ok) throw new Error(`docs/answers/${fixture}.json: ${JSON.stringify(parsed.violations)}`);
  return parsed.answers;
}

/** The tenant facts a fixture's tenant gives, as the acting context gives them in production. */
export function tenantFactsOf(pair: Pair) {
  const tenant = pair.states.Online.tenant!;
  return { cloud: tenant.cloud, tenantInitialDomain: tenant.initialDomain, entraTenantId: tenant.tenantId };
}

/** A credential by reference becomes a test credential: the secret handling is issue 11's. */
export function withTestCredentials(operation: PlanOperation): Record<string, unknown> {
  const credentials = Object.entries(operation.credentials ?? {}).map(([parameter, reference]) => [
    parameter,
    { UserName: reference.userName, Password: "test-password" },
  ]);
  return { ...operation.parameters, ...Object.fromEntries(credentials) };
}

/** Runs a plan's writes against the simulators in order, as the update would. */
export async function applyPlan(pair: Pair, plan: Plan): Promise<void> {
  for (const operation of writesOf(plan)) {
    if (operation.side === "Graph")
      throw new Error(`${operation.id}: the Exchange simulators do not run Graph requests`);
    const run = operation.side === "OnPremises" ? pair.onPremises : pair.online;
    await run(operation.cmdlet, withTestCredentials(operation));
  }
}

export async function planFixture(fixture: string, change?: (answers: Answers) => void) {
  const { pair, state } = await gatherFixture(fixture);
  const answers = structuredClone(await shippedAnswers(fixture));
  change?.(answers);
  return {
    pair,
    state,
    answers,
    plan: computePlan({ gathered: state, answers, tenant: tenantFactsOf(pair) }),
  };
}
