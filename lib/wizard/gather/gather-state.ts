import { AppError } from "@/lib/errors";
import { assembleGatheredState } from "./assemble-gathered-state";
import { type ExchangeServer, type GatheredState, ZExchangeServerSchema } from "./gathered-state";
import {
  GATHER_READS,
  initialReadInvocations,
  perServerReadInvocations,
  type ReadInvocation,
  type ReadOutcome,
} from "./read-list";

// The order of gathering, whatever carries the reads: the reads that need nothing first, then the
// per-server reads for the servers Get-ExchangeServer named, then assembly. The transports
// (agent jobs on-premises, the admin API's $batch online) run each round's reads as they see fit.

export type RunReads = (invocations: readonly ReadInvocation[]) => Promise<ReadOutcome[]>;

function serversOf(outcomes: readonly ReadOutcome[]): ExchangeServer[] {
  const read = GATHER_READS.find((entry) => entry.cmdlet === "Get-ExchangeServer")!;
  const answer = outcomes.find((outcome) => outcome.invocation.readId === read.id);
  const parsed = ZExchangeServerSchema.array().safeParse(answer?.objects ?? []);
  if (!answer || !parsed.success) {
    throw new AppError(
      "unavailable",
      "Get-ExchangeServer (on-premises) gave no list of servers the wizard can read, so it cannot read each server's certificates and connectors. Check the agent, then gather again.",
      { cmdlet: read.cmdlet, side: read.side },
    );
  }
  return parsed.data;
}

export async function gatherState(options: { runReads: RunReads }): Promise<{
  state: GatheredState;
  outcomes: ReadOutcome[];
}> {
  const first = await options.runReads(initialReadInvocations());
  const second = await options.runReads(perServerReadInvocations(serversOf(first)));
  const outcomes = [...first, ...second];
  return { state: assembleGatheredState(outcomes), outcomes };
}
