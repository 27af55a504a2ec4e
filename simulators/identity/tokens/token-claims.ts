import { createHash } from "node:crypto";
import { CLOUDS, type CloudName } from "../clouds";
import {
  CLOUD_SERVICE_PROVIDER_ROLE_TEMPLATE_ID,
  DIRECTORY_ROLE_TEMPLATE_IDS,
  MEMBER_USER_ROLE_TEMPLATE_ID,
} from "../directory/directory-roles";
import type { TenantIdentity } from "../directory/load-directory";

// The claims of the tokens the simulator issues, in Entra's shapes: access tokens are v1.0
// (the default for an API registration, accessTokenAcceptedVersion 1); ID tokens are v2.0.
//
// A partner's user acting in a customer through a delegated (GDAP) relationship has no object in
// the customer's directory, so their access tokens there carry no `oid` and no `upn`: `idp` names
// their home tenant's issuer, `home_puid` their account there, `aai` marks the delegated (GDAP)
// grant, and `wids` holds the relationship's roles and the Cloud Service Provider marker. (Services
// that accept partner tokens check exactly this: no oid or upn, idp's tenant not the token's.)

export interface AccessTokenInput {
  identity: TenantIdentity;
  cloud: CloudName;
  /** The client the token was issued to (`appid`). */
  clientId: string;
  /** True when the client proved itself with a secret, as in on-behalf-of (`appidacr` "1"). */
  clientAuthenticated: boolean;
  audience: string;
  /** Short scope names, e.g. `access_as_user` or `Exchange.Manage`. */
  scopes: string[];
  amr: string[];
  issuedAt: number;
  expiresAt: number;
  tokenId: string;
}

export function accessTokenIssuer(cloud: CloudName, tenantId: string): string {
  return `https://${CLOUDS[cloud].accessTokenIssuerHost}/${tenantId}/`;
}

export function buildAccessTokenClaims(input: AccessTokenInput): Record<string, unknown> {
  const { identity, cloud } = input;
  return {
    aud: input.audience,
    iss: accessTokenIssuer(cloud, identity.tenant.tenantId),
    iat: input.issuedAt,
    nbf: input.issuedAt,
    exp: input.expiresAt,
    acr: "1",
    amr: input.amr,
    appid: input.clientId,
    appidacr: input.clientAuthenticated ? "1" : "0",
    ...(identity.viaPartnerRelationship
      ? partnerClaims(identity)
      : { oid: identity.user.objectId, puid: puidOf(identity), upn: identity.user.userPrincipalName }),
    name: identity.user.displayName,
    scp: input.scopes.join(" "),
    sub: identity.user.objectId,
    tid: identity.tenant.tenantId,
    unique_name: identity.user.userPrincipalName,
    uti: input.tokenId,
    ver: "1.0",
    wids: roleTemplateIds(identity),
  };
}

/** Claims of a v2.0 ID token beyond the protocol ones oidc-provider sets (iss, aud, exp, nonce...). */
export function buildIdTokenClaims(identity: TenantIdentity): Record<string, unknown> & { sub: string } {
  return {
    sub: identity.user.objectId,
    oid: identity.user.objectId,
    tid: identity.tenant.tenantId,
    name: identity.user.displayName,
    preferred_username: identity.user.userPrincipalName,
    ...(identity.viaPartnerRelationship ? { idp: homeIssuer(identity) } : {}),
    ver: "2.0",
  };
}

/** Entra's `client_info`: MSAL keys accounts by it (`<uid>.<utid>`). */
export function encodeClientInfo(identity: TenantIdentity): string {
  const info = { uid: identity.user.objectId, utid: identity.homeTenant.tenantId };
  return Buffer.from(JSON.stringify(info)).toString("base64url");
}

function roleTemplateIds(identity: TenantIdentity): string[] {
  const roles = identity.directoryRoles.map((role) => DIRECTORY_ROLE_TEMPLATE_IDS[role]);
  return identity.viaPartnerRelationship
    ? [...roles, CLOUD_SERVICE_PROVIDER_ROLE_TEMPLATE_ID]
    : [...roles, MEMBER_USER_ROLE_TEMPLATE_ID];
}

/**
 * Entra's account id (PUID) of the user in their home tenant: 16 hex digits, stable per account.
 * The simulator derives it from the object id rather than keep a second id per user.
 */
export function puidOf(identity: Pick<TenantIdentity, "user">): string {
  return createHash("sha256").update(identity.user.objectId).digest("hex").slice(0, 16).toUpperCase();
}

function homeIssuer(identity: TenantIdentity): string {
  return accessTokenIssuer(identity.homeTenant.cloud, identity.homeTenant.tenantId);
}

/** A partner's user in a customer: identified by their home tenant and home account, not by an object here. */
function partnerClaims(identity: TenantIdentity) {
  const grant = createHash("sha256")
    .update(`${identity.homeTenant.tenantId}/${identity.tenant.tenantId}`)
    .digest("base64url");
  return { idp: homeIssuer(identity), home_puid: puidOf(identity), aai: grant.slice(0, 22) };
}
