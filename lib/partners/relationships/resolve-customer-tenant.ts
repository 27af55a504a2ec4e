import { z } from "zod";
import { type CloudConfig, tenantAuthority } from "@/lib/auth/clouds";
import { AppError } from "@/lib/errors";

// A customer named by tenant id or by one of its domains, as Entra's id: a domain is looked up the
// way Entra itself resolves one, through the tenant's OpenID discovery document in the partner's
// cloud (GDAP relationships never cross clouds).

const isGuid = (value: string | undefined) => z.guid().safeParse(value).success;
const FETCH_TIMEOUT_MS = 10_000;
const ZDiscovery = z.object({ issuer: z.string() });

export async function resolveCustomerTenant(config: CloudConfig, customer: string): Promise<string> {
  if (isGuid(customer)) return customer.toLowerCase();
  const url = `${tenantAuthority(config, customer)}/v2.0/.well-known/openid-configuration`;
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: "error" });
  } catch {
    throw new AppError(
      "unavailable",
      `Entra ID (${new URL(config.authorityUrl).host}) could not be reached to look up ${customer}. Try again, or enter the customer's tenant id.`,
    );
  }
  const issuer = response.ok ? ZDiscovery.safeParse(await response.json().catch(() => undefined)) : undefined;
  const tenantId = issuer?.success ? /\/([0-9a-f-]{36})\//i.exec(issuer.data.issuer)?.[1] : undefined;
  if (!tenantId || !isGuid(tenantId)) {
    throw new AppError(
      "validation_failed",
      `No ${config.displayName} tenant has the domain ${customer}: check the spelling, or enter the customer's tenant id.`,
      { field: "customer" },
    );
  }
  return tenantId.toLowerCase();
}
