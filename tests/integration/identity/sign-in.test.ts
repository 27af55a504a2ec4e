import { decodeJwt, decodeProtectedHeader } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startTestIdentityProvider,
  type TestIdentityProvider,
  trustIdentityProviderCa,
} from "@/tests/helpers/identity";
import { ACCOUNTS, appFor, signInAs, tenantOf, verifyAccessToken } from "./scenario";

const GLOBAL_ADMINISTRATOR = "62e90394-69f5-4237-9190-012177145e10";
const EXCHANGE_ADMINISTRATOR = "29232cdf-9323-42fd-ade2-1d097af3e4de";

let idp: TestIdentityProvider;
beforeAll(async () => {
  idp = await startTestIdentityProvider();
  trustIdentityProviderCa(idp);
});
afterAll(async () => {
  await idp?.stop();
});

describe("sign-in with authorization code and PKCE", () => {
  it("gives an MFA user a v1.0 access token with amr mfa, a v2.0 ID token and client_info", async () => {
    const contoso = tenantOf(idp, "contoso.onmicrosoft.com");
    const app = appFor(idp, "Worldwide");
    const tokens = await signInAs(idp, ACCOUNTS.adele);

    const { payload, kid, typ } = await verifyAccessToken(
      idp,
      contoso.tenantId,
      tokens.access_token,
      `api://${app.clientId}`,
    );
    expect(typ).toBe("JWT");
    expect(kid).toBeTruthy();
    expect(payload).toMatchObject({
      ver: "1.0",
      tid: contoso.tenantId,
      upn: ACCOUNTS.adele.username,
      unique_name: ACCOUNTS.adele.username,
      name: "Adele Vance",
      scp: "access_as_user",
      amr: ["pwd", "mfa"],
      appid: app.clientId,
    });
    expect(payload.wids).toContain(GLOBAL_ADMINISTRATOR);
    const lifetime = (payload.exp ?? 0) - (payload.iat ?? 0);
    expect(lifetime).toBeGreaterThanOrEqual(3600);
    expect(lifetime).toBeLessThanOrEqual(5400);
    expect(tokens.expires_in).toBe(lifetime);

    const idToken = decodeJwt(tokens.id_token ?? "");
    expect(idToken).toMatchObject({
      iss: `${idp.authorityFor("Worldwide", contoso.tenantId)}/v2.0`,
      aud: app.clientId,
      ver: "2.0",
      tid: contoso.tenantId,
      oid: payload.oid,
      preferred_username: ACCOUNTS.adele.username,
      name: "Adele Vance",
    });
    expect(decodeProtectedHeader(tokens.id_token ?? "").alg).toBe("RS256");

    const clientInfo = JSON.parse(Buffer.from(tokens.client_info ?? "", "base64url").toString("utf8"));
    expect(clientInfo).toEqual({ uid: payload.oid, utid: contoso.tenantId });
    expect(tokens.refresh_token).toBeTruthy();
  });

  it("signs a user without MFA in with the password alone", async () => {
    const contoso = tenantOf(idp, "contoso.onmicrosoft.com");
    const tokens = await signInAs(idp, ACCOUNTS.alex);
    const { payload } = await verifyAccessToken(
      idp,
      contoso.tenantId,
      tokens.access_token,
      `api://${appFor(idp, "Worldwide").clientId}`,
    );
    expect(payload.amr).toEqual(["pwd"]);
    expect(payload.wids).toContain(EXCHANGE_ADMINISTRATOR);
  });

  it("lets a partner's admin sign in at a customer's authority with the relationship's roles", async () => {
    const contoso = tenantOf(idp, "contoso.onmicrosoft.com");
    const partner = tenantOf(idp, "woodgrovepartners.onmicrosoft.com");
    const tokens = await signInAs(idp, ACCOUNTS.patti, { atDomain: "contoso.onmicrosoft.com" });
    const { payload } = await verifyAccessToken(
      idp,
      contoso.tenantId,
      tokens.access_token,
      `api://${appFor(idp, "Worldwide").clientId}`,
    );
    expect(payload.tid).toBe(contoso.tenantId);
    // Entra's delegated (GDAP) shape: the relationship's roles and the Cloud Service Provider marker,
    // the home tenant's issuer and account, and no object or UPN of the customer's directory.
    expect(payload.wids).toEqual([EXCHANGE_ADMINISTRATOR, "08372b87-7d02-482a-9e02-fb03ea5fe193"]);
    expect(payload.idp).toBe(`https://sts.windows.net/${partner.tenantId}/`);
    expect(payload.home_puid).toMatch(/^[0-9A-F]{16}$/);
    expect(payload.aai).toEqual(expect.any(String));
    expect(payload).not.toHaveProperty("oid");
    expect(payload).not.toHaveProperty("upn");
    const home = await signInAs(idp, ACCOUNTS.patti);
    expect(decodeJwt(home.access_token).puid).toBe(payload.home_puid);
    const clientInfo = JSON.parse(Buffer.from(tokens.client_info ?? "", "base64url").toString("utf8"));
    expect(clientInfo.utid).toBe(partner.tenantId);
  });

  it("signs a 21Vianet admin in at the China host, with the China app and issuer", async () => {
    const tailspin = tenantOf(idp, "tailspincn.partner.onmschina.cn");
    const app = appFor(idp, "China21Vianet");
    const tokens = await signInAs(idp, ACCOUNTS.wei);
    const { payload } = await verifyAccessToken(
      idp,
      tailspin.tenantId,
      tokens.access_token,
      `api://${app.clientId}`,
    );
    expect(payload.iss).toBe(`https://sts.chinacloudapi.cn/${tailspin.tenantId}/`);
    expect(decodeJwt(tokens.id_token ?? "").iss).toBe(
      `${idp.authorityFor("China21Vianet", tailspin.tenantId)}/v2.0`,
    );
  });

  it("does not let a user of one tenant sign in at another", async () => {
    await expect(signInAs(idp, ACCOUNTS.alex, { atDomain: "fabrikam.onmicrosoft.com" })).rejects.toThrow(
      /user name or password is not right/,
    );
  });
});
