import { ConfidentialClientApplication, InteractionRequiredAuthError, ServerError } from "@azure/msal-node";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenFailure } from "@/lib/auth/on-behalf-of-token";
import { EXCHANGE_ONLINE_API } from "@/lib/exchange/exchange-online-token";
import type { CloudName } from "@/simulators/identity/clouds";
import {
  startTestIdentityProvider,
  type TestIdentityProvider,
  trustIdentityProviderCa,
  ZTokenResponse,
} from "@/tests/helpers/identity";
import {
  ACCOUNTS,
  apiScopes,
  appFor,
  CLIENT_SECRETS,
  signInAs,
  tenantOf,
  verifyAccessToken,
} from "./scenario";

const EXCHANGE = "https://outlook.office365.com";
const GRAPH = "https://graph.microsoft.com";

let idp: TestIdentityProvider;
beforeAll(async () => {
  idp = await startTestIdentityProvider({ accessTokenLifetimeSeconds: 120 });
  // msal-node uses the process's fetch: it must trust the simulator's CA.
  trustIdentityProviderCa(idp);
});
afterAll(async () => {
  await idp?.stop();
});

function confidentialClient(cloud: CloudName, tenantId: string, clientSecret = CLIENT_SECRETS[cloud]) {
  return new ConfidentialClientApplication({
    auth: {
      clientId: appFor(idp, cloud).clientId,
      clientSecret,
      authority: idp.authorityFor(cloud, tenantId),
      knownAuthorities: [idp.hostFor(cloud)],
    },
  });
}

describe("refresh tokens", () => {
  it("renew the access token without another sign-in or consent, keeping amr", async () => {
    const contoso = tenantOf(idp, "contoso.onmicrosoft.com");
    const app = appFor(idp, "Worldwide");
    const signedIn = await signInAs(idp, ACCOUNTS.adele, { prompt: "select_account" });
    expect(signedIn.expires_in).toBe(120);

    const refreshed = await idp.requestToken(contoso.tenantId, {
      grant_type: "refresh_token",
      client_id: app.clientId,
      refresh_token: signedIn.refresh_token ?? "",
      scope: apiScopes(app.clientId).join(" "),
      client_info: "1",
    });
    expect(refreshed.status).toBe(200);
    const tokens = ZTokenResponse.parse(refreshed.body);
    const { payload } = await verifyAccessToken(
      idp,
      contoso.tenantId,
      tokens.access_token,
      `api://${app.clientId}`,
    );
    expect(payload.amr).toEqual(["pwd", "mfa"]);
    expect(tokens.refresh_token).toBeTruthy();
    expect(tokens.refresh_token).not.toBe(signedIn.refresh_token);
    expect(tokens.client_info).toBe(signedIn.client_info);
  });
});

describe("refresh tokens refused on demand, as Entra refuses them when it wants the user back", () => {
  it("answer MFA required (msal: interaction required, with the claims), an expired and a revoked grant, then redeem again", async () => {
    const contoso = tenantOf(idp, "contoso.onmicrosoft.com");
    const app = appFor(idp, "Worldwide");
    const signedIn = await signInAs(idp, ACCOUNTS.adele);
    const msal = confidentialClient("Worldwide", contoso.tenantId);
    const redeem = () =>
      msal.acquireTokenByRefreshToken({
        refreshToken: signedIn.refresh_token ?? "",
        scopes: apiScopes(app.clientId),
      });

    idp.refuseRefresh({ tenantId: contoso.tenantId, kind: "mfa-required", times: 1 });
    const mfa = await redeem().catch((error: unknown) => error);
    expect(mfa).toBeInstanceOf(InteractionRequiredAuthError);
    expect((mfa as InteractionRequiredAuthError).errorMessage).toMatch(/^AADSTS50076: /);
    expect((mfa as InteractionRequiredAuthError).claims).toContain("capolids");

    for (const [kind, code] of [
      ["grant-expired", "AADSTS700082"],
      ["grant-revoked", "AADSTS50173"],
    ] as const) {
      // The same facility over HTTP, as `npm start`'s simulators offer it.
      const set = await fetch(`https://${idp.hostFor("Worldwide")}/admin/refresh-faults`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ tenantId: contoso.tenantId, kind, times: 1 }),
      });
      expect(set.status).toBe(200);
      const refused = await redeem().catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ServerError);
      expect(refused).not.toBeInstanceOf(InteractionRequiredAuthError);
      expect(refused).toMatchObject({
        errorCode: "invalid_grant",
        errorMessage: expect.stringContaining(`${code}: `),
      });
      // What the admin is told names Entra's code, the one to look up.
      expect(tokenFailure(refused, "Entra", EXCHANGE_ONLINE_API)).toMatchObject({
        code: "unauthenticated",
        message: `Sign in again: the identity provider did not accept your sign-in for Exchange Online (invalid_grant, ${code}).`,
      });
    }
    // Each refusal was counted down: the next redemption is answered.
    expect((await redeem())?.accessToken).toBeTruthy();
  });
});

describe("refresh tokens across tenants", () => {
  const refreshAt = (tenantId: string, refreshToken: string) =>
    idp.requestToken(tenantId, {
      grant_type: "refresh_token",
      client_id: appFor(idp, "Worldwide").clientId,
      refresh_token: refreshToken,
    });

  it("turn a partner's sign-in at home into a token for a customer they manage", async () => {
    const contoso = tenantOf(idp, "contoso.onmicrosoft.com");
    const partner = tenantOf(idp, "woodgrovepartners.onmicrosoft.com");
    const atHome = await signInAs(idp, ACCOUNTS.patti);
    const response = await refreshAt(contoso.tenantId, atHome.refresh_token ?? "");
    expect(response.status).toBe(200);
    const tokens = ZTokenResponse.parse(response.body);
    const { payload } = await verifyAccessToken(
      idp,
      contoso.tenantId,
      tokens.access_token,
      `api://${appFor(idp, "Worldwide").clientId}`,
    );
    expect(payload).toMatchObject({
      tid: contoso.tenantId,
      idp: `https://sts.windows.net/${partner.tenantId}/`,
    });
    // The relationship's Exchange Administrator and the Cloud Service Provider marker of a GDAP token.
    expect(payload.wids).toEqual([
      "29232cdf-9323-42fd-ade2-1d097af3e4de",
      "08372b87-7d02-482a-9e02-fb03ea5fe193",
    ]);
  });

  it("are refused at a tenant the user has no place in", async () => {
    const fabrikam = tenantOf(idp, "fabrikam.onmicrosoft.com");
    const alex = await signInAs(idp, ACCOUNTS.alex);
    const response = await refreshAt(fabrikam.tenantId, alex.refresh_token ?? "");
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: "invalid_grant" });
  });
});

describe("on-behalf-of with msal-node", () => {
  it("trades the user's token for an Exchange Online token", async () => {
    const contoso = tenantOf(idp, "contoso.onmicrosoft.com");
    const user = await signInAs(idp, ACCOUNTS.adele);
    const result = await confidentialClient("Worldwide", contoso.tenantId).acquireTokenOnBehalfOf({
      oboAssertion: user.access_token,
      scopes: [`${EXCHANGE}/.default`],
    });
    expect(result?.accessToken).toBeTruthy();
    const { payload } = await verifyAccessToken(idp, contoso.tenantId, result?.accessToken ?? "", EXCHANGE);
    expect(payload).toMatchObject({
      ver: "1.0",
      scp: "Exchange.Manage",
      amr: ["pwd", "mfa"],
      upn: ACCOUNTS.adele.username,
      appid: appFor(idp, "Worldwide").clientId,
      appidacr: "1",
    });
  });

  it("gives a refresh token that msal-node renews Exchange tokens with after the user left", async () => {
    const contoso = tenantOf(idp, "contoso.onmicrosoft.com");
    const alex = await signInAs(idp, ACCOUNTS.alex);
    const client = confidentialClient("Worldwide", contoso.tenantId);
    await client.acquireTokenOnBehalfOf({
      oboAssertion: alex.access_token,
      scopes: [`${EXCHANGE}/.default`],
    });

    const oid = String(decodeJwt(alex.access_token).oid);
    const renewed = await client.acquireTokenSilent({
      account: {
        homeAccountId: `${oid}.${contoso.tenantId}`,
        environment: idp.hostFor("Worldwide"),
        tenantId: contoso.tenantId,
        username: ACCOUNTS.alex.username,
        localAccountId: oid,
      },
      scopes: [`${EXCHANGE}/.default`],
      forceRefresh: true,
    });
    const { payload } = await verifyAccessToken(idp, contoso.tenantId, renewed?.accessToken ?? "", EXCHANGE);
    expect(payload.upn).toBe(ACCOUNTS.alex.username);
    expect(payload.amr).toEqual(["pwd"]);
  });

  it("renews Exchange and Graph tokens with one refresh token, as Entra's multi-resource ones do", async () => {
    const contoso = tenantOf(idp, "contoso.onmicrosoft.com");
    const alex = await signInAs(idp, ACCOUNTS.alex);
    const client = confidentialClient("Worldwide", contoso.tenantId);
    // The later exchange leaves its refresh token in the cache, in place of the earlier one's.
    await client.acquireTokenOnBehalfOf({
      oboAssertion: alex.access_token,
      scopes: [`${EXCHANGE}/.default`],
    });
    await client.acquireTokenOnBehalfOf({ oboAssertion: alex.access_token, scopes: [`${GRAPH}/.default`] });
    const oid = String(decodeJwt(alex.access_token).oid);
    const account = {
      homeAccountId: `${oid}.${contoso.tenantId}`,
      environment: idp.hostFor("Worldwide"),
      tenantId: contoso.tenantId,
      username: ACCOUNTS.alex.username,
      localAccountId: oid,
    };
    for (const resource of [EXCHANGE, GRAPH]) {
      const renewed = await client.acquireTokenSilent({
        account,
        scopes: [`${resource}/.default`],
        forceRefresh: true,
      });
      const { payload } = await verifyAccessToken(
        idp,
        contoso.tenantId,
        renewed?.accessToken ?? "",
        resource,
      );
      expect(payload.upn).toBe(ACCOUNTS.alex.username);
    }
  });

  it("issues on-behalf-of tokens for Exchange Online and Graph only (AADSTS500011 for any other resource)", async () => {
    const contoso = tenantOf(idp, "contoso.onmicrosoft.com");
    const alex = await signInAs(idp, ACCOUNTS.alex);
    const client = confidentialClient("Worldwide", contoso.tenantId);
    const graph = await client.acquireTokenOnBehalfOf({
      oboAssertion: alex.access_token,
      scopes: [`${GRAPH}/.default`],
    });
    const { payload } = await verifyAccessToken(idp, contoso.tenantId, graph?.accessToken ?? "", GRAPH);
    expect(payload.scp).toBe(
      "Application.ReadWrite.All AppRoleAssignment.ReadWrite.All Organization.Read.All DelegatedAdminRelationship.Read.All",
    );
    const failure = await client
      .acquireTokenOnBehalfOf({
        oboAssertion: alex.access_token,
        scopes: ["https://management.azure.com/.default"],
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect((failure as { errorMessage?: string }).errorMessage).toMatch(
      /AADSTS500011: The resource principal named https:\/\/management\.azure\.com/,
    );
  });

  it("answers AADSTS50076 when the tenant wants MFA for Exchange and the sign-in had none", async () => {
    const fabrikam = tenantOf(idp, "fabrikam.onmicrosoft.com");
    const isaiah = await signInAs(idp, ACCOUNTS.isaiah);
    const failure = await confidentialClient("Worldwide", fabrikam.tenantId)
      .acquireTokenOnBehalfOf({ oboAssertion: isaiah.access_token, scopes: [`${EXCHANGE}/.default`] })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(InteractionRequiredAuthError);
    const error = failure as InteractionRequiredAuthError;
    expect(error.errorMessage).toMatch(/^AADSTS50076:/);
    expect(JSON.parse(error.claims)).toHaveProperty("access_token.capolids.essential", true);
  });

  it("lets an MFA sign-in through in that same tenant", async () => {
    const fabrikam = tenantOf(idp, "fabrikam.onmicrosoft.com");
    const diego = await signInAs(idp, ACCOUNTS.diego);
    const result = await confidentialClient("Worldwide", fabrikam.tenantId).acquireTokenOnBehalfOf({
      oboAssertion: diego.access_token,
      scopes: [`${EXCHANGE}/.default`],
    });
    expect(decodeJwt(result?.accessToken ?? "").amr).toEqual(["pwd", "mfa"]);
  });

  it("issues 21Vianet tokens for partner.outlook.cn", async () => {
    const tailspin = tenantOf(idp, "tailspincn.partner.onmschina.cn");
    const wei = await signInAs(idp, ACCOUNTS.wei);
    const result = await confidentialClient("China21Vianet", tailspin.tenantId).acquireTokenOnBehalfOf({
      oboAssertion: wei.access_token,
      scopes: ["https://partner.outlook.cn/.default"],
    });
    const { payload } = await verifyAccessToken(
      idp,
      tailspin.tenantId,
      result?.accessToken ?? "",
      "https://partner.outlook.cn",
    );
    expect(payload.iss).toBe(`https://sts.chinacloudapi.cn/${tailspin.tenantId}/`);
  });

  it("refuses a wrong client secret", async () => {
    const contoso = tenantOf(idp, "contoso.onmicrosoft.com");
    const alex = await signInAs(idp, ACCOUNTS.alex);
    await expect(
      confidentialClient("Worldwide", contoso.tenantId, "not-the-secret").acquireTokenOnBehalfOf({
        oboAssertion: alex.access_token,
        scopes: [`${EXCHANGE}/.default`],
      }),
    ).rejects.toMatchObject({ errorCode: "invalid_client" });
  });

  it("refuses an assertion issued by another tenant", async () => {
    const contoso = tenantOf(idp, "contoso.onmicrosoft.com");
    const fabrikam = tenantOf(idp, "fabrikam.onmicrosoft.com");
    const alex = await signInAs(idp, ACCOUNTS.alex);
    const response = await idp.requestToken(fabrikam.tenantId, {
      grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
      requested_token_use: "on_behalf_of",
      assertion: alex.access_token,
      scope: `${EXCHANGE}/.default`,
      client_id: appFor(idp, "Worldwide").clientId,
      client_secret: CLIENT_SECRETS.Worldwide,
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: "invalid_grant" });
    expect(contoso.tenantId).not.toBe(fabrikam.tenantId);
  });
});
