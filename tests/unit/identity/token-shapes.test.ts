import { describe, expect, it } from "vitest";
import { loadDirectory, type TenantIdentity } from "@/simulators/identity/directory/load-directory";
import { sameRedirectUri, translateEntraLogout } from "@/simulators/identity/oidc/entra-logout";
import { translateEntraPrompt } from "@/simulators/identity/oidc/entra-prompt";
import { exchangeOnline, grantedScopeNames, resourceOfScopes } from "@/simulators/identity/oidc/resources";
import {
  type AccessTokenInput,
  buildAccessTokenClaims,
  buildIdTokenClaims,
  encodeClientInfo,
} from "@/simulators/identity/tokens/token-claims";

const directory = await loadDirectory();

function identityIn(domain: string, userPrincipalName: string): TenantIdentity {
  const tenant = directory.findTenant(domain);
  const identity = tenant && directory.findIdentity(tenant, { userPrincipalName });
  if (!identity) throw new Error(`${userPrincipalName} in ${domain} missing`);
  return identity;
}

const adele = identityIn("contoso.onmicrosoft.com", "adele@contoso.onmicrosoft.com");

function accessToken(overrides: Partial<AccessTokenInput> = {}) {
  return buildAccessTokenClaims({
    identity: adele,
    cloud: "Worldwide",
    clientId: "00ae3106-3a11-4e99-abf7-6501762e0df0",
    clientAuthenticated: false,
    audience: "api://00ae3106-3a11-4e99-abf7-6501762e0df0",
    scopes: ["access_as_user"],
    amr: ["pwd", "mfa"],
    issuedAt: 1_800_000_000,
    expiresAt: 1_800_003_600,
    tokenId: "uti-1",
    ...overrides,
  });
}

describe("v1.0 access token claims", () => {
  it("carry what the service validates, as Entra issues them", () => {
    expect(accessToken()).toEqual({
      aud: "api://00ae3106-3a11-4e99-abf7-6501762e0df0",
      iss: `https://sts.windows.net/${adele.tenant.tenantId}/`,
      iat: 1_800_000_000,
      nbf: 1_800_000_000,
      exp: 1_800_003_600,
      acr: "1",
      amr: ["pwd", "mfa"],
      appid: "00ae3106-3a11-4e99-abf7-6501762e0df0",
      appidacr: "0",
      name: "Adele Vance",
      oid: adele.user.objectId,
      puid: expect.stringMatching(/^[0-9A-F]{16}$/),
      scp: "access_as_user",
      sub: adele.user.objectId,
      tid: adele.tenant.tenantId,
      unique_name: "adele@contoso.onmicrosoft.com",
      upn: "adele@contoso.onmicrosoft.com",
      uti: "uti-1",
      ver: "1.0",
      wids: ["62e90394-69f5-4237-9190-012177145e10", "b79fbf4d-3ef9-4689-8143-76b194e85509"],
    });
  });

  it("are issued by sts.chinacloudapi.cn in 21Vianet and sts.windows.net for US Government", () => {
    const wei = identityIn("tailspincn.partner.onmschina.cn", "wei@tailspincn.partner.onmschina.cn");
    expect(accessToken({ identity: wei, cloud: "China21Vianet" }).iss).toBe(
      `https://sts.chinacloudapi.cn/${wei.tenant.tenantId}/`,
    );
    const grady = identityIn("litwaredod.onmicrosoft.us", "grady@litwaredod.onmicrosoft.us");
    expect(accessToken({ identity: grady, cloud: "UsGovDod" }).iss).toBe(
      `https://sts.windows.net/${grady.tenant.tenantId}/`,
    );
  });

  it("name the Exchange Administrator role and say when the client used its secret", () => {
    const alex = identityIn("contoso.onmicrosoft.com", "alex@contoso.onmicrosoft.com");
    const claims = accessToken({
      identity: alex,
      amr: ["pwd"],
      clientAuthenticated: true,
      scopes: ["Exchange.Manage"],
    });
    expect(claims.wids).toContain("29232cdf-9323-42fd-ade2-1d097af3e4de");
    expect(claims.amr).toEqual(["pwd"]);
    expect(claims.appidacr).toBe("1");
    expect(claims.scp).toBe("Exchange.Manage");
  });

  it("give a partner's user the customer tenant, the relationship's roles and the home idp", () => {
    const patti = identityIn("fabrikam.onmicrosoft.com", "patti@woodgrovepartners.onmicrosoft.com");
    const claims = accessToken({ identity: patti });
    expect(claims.tid).toBe(directory.findTenant("fabrikam.onmicrosoft.com")?.tenantId);
    // Entra's delegated (GDAP) shape: the roles and the Cloud Service Provider marker, the home
    // tenant's issuer and account, and no object or UPN in the customer's directory.
    expect(claims.wids).toEqual([
      "29232cdf-9323-42fd-ade2-1d097af3e4de",
      "f2ef992c-3afb-46b9-b7cf-a126ee74c451",
      "08372b87-7d02-482a-9e02-fb03ea5fe193",
    ]);
    expect(claims.idp).toBe(`https://sts.windows.net/${patti.homeTenant.tenantId}/`);
    expect(claims.home_puid).toBe(
      accessToken({ identity: identityIn("woodgrovepartners.onmicrosoft.com", patti.user.userPrincipalName) })
        .puid,
    );
    expect(claims.aai).toEqual(expect.any(String));
    expect(claims).not.toHaveProperty("oid");
    expect(claims).not.toHaveProperty("upn");
  });
});

describe("v2.0 ID token claims and client_info", () => {
  it("identify the user for MSAL", () => {
    expect(buildIdTokenClaims(adele)).toEqual({
      sub: adele.user.objectId,
      oid: adele.user.objectId,
      tid: adele.tenant.tenantId,
      name: "Adele Vance",
      preferred_username: "adele@contoso.onmicrosoft.com",
      ver: "2.0",
    });
  });

  it("client_info names the home tenant, also for a partner's user", () => {
    const patti = identityIn("contoso.onmicrosoft.com", "patti@woodgrovepartners.onmicrosoft.com");
    const decoded = JSON.parse(Buffer.from(encodeClientInfo(patti), "base64url").toString("utf8"));
    expect(decoded).toEqual({ uid: patti.user.objectId, utid: patti.homeTenant.tenantId });
  });
});

describe("scopes", () => {
  it("read the resource off a qualified scope", () => {
    expect(resourceOfScopes(["openid", "api://abc/access_as_user"])).toBe("api://abc");
    expect(resourceOfScopes(["https://outlook.office365.com/.default", "offline_access"])).toBe(
      "https://outlook.office365.com",
    );
    expect(resourceOfScopes(["openid", "profile"])).toBeUndefined();
  });

  it("expand .default to every delegated permission and drop unknown ones", () => {
    const exchange = exchangeOnline("Worldwide");
    expect(grantedScopeNames(exchange, ["https://outlook.office365.com/.default"])).toEqual([
      "Exchange.Manage",
    ]);
    expect(grantedScopeNames(exchange, ["https://outlook.office365.com/Mail.Send"])).toEqual([]);
    expect(exchangeOnline("China21Vianet").identifier).toBe("https://partner.outlook.cn");
  });
});

describe("Entra's prompt values", () => {
  const translate = (query: Record<string, string>) =>
    Object.fromEntries(translateEntraPrompt(new URLSearchParams(query)));

  it("show the sign-in page for select_account and keep offline_access through implicit consent", () => {
    expect(translate({ prompt: "select_account", scope: "openid offline_access" }).prompt).toBe(
      "login consent",
    );
  });

  it("ask for implicit consent whenever offline_access is requested", () => {
    expect(translate({ scope: "openid offline_access" }).prompt).toBe("consent");
    expect(translate({ scope: "openid" }).prompt).toBeUndefined();
  });

  it("leave silent requests alone", () => {
    expect(translate({ prompt: "none", scope: "openid offline_access" }).prompt).toBe("none");
  });
});

describe("redirect URIs", () => {
  it("match on localhost whatever the port, and exactly elsewhere", () => {
    expect(sameRedirectUri("http://localhost/auth/redirect", "http://localhost:3000/auth/redirect")).toBe(
      true,
    );
    expect(sameRedirectUri("http://localhost/auth/redirect", "http://localhost:3000/auth/other")).toBe(false);
    expect(sameRedirectUri("https://app.example/cb", "https://app.example:8443/cb")).toBe(false);
  });

  it("name the app of a registered post-logout URI, as MSAL's logout request names none", () => {
    const worldwide = directory.applications.find((app) => app.clouds.includes("Worldwide"));
    const query = new URLSearchParams({ post_logout_redirect_uri: "http://localhost:4123/auth/redirect" });
    expect(translateEntraLogout(query, directory, "Worldwide").get("client_id")).toBe(worldwide?.clientId);
    const unknown = new URLSearchParams({ post_logout_redirect_uri: "https://elsewhere.example/" });
    expect(translateEntraLogout(unknown, directory, "Worldwide").has("client_id")).toBe(false);
  });
});
