import { AppError } from "@/lib/errors";
import type { GraphConnection } from "@/lib/graph/graph-client";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { assembleGatheredState } from "./assemble-gathered-state";
import { type ConnectionCheck, runConnectionChecks } from "./connection-checks";
import { gatherHybridApplication } from "./gather-hybrid-application";
import type { ClockSample, GatherTransport, ReadAnswer, ReadRecord } from "./gather-transport";
import { type GatheredGraph, hybridApplicationName } from "./gathered-graph";
import { type GatheredState, ZExchangeServerSchema } from "./gathered-state";
import {
  GATHER_READS,
  type GatherRead,
  initialReadInvocations,
  perServerReadInvocations,
  type ReadInvocation,
  type ReadOutcome,
} from "./read-list";

export interface GatherResult {
  state: GatheredState;
  /** Every read, in the order of the read list: side, cmdlet, duration, objects, warnings, error. */
  records: ReadRecord[];
  checks: ConnectionCheck[];
  durationMs: number;
}

const SIDE_WORDS = { OnPremises: "on-premises", Online: "Exchange Online" } as const;

interface Answered {
  invocation: ReadInvocation;
  answer: ReadAnswer;
}

async function readSide(
  transport: GatherTransport,
  invocations: ReadInvocation[],
  onRecord: ((record: ReadRecord) => void) | undefined,
): Promise<{ answered: Answered[]; clock?: ClockSample }> {
  if (invocations.length === 0) return { answered: [] };
  const { answers, clock } = await transport.read(invocations);
  const answered = invocations.map((invocation, index) => ({ invocation, answer: answers[index]! }));
  for (const entry of answered) onRecord?.(recordOf(entry));
  return { answered, clock };
}

function recordOf({ invocation, answer }: Answered): ReadRecord {
  return {
    side: invocation.side,
    cmdlet: invocation.cmdlet,
    ...(invocation.server ? { server: invocation.server } : {}),
    durationMs: answer.durationMs,
    objects: answer.ok ? answer.objects.length : 0,
    warnings: answer.warnings,
    ...(answer.ok ? {} : { error: answer.error.message }),
  };
}

/** A required read that failed stops the gather, naming every such read and Exchange's words. */
function assertRequiredReadsAnswered(answered: Answered[], reads: readonly GatherRead[]): void {
  const failed = answered.filter(
    ({ invocation, answer }) => !answer.ok && !reads.find((read) => read.id === invocation.readId)?.optional,
  );
  if (failed.length === 0) return;
  const lines = failed.map(({ invocation, answer }) => {
    const server = invocation.server ? ` -Server ${invocation.server}` : "";
    return `${invocation.cmdlet}${server} (${SIDE_WORDS[invocation.side]}): ${answer.ok ? "" : answer.error.message}`;
  });
  throw new AppError(
    "unavailable",
    `Gathering stopped: ${failed.length} read${failed.length === 1 ? "" : "s"} failed, so nothing was planned. ${lines.join(" ")}`,
    { records: answered.map(recordOf) },
  );
}

/** The hybrid application's Graph side, or the line that says why Graph could not be read. */
async function readGraph(
  connect: () => Promise<GraphConnection>,
  onPremisesGuid: string,
): Promise<{ graph?: GatheredGraph; records: ReadRecord[] }> {
  const started = performance.now();
  try {
    return await gatherHybridApplication({ graph: await connect(), onPremisesGuid });
  } catch (error) {
    // The admin can answer a sign-in challenge: the page asks them, as for Exchange Online.
    if (!(error instanceof AppError) || error.code === "interaction_required") throw error;
    const record: ReadRecord = {
      side: "Graph",
      cmdlet: `Get-MgApplication -Filter "displayName eq '${hybridApplicationName(onPremisesGuid)}'"`,
      durationMs: Math.round(performance.now() - started),
      objects: 0,
      warnings: [],
      error: error.message,
    };
    return { records: [record] };
  }
}

/**
 * Reads both sides in parallel through their transports, then the per-server reads once the
 * servers are known, and assembles the gathered state the planner takes; every read is recorded
 * (`onRecord` hears each as it lands, for the Gathering page) and the TestConnections checks run.
 */
export async function gatherOrganization(options: {
  acting: Pick<ActingContext, "tenant">;
  onPremises: GatherTransport;
  online: GatherTransport;
  /**
   * Microsoft Graph on the admin's behalf, for the dedicated hybrid application; without it, not
   * read. Asked for only once Exchange has been read, and Graph's refusal (its token, or a read)
   * is a failed line of its own: the plan then leaves the application out and says why.
   */
  graph?: () => Promise<GraphConnection>;
  reads?: readonly GatherRead[];
  onRecord?: (record: ReadRecord) => void;
}): Promise<GatherResult> {
  const started = performance.now();
  const reads = options.reads ?? GATHER_READS;
  const initial = initialReadInvocations(reads);
  const onPremisesReads = (async () => {
    const first = await readSide(
      options.onPremises,
      initial.filter((entry) => entry.side === "OnPremises"),
      options.onRecord,
    );
    const servers = first.answered.find(
      ({ invocation }) => invocation.readId === "OnPremises:Get-ExchangeServer",
    );
    if (!servers?.answer.ok) return first;
    const parsed = ZExchangeServerSchema.array().safeParse(servers.answer.objects);
    if (!parsed.success) return first;
    const second = await readSide(
      options.onPremises,
      perServerReadInvocations(parsed.data, reads),
      options.onRecord,
    );
    return { answered: [...first.answered, ...second.answered], clock: second.clock ?? first.clock };
  })();
  const onlineReads = readSide(
    options.online,
    initial.filter((entry) => entry.side === "Online"),
    options.onRecord,
  );
  const [onPremises, online] = await Promise.all([onPremisesReads, onlineReads]);

  const answered = [...onPremises.answered, ...online.answered];
  assertRequiredReadsAnswered(answered, reads);
  const outcomes: ReadOutcome[] = answered.flatMap(({ invocation, answer }) =>
    answer.ok ? [{ invocation, objects: answer.objects }] : [],
  );
  const state = assembleGatheredState(outcomes, reads);
  // The app is named after the on-premises organization, so Graph is read once that is known.
  const graphRecords: ReadRecord[] = [];
  if (options.graph) {
    const gathered = await readGraph(options.graph, state.onPremises.organizationConfig.Guid);
    if (gathered.graph) state.graph = gathered.graph;
    for (const record of gathered.records) options.onRecord?.(record);
    graphRecords.push(...gathered.records);
  }
  const onlineConfig = online.answered.find(
    ({ invocation }) => invocation.readId === "Online:Get-OrganizationConfig",
  );
  const checks = runConnectionChecks({
    state,
    tenant: options.acting.tenant,
    clock: onPremises.clock,
    onlineOrganizationConfig: onlineConfig?.answer.ok ? onlineConfig.answer.objects[0] : undefined,
  });
  // The records in the read list's order, whichever side answered first.
  const order = new Map(reads.map((read, index) => [read.id, index]));
  const records = [...answered]
    .sort((a, b) => (order.get(a.invocation.readId) ?? 0) - (order.get(b.invocation.readId) ?? 0))
    .map(recordOf);
  return {
    state,
    records: [...records, ...graphRecords],
    checks,
    durationMs: Math.round(performance.now() - started),
  };
}
