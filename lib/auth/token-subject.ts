import { z } from "zod";
import { accessTokenIssuer, type CloudConfig } from "@/lib/auth/clouds";
import { malformedMessage, rejectToken } from "@/lib/auth/token-rejection";

// Who an access token is about. Two shapes reach this service:
// - a person of the token's tenant (a member, or a B2B guest, who has an object there too): `oid`;
// - a partner's technician acting in a customer through a delegated (GDAP) relationship. They have
//   no object in the customer's directory, so Entra's token there carries no `oid` and no `upn`:
//   `idp` is their home tenant's issuer, `home_puid` their account there, `aai` marks the delegated
//   grant, and `wids` holds the relationship's roles with the Cloud Service Provider marker.
// A token that mixes the two, or names a home tenant that is the token's own, is refused.

/** The template id Entra puts in `wids` for a partner's user acting through a relationship. */
export const CLOUD_SERVICE_PROVIDER_ROLE_TEMPLATE_ID = "08372b87-7d02-482a-9e02-fb03ea5fe193";

export type TokenSubject =
  | {
      kind: "member";
      /** Object id in the token's tenant. */
      objectId: string;
      /** Entra's account id, when the token carries it (v1.0 tokens do). */
      puid: string | null;
    }
  | {
      kind: "partner";
      /** Entra's id of the technician's home (the partner's) tenant, from `idp`. */
      homeEntraTenantId: string;
      /** Their account in that tenant. */
      homePuid: string;
    };

export const ZSubjectClaims = z.looseObject({
  oid: z.guid().optional(),
  puid: z.string().min(1).optional(),
  idp: z.string().optional(),
  aai: z.string().optional(),
  home_puid: z.string().min(1).optional(),
  upn: z.string().optional(),
  wids: z.array(z.string()).default([]),
});

function refuse(why: string): never {
  throw rejectToken("malformed", malformedMessage(why));
}

/** The home tenant an `idp` names, when it is an issuer of this cloud's token service. */
function homeTenantOf(idp: string, config: CloudConfig): string | undefined {
  const tenantId = /\/([^/]+)\/?$/.exec(idp)?.[1]?.toLowerCase() ?? "";
  if (!z.guid().safeParse(tenantId).success) return undefined;
  return accessTokenIssuer(config, tenantId) === idp ? tenantId : undefined;
}

export function readTokenSubject(
  claims: z.infer<typeof ZSubjectClaims>,
  config: CloudConfig,
  entraTenantId: string,
): TokenSubject {
  if (claims.oid) {
    return { kind: "member", objectId: claims.oid.toLowerCase(), puid: claims.puid ?? null };
  }
  if (!claims.idp) refuse('it names no user: no "oid" claim, and no "idp" of a partner');
  if (claims.upn) refuse('it has a "upn" but no "oid": a partner\'s delegated token has neither');
  if (!claims.aai || !claims.wids.includes(CLOUD_SERVICE_PROVIDER_ROLE_TEMPLATE_ID)) {
    refuse('it has no "oid" and is not a delegated (GDAP) token of a partner');
  }
  const home = homeTenantOf(claims.idp, config);
  if (!home) refuse(`its "idp" claim is not an issuer of this cloud's Entra ID`);
  if (home === entraTenantId) refuse(`its "idp" claim names the token's own tenant as the partner's`);
  if (!claims.home_puid) refuse('it names no account in the partner\'s tenant ("home_puid")');
  return { kind: "partner", homeEntraTenantId: home, homePuid: claims.home_puid };
}
