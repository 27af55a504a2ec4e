import { decodeJwt, errors, jwtVerify } from "jose";
import type { CloudName } from "../../identity/clouds";
import type { Directory, Tenant } from "../../identity/directory/load-directory";
import { type AuthorityKeySetsOptions, createAuthorityKeySets } from "../../shared/authority-key-sets";
import { GRAPH_CLOUDS } from "../graph-clouds";
import { GraphError } from "../model/graph-error";

// Graph names no tenant in its URLs: the token's `tid` is the tenant whose data is read and
// written. So the token is checked whole before anything is looked up: a tenant of this cloud,
// signed by that tenant's keys, issued by this cloud's token service, for this cloud's Graph.

export interface GraphCaller {
  tenant: Tenant;
  objectId: string;
  /** Delegated permissions (`scp`). */
  scopes: string[];
  /** Directory role template ids (`wids`). */
  roles: string[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function invalidToken(message: string): GraphError {
  return new GraphError(401, "InvalidAuthenticationToken", message);
}

export function createGraphAuthenticator(options: AuthorityKeySetsOptions & { directory: Directory }) {
  const keySetFor = createAuthorityKeySets(options);

  return async function authenticate(
    authorization: string | undefined,
    cloud: CloudName,
  ): Promise<GraphCaller> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
    if (!token) throw invalidToken("Access token is empty.");
    let unverifiedTenant: unknown;
    try {
      unverifiedTenant = decodeJwt(token).tid;
    } catch {
      throw invalidToken("IDX14100: JWT is not well formed.");
    }
    const tenant =
      typeof unverifiedTenant === "string" && GUID.test(unverifiedTenant)
        ? options.directory.findTenant(unverifiedTenant)
        : undefined;
    if (!tenant || tenant.cloud !== cloud) {
      throw invalidToken("Access token validation failure: the tenant is not known in this cloud.");
    }
    const { resource, issuerHost } = GRAPH_CLOUDS[cloud];
    let claims: Record<string, unknown>;
    try {
      ({ payload: claims } = await jwtVerify(token, keySetFor(cloud, tenant.tenantId), {
        audience: [resource, `${resource}/`],
        issuer: `https://${issuerHost}/${tenant.tenantId}/`,
        algorithms: ["RS256"],
        clockTolerance: 300,
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired)
        throw invalidToken("Lifetime validation failed, the token is expired.");
      if (error instanceof errors.JWTClaimValidationFailed && error.claim === "aud") {
        throw invalidToken("Access token validation failure. Invalid audience.");
      }
      if (error instanceof errors.JWTClaimValidationFailed && error.claim === "iss") {
        throw invalidToken("Access token validation failure. Invalid issuer.");
      }
      throw invalidToken("Access token validation failure.");
    }
    const strings = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
    return {
      tenant,
      objectId: String(claims.oid ?? claims.sub ?? ""),
      scopes: typeof claims.scp === "string" ? claims.scp.split(" ").filter(Boolean) : [],
      roles: strings(claims.wids).map((role) => role.toLowerCase()),
    };
  };
}

export type GraphAuthenticate = ReturnType<typeof createGraphAuthenticator>;
