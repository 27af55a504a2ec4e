import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serviceEnvFor } from "@/tests/helpers/identity";
import { startWebApp } from "@/tests/helpers/web-app";
import { ACCOUNTS } from "@/tests/integration/identity/scenario";
import { type ExchangeScenario, startExchangeScenario } from "./exchange-scenario";

// The Credentials page's Exchange Online check through the production build: the admin's token,
// traded on their behalf, reaches their organization; Exchange's demand for MFA says so. And the
// Security & Compliance check beside it, with a token for the compliance endpoint.

let scenario: ExchangeScenario;
let web: Awaited<ReturnType<typeof startWebApp>>;

beforeAll(async () => {
  scenario = await startExchangeScenario(["contoso", "fabrikam"]);
  web = await startWebApp({
    databaseUrl: scenario.env.DATABASE_URL ?? "",
    env: { ...serviceEnvFor(scenario.idp), ...scenario.env },
  });
});

afterAll(async () => {
  await web?.stop();
  await scenario?.stop();
});

async function checkConnection(
  account: (typeof ACCOUNTS)[keyof typeof ACCOUNTS],
  check: "connection" | "compliance-connection" = "connection",
) {
  const response = await fetch(`${web.url}/api/exchange-online/${check}`, {
    method: "POST",
    headers: { authorization: `Bearer ${await scenario.assertionOf(account)}` },
  });
  return { status: response.status, body: await response.json() };
}

describe("POST /api/exchange-online/connection", () => {
  it("reaches the admin's organization in Exchange Online on their behalf", async () => {
    const answer = await checkConnection(ACCOUNTS.adele);
    expect(answer).toMatchObject({
      status: 200,
      body: { organizationName: "contoso.onmicrosoft.com", displayName: "Contoso" },
    });
  });

  it("asks an admin without MFA to sign in again when Exchange Online requires it, with the claims challenge", async () => {
    // Fabrikam lets admins without MFA into Hybrid Wizard, but its Conditional Access wants MFA for Exchange.
    await scenario.db.tenant.update({
      where: { id: (await scenario.tenantRow(ACCOUNTS.isaiah)).id },
      data: { mfaPolicy: "Optional" },
    });
    const answer = await checkConnection(ACCOUNTS.isaiah);
    expect(answer.status).toBe(401);
    expect(answer.body.error).toMatchObject({
      code: "interaction_required",
      message: "Sign in again: Exchange Online requires multi-factor authentication (MFA) for this account.",
    });
    expect(answer.body.error.claims).toContain("access_token");
  });
});

describe("POST /api/exchange-online/compliance-connection", () => {
  it("reads the sensitivity labels at Security & Compliance with the same sign-in", async () => {
    const answer = await checkConnection(ACCOUNTS.adele, "compliance-connection");
    expect(answer).toEqual({
      status: 200,
      body: {
        endpoint: "ps.compliance.protection.outlook.com",
        labels: ["Personal", "Public", "General", "Confidential", "Highly Confidential"],
      },
    });
  });

  it("asks an admin without MFA to sign in again when the tenant's Conditional Access wants it there too", async () => {
    await scenario.db.tenant.update({
      where: { id: (await scenario.tenantRow(ACCOUNTS.isaiah)).id },
      data: { mfaPolicy: "Optional" },
    });
    const answer = await checkConnection(ACCOUNTS.isaiah, "compliance-connection");
    expect(answer.status).toBe(401);
    expect(answer.body.error).toMatchObject({
      code: "interaction_required",
      message:
        "Sign in again: Security & Compliance requires multi-factor authentication (MFA) for this account.",
    });
  });
});
