import { getCloudConfig, tenantAuthority } from "@/lib/auth/clouds";
import type { SignInRealm } from "@/lib/contracts/sign-in-realm";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";

// Home realm discovery: from the account an admin types, the tenant and cloud to sign in at.
// Only tenants the service knows are found; their tokens are the only ones it would accept anyway.

/** `account` as ZSignInAccountSchema (lib/contracts/sign-in-realm.ts) parsed it. */
export async function findSignInRealm(options: { db: Db; account: string }): Promise<SignInRealm> {
  const { account } = options;
  const domain = account.slice(account.indexOf("@") + 1);
  const tenant = await options.db.tenant.findFirst({
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
    entraTenantId: tenant.entraTenantId,
    tenantDisplayName: tenant.displayName,
    cloud: tenant.cloud,
    cloudDisplayName: config.displayName,
    authority: tenantAuthority(config, tenant.entraTenantId),
    knownAuthority: new URL(config.authorityUrl).host,
    clientId: config.clientId,
    apiScope: config.apiScope,
  };
}
