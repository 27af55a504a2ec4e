import { createRemoteJWKSet, type JWTPayload, jwtVerify } from "jose";
import type { CloudName } from "@/simulators/identity/clouds";
import type { TestIdentityProvider } from "@/tests/helpers/identity";

// The directory's demo accounts (passwords from docs/IDENTITY-DIRECTORY.md) and the steps the
// identity tests share.

export const ACCOUNTS = {
  adele: {
    domain: "contoso.onmicrosoft.com",
    username: "adele@contoso.onmicrosoft.com",
    password: "Contoso-Demo-1!",
  },
  alex: {
    domain: "contoso.onmicrosoft.com",
    username: "alex@contoso.onmicrosoft.com",
    password: "Contoso-Demo-2!",
  },
  lynne: {
    domain: "contoso.onmicrosoft.com",
    username: "lynne@contoso.onmicrosoft.com",
    password: "Contoso-Demo-3!",
  },
  megan: {
    domain: "contoso.onmicrosoft.com",
    username: "megan@contoso.onmicrosoft.com",
    password: "Contoso-Demo-4!",
  },
  /** Global Reader: a viewer in Hybrid Wizard. */
  lidia: {
    domain: "contoso.onmicrosoft.com",
    username: "lidia@contoso.onmicrosoft.com",
    password: "Contoso-Demo-5!",
  },
  diego: {
    domain: "fabrikam.onmicrosoft.com",
    username: "diego@fabrikam.onmicrosoft.com",
    password: "Fabrikam-Demo-1!",
  },
  isaiah: {
    domain: "fabrikam.onmicrosoft.com",
    username: "isaiah@fabrikam.onmicrosoft.com",
    password: "Fabrikam-Demo-2!",
  },
  patti: {
    domain: "woodgrovepartners.onmicrosoft.com",
    username: "patti@woodgrovepartners.onmicrosoft.com",
    password: "Woodgrove-Demo-1!",
  },
  wei: {
    domain: "tailspincn.partner.onmschina.cn",
    username: "wei@tailspincn.partner.onmschina.cn",
    password: "Tailspin-Demo-1!",
  },
  nestor: {
    domain: "northwindgov.onmicrosoft.us",
    username: "nestor@northwindgov.onmicrosoft.us",
    password: "Northwind-Demo-1!",
  },
  grady: {
    domain: "litwaredod.onmicrosoft.us",
    username: "grady@litwaredod.onmicrosoft.us",
    password: "Litware-Demo-1!",
  },
  /** A partner in 21Vianet: manages Tailspin Toys China. */
  li: {
    domain: "fourthcoffeecn.partner.onmschina.cn",
    username: "li@fourthcoffeecn.partner.onmschina.cn",
    password: "FourthCoffee-Demo-1!",
  },
  /** A partner in GCC High: manages Northwind Traders Federal. */
  jordan: {
    domain: "relecloudgov.onmicrosoft.us",
    username: "jordan@relecloudgov.onmicrosoft.us",
    password: "Relecloud-Demo-1!",
  },
} as const;

export { DEMO_APP_SECRETS as CLIENT_SECRETS } from "@/simulators/identity/demo-sign-in";

export const REDIRECT_URI = "http://localhost:3000/auth/redirect";

export function tenantOf(idp: TestIdentityProvider, domain: string) {
  const tenant = idp.directory.findTenant(domain);
  if (!tenant) throw new Error(`no tenant ${domain}`);
  return tenant;
}

export function appFor(idp: TestIdentityProvider, cloud: CloudName) {
  const app = idp.directory.applications.find((candidate) => candidate.clouds.includes(cloud));
  if (!app) throw new Error(`no app registration in ${cloud}`);
  return app;
}

export function apiScopes(clientId: string): string[] {
  return [`api://${clientId}/access_as_user`, "openid", "profile", "offline_access"];
}

/**
 * Signs an account in at a tenant (its own unless `atDomain` names a customer) with its
 * authenticator code when it has one, asking for the app's API.
 */
export function signInAs(
  idp: TestIdentityProvider,
  account: (typeof ACCOUNTS)[keyof typeof ACCOUNTS],
  options: { atDomain?: string; prompt?: string } = {},
) {
  const home = tenantOf(idp, account.domain);
  const tenant = tenantOf(idp, options.atDomain ?? account.domain);
  const totpSecret = home.users.find((user) => user.userPrincipalName === account.username)?.totpSecret;
  const app = appFor(idp, tenant.cloud);
  return idp.signIn({
    tenantId: tenant.tenantId,
    username: account.username,
    password: account.password,
    totpSecret,
    clientId: app.clientId,
    redirectUri: REDIRECT_URI,
    scopes: apiScopes(app.clientId),
    prompt: options.prompt,
  });
}

/** Verifies a v1.0 access token against the tenant's published keys, as the service will. */
export async function verifyAccessToken(
  idp: TestIdentityProvider,
  tenantId: string,
  token: string,
  audience: string,
): Promise<{ payload: JWTPayload; kid: string | undefined; typ: string | undefined }> {
  const tenant = idp.directory.findTenant(tenantId);
  if (!tenant) throw new Error(`no tenant ${tenantId}`);
  const keys = createRemoteJWKSet(new URL(`${idp.authorityFor(tenant.cloud, tenantId)}/discovery/v2.0/keys`));
  const issuerHost = tenant.cloud === "China21Vianet" ? "sts.chinacloudapi.cn" : "sts.windows.net";
  const { payload, protectedHeader } = await jwtVerify(token, keys, {
    issuer: `https://${issuerHost}/${tenantId}/`,
    audience,
    algorithms: ["RS256"],
  });
  return { payload, kid: protectedHeader.kid, typ: protectedHeader.typ };
}
