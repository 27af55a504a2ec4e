import {
  AuthError,
  type AuthenticationResult,
  ConfidentialClientApplication,
  InteractionRequiredAuthError,
  ServerError,
} from "@azure/msal-node";
import type { Logger } from "pino";
import { type CloudConfig, requireCloudConfig, tenantAuthority } from "@/lib/auth/clouds";
import { createTokenCachePlugin, type TokenCacheActing } from "@/lib/auth/token-cache-plugin";
import type { Db } from "@/lib/db";
import { getTokenCacheEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { UserActingContext } from "@/lib/tenants/acting-context";

// A token for a Microsoft API (Exchange Online, Microsoft Graph) for the signed-in admin, by
// on-behalf-of from the access token they called this service with. One token cache per tenant and
// user holds every API's tokens, encrypted in Postgres, so another instance or a worker handed the
// same assertion gets the same token without asking Entra again.

export interface OnBehalfOfToken {
  accessToken: string;
  expiresOn: Date;
}

/** A Microsoft API the service acts in for the admin. */
export interface DownstreamApi {
  /** As an admin knows it: "Exchange Online", "Microsoft Graph". */
  name: string;
  /** Its resource in the cloud (the token audience); the request asks for `<resource>/.default`. */
  resourceOf(config: CloudConfig): string;
}

/** Entra's "MFA required" answers: 50076 (by policy), 50079 (registration required). */
const MFA_ERRORS = /^AADSTS5007[69]\b/;

/** The service's confidential client in the tenant's cloud, over the user's encrypted token cache. */
export async function confidentialClientFor(options: {
  api: DownstreamApi;
  db: Db;
  acting: TokenCacheActing;
  /**
   * The tenant whose authority issues the tokens, when it is not the cache's: a partner's
   * technician's cache is kept in their home tenant, and their refresh token from there gets tokens
   * in each customer (Entra's refresh tokens are multi-tenant).
   */
  authorityTenant?: Pick<TokenCacheActing["tenant"], "cloud" | "entraTenantId">;
  logger?: Logger;
}): Promise<{ app: ConfidentialClientApplication; config: CloudConfig; authority: string }> {
  const { acting, api } = options;
  const tenant = options.authorityTenant ?? acting.tenant;
  const config = requireCloudConfig(tenant.cloud);
  if (!config.clientSecret) {
    throw new AppError(
      "unavailable",
      `This service cannot act in ${api.name} in ${config.displayName}: its client secret for that cloud is not configured.`,
    );
  }
  const authority = tenantAuthority(config, tenant.entraTenantId);
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      authority,
      knownAuthorities: [new URL(config.authorityUrl).host],
    },
    cache: {
      cachePlugin: createTokenCachePlugin({
        db: options.db,
        acting,
        keyRing: getTokenCacheEnv().TOKEN_CACHE_KEYS,
        logger: options.logger,
      }),
    },
  });
  // msal-node's on-behalf-of looks only at the in-memory cache and never asks the plugin before a
  // lookup, so load the persisted cache first, as its own acquireTokenSilent does.
  await app.getTokenCache().overwriteCache();
  return { app, config, authority };
}

/** The acting admin's token for `api`; their access token for our API is the assertion. */
export async function acquireOnBehalfOfToken(options: {
  api: DownstreamApi;
  db: Db;
  acting: UserActingContext;
  logger?: Logger;
}): Promise<OnBehalfOfToken> {
  const { acting, api } = options;
  const { app, config, authority } = await confidentialClientFor(options);
  let result: Awaited<ReturnType<ConfidentialClientApplication["acquireTokenOnBehalfOf"]>>;
  try {
    result = await app.acquireTokenOnBehalfOf({
      oboAssertion: acting.actor.accessToken,
      scopes: [`${api.resourceOf(config)}/.default`],
    });
  } catch (error) {
    throw tokenFailure(error, authority, api);
  }
  return tokenOf(result, authority, api);
}

export function tokenOf(result: AuthenticationResult | null, authority: string, api: DownstreamApi) {
  if (!result?.accessToken || !result.expiresOn) {
    throw new AppError("unavailable", `The identity provider at ${authority} returned no ${api.name} token.`);
  }
  return { accessToken: result.accessToken, expiresOn: result.expiresOn };
}

/**
 * Entra's AADSTS number for a refusal, the one an admin looks up. msal keeps it apart on a
 * ServerError (`errorNo`, from the answer's `error_codes`), whose message it prefixes with
 * "Error(s): …"; its other errors carry Entra's description, which begins with it.
 */
function aadstsOf(error: AuthError): string | undefined {
  const number = error instanceof ServerError ? error.errorNo : undefined;
  return number ? `AADSTS${number}` : /\bAADSTS\d+/.exec(error.errorMessage)?.[0];
}

/** msal's errors as AppErrors that tell the admin what to do. */
export function tokenFailure(error: unknown, authority: string, api: DownstreamApi): unknown {
  if (error instanceof InteractionRequiredAuthError) {
    const message = MFA_ERRORS.test(error.errorMessage)
      ? `Sign in again: ${api.name} requires multi-factor authentication (MFA) for this account.`
      : `Sign in again: ${api.name} needs you to sign in before this service can act for you.`;
    // The browser passes the claims challenge to MSAL so the new sign-in satisfies the policy.
    return new AppError("interaction_required", message, error.claims ? { claims: error.claims } : undefined);
  }
  const reason =
    error instanceof AuthError ? [error.errorCode, aadstsOf(error)].filter(Boolean).join(", ") : "";
  if (error instanceof ServerError && error.errorCode === "invalid_grant") {
    return new AppError(
      "unauthenticated",
      `Sign in again: the identity provider did not accept your sign-in for ${api.name} (${reason}).`,
    );
  }
  if (error instanceof ServerError) {
    return new AppError(
      "unavailable",
      `The identity provider at ${authority} refused this service's on-behalf-of request (${reason}).`,
    );
  }
  if (error instanceof AuthError) {
    return new AppError(
      "unavailable",
      `Could not get a ${api.name} token from the identity provider at ${authority} (${reason}).`,
    );
  }
  return error;
}
