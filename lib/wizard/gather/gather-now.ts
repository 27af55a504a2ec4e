import type { Logger } from "pino";
import type { Db } from "@/lib/db";
import type { ExchangeOnlineCaller } from "@/lib/exchange/exchange-online-client";
import { acquireExchangeOnlineToken } from "@/lib/exchange/exchange-online-token";
import { getQueue } from "@/lib/jobs/get-queue";
import type { UserActingContext } from "@/lib/tenants/acting-context";
import { agentGatherTransport } from "./agent-gather-transport";
import { exchangeOnlineGatherTransport } from "./exchange-online-gather-transport";
import { type GatherResult, gatherOrganization } from "./gather-organization";

/**
 * Both sides read again now, as the acting admin: through the tenant's agent and Exchange Online on
 * their behalf. Done's checks, Undo and the certificate plan start from it; the caller keeps the
 * Exchange Online caller for what it asks next.
 */
export async function gatherNow(options: {
  db: Db;
  acting: UserActingContext;
  logger?: Logger;
}): Promise<GatherResult & { online: ExchangeOnlineCaller }> {
  const { accessToken } = await acquireExchangeOnlineToken(options);
  const online = { tenant: options.acting.tenant, accessToken };
  const result = await gatherOrganization({
    acting: options.acting,
    onPremises: agentGatherTransport({ db: options.db, queue: await getQueue(), acting: options.acting }),
    online: exchangeOnlineGatherTransport(online),
  });
  return { ...result, online };
}
