import { z } from "zod";
import type { ExchangeOnlineConnectionResponse } from "@/lib/contracts/exchange-online";
import { AppError } from "@/lib/errors";
import { invokeExchangeOnlineCmdlet } from "@/lib/exchange/exchange-online-client";
import type { ActingContext } from "@/lib/tenants/acting-context";

// What the Exchange Online credentials card shows once the admin's token works: the organization
// it reaches, read with Get-OrganizationConfig (any Exchange admin may run it, and it changes nothing).

const ZOrganizationConfigSchema = z.looseObject({
  Name: z.string(),
  DisplayName: z.string().optional(),
  Identity: z.string(),
  Guid: z.string().optional(),
});

export async function checkExchangeOnlineConnection(options: {
  acting: ActingContext;
  /** The acting admin's Exchange Online token (acquireExchangeOnlineToken). */
  accessToken: string;
}): Promise<ExchangeOnlineConnectionResponse> {
  const { value } = await invokeExchangeOnlineCmdlet({
    tenant: options.acting.tenant,
    accessToken: options.accessToken,
    cmdlet: "Get-OrganizationConfig",
  });
  const config = ZOrganizationConfigSchema.safeParse(value[0]);
  if (!config.success) {
    throw new AppError(
      "unavailable",
      "Exchange Online answered Get-OrganizationConfig without an organization.",
    );
  }
  return {
    organizationName: config.data.Name,
    displayName: config.data.DisplayName ?? config.data.Name,
    identity: config.data.Identity,
    organizationGuid: config.data.Guid,
  };
}
