import type { KoaContextWithOIDC } from "oidc-provider";

// How the user behind the access token being minted authenticated (`amr`). Tokens from a code (or a
// device code) or a
// refresh token carry it on those; an on-behalf-of token takes it from the user's assertion, which
// the grant handler records here for the request.

const assertionMethods = new WeakMap<KoaContextWithOIDC, string[]>();

export function rememberAssertionMethods(ctx: KoaContextWithOIDC, amr: string[]): void {
  assertionMethods.set(ctx, amr);
}

export function authenticationMethodsFor(ctx: KoaContextWithOIDC): string[] {
  const { AuthorizationCode, DeviceCode, RefreshToken } = ctx.oidc.entities;
  const amr = AuthorizationCode?.amr ?? DeviceCode?.amr ?? RefreshToken?.amr ?? assertionMethods.get(ctx);
  if (!amr) throw new Error("no sign-in is known for the access token being issued");
  return amr;
}
