import { createRemoteJWKSet, type JWTVerifyGetKey, errors as joseErrors } from "jose";
import { z } from "zod";
import { type CloudConfig, tenantAuthority } from "@/lib/auth/clouds";
import { AppError } from "@/lib/errors";
import { getLogger } from "@/lib/logger";

// The signing keys of a tenant's authority, found the way OpenID Connect says: the tenant's
// discovery document names its jwks_uri. Both are cached in this process; they are only caches,
// so every web instance keeps its own and nothing another instance needs lives here.

/** Discovery documents change rarely (Entra's never do for a tenant); a day is plenty. */
const DISCOVERY_MAX_AGE_MS = 24 * 3600 * 1000;
/** After a failed discovery, callers get the same failure for a moment instead of a fetch each. */
const DISCOVERY_RETRY_AFTER_MS = 5_000;
/** Keys are re-read this often even when every kid is known, so withdrawn keys drop out. */
const JWKS_MAX_AGE_MS = 10 * 60 * 1000;
/**
 * An unknown kid re-reads the key set, but not more often than this per key set. Entra publishes
 * a new key before signing with it; an emergency rotation (and the simulator's, which signs at
 * once) is picked up within seconds. Only registered tenants reach a key set, and each re-read
 * needs a request with an unknown kid, so this cannot be used to make the service fetch at will.
 */
export const JWKS_REFETCH_COOLDOWN_MS = 5_000;
const FETCH_TIMEOUT_MS = 5_000;

const ZDiscoveryDocument = z.object({ jwks_uri: z.url({ protocol: /^https$/ }) });

interface CachedDiscovery {
  jwksUri: Promise<string>;
  expiresAt: number;
}

interface Caches {
  discovery: Map<string, CachedDiscovery>;
  keySets: Map<string, JWTVerifyGetKey>;
}

// On globalThis: Next may bundle this module into several route chunks, which must share one cache.
const holder = globalThis as unknown as { hybridWizardJwksCaches?: Caches };
holder.hybridWizardJwksCaches ??= { discovery: new Map(), keySets: new Map() };
const caches = holder.hybridWizardJwksCaches;

/**
 * Resolves the key that signed a token of this tenant. Failing to reach the authority is the
 * service's problem, not the token's: it becomes a 503 that says so.
 */
export async function tenantKeySet(config: CloudConfig, entraTenantId: string): Promise<JWTVerifyGetKey> {
  const jwksUri = await discoverJwksUri(config, entraTenantId);
  let keySet = caches.keySets.get(jwksUri);
  if (!keySet) {
    const remote = createRemoteJWKSet(new URL(jwksUri), {
      cacheMaxAge: JWKS_MAX_AGE_MS,
      cooldownDuration: JWKS_REFETCH_COOLDOWN_MS,
      timeoutDuration: FETCH_TIMEOUT_MS,
    });
    const verifyKey: JWTVerifyGetKey = async (header, token) => {
      try {
        return await remote(header, token);
      } catch (error) {
        if (
          error instanceof joseErrors.JWKSNoMatchingKey ||
          error instanceof joseErrors.JWKSMultipleMatchingKeys
        )
          throw error;
        throw authorityUnreachable(config, error);
      }
    };
    keySet = verifyKey;
    caches.keySets.set(jwksUri, keySet);
  }
  return keySet;
}

async function discoverJwksUri(config: CloudConfig, entraTenantId: string): Promise<string> {
  const url = `${tenantAuthority(config, entraTenantId)}/v2.0/.well-known/openid-configuration`;
  const cached = caches.discovery.get(url);
  if (cached && cached.expiresAt > Date.now()) return cached.jwksUri;
  const entry: CachedDiscovery = {
    jwksUri: fetchJwksUri(url).catch((error: unknown) => {
      entry.expiresAt = Date.now() + DISCOVERY_RETRY_AFTER_MS;
      throw authorityUnreachable(config, error);
    }),
    expiresAt: Date.now() + DISCOVERY_MAX_AGE_MS,
  };
  caches.discovery.set(url, entry);
  return entry.jwksUri;
}

async function fetchJwksUri(url: string): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: "error" });
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  return ZDiscoveryDocument.parse(await response.json()).jwks_uri;
}

function authorityUnreachable(config: CloudConfig, cause: unknown): AppError {
  if (cause instanceof AppError) return cause;
  getLogger().warn(
    { err: cause, authority: config.authorityUrl },
    "could not read the authority's signing keys",
  );
  return new AppError(
    "unavailable",
    `Hybrid Wizard could not read the signing keys of Microsoft Entra ID (${config.displayName}, ${config.authorityUrl}) to check your sign-in. Try again in a minute.`,
  );
}
