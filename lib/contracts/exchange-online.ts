import { z } from "zod";

/** POST /api/exchange-online/connection: the organization the admin's sign-in reaches in Exchange Online. */
export const ZExchangeOnlineConnectionResponseSchema = z.object({
  /** e.g. contoso.onmicrosoft.com */
  organizationName: z.string(),
  /** e.g. Contoso */
  displayName: z.string(),
  identity: z.string(),
  organizationGuid: z.string().optional(),
});
export type ExchangeOnlineConnectionResponse = z.infer<typeof ZExchangeOnlineConnectionResponseSchema>;
