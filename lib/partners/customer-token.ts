import { acquireTokenForAbsentAdmin } from "@/lib/auth/absent-admin-token";
import type { DownstreamApi, OnBehalfOfToken } from "@/lib/auth/on-behalf-of-token";
import type { Db } from "@/lib/db";
import type { ActingTenant } from "@/lib/tenants/acting-context";
import type { ActingPartner } from "./acting-partner";

/**
 * A token for a Microsoft API as a partner's technician in one customer tenant, without their
 * browser: the one place a health check (on demand or scheduled) gets its delegated token.
 *
 * The technician signs in once, at home; starting a check (or setting up the schedule) trades that
 * sign-in on-behalf-of in the partner's tenant, which leaves their refresh token in their encrypted
 * token cache there (`TokenCacheEntry` of the partner's home tenant and the user). Entra's refresh
 * tokens are multi-tenant: redeemed at a customer's authority they give a token in that customer,
 * with the roles of the partner's delegated (GDAP) relationship — none where there is none. The
 * renewed tokens go back into the same cache for the next check, on whichever instance. When Entra
 * wants the technician themself, this throws `interaction_required` ("Sign in again to continue").
 */
export function acquireCustomerToken(options: {
  db: Db;
  api: DownstreamApi;
  partner: Pick<ActingPartner, "user"> & { homeTenant: ActingTenant };
  /** A customer already registered here, or one being added (lib/partners/relationships/add-customer.ts). */
  customer: Pick<ActingTenant, "cloud" | "entraTenantId">;
}): Promise<OnBehalfOfToken> {
  const { user, homeTenant } = options.partner;
  return acquireTokenForAbsentAdmin({
    api: options.api,
    db: options.db,
    acting: { tenant: homeTenant, actor: user },
    authorityTenant: options.customer,
  });
}
