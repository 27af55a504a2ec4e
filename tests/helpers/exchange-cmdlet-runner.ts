import type { Db } from "@/lib/db";
import { invokeExchangeOnlineCmdlet } from "@/lib/exchange/exchange-online-client";
import type { Tenant } from "@/lib/generated/prisma/client";
import { getQueue } from "@/lib/jobs/get-queue";
import { runAgentCmdlet } from "@/lib/jobs/run-agent-cmdlet";
import type { ActingContext } from "@/lib/tenants/acting-context";
import type { RunCmdlet } from "./apply-recording";

/** One cmdlet where it runs: on-premises as an agent job, in Exchange Online through the admin API client. */
export function exchangeCmdletRunner(options: {
  db: Db;
  acting: ActingContext;
  tenant: Tenant;
  accessToken: string;
}): RunCmdlet {
  return async (side, cmdlet, parameters) => {
    if (side === "Online") {
      return (
        await invokeExchangeOnlineCmdlet({
          tenant: options.tenant,
          accessToken: options.accessToken,
          cmdlet,
          parameters,
        })
      ).value;
    }
    const { outcome } = await runAgentCmdlet({
      db: options.db,
      queue: await getQueue(),
      acting: options.acting,
      cmdlet,
      parameters: parameters as Record<string, string | boolean | string[] | null>,
      timeoutMs: 30_000,
    });
    if (outcome.outcome !== "succeeded") throw new Error(`${cmdlet}: ${outcome.error.message}`);
    return outcome.result.objects as Record<string, unknown>[];
  };
}
