import type { PgBoss } from "pg-boss";
import type { Db } from "@/lib/db";
import type { SettledAgentJob } from "@/lib/jobs/await-agent-job";
import type { OnPremisesSession } from "@/lib/jobs/on-premises-session";
import { runAgentCmdlet } from "@/lib/jobs/run-agent-cmdlet";
import type { ActingContext } from "@/lib/tenants/acting-context";
import { agentGatherTransport } from "@/lib/wizard/gather/agent-gather-transport";
import type { GatherTransport } from "@/lib/wizard/gather/gather-transport";
import { agentTransport, type OperationTransport } from "@/lib/wizard/update/operation-transports";
import { onPremisesSessionForRun } from "./on-premises-session-for-run";

type CmdletOptions = Omit<Parameters<typeof runAgentCmdlet>[0], "db" | "queue" | "acting" | "session">;

/**
 * Every on-premises job of a run, as the run's Credentials page says: each kind made here with the
 * run's session (onPremisesSessionForRun), so a run with its own account sends every job —
 * detection, gathers, the domain proofs, the update's operations, Validate's probes — to the one
 * agent its password was sealed for, run as that account; a run without one, to any of the
 * tenant's agents as itself. Asked once, so a refusal (the account gone, its agent revoked) comes
 * before any job is queued.
 */
export interface RunOnPremises {
  session: OnPremisesSession | undefined;
  /** Reads (gathering, detection, the proofs); on `server` when named, else the agent's own. */
  gatherTransport(options?: { server?: string | undefined; timeoutMs?: number }): GatherTransport;
  /** One cmdlet and its settled outcome (the federation trust, a Validate probe). */
  runCmdlet(options: CmdletOptions): Promise<SettledAgentJob>;
  /** The update's reads and writes of one operation. */
  operationTransport(): OperationTransport;
}

export async function onPremisesForRun(options: {
  db: Db;
  queue: PgBoss;
  acting: ActingContext;
  runId: string;
}): Promise<RunOnPremises> {
  const { db, queue, acting } = options;
  const session = await onPremisesSessionForRun(options);
  const asRun = session ? { session } : {};
  return {
    session,
    gatherTransport: (transport = {}) =>
      agentGatherTransport({
        db,
        queue,
        acting,
        ...asRun,
        ...(transport.server ? { server: transport.server } : {}),
        ...(transport.timeoutMs ? { timeoutMs: transport.timeoutMs } : {}),
      }),
    runCmdlet: (cmdlet) => runAgentCmdlet({ db, queue, acting, ...cmdlet, ...asRun }),
    operationTransport: () => agentTransport({ db, queue, acting, ...asRun }),
  };
}
