import { z } from "zod";
import { getCloudConfig, tenantAuthority } from "@/lib/auth/clouds";
import type { SignInRealm } from "@/lib/auth/sign-in-realm";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";

// Home realm discovery: from the account an admin types, the tenant and cloud to sign in at.
// Only tenants the service knows are found; their tokens are the only ones it would accept anyway.

// An account is at most 254 characters (RFC 5321's path limit; Entra's UPNs are shorter still).
const MAX_ACCOUNT_LENGTH = 254;

// Each character is looked at a bounded number of times: the local part and the domain's labels
// cannot hold the separator that ends them, so there is only one way to split an account.
// (The earlier `[^@\s]+\.[^@\s]+` let dots belong to either side and backtracked quadratically.)
const ACCOUNT_SHAPE = /^[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+$/;

export const ZSignInAccount = z
  .string()
  .trim()
  // Checked first, and stops the checks after it: no pattern runs on an unbounded string.
  .max(MAX_ACCOUNT_LENGTH, {
    abort: true,
    error: `An account is at most ${MAX_ACCOUNT_LENGTH} characters; enter your work account, e.g. admin@contoso.onmicrosoft.com`,
  })
  .toLowerCase()
  .regex(ACCOUNT_SHAPE, "Enter your work account, e.g. admin@contoso.onmicrosoft.com");

export async function findSignInRealm(db: Db, account: string): Promise<SignInRealm> {
  const domain = account.slice(account.indexOf("@") + 1);
  const tenant = await db.tenant.findFirst({
    where: { initialDomain: { equals: domain, mode: "insensitive" } },
  });
  if (!tenant) {
    throw new AppError(
      "not_found",
      `No organization using Hybrid Wizard has the domain ${domain}. Sign in with your organization's admin account (for example admin@contoso.onmicrosoft.com), or ask your partner to add your organization.`,
      { reason: "unknown_domain" },
    );
  }
  const config = getCloudConfig(tenant.cloud);
  if (!config) {
    throw new AppError(
      "unavailable",
      `${tenant.displayName} is in a cloud this Hybrid Wizard service is not set up for. Ask the service operator to configure its app registration for that cloud.`,
      { reason: "cloud_not_configured" },
    );
  }
  return {
    tenantId: tenant.entraTenantId,
    tenantDisplayName: tenant.displayName,
    cloud: tenant.cloud,
    cloudDisplayName: config.displayName,
    authority: tenantAuthority(config, tenant.entraTenantId),
    knownAuthority: new URL(config.authorityUrl).host,
    clientId: config.clientId,
    apiScope: config.apiScope,
  };
}
