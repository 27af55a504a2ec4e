import {
  AuthError,
  ConfidentialClientApplication,
  InteractionRequiredAuthError,
  ServerError,
} from "@azure/msal-node";
import type { Logger } from "pino";
import { requireCloudConfig, tenantAuthority } from "@/lib/auth/clouds";
import type { Db } from "@/lib/db";
import { getTokenCacheEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createTokenCachePlugin } from "@/lib/exchange/token-cache-plugin";
import type { UserActingContext } from "@/lib/tenants/acting-context";

// An Exchange Online token for the signed-in admin, by on-behalf-of from the access token they
// called this service with. The token cache lives encrypted in Postgres, so another instance or a
// worker handed the same assertion gets the same token without asking Entra again.

export interface ExchangeOnlineToken {
  accessToken: string;
  expiresOn: Date;
}

const MFA_REQUIRED =
  "Sign in again: Exchange Online requires multi-factor authentication (MFA) for this account.";
/** Entra's "MFA required" answers: 50076 (by policy), 50079 (registration required). */
const MFA_ERRORS = /^AADSTS5007[69]\b/;

/** The acting admin's Exchange Online token; their access token for our API is the assertion. */
export async function acquireExchangeOnlineToken(options: {
  db: Db;
  acting: UserActingContext;
  logger?: Logger;
}): Promise<ExchangeOnlineToken> {
  const { acting } = options;
  const { tenant } = acting;
  const config = requireCloudConfig(tenant.cloud);
  if (!config.clientSecret) {
    throw new AppError(
      "unavailable",
      `This service cannot act in Exchange Online in ${config.displayName}: its client secret for that cloud is not configured.`,
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

  let result: Awaited<ReturnType<ConfidentialClientApplication["acquireTokenOnBehalfOf"]>>;
  try {
    result = await app.acquireTokenOnBehalfOf({
      oboAssertion: acting.actor.accessToken,
      scopes: [`${config.exchangeResource}/.default`],
    });
  } catch (error) {
    throw asAppError(error, authority);
  }
  if (!result?.accessToken || !result.expiresOn) {
    throw new AppError(
      "unavailable",
      `The identity provider at ${authority} returned no Exchange Online token.`,
    );
  }
  return { accessToken: result.accessToken, expiresOn: result.expiresOn };
}

function asAppError(error: unknown, authority: string): unknown {
  if (error instanceof InteractionRequiredAuthError) {
    const message = MFA_ERRORS.test(error.errorMessage)
      ? MFA_REQUIRED
      : "Sign in again: Exchange Online needs you to sign in before this service can act for you.";
    // The browser passes the claims challenge to MSAL so the new sign-in satisfies the policy.
    return new AppError("interaction_required", message, error.claims ? { claims: error.claims } : undefined);
  }
  const aadsts = error instanceof AuthError ? /^AADSTS\d+/.exec(error.errorMessage)?.[0] : undefined;
  const reason = error instanceof AuthError ? [error.errorCode, aadsts].filter(Boolean).join(", ") : "";
  if (error instanceof ServerError && error.errorCode === "invalid_grant") {
    return new AppError(
      "unauthenticated",
      `Sign in again: the identity provider did not accept your sign-in for Exchange Online (${reason}).`,
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
      `Could not get an Exchange Online token from the identity provider at ${authority} (${reason}).`,
    );
  }
  return error;
}
