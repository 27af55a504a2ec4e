import type { Logger } from "pino";
import type { UndoResponse } from "@/lib/contracts/wizard-done";
import type { Db } from "@/lib/db";
import type { UserActingContext } from "@/lib/tenants/acting-context";
import { exchangeOnlineGatherTransport } from "@/lib/wizard/gather/exchange-online-gather-transport";
import { gatherNow } from "@/lib/wizard/gather/gather-now";
import type { ExecutedOperation } from "./executed-operation";
import { readMailboxMoves } from "./moved-mailboxes";
import { prepareUndo } from "./prepare-undo";

/**
 * Undo this run, with both sides read now: the run's executed operations (the orchestrator's
 * Operation rows, read tenant-scoped by the caller) against a fresh gather and Exchange Online's
 * mailbox moves.
 */
export async function prepareRunUndo(options: {
  db: Db;
  acting: UserActingContext;
  runId: string;
  executed: readonly ExecutedOperation[];
  logger?: Logger;
}): Promise<UndoResponse> {
  const { state, online } = await gatherNow(options);
  const moves = await readMailboxMoves(exchangeOnlineGatherTransport(online));
  return prepareUndo({ executed: options.executed, gathered: state, moves });
}
