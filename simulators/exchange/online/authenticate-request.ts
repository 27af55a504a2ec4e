import { errors, type JWTPayload, jwtVerify } from "jose";
import { type AuthorityKeySetsOptions, createAuthorityKeySets } from "../../shared/authority-key-sets";
import type { Cloud } from "../model/organization-state";
import { EXCHANGE_CLOUDS } from "./exchange-clouds";

/** Entra directory roles that may run Exchange cmdlets: Global Administrator, Exchange Administrator. */
export const EXCHANGE_ADMIN_ROLE_IDS = [
  "62e90394-69f5-4237-9190-012177145e10",
  "29232cdf-9323-42fd-ade2-1d097af3e4de",
];

/**
 * Global Reader: Exchange Online gives it the View-Only Organization Management role group, so
 * its Get- cmdlets run and nothing else does.
 */
export const READ_ONLY_ROLE_IDS = ["f2ef992c-3afb-46b9-b7cf-a126ee74c451"];

export type AuthenticationResult =
  | { ok: true; claims: JWTPayload; readOnly: boolean }
  | { ok: false; status: 401 | 403; code: string; message: string };

function unauthorized(code: string, message: string): AuthenticationResult {
  return { ok: false, status: 401, code, message };
}

export type AuthenticatorOptions = AuthorityKeySetsOptions;

/**
 * Validates the bearer token as Exchange Online does: signed by the tenant's identity provider,
 * issued for this tenant in this cloud, for this cloud's Exchange (or Security & Compliance) resource,
 * to an Exchange admin.
 */
export function createAuthenticator(options: AuthenticatorOptions) {
  const keySetFor = createAuthorityKeySets(options);

  return async function authenticate(
    authorization: string | undefined,
    cloud: Cloud,
    tenantId: string,
    /** The endpoint the request reached: Exchange Online, or Security & Compliance. */
    endpoint: "exchange" | "compliance" = "exchange",
  ): Promise<AuthenticationResult> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
    if (!token) return unauthorized("InvalidAuthenticationToken", "Access token is empty.");
    const { issuerHost } = EXCHANGE_CLOUDS[cloud];
    const resource =
      endpoint === "compliance" ? EXCHANGE_CLOUDS[cloud].complianceResource : EXCHANGE_CLOUDS[cloud].resource;
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(token, keySetFor(cloud, tenantId), {
        audience: [resource, `${resource}/`],
        algorithms: ["RS256"],
        clockTolerance: 300,
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired)
        return unauthorized("ExpiredAuthenticationToken", "The access token has expired.");
      if (error instanceof errors.JWTClaimValidationFailed && error.claim === "aud") {
        return unauthorized("InvalidAudience", `The access token's audience is not ${resource}.`);
      }
      return unauthorized("InvalidAuthenticationToken", "The access token could not be validated.");
    }
    const tokenTenant = typeof claims.tid === "string" ? claims.tid.toLowerCase() : "";
    if (claims.iss !== `https://${issuerHost}/${tokenTenant}/`) {
      return unauthorized("InvalidIssuer", "The access token was not issued for this cloud.");
    }
    if (tokenTenant !== tenantId.toLowerCase()) {
      return {
        ok: false,
        status: 403,
        code: "TenantMismatch",
        message: `The access token was issued for another tenant than ${tenantId}.`,
      };
    }
    const roles = Array.isArray(claims.wids) ? claims.wids.map(String) : [];
    const admin = roles.some((role) => EXCHANGE_ADMIN_ROLE_IDS.includes(role));
    if (!admin && !roles.some((role) => READ_ONLY_ROLE_IDS.includes(role))) {
      return {
        ok: false,
        status: 403,
        code: "Forbidden",
        message: "The user isn't assigned to any management roles that allow running Exchange cmdlets.",
      };
    }
    return { ok: true, claims, readOnly: !admin };
  };
}

export type Authenticate = ReturnType<typeof createAuthenticator>;
