import { createLocalJWKSet, type JSONWebKeySet, errors as joseErrors, jwtVerify } from "jose";
import type Provider from "oidc-provider";
import type { TokenEndpointGrantContext } from "oidc-provider";
import { z } from "zod";
import type { Directory, Tenant, TenantIdentity } from "../directory/load-directory";
import { accessTokenIssuer } from "../tokens/token-claims";
import { JWT_BEARER_GRANT } from "./client-registrations";
import { EntraErrorResponse, entraErrorBody } from "./entra-errors";
import {
  exchangeOnline,
  type KnownResource,
  onBehalfOfResources,
  qualifiedScopes,
  resourceOfScopes,
  securityAndCompliance,
} from "./resources";
import { rememberAssertionMethods } from "./token-authentication";

// The on-behalf-of flow: the service trades the user's access token for its own API (the assertion)
// for a token to Exchange Online or Microsoft Graph, authenticating with its client secret. Like
// Entra, it refuses when the tenant's conditional access wants MFA for the resource and the user's
// sign-in had none.

/** Stands for the tenant's "require MFA for Exchange Online and Microsoft Graph" conditional access policy. */
const MFA_POLICY_ID = "0f7a2f3e-6c1d-4a8e-9b52-3d0c6e1f7a90";

const ZParams = z.object({
  assertion: z.string().min(1),
  requested_token_use: z.literal("on_behalf_of"),
  scope: z.string().min(1),
});

// By `sub`: a partner's user in a customer has no `oid` (token-claims.ts); the simulator's `sub` is
// the account's object id for every user.
const ZAssertionClaims = z.object({
  sub: z.string(),
  tid: z.string(),
  amr: z.array(z.string()).default([]),
  uti: z.string(),
});

export interface OnBehalfOfOptions {
  tenant: Tenant;
  directory: Directory;
  publicJwks: () => JSONWebKeySet;
  accessTokenLifetimeSeconds: () => number;
}

export function registerOnBehalfOfGrant(provider: Provider, options: OnBehalfOfOptions): void {
  provider.registerGrantType(
    JWT_BEARER_GRANT,
    async (ctx) => {
      try {
        await issueOnBehalfOfToken(provider, ctx, options);
      } catch (error) {
        if (!(error instanceof EntraErrorResponse)) throw error;
        ctx.status = error.status;
        ctx.body = entraErrorBody(error.failure);
      }
    },
    ["assertion", "requested_token_use", "scope"],
  );
}

async function issueOnBehalfOfToken(
  provider: Provider,
  ctx: TokenEndpointGrantContext,
  { tenant, directory, publicJwks, accessTokenLifetimeSeconds }: OnBehalfOfOptions,
): Promise<void> {
  const { client } = ctx.oidc;
  if (client.clientAuthMethod === "none") {
    throw invalid(401, "invalid_client", 7000218, "The on-behalf-of flow needs the client's secret.");
  }
  const params = ZParams.safeParse(ctx.oidc.params);
  if (!params.success) {
    throw invalid(
      400,
      "invalid_request",
      900144,
      "The request needs assertion, requested_token_use=on_behalf_of and scope.",
    );
  }

  const scopes = params.data.scope.split(" ");
  const requested = resourceOfScopes(scopes);
  const resource = onBehalfOfResources(tenant.cloud).find((known) => known.identifier === requested);
  if (!resource) {
    throw invalid(
      400,
      "invalid_resource",
      500011,
      `The resource principal named ${requested ?? "(none)"} was not found in the tenant: on-behalf-of tokens are issued for Exchange Online and Microsoft Graph only.`,
    );
  }

  const { identity, amr, tokenId } = await verifyAssertion(params.data.assertion, client.clientId, {
    tenant,
    directory,
    publicJwks,
  });

  if (mfaRequiredFor(tenant, resource) && !amr.includes("mfa")) {
    throw new EntraErrorResponse(400, {
      error: "invalid_grant",
      code: 50076,
      description: `Your organization requires multi-factor authentication to access '${resource.identifier}'. Sign in again with your second factor.`,
      suberror: "basic_action",
      claims: JSON.stringify({ access_token: { capolids: { essential: true, values: [MFA_POLICY_ID] } } }),
    });
  }

  const requestedScopes = scopes.filter((scope) => qualifiedScopes(resource).includes(scope));
  const accountId = identity.user.objectId;
  // With offline_access Entra adds a refresh token, so the service can go on after the user left.
  // Like Entra's, it serves every API the app may act in, not only the one asked for now: msal keeps
  // one refresh token per account, the last one issued.
  const refreshResources = onBehalfOfResources(tenant.cloud);
  const refreshGrantId = scopes.includes("offline_access")
    ? await grantOfflineAccess(provider, accountId, client.clientId, refreshResources)
    : undefined;

  const lifetime = accessTokenLifetimeSeconds();
  const accessToken = new provider.AccessToken({
    accountId,
    client,
    // Tokens derived from one assertion are revoked together, as those of one grant are.
    grantId: refreshGrantId ?? tokenId,
    gty: JWT_BEARER_GRANT,
    scope: requestedScopes.join(" "),
    expiresIn: lifetime,
  });
  accessToken.resourceServer = new provider.ResourceServer(resource.identifier, {
    scope: qualifiedScopes(resource).join(" "),
    audience: resource.identifier,
    accessTokenFormat: "jwt",
    jwt: { sign: { alg: "RS256" } },
  });
  rememberAssertionMethods(ctx, amr);
  ctx.oidc.entity("Account", { accountId });

  const refreshToken =
    refreshGrantId &&
    (await new provider.RefreshToken({
      accountId,
      client,
      grantId: refreshGrantId,
      gty: JWT_BEARER_GRANT,
      scope: [...OFFLINE_SCOPES, ...refreshResources.flatMap(qualifiedScopes)].join(" "),
      resource: refreshResources.map((known) => known.identifier),
      amr,
      rotations: 0,
    }).save());

  ctx.body = {
    token_type: "Bearer",
    scope: requestedScopes.join(" "),
    expires_in: lifetime,
    ext_expires_in: lifetime,
    access_token: await accessToken.save(),
    ...(refreshToken ? { refresh_token: refreshToken } : {}),
  };
}

/** The tenant's policy for Exchange Online covers Graph too unless the directory says otherwise. */
function mfaRequiredFor(tenant: Tenant, resource: KnownResource): boolean {
  const policy = tenant.conditionalAccess;
  // Security & Compliance sits behind the same policy as Exchange Online (Connect-IPPSSession).
  return [exchangeOnline(tenant.cloud), securityAndCompliance(tenant.cloud)].some(
    (exchange) => exchange.identifier === resource.identifier,
  )
    ? policy.requireMfaForExchangeOnline
    : (policy.requireMfaForMicrosoftGraph ?? policy.requireMfaForExchangeOnline);
}

const OFFLINE_SCOPES = ["openid", "profile", "offline_access"];

async function grantOfflineAccess(
  provider: Provider,
  accountId: string,
  clientId: string,
  resources: KnownResource[],
): Promise<string> {
  const grant = new provider.Grant({ accountId, clientId });
  grant.addOIDCScope(OFFLINE_SCOPES);
  for (const resource of resources) grant.addResourceScope(resource.identifier, qualifiedScopes(resource));
  return grant.save();
}

async function verifyAssertion(
  assertion: string,
  clientId: string,
  { tenant, directory, publicJwks }: Omit<OnBehalfOfOptions, "accessTokenLifetimeSeconds">,
): Promise<{ identity: TenantIdentity; amr: string[]; tokenId: string }> {
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(assertion, createLocalJWKSet(publicJwks()), {
      issuer: accessTokenIssuer(tenant.cloud, tenant.tenantId),
      audience: `api://${clientId}`,
      algorithms: ["RS256"],
    }));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) {
      throw invalid(400, "invalid_grant", 500133, "The assertion is not within its valid time range.");
    }
    if (error instanceof joseErrors.JWTClaimValidationFailed) {
      throw invalid(400, "invalid_grant", 50013, `The assertion was rejected: ${error.message}.`);
    }
    throw invalid(400, "invalid_grant", 50013, "The assertion failed signature validation.");
  }
  const claims = ZAssertionClaims.safeParse(payload);
  const identity = claims.success ? directory.findIdentity(tenant, { objectId: claims.data.sub }) : undefined;
  if (!claims.success || !identity) {
    throw invalid(
      400,
      "invalid_grant",
      50034,
      "The user account of the assertion does not exist in this directory.",
    );
  }
  return { identity, amr: claims.data.amr, tokenId: claims.data.uti };
}

function invalid(status: number, error: string, code: number, description: string): EntraErrorResponse {
  return new EntraErrorResponse(status, { error, code, description });
}
