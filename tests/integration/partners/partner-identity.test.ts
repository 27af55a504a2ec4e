import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ZMeResponseSchema } from "@/lib/contracts/me";
import { createDb, type Db } from "@/lib/db";
import type { Tenant } from "@/lib/generated/prisma/client";
import { seedDemo } from "@/scripts/lib/seed-demo";
import {
  serviceEnvFor,
  startTestIdentityProvider,
  type TestIdentityProvider,
} from "@/tests/helpers/identity";
import {
  createMigratedDatabase,
  openTestDatabaseServer,
  type TestDatabaseServer,
} from "@/tests/helpers/test-database";
import { startWebApp } from "@/tests/helpers/web-app";
import { ACCOUNTS, apiScopes, appFor, signInAs, tenantOf } from "@/tests/integration/identity/scenario";

// Woodgrove Partners' technician (Patti) against two web instances on one database: her delegated
// (GDAP) token for a customer is her, the one row of her home sign-in, acting in that customer with
// the lower of her partner role and the relationship's; a relationship ended or suspended refuses
// her next request on either instance; a customer Woodgrove does not manage here refuses her
// though Entra issues the token; the audit trail names her home and the customer she acted for.

let idp: TestIdentityProvider;
let databaseServer: TestDatabaseServer;
let db: Db;
let webs: Array<Awaited<ReturnType<typeof startWebApp>>>;
let contoso: Tenant;
let fabrikam: Tenant;
let woodgrove: Tenant;

async function me(webIndex: number, token: string) {
  const response = await fetch(`${webs[webIndex]!.url}/api/me`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = await response.json();
  return { status: response.status, body };
}

/** Her one sign-in, at home. */
let home: Awaited<ReturnType<typeof signInAs>>;
/** Her refresh token: each use gives the next one (a single-page app's refresh tokens rotate). */
let refreshToken: string;

/** Her token for a customer, from the customer's authority with her home refresh token, as MSAL gets it. */
async function customerToken(domain: string): Promise<string> {
  const { clientId } = appFor(idp, "Worldwide");
  const answer = await idp.requestToken(tenantOf(idp, domain).tenantId, {
    grant_type: "refresh_token",
    client_id: clientId,
    refresh_token: refreshToken,
    scope: apiScopes(clientId).join(" "),
  });
  expect(answer.status).toBe(200);
  const body = answer.body as { access_token: string; refresh_token: string };
  refreshToken = body.refresh_token;
  return body.access_token;
}

beforeAll(async () => {
  idp = await startTestIdentityProvider();
  databaseServer = await openTestDatabaseServer(inject("databaseServerUrl"));
  const databaseUrl = await createMigratedDatabase(databaseServer, "hw_partner_identity");
  db = createDb(databaseUrl);
  await seedDemo(db, idp.directory);
  const byDomain = (domain: string) =>
    db.tenant.findUniqueOrThrow({ where: { entraTenantId: tenantOf(idp, domain).tenantId } });
  [contoso, fabrikam, woodgrove] = await Promise.all([
    byDomain(ACCOUNTS.adele.domain),
    byDomain(ACCOUNTS.diego.domain),
    byDomain(ACCOUNTS.patti.domain),
  ]);
  webs = await Promise.all([0, 1].map(() => startWebApp({ databaseUrl, env: serviceEnvFor(idp) })));
  home = await signInAs(idp, ACCOUNTS.patti);
  refreshToken = home.refresh_token ?? "";
});

afterAll(async () => {
  await Promise.all((webs ?? []).map((web) => web.stop()));
  await db?.$disconnect();
  await databaseServer?.close();
  await idp?.stop();
});

describe("a partner's technician in a customer", () => {
  it("is asked to sign in at home first, then is her home row acting in Contoso", async () => {
    const forContoso = await customerToken(ACCOUNTS.adele.domain);
    const before = await me(0, forContoso);
    expect(before.status).toBe(401);
    expect(before.body.error.reason).toBe("unknown_partner_user");
    expect(before.body.error.message).toContain(
      "Sign in to Hybrid Wizard with your account at Woodgrove Partners",
    );

    const atHome = await me(0, home.access_token);
    expect(atHome.status).toBe(200);
    expect(ZMeResponseSchema.parse(atHome.body)).toMatchObject({
      tenant: { displayName: "Woodgrove Partners" },
      partner: { name: "Woodgrove Partners", actingInCustomer: false },
    });

    const acting = await me(1, forContoso);
    expect(acting.status).toBe(200);
    expect(ZMeResponseSchema.parse(acting.body)).toMatchObject({
      user: { objectId: atHome.body.user.objectId, upn: ACCOUNTS.patti.username },
      tenant: { displayName: "Contoso" },
      // The demo makes no one a member of Woodgrove yet: the relationship's Exchange
      // Administrator role makes her an operator, as the relationship allows.
      role: "operator",
      directoryRoles: ["ExchangeAdministrator"],
      partner: { name: "Woodgrove Partners", actingInCustomer: true },
    });
    // One person, one row: keyed by her home tenant, whichever customer she acts in.
    expect(await db.user.count({ where: { upn: ACCOUNTS.patti.username } })).toBe(1);
    const row = await db.user.findFirstOrThrow({ where: { upn: ACCOUNTS.patti.username } });
    expect(row.homeTenantId).toBe(woodgrove.id);
  });

  it("holds the lower of her partner role and the relationship's", async () => {
    const user = await db.user.findFirstOrThrow({ where: { upn: ACCOUNTS.patti.username } });
    const partner = await db.partner.findUniqueOrThrow({ where: { homeTenantId: woodgrove.id } });
    await db.membership.create({ data: { userId: user.id, partnerId: partner.id, role: "viewer" } });
    const forFabrikam = await customerToken(ACCOUNTS.diego.domain);
    expect((await me(0, forFabrikam)).body.role).toBe("viewer");
    await db.membership.updateMany({
      where: { userId: user.id, partnerId: partner.id },
      data: { role: "owner" },
    });
    // The relationship gives operator: an owner of the partner is no more than that in Fabrikam.
    expect((await me(1, forFabrikam)).body.role).toBe("operator");
  });

  it("is refused on her next request, on either instance, once the relationship is suspended or ended", async () => {
    const forFabrikam = await customerToken(ACCOUNTS.diego.domain);
    expect((await me(0, forFabrikam)).status).toBe(200);
    for (const status of ["suspended", "ended"] as const) {
      await db.partnerTenant.updateMany({ where: { tenantId: fabrikam.id }, data: { status } });
      for (const index of [0, 1]) {
        const refused = await me(index, forFabrikam);
        expect(refused.status).toBe(403);
        expect(refused.body.error.reason).toBe("no_partner_relationship");
        expect(refused.body.error.message).toContain("has no active relationship with Fabrikam");
      }
    }
    await db.partnerTenant.updateMany({ where: { tenantId: fabrikam.id }, data: { status: "active" } });
    expect((await me(1, forFabrikam)).status).toBe(200);
  });

  it("is refused in a customer Woodgrove does not manage here, though Entra issues her token", async () => {
    await db.partnerTenant.deleteMany({ where: { tenantId: contoso.id } });
    const forContoso = await customerToken(ACCOUNTS.adele.domain);
    expect(decodeJwt(forContoso).tid).toBe(contoso.entraTenantId);
    const refused = await me(0, forContoso);
    expect(refused.status).toBe(403);
    expect(refused.body.error.reason).toBe("no_partner_relationship");
  });

  it("works the same for partners in 21Vianet and GCC High, each with its cloud's issuers", async () => {
    for (const [account, customer] of [
      [ACCOUNTS.li, ACCOUNTS.wei],
      [ACCOUNTS.jordan, ACCOUNTS.nestor],
    ] as const) {
      const atHome = await signInAs(idp, account);
      expect((await me(0, atHome.access_token)).status).toBe(200);
      const { clientId } = appFor(idp, tenantOf(idp, customer.domain).cloud);
      const answer = await idp.requestToken(tenantOf(idp, customer.domain).tenantId, {
        grant_type: "refresh_token",
        client_id: clientId,
        refresh_token: atHome.refresh_token ?? "",
        scope: apiScopes(clientId).join(" "),
      });
      const token = (answer.body as { access_token: string }).access_token;
      expect(decodeJwt(token).idp).toBe(decodeJwt(atHome.access_token).iss);
      const acting = await me(1, token);
      expect(acting.status, JSON.stringify(acting.body)).toBe(200);
      expect(acting.body).toMatchObject({
        tenant: { initialDomain: customer.domain },
        user: { upn: account.username },
        role: "operator",
        partner: { actingInCustomer: true },
      });
    }
  });

  it("leaves audit rows naming her home tenant and the customer she acted for", async () => {
    const rows = await db.auditEvent.findMany({
      where: { actorUpn: ACCOUNTS.patti.username },
      select: { action: true, actorHomeTenantId: true, tenantId: true, details: true },
    });
    // Her sign-in, at home; her refused attempts in Fabrikam while the relationship was not active.
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: "user.signed_in",
          actorHomeTenantId: woodgrove.id,
          tenantId: woodgrove.id,
        }),
        expect.objectContaining({
          action: "access.refused",
          actorHomeTenantId: woodgrove.id,
          tenantId: fabrikam.id,
          details: { reason: "no_partner_relationship" },
        }),
      ]),
    );
  });
});
