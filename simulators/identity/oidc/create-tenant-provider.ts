import type { JSONWebKeySet } from "jose";
import Provider, { type Configuration, errors, type OIDCContext } from "oidc-provider";
import { z } from "zod";
import { CLOUDS } from "../clouds";
import type { Directory, Tenant, TenantIdentity } from "../directory/load-directory";
import {
  renderDeviceCodeConfirmPage,
  renderDeviceCodeDonePage,
  renderDeviceCodeInputPage,
  renderErrorPage,
  renderSignedOutPage,
  renderSignOutPage,
} from "../sign-in/pages";
import type { PrivateSigningJwk } from "../tokens/signing-keys";
import { buildAccessTokenClaims, buildIdTokenClaims, encodeClientInfo } from "../tokens/token-claims";
import { createClientRegistrationsAdapter } from "./client-registrations";
import type { MemoryStorage } from "./memory-storage";
import { registerOnBehalfOfGrant } from "./on-behalf-of-grant";
import { grantedScopeNames, knownResources, qualifiedScopes, resourceOfScopes } from "./resources";
import { authenticationMethodsFor } from "./token-authentication";

// One oidc-provider per tenant, mounted at /<tenantId>/v2.0 as Entra's v2.0 endpoints are, and
// configured to issue Entra-shaped tokens: v1.0 access tokens, v2.0 ID tokens, client_info.

export interface TenantProviderOptions {
  tenant: Tenant;
  directory: Directory;
  /** https://<loopback address of the tenant's cloud>:<port> */
  origin: string;
  signingKey: PrivateSigningJwk;
  publicJwks: () => JSONWebKeySet;
  storage: MemoryStorage;
  cookieKeys: string[];
  accessTokenLifetimeSeconds: () => number;
}

const HOUR = 3600;
const DEVICE_CODE_POLL_SECONDS = 2;
const DAY = 24 * HOUR;

export function tenantMountPath(tenantId: string): string {
  return `/${tenantId}/v2.0`;
}

export function createTenantProvider(options: TenantProviderOptions): Provider {
  const { tenant, directory, origin } = options;
  const cloud = tenant.cloud;
  const mountPath = tenantMountPath(tenant.tenantId);

  const identityOf = (accountId: string) => directory.findIdentity(tenant, { objectId: accountId });
  const resourcesOf = (clientId: string) => {
    const app = directory.findApplication(cloud, clientId);
    return app ? knownResources(cloud, app) : [];
  };

  const configuration: Configuration = {
    adapter: (model) =>
      model === "Client"
        ? createClientRegistrationsAdapter(directory, cloud)
        : options.storage.adapterFor(model),
    jwks: { keys: [options.signingKey] },
    cookies: {
      keys: options.cookieKeys,
      // Entra's session cookie is sent in iframes too, which silent sign-in relies on.
      long: { sameSite: "none", secure: true, httpOnly: true },
    },
    findAccount: (_ctx, accountId) => {
      const identity = identityOf(accountId);
      return identity && { accountId, claims: () => buildIdTokenClaims(identity) };
    },
    claims: {
      openid: ["sub", "oid", "tid", "ver", "idp"],
      profile: ["name", "preferred_username"],
    },
    // Entra puts the profile claims into the ID token of the code flow.
    conformIdTokenClaims: false,
    scopes: ["openid", "profile", "email", "offline_access"],
    responseTypes: ["code"],
    routes: { device_authorization: "/devicecode", code_verification: "/devicelogin" },
    pkce: { required: () => true },
    clientBasedCORS: () => true,
    interactions: { url: (_ctx, interaction) => `${mountPath}/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: false },
      // Entra offers neither; MSAL never asks for them.
      pushedAuthorizationRequests: { enabled: false },
      dPoP: { enabled: false },
      // The device authorization grant, for sign-in where no browser is at hand (a command line on
      // a server): Entra's endpoint is the token endpoint's sibling `devicecode`, which MSAL derives.
      deviceFlow: {
        enabled: true,
        userCodeInputSource: (ctx, form, _out, error) => {
          ctx.body = renderDeviceCodeInputPage({
            organization: tenant.displayName,
            form,
            ...(error && { error: "That code is not valid or has expired. Check it and try again." }),
          });
        },
        userCodeConfirmSource: (ctx, form, client, _deviceInfo, userCode) => {
          ctx.body = renderDeviceCodeConfirmPage({
            organization: tenant.displayName,
            form,
            application: client.clientName ?? client.clientId,
            userCode,
          });
        },
        successSource: (ctx) => {
          ctx.body = renderDeviceCodeDonePage({ organization: tenant.displayName });
        },
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.body = renderSignOutPage({ organization: tenant.displayName, form });
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.body = renderSignedOutPage({ organization: tenant.displayName });
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: (ctx) => resourceOfScopes(String(ctx.oidc.params?.scope ?? "").split(" ")),
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator, client) => {
          const resource = resourcesOf(client.clientId).find((known) => known.identifier === indicator);
          if (!resource) throw new errors.InvalidTarget(`AADSTS500011: resource ${indicator} was not found`);
          return {
            scope: qualifiedScopes(resource).join(" "),
            audience: resource.identifier,
            accessTokenTTL: options.accessTokenLifetimeSeconds(),
            accessTokenFormat: "jwt",
            jwt: { sign: { alg: "RS256" } },
          };
        },
      },
    },
    ttl: {
      AccessToken: options.accessTokenLifetimeSeconds,
      AuthorizationCode: 10 * 60,
      DeviceCode: 15 * 60,
      IdToken: HOUR,
      Interaction: HOUR,
      // Entra gives single-page apps 24-hour refresh tokens.
      RefreshToken: DAY,
      Session: DAY,
      Grant: 14 * DAY,
    },
    formats: {
      customizers: {
        jwt: (ctx, _token, jwt) => {
          const minted = ZMintedToken.parse(jwt.payload);
          const identity = identityOf(minted.sub);
          const resource = resourcesOf(minted.client_id).find((known) => known.identifier === minted.aud);
          if (!identity || !resource)
            throw new Error(`cannot mint a token for ${minted.sub} to ${minted.aud}`);
          jwt.header = { typ: "JWT" };
          jwt.payload = buildAccessTokenClaims({
            identity,
            cloud,
            clientId: minted.client_id,
            clientAuthenticated: ctx.oidc.client?.clientAuthMethod !== "none",
            audience: minted.aud,
            scopes: grantedScopeNames(resource, (minted.scope ?? "").split(" ")),
            amr: authenticationMethodsFor(ctx),
            issuedAt: minted.iat,
            expiresAt: minted.exp,
            tokenId: minted.jti,
          });
        },
      },
    },
    renderError: (ctx, out) => {
      ctx.type = "html";
      ctx.body = renderErrorPage({
        organization: tenant.displayName,
        title: "We couldn't sign you in",
        message: [out.error, out.error_description].filter(Boolean).join(": "),
      });
    },
  };

  const provider = new Provider(`${origin}${mountPath}`, configuration);
  registerOnBehalfOfGrant(provider, {
    tenant,
    directory,
    publicJwks: options.publicJwks,
    accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds,
  });
  provider.use<object, { oidc?: OIDCContext }>(async (ctx, next) => {
    await next();
    if (ctx.oidc?.route === "token") ctx.body = withEntraTokenFields(ctx.body, ctx.oidc, identityOf);
    if (ctx.oidc?.route === "discovery") ctx.body = withEntraDiscoveryFields(ctx.body, tenant, origin);
    // Entra says how often to poll (msal-node waits `interval` seconds) and what to tell the person.
    if (ctx.oidc?.route === "device_authorization" && ctx.body && typeof ctx.body === "object") {
      const { verification_uri: uri, user_code: code } = ctx.body as {
        verification_uri?: string;
        user_code?: string;
      };
      ctx.body = {
        ...ctx.body,
        interval: DEVICE_CODE_POLL_SECONDS,
        message: `To sign in, open ${uri} and enter the code ${code}.`,
      };
    }
  });
  return provider;
}

/** What oidc-provider put in an access token before it is reshaped into Entra's v1.0 claims. */
const ZMintedToken = z.object({
  sub: z.string(),
  client_id: z.string(),
  aud: z.string(),
  scope: z.string().optional(),
  iat: z.number(),
  exp: z.number(),
  jti: z.string(),
});

const ZTokenResponse = z.looseObject({ access_token: z.string(), expires_in: z.number() });

function withEntraTokenFields(
  body: unknown,
  oidc: OIDCContext,
  identityOf: (accountId: string) => TenantIdentity | undefined,
): unknown {
  const response = ZTokenResponse.safeParse(body);
  if (!response.success) return body;
  const accountId = oidc.entities.Account?.accountId;
  const identity = accountId ? identityOf(accountId) : undefined;
  return {
    ...response.data,
    ext_expires_in: response.data.expires_in,
    // Entra answers client_info=1 with the account's home ids; MSAL keys its cache by them.
    ...(identity && oidc.body?.client_info === "1" ? { client_info: encodeClientInfo(identity) } : {}),
  };
}

function withEntraDiscoveryFields(body: unknown, tenant: Tenant, origin: string): unknown {
  const metadata = z.looseObject({ issuer: z.string() }).safeParse(body);
  if (!metadata.success) return body;
  return {
    ...metadata.data,
    jwks_uri: `${origin}/${tenant.tenantId}/discovery/v2.0/keys`,
    tenant_region_scope:
      tenant.cloud === "Worldwide" ? "NA" : tenant.cloud === "China21Vianet" ? "CN" : "USGov",
    cloud_instance_name: CLOUDS[tenant.cloud].cloudInstanceName,
  };
}
