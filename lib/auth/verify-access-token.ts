import { decodeJwt, decodeProtectedHeader, type JWTVerifyGetKey, jwtVerify } from "jose";
import { z } from "zod";
import { accessTokenIssuer, type CloudConfig } from "@/lib/auth/clouds";
import {
  algorithmNotAllowedMessage,
  malformedMessage,
  rejectionForJoseError,
  rejectToken,
} from "@/lib/auth/token-rejection";
import { readTokenSubject, type TokenSubject, ZSubjectClaims } from "@/lib/auth/token-subject";

// The cryptographic and claims checks of an access token for this service's API, apart from the
// database: which tenant it names (read before anything is trusted) and whether it is genuine.

/** Entra signs access tokens with RS256 only; anything else (none, HS256 keyed with the public key) is refused unread. */
const ALLOWED_ALGORITHMS = ["RS256"];
/** Entra's and this server's clocks disagree a little; a minute of leeway (Microsoft's own libraries allow five) is enough. */
const CLOCK_SKEW_SECONDS = 60;
export const API_SCOPE = "access_as_user";

/** The Entra tenant (`tid`) a token claims to be from, and nothing else: it picks the keys, the keys decide. */
export function readUnverifiedEntraTenantId(token: string): string {
  let header: ReturnType<typeof decodeProtectedHeader>;
  let payload: ReturnType<typeof decodeJwt>;
  try {
    header = decodeProtectedHeader(token);
    payload = decodeJwt(token);
  } catch {
    throw rejectToken("malformed", malformedMessage("it cannot be decoded as a signed JSON Web Token"));
  }
  if (!ALLOWED_ALGORITHMS.includes(String(header.alg))) {
    throw rejectToken("algorithm_not_allowed", algorithmNotAllowedMessage(header.alg));
  }
  const tid = z.guid().safeParse(payload.tid);
  if (!tid.success) throw rejectToken("malformed", malformedMessage('it names no tenant in its "tid" claim'));
  return tid.data.toLowerCase();
}

const ZAccessTokenClaims = ZSubjectClaims.extend({
  tid: z.guid(),
  iat: z.number(),
  scp: z.string().optional(),
  amr: z.array(z.string()).default([]),
  unique_name: z.string().optional(),
  preferred_username: z.string().optional(),
  name: z.string().optional(),
}).transform((claims) => {
  // A partner's delegated token has no upn: Entra names them in unique_name.
  const upn = claims.upn ?? claims.preferred_username ?? claims.unique_name ?? claims.oid ?? "";
  return {
    claims: {
      tid: claims.tid.toLowerCase(),
      upn,
      name: claims.name ?? upn,
      scopes: claims.scp?.split(" ").filter(Boolean) ?? [],
      amr: claims.amr,
      wids: claims.wids,
      iat: claims.iat,
    },
    subject: claims,
  };
});

export type AccessTokenClaims = z.infer<typeof ZAccessTokenClaims>["claims"] & { subject: TokenSubject };

/**
 * Verifies signature, issuer (exactly this tenant's, in this cloud), audience (this service's
 * API), lifetime and scope. Every refusal is a 401 with its reason code.
 */
export async function verifyAccessToken(options: {
  token: string;
  config: CloudConfig;
  entraTenantId: string;
  keySet: JWTVerifyGetKey;
}): Promise<AccessTokenClaims> {
  const expected = {
    issuer: accessTokenIssuer(options.config, options.entraTenantId),
    audience: options.config.apiAudience,
    clientId: options.config.clientId,
  };
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(options.token, options.keySet, {
      algorithms: ALLOWED_ALGORITHMS,
      issuer: expected.issuer,
      audience: expected.audience,
      clockTolerance: CLOCK_SKEW_SECONDS,
      requiredClaims: ["exp", "iat", "tid"],
    }));
  } catch (error) {
    throw rejectionForJoseError(error, expected) ?? error;
  }
  const claims = ZAccessTokenClaims.safeParse(payload);
  if (!claims.success) {
    const claim = claims.error.issues[0]?.path.join(".") ?? "?";
    throw rejectToken("malformed", malformedMessage(`its "${claim}" claim is not valid`));
  }
  const subject = readTokenSubject(claims.data.subject, options.config, options.entraTenantId);
  if (!claims.data.claims.scopes.includes(API_SCOPE)) {
    throw rejectToken(
      "scope_missing",
      `The access token does not grant Hybrid Wizard's ${API_SCOPE} scope. Sign in again so that the app asks for it (${options.config.apiScope}).`,
    );
  }
  return { ...claims.data.claims, subject };
}
