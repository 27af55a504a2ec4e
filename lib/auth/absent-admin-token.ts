import type { Logger } from "pino";
import {
  confidentialClientFor,
  type DownstreamApi,
  type OnBehalfOfToken,
  tokenFailure,
  tokenOf,
} from "@/lib/auth/on-behalf-of-token";
import type { TokenCacheActing } from "@/lib/auth/token-cache-plugin";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";

// A token for a Microsoft API as an admin who is no longer here: an update they confirmed goes on
// after their browser closed, and across restarts, with no bearer token kept in a job or a row.
//
// On-behalf-of cannot serve it: its assertion is the admin's access token for our API, which expires
// within about an hour, and msal-node's acquireTokenOnBehalfOf never redeems the refresh token it
// cached with the first exchange (msal issue #5330), so it fails then. That refresh token sits in
// the admin's encrypted token cache (TokenCacheEntry); acquireTokenSilent for the admin's cached
// account answers from the cache while the access token is good and redeems that refresh token
// when it is not, writing the new tokens back (encrypted) for the next operation, whichever
// instance runs it. When Entra wants the admin themself (MFA again, a revoked session, an expired
// refresh token), the answer is `interaction_required`: the update pauses until they sign in again.

export const SIGN_IN_AGAIN = "Sign in again to continue";

export async function acquireTokenForAbsentAdmin(options: {
  api: DownstreamApi;
  db: Db;
  /**
   * The admin in the tenant the update acts in: their user row, Entra object id and user name, and
   * the Entra id of their home tenant (a partner's technician's is the partner's).
   */
  acting: TokenCacheActing & {
    actor: { userId: string; objectId: string; upn: string; homeEntraTenantId: string };
  };
  /** Where the token is for, when not the cache's tenant (confidentialClientFor's `authorityTenant`). */
  authorityTenant?: Pick<TokenCacheActing["tenant"], "cloud" | "entraTenantId">;
  logger?: Logger;
}): Promise<OnBehalfOfToken> {
  const { api } = options;
  const { actor } = options.acting;
  const tenant = options.authorityTenant ?? options.acting.tenant;
  const { app, config, authority } = await confidentialClientFor(options);
  // On-behalf-of caches tokens under the admin's account without an account record of its own, so
  // the account is named as msal keys it: `<object id>.<home tenant id>` in the cloud's authority.
  const account = {
    homeAccountId: `${actor.objectId}.${actor.homeEntraTenantId}`,
    environment: new URL(config.authorityUrl).host,
    tenantId: tenant.entraTenantId,
    username: actor.upn,
    localAccountId: actor.objectId,
  };
  try {
    return tokenOf(
      await app.acquireTokenSilent({ account, scopes: [`${api.resourceOf(config)}/.default`] }),
      authority,
      api,
    );
  } catch (error) {
    const failure = tokenFailure(error, authority, api);
    // No refresh token held, or one Entra no longer takes (expired, revoked): the admin's to renew, like MFA.
    if (failure instanceof AppError && ["interaction_required", "unauthenticated"].includes(failure.code)) {
      throw new AppError("interaction_required", `${SIGN_IN_AGAIN}: ${failure.message}`, failure.details);
    }
    throw failure;
  }
}
