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

/** POST /api/exchange-online/compliance-connection: Security & Compliance reached with the same sign-in. */
export const ZComplianceConnectionResponseSchema = z.object({
  /** The cloud's Security & Compliance host, e.g. ps.compliance.protection.outlook.com */
  endpoint: z.string(),
  /** Names of the sensitivity labels Get-Label read, by priority. */
  labels: z.array(z.string()),
});
export type ComplianceConnectionResponse = z.infer<typeof ZComplianceConnectionResponseSchema>;
