import { createRemoteJWKSet, customFetch } from "jose";
import { Agent, fetch as undiciFetch } from "undici";
import type { CloudName } from "../identity/clouds";

export interface AuthorityKeySetsOptions {
  /** `https://<authority host>` of each cloud's identity provider; keys are at `<base>/<tenantId>/discovery/v2.0/keys`. */
  authorityBaseFor: (cloud: CloudName) => string;
  /** The CA that signed the identity provider's certificate, when it is not one Node trusts. */
  authorityCaPem?: string;
}

/**
 * The signing keys a tenant's tokens are checked with, read from its identity provider's JWKS as a
 * Microsoft resource does: one remote key set per tenant and cloud, refreshed by jose on unknown kids.
 */
export function createAuthorityKeySets(options: AuthorityKeySetsOptions) {
  const dispatcher = options.authorityCaPem
    ? new Agent({ connect: { ca: options.authorityCaPem } })
    : undefined;
  const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
  return function keySetFor(cloud: CloudName, tenantId: string) {
    const url = `${options.authorityBaseFor(cloud).replace(/\/$/, "")}/${tenantId}/discovery/v2.0/keys`;
    let keySet = keySets.get(url);
    if (!keySet) {
      keySet = createRemoteJWKSet(new URL(url), {
        [customFetch]: (input, init) =>
          undiciFetch(input, { ...init, dispatcher } as Parameters<
            typeof undiciFetch
          >[1]) as unknown as Promise<Response>,
      });
      keySets.set(url, keySet);
    }
    return keySet;
  };
}
