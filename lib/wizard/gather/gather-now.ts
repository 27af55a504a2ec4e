import type { Logger } from "pino";
import type { Db } from "@/lib/db";
import type { ExchangeOnlineCaller } from "@/lib/exchange/exchange-online-client";
import { acquireExchangeOnlineToken } from "@/lib/exchange/exchange-online-token";
import { getQueue } from "@/lib/jobs/get-queue";
import type { ActingContext, UserActingContext } from "@/lib/tenants/acting-context";
import { onPremisesForRun, type RunOnPremises } from "@/lib/wizard/credentials/on-premises-for-run";
import { exchangeOnlineGatherTransport } from "./exchange-online-gather-transport";
import { type GatherResult, gatherOrganization } from "./gather-organization";

/**
 * Both sides of a run read again now: on-premises as the run reads (its own account on its agent,
 * or the agent's), Exchange Online on the acting admin's behalf. Done's checks, Undo and the
 * certificate plan start from it; the caller keeps both sides' ways in for what it asks next.
 */
export async function gatherNow(options: {
  db: Db;
  acting: UserActingContext;
  runId: string;
  logger?: Logger;
}): Promise<GatherResult & { online: ExchangeOnlineCaller; onPremises: RunOnPremises }> {
  const { accessToken } = await acquireExchangeOnlineToken(options);
  return gatherRunWithToken({ ...options, accessToken });
}

/** The same, with an Exchange Online token already in hand (an absent admin's, in a worker). */
export async function gatherRunWithToken(options: {
  db: Db;
  acting: ActingContext;
  runId: string;
  accessToken: string;
}): Promise<GatherResult & { online: ExchangeOnlineCaller; onPremises: RunOnPremises }> {
  const { db, acting, runId, accessToken } = options;
  const onPremises = await onPremisesForRun({ db, queue: await getQueue(), acting, runId });
  const online = { tenant: acting.tenant, accessToken };
  const result = await gatherOrganization({
    acting,
    onPremises: onPremises.gatherTransport(),
    online: exchangeOnlineGatherTransport(online),
  });
  return { ...result, online, onPremises };
}
