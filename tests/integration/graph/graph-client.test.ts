import { decodeJwt, generateKeyPair, importJWK, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { acquireExchangeOnlineToken } from "@/lib/exchange/exchange-online-token";
import type { Tenant } from "@/lib/generated/prisma/client";
import { grantAppRole, listAppRoleAssignments } from "@/lib/graph/app-role-assignments";
import {
  createApplication,
  findApplicationsByDisplayName,
  getApplication,
  updateApplication,
} from "@/lib/graph/applications";
import { checkHybridAppRoles } from "@/lib/graph/check-hybrid-app-roles";
import { connectGraph } from "@/lib/graph/connect-graph";
import { getOrganization } from "@/lib/graph/get-organization";
import type { GraphConnection } from "@/lib/graph/graph-client";
import { EXCHANGE_ONLINE_APP_ID, FULL_ACCESS_AS_APP_ROLE_ID } from "@/lib/graph/graph-objects";
import { acquireGraphToken } from "@/lib/graph/graph-token";
import { createServicePrincipal, findServicePrincipalByAppId } from "@/lib/graph/service-principals";
import { createAuthCertificate } from "@/tests/helpers/auth-certificate";
import { ACCOUNTS } from "@/tests/integration/identity/scenario";
import { type Account, type GraphScenario, startGraphScenario } from "./graph-scenario";

// The production Graph client against the Graph simulator over HTTPS, with tokens the service
// obtains for real (on-behalf-of): the dedicated hybrid application's steps, and each way Graph says no.

const ORGANIZATION_GUID = "5b2de0bc-75c7-4d17-9f3c-7470d80b3c52";
const APP_NAME = `ExchangeServerApp-${ORGANIZATION_GUID}`;

let scenario: GraphScenario;
let contoso: Tenant;
let adele: GraphConnection;

function refusal(promise: Promise<unknown>): Promise<AppError> {
  return promise.then(
    () => {
      throw new Error("expected Microsoft Graph to refuse");
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(AppError);
      return error as AppError;
    },
  );
}

async function connectionOf(account: Account): Promise<GraphConnection & { tenant: Tenant }> {
  return { tenant: await scenario.tenantRow(account), accessToken: await scenario.graphTokenOf(account) };
}

beforeAll(async () => {
  scenario = await startGraphScenario();
  contoso = await scenario.tenantRow(ACCOUNTS.adele);
  adele = await connectionOf(ACCOUNTS.adele);
});

afterAll(async () => {
  await scenario?.stop();
});

describe("the dedicated Exchange hybrid application, as a Global Administrator", () => {
  it("creates the app, finds it by name, gives it both Auth certificates, and grants full_access_as_app", async () => {
    expect(decodeJwt(adele.accessToken)).toMatchObject({
      aud: "https://graph.microsoft.com",
      tid: contoso.entraTenantId,
    });
    expect(await getOrganization({ graph: adele })).toMatchObject({
      id: contoso.entraTenantId,
      displayName: "Contoso",
    });

    const created = await createApplication({
      graph: adele,
      displayName: APP_NAME,
      requiredResourceAccess: [
        {
          resourceAppId: EXCHANGE_ONLINE_APP_ID,
          resourceAccess: [{ id: FULL_ACCESS_AS_APP_ROLE_ID, type: "Role" }],
        },
      ],
    });
    const [found, ...others] = await findApplicationsByDisplayName({ graph: adele, displayName: APP_NAME });
    expect(others).toEqual([]);
    expect(found).toMatchObject({ id: created.id, appId: created.appId });

    const current = await createAuthCertificate();
    const next = await createAuthCertificate({ notBefore: new Date(Date.now() + 30 * 86_400_000) });
    await updateApplication({
      graph: adele,
      id: created.id,
      keyCredentials: [current, next].map((cert) => ({
        type: "AsymmetricX509Cert",
        usage: "Verify",
        key: cert.base64,
      })),
    });
    const withKeys = await getApplication({ graph: adele, id: created.id, withKeys: true });
    expect(withKeys.keyCredentials.map((key) => [key.customKeyIdentifier, key.key])).toEqual([
      [current.thumbprintBase64, current.base64],
      [next.thumbprintBase64, next.base64],
    ]);

    const principal = await createServicePrincipal({ graph: adele, appId: created.appId });
    const exchange = await findServicePrincipalByAppId({ graph: adele, appId: EXCHANGE_ONLINE_APP_ID });
    expect(exchange?.appRoles.map((role) => role.value)).toContain("full_access_as_app");
    const grant = await grantAppRole({
      graph: adele,
      principalId: principal.id,
      resourceId: exchange!.id,
      appRoleId: FULL_ACCESS_AS_APP_ROLE_ID,
      permissionName: "full_access_as_app on Office 365 Exchange Online",
    });
    expect(await listAppRoleAssignments({ graph: adele, principalId: principal.id })).toEqual([
      expect.objectContaining({
        id: grant.id,
        appRoleId: FULL_ACCESS_AS_APP_ROLE_ID,
        resourceId: exchange!.id,
      }),
    ]);

    // What Graph now holds for Contoso, as its admin surface shows it.
    const state = await scenario.graph.admin.read(contoso.entraTenantId);
    expect(state.applications.map((app) => [app.displayName, app.keyCredentials.length])).toEqual([
      [APP_NAME, 2],
    ]);
    expect(state.appRoleAssignments).toEqual([expect.objectContaining({ principalId: principal.id })]);
  });
});

describe("bad input, said in Graph's words", () => {
  it("passes on why Graph refused a certificate, and that the app already has a service principal", async () => {
    const app = await createApplication({ graph: adele, displayName: "ExchangeServerApp-bad-input" });
    const badKey = await refusal(
      updateApplication({
        graph: adele,
        id: app.id,
        keyCredentials: [{ type: "AsymmetricX509Cert", usage: "Verify", key: "bm90IGEgY2VydA==" }],
      }),
    );
    expect(badKey).toMatchObject({
      code: "graph_error",
      status: 502,
      details: { graphCode: "Request_BadRequest" },
    });
    expect(badKey.message).toBe(
      `Microsoft Graph could not update the application ${app.id}: Key credential key is invalid: it must be a base64-encoded X.509 certificate.`,
    );
    await createServicePrincipal({ graph: adele, appId: app.appId });
    const twice = await refusal(createServicePrincipal({ graph: adele, appId: app.appId }));
    expect(twice).toMatchObject({
      code: "conflict",
      details: { graphCode: "Request_MultipleObjectsWithSameKeyValue" },
    });
  });
});

describe("an admin who may create the app but not consent to it", () => {
  it("is told before planning what is missing, and Graph's refusal says which roles would do", async () => {
    const acting = await scenario.actingOf(ACCOUNTS.megan);
    const check = checkHybridAppRoles({ acting });
    expect(check).toMatchObject({
      ready: false,
      createApplication: { allowed: true },
      grantConsent: { allowed: false },
    });
    expect(check.missing).toBe(
      "Megan Bowen cannot grant it admin consent to full_access_as_app (needs Global Administrator or Privileged Role Administrator) in Contoso. Ask a Global Administrator to assign the missing role and sign in again, or to do this step for you.",
    );

    const megan = await connectGraph({ db: scenario.db, acting });
    const app = await createApplication({ graph: megan, displayName: "ExchangeServerApp-megan" });
    const principal = await createServicePrincipal({ graph: megan, appId: app.appId });
    const exchange = await findServicePrincipalByAppId({ graph: megan, appId: EXCHANGE_ONLINE_APP_ID });
    const error = await refusal(
      grantAppRole({
        graph: megan,
        principalId: principal.id,
        resourceId: exchange!.id,
        appRoleId: FULL_ACCESS_AS_APP_ROLE_ID,
        permissionName: "full_access_as_app on Office 365 Exchange Online",
      }),
    );
    expect(error).toMatchObject({
      code: "forbidden",
      status: 403,
      details: { graphCode: "Authorization_RequestDenied" },
    });
    expect(error.message).toBe(
      "Microsoft Graph refused to grant admin consent to full_access_as_app on Office 365 Exchange Online (Authorization_RequestDenied: Insufficient privileges to complete the operation.) Granting admin consent needs the Global Administrator or Privileged Role Administrator role: ask one of them to grant it, or to assign you Privileged Role Administrator, then sign in again.",
    );
    expect(error.details?.requestId).toEqual(expect.any(String));
  });
});

describe("throttling", () => {
  it("waits as long as Retry-After says, then gets the answer", async () => {
    const fault = await scenario.graph.admin.setFault(contoso.entraTenantId, {
      route: "GET /organization",
      kind: "throttle",
      retryAfterSeconds: 1,
      times: 2,
    });
    const started = Date.now();
    expect(await getOrganization({ graph: adele })).toMatchObject({ id: contoso.entraTenantId });
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    const state = await scenario.graph.admin.read(contoso.entraTenantId);
    expect(state.faults.map((left) => left.id)).not.toContain(fault.id);
  });

  it("does not wait an hour: it says when to come back", async () => {
    await scenario.graph.admin.setFault(contoso.entraTenantId, {
      route: "*",
      kind: "throttle",
      retryAfterSeconds: 3600,
      times: 1,
    });
    const error = await refusal(findApplicationsByDisplayName({ graph: adele, displayName: APP_NAME }));
    expect(error).toMatchObject({
      code: "rate_limited",
      status: 429,
      message: `Microsoft Graph is throttling this tenant: try to look up the application ${APP_NAME} again in 3600 seconds.`,
      details: { retryAfterSeconds: 3600 },
    });
  });

  it("spends a tenant's request budget: beyond it, 429 with Retry-After, which the client waits out", async () => {
    await scenario.graph.admin.setRateLimit(contoso.entraTenantId, { limit: 1, windowSeconds: 2 });
    try {
      const organization = () =>
        fetch(`${scenario.graph.baseUrlFor("Worldwide")}/v1.0/organization`, {
          headers: { authorization: `Bearer ${adele.accessToken}` },
        });
      expect((await organization()).status).toBe(200);
      const throttled = await organization();
      expect(throttled.status).toBe(429);
      expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(await throttled.json()).toMatchObject({ error: { code: "TooManyRequests" } });
      expect(await getOrganization({ graph: adele })).toMatchObject({ id: contoso.entraTenantId });
    } finally {
      await scenario.graph.admin.setRateLimit(contoso.entraTenantId, null);
    }
  });
});

describe("faults on demand", () => {
  it("refuses consent once when told to, slows a route down, and then behaves again", async () => {
    const app = await createApplication({ graph: adele, displayName: "ExchangeServerApp-faults" });
    const principal = await createServicePrincipal({ graph: adele, appId: app.appId });
    const exchange = await findServicePrincipalByAppId({ graph: adele, appId: EXCHANGE_ONLINE_APP_ID });
    const grant = () =>
      grantAppRole({
        graph: adele,
        principalId: principal.id,
        resourceId: exchange!.id,
        appRoleId: FULL_ACCESS_AS_APP_ROLE_ID,
        permissionName: "full_access_as_app on Office 365 Exchange Online",
      });
    await scenario.graph.admin.setFault(contoso.entraTenantId, {
      route: "POST /servicePrincipals/{id}/appRoleAssignments",
      kind: "error",
      times: 1,
    });
    expect(await refusal(grant())).toMatchObject({
      code: "forbidden",
      details: { graphCode: "Authorization_RequestDenied" },
    });
    expect(await grant()).toMatchObject({ appRoleId: FULL_ACCESS_AS_APP_ROLE_ID });

    await scenario.graph.admin.setFault(contoso.entraTenantId, {
      route: "GET /organization",
      kind: "latency",
      latencyMs: 500,
      times: 1,
    });
    const started = Date.now();
    expect(await getOrganization({ graph: adele })).toMatchObject({ id: contoso.entraTenantId });
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
  });
});

describe("national clouds", () => {
  const people = [
    { account: ACCOUNTS.wei, resource: "https://microsoftgraph.chinacloudapi.cn", cloud: "China21Vianet" },
    { account: ACCOUNTS.nestor, resource: "https://graph.microsoft.us", cloud: "UsGovGccHigh" },
    { account: ACCOUNTS.grady, resource: "https://dod-graph.microsoft.us", cloud: "UsGovDod" },
  ] as const;

  for (const { account, resource, cloud } of people) {
    it(`gives ${cloud}'s admin a token for that cloud's Graph, which only that cloud's host accepts`, async () => {
      const connection = await connectionOf(account);
      expect(connection.tenant.cloud).toBe(cloud);
      expect(decodeJwt(connection.accessToken).aud).toBe(resource);
      expect(await getOrganization({ graph: connection })).toMatchObject({
        id: connection.tenant.entraTenantId,
      });
      // The same token at another cloud's Graph host is not accepted there.
      const elsewhere = await fetch(`${scenario.graph.baseUrlFor("Worldwide")}/v1.0/organization`, {
        headers: { authorization: `Bearer ${connection.accessToken}` },
      });
      expect(elsewhere.status).toBe(401);
    });
  }
});

describe("tokens Graph refuses", () => {
  it("refuses a token for another audience: the service's own API token, an Exchange Online token", async () => {
    const acting = await scenario.actingOf(ACCOUNTS.adele);
    const exchangeToken = await acquireExchangeOnlineToken({ db: scenario.db, acting });
    for (const accessToken of [acting.actor.accessToken, exchangeToken.accessToken]) {
      const error = await refusal(getOrganization({ graph: { tenant: contoso, accessToken } }));
      expect(error).toMatchObject({
        code: "unauthenticated",
        details: { graphCode: "InvalidAuthenticationToken" },
      });
      expect(error.message).toBe(
        "Microsoft Graph did not accept the sign-in (InvalidAuthenticationToken: Access token validation failure. Invalid audience.) Sign in again.",
      );
    }
  });

  it("refuses a token signed by a key the tenant does not publish, and an expired one", async () => {
    const claims = { ...decodeJwt(adele.accessToken) };
    const signingKey = await scenario.idp.currentSigningKey();
    const expired = await new SignJWT({ ...claims, exp: Math.floor(Date.now() / 1000) - 3600 })
      .setProtectedHeader({ alg: "RS256", kid: signingKey.kid, typ: "JWT" })
      .sign(await importJWK(signingKey, "RS256"));
    const { privateKey } = await generateKeyPair("RS256");
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: signingKey.kid, typ: "JWT" })
      .sign(privateKey);
    for (const [accessToken, message] of [
      [expired, "Lifetime validation failed, the token is expired."],
      [forged, "Access token validation failure."],
    ] as const) {
      const error = await refusal(getOrganization({ graph: { tenant: contoso, accessToken } }));
      expect(error).toMatchObject({
        code: "unauthenticated",
        details: { graphCode: "InvalidAuthenticationToken" },
      });
      expect(error.message).toContain(message);
    }
  });

  it("gives another tenant's admin their own tenant only: Contoso's application is not found", async () => {
    const diego = await connectionOf(ACCOUNTS.diego);
    expect(await getOrganization({ graph: diego })).toMatchObject({ displayName: "Fabrikam" });
    const [contosoApp] = await findApplicationsByDisplayName({ graph: adele, displayName: APP_NAME });
    expect(await findApplicationsByDisplayName({ graph: diego, displayName: APP_NAME })).toEqual([]);
    const error = await refusal(getApplication({ graph: diego, id: contosoApp!.id }));
    expect(error).toMatchObject({ code: "not_found", details: { graphCode: "Request_ResourceNotFound" } });
  });

  it("answers in Graph's error shape, with the ids support asks for", async () => {
    const response = await fetch(`${scenario.graph.baseUrlFor("Worldwide")}/v1.0/applications/nope`, {
      headers: {
        authorization: `Bearer ${adele.accessToken}`,
        "client-request-id": "c0ffee00-1111-4222-8333-444455556666",
      },
    });
    expect(response.status).toBe(404);
    const body = await response.json();
    expect(body).toEqual({
      error: {
        code: "Request_ResourceNotFound",
        message:
          "Resource 'nope' does not exist or one of its queried reference-property objects are not present.",
        innerError: {
          date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
          "request-id": response.headers.get("request-id"),
          "client-request-id": "c0ffee00-1111-4222-8333-444455556666",
        },
      },
    });
  });

  it("asks an admin without MFA to sign in again where the tenant requires it for Graph", async () => {
    const acting = await scenario.actingOf(ACCOUNTS.isaiah);
    const error = await refusal(acquireGraphToken({ db: scenario.db, acting }));
    expect(error).toMatchObject({
      code: "interaction_required",
      message: "Sign in again: Microsoft Graph requires multi-factor authentication (MFA) for this account.",
    });
  });
});
