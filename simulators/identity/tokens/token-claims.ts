import { CLOUDS, type CloudName } from "../clouds";
import { DIRECTORY_ROLE_TEMPLATE_IDS, MEMBER_USER_ROLE_TEMPLATE_ID } from "../directory/directory-roles";
import type { TenantIdentity } from "../directory/load-directory";

// The claims of the tokens the simulator issues, in Entra's shapes: access tokens are v1.0
// (the default for an API registration, accessTokenAcceptedVersion 1); ID tokens are v2.0.

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
    ...partnerClaims(identity),
    name: identity.user.displayName,
    oid: identity.user.objectId,
    scp: input.scopes.join(" "),
    sub: identity.user.objectId,
    tid: identity.tenant.tenantId,
    unique_name: identity.user.userPrincipalName,
    upn: identity.user.userPrincipalName,
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
    ...partnerClaims(identity),
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
  return identity.viaPartnerRelationship ? roles : [...roles, MEMBER_USER_ROLE_TEMPLATE_ID];
}

/** A partner's user is identified by the identity provider of their home tenant. */
function partnerClaims(identity: TenantIdentity): { idp?: string } {
  return identity.viaPartnerRelationship
    ? { idp: accessTokenIssuer(identity.homeTenant.cloud, identity.homeTenant.tenantId) }
    : {};
}
