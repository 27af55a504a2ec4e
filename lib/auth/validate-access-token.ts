import { cloudDisplayName, getCloudConfig } from "@/lib/auth/clouds";
import { tenantKeySet } from "@/lib/auth/jwks-cache";
import { rejectToken } from "@/lib/auth/token-rejection";
import {
  type AccessTokenClaims,
  readUnverifiedEntraTenantId,
  verifyAccessToken,
} from "@/lib/auth/verify-access-token";
import type { Db } from "@/lib/db";
import type { Tenant } from "@/lib/generated/prisma/client";

export interface ValidatedAccessToken {
  /** The raw token: what on-behalf-of trades for an Exchange Online token. */
  accessToken: string;
  tenant: Tenant;
  claims: AccessTokenClaims;
  /** The sign-in used multi-factor authentication (`amr` has "mfa"). */
  mfa: boolean;
}

/**
 * Validates `Authorization: Bearer <access token>` for this service's API: the token's tenant must
 * be registered here and its cloud configured, the token genuine and current (verify-access-token),
 * and MFA present unless the tenant allows sign-in without it. Refusals are 401s with a reason.
 */
export async function validateAccessToken(options: {
  db: Db;
  authorization: string | null;
}): Promise<ValidatedAccessToken> {
  const accessToken = /^Bearer\s+(\S+)\s*$/i.exec(options.authorization ?? "")?.[1];
  if (!accessToken) {
    throw rejectToken(
      "missing_token",
      "This request carries no access token (Authorization: Bearer …). Sign in to Hybrid Wizard and try again.",
    );
  }
  const entraTenantId = readUnverifiedEntraTenantId(accessToken);
  const tenant = await options.db.tenant.findUnique({ where: { entraTenantId } });
  if (!tenant) {
    throw rejectToken(
      "unknown_tenant",
      `Your organization (tenant ${entraTenantId}) is not registered with Hybrid Wizard. Ask whoever runs this Hybrid Wizard service to add it, then sign in again.`,
    );
  }
  const config = getCloudConfig(tenant.cloud);
  if (!config) {
    throw rejectToken(
      "cloud_not_configured",
      `${tenant.displayName} is in ${cloudDisplayName(tenant.cloud)}, which this Hybrid Wizard service is not set up for. Ask whoever runs it to configure its app registration for that cloud.`,
    );
  }
  const claims = await verifyAccessToken({
    token: accessToken,
    config,
    entraTenantId,
    keySet: await tenantKeySet(config, entraTenantId),
  });
  const mfa = claims.amr.includes("mfa");
  if (!mfa && tenant.mfaPolicy === "Required") {
    throw rejectToken(
      "mfa_required",
      `${tenant.displayName} requires multi-factor authentication (MFA) for Hybrid Wizard, and this sign-in did not use it. Set up MFA for your account (your organization's security info page) and sign in again, or ask a Global Administrator of ${tenant.displayName} to allow sign-in to Hybrid Wizard without MFA.`,
    );
  }
  return { accessToken, tenant, claims, mfa };
}
