import type { PgBoss } from "pg-boss";
import type { DetectedServers } from "@/lib/contracts/wizard-gather";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { onPremisesForRun } from "@/lib/wizard/credentials/on-premises-for-run";
import { buildOf } from "@/lib/wizard/gather/exchange-builds";
import { ZExchangeServerSchema } from "@/lib/wizard/gather/gathered-state";
import { findRunRow } from "./find-run-row";
import { runServerOf } from "./run-gathered-view";

/** Time for the agent to take the job and run one cmdlet; the Environment page waits this long. */
const DETECT_TIMEOUT_MS = 60_000;

const buildRank = (build: ReturnType<typeof buildOf>["build"]) =>
  build ? [build.major, build.minor, build.build, build.revision] : [0, 0, 0, 0];

/**
 * The HCW's OnPremisesDetection: Get-ExchangeServer through the run's agent (as its own on-premises
 * account, once the Credentials page named one: an admin who goes back to Environment), and the best
 * server to talk to — the newest Mailbox server (Edge servers hold no organization configuration).
 */
export async function detectExchangeServers(options: {
  db: Db;
  queue: PgBoss;
  acting: ActingContext;
  runId: string;
}): Promise<DetectedServers> {
  await findRunRow(options);
  const transport = (await onPremisesForRun(options)).gatherTransport({ timeoutMs: DETECT_TIMEOUT_MS });
  const { answers } = await transport.read([
    {
      readId: "OnPremises:Get-ExchangeServer",
      side: "OnPremises",
      cmdlet: "Get-ExchangeServer",
      parameters: {},
    },
  ]);
  const answer = answers[0];
  if (!answer?.ok) {
    throw new AppError(
      "unavailable",
      `The agent could not run Get-ExchangeServer: ${answer?.ok === false ? answer.error.message : "no answer"}. Check that its account may read the Exchange organization, or name the server yourself.`,
    );
  }
  const parsed = ZExchangeServerSchema.array().safeParse(answer.objects);
  if (!parsed.success) {
    throw new AppError(
      "unavailable",
      "Get-ExchangeServer answered in a shape the wizard cannot read; update the agent.",
    );
  }
  const candidates = parsed.data.filter((server) => server.IsMailboxServer && !server.IsEdgeServer);
  const newest = candidates
    .map((server) => ({ server, rank: buildRank(buildOf(server).build) }))
    .sort((a, b) => {
      const index = a.rank.findIndex((part, at) => part !== b.rank[at]);
      return index === -1 ? 0 : b.rank[index]! - a.rank[index]!;
    })[0];
  return { servers: parsed.data.map((server) => runServerOf(server)), best: newest?.server.Name ?? null };
}
