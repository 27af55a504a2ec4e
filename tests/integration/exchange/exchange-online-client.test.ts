import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { invokeExchangeOnlineCmdlet } from "@/lib/exchange/exchange-online-client";
import { acquireExchangeOnlineToken } from "@/lib/exchange/exchange-online-token";
import type { Tenant } from "@/lib/generated/prisma/client";
import { loadFixture } from "@/simulators/exchange/fixtures/load-fixture";
import { userActing } from "@/tests/helpers/user-acting";
import { ACCOUNTS } from "@/tests/integration/identity/scenario";
import { type ExchangeScenario, startExchangeScenario } from "./exchange-scenario";

// The admin API client against the Exchange Online simulator over HTTPS, with tokens the service
// obtains for real (on-behalf-of): results, warnings, pages, and each way Exchange says no.

type Account = (typeof ACCOUNTS)[keyof typeof ACCOUNTS];

let scenario: ExchangeScenario;
let contoso: Tenant;
let adeleToken: string;

async function exchangeTokenOf(account: Account): Promise<string> {
  const token = await acquireExchangeOnlineToken({
    db: scenario.db,
    acting: userActing({
      tenant: await scenario.tenantRow(account),
      user: await scenario.userRow(account),
      accessToken: await scenario.assertionOf(account),
    }),
  });
  return token.accessToken;
}

function refusal(promise: Promise<unknown>): Promise<AppError> {
  return promise.then(
    () => {
      throw new Error("expected Exchange Online to refuse");
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(AppError);
      return error as AppError;
    },
  );
}

const invoke = (cmdlet: string, parameters: Record<string, unknown> = {}, accessToken = adeleToken) =>
  invokeExchangeOnlineCmdlet({ tenant: contoso, accessToken, cmdlet, parameters });

beforeAll(async () => {
  scenario = await startExchangeScenario(["contoso", "fabrikam"]);
  contoso = await scenario.tenantRow(ACCOUNTS.adele);
  adeleToken = await exchangeTokenOf(ACCOUNTS.adele);
});

afterAll(async () => {
  await scenario?.stop();
});

describe("invokeExchangeOnlineCmdlet", () => {
  it("runs a cmdlet whose change the next one shows, and passes Exchange's warnings on", async () => {
    const set = await invoke("Set-RemoteDomain", { Identity: "Default", AutoForwardEnabled: false });
    expect(set).toEqual({ value: [], warnings: [] });
    const { value } = await invoke("Get-RemoteDomain", { Identity: "Default" });
    expect(value).toEqual([expect.objectContaining({ Identity: "Default", AutoForwardEnabled: false })]);
    const again = await invoke("Set-RemoteDomain", { Identity: "Default", AutoForwardEnabled: false });
    expect(again.warnings).toEqual([
      "The command completed successfully but no settings of 'Default' have been modified.",
    ]);
  });

  it("says which cmdlet Exchange refused and why", async () => {
    const error = await refusal(invoke("Get-InboundConnector", { Identity: "Nope" }));
    expect(error.code).toBe("exchange_error");
    expect(error.message).toMatch(
      /^Exchange Online could not run Get-InboundConnector: The operation couldn't be performed because object 'Nope' couldn't be found on '[^']+'\.$/,
    );
    expect(error.details).toMatchObject({
      cmdlet: "Get-InboundConnector",
      exceptionType: "Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException",
      category: "ObjectNotFound",
    });
  });

  it("refuses a user who is not an Exchange administrator, and another tenant's administrator", async () => {
    const lynne = await refusal(invoke("Get-AcceptedDomain", {}, await exchangeTokenOf(ACCOUNTS.lynne)));
    expect(lynne).toMatchObject({ code: "forbidden", details: { exchangeCode: "Forbidden" } });
    expect(lynne.message).toMatch(
      /^Exchange Online refused Get-AcceptedDomain \(Forbidden\): The user isn't assigned/,
    );
    const diego = await refusal(invoke("Get-AcceptedDomain", {}, await exchangeTokenOf(ACCOUNTS.diego)));
    expect(diego).toMatchObject({ code: "forbidden", details: { exchangeCode: "TenantMismatch" } });
  });

  it("asks for a new sign-in when Exchange does not accept the token", async () => {
    // The service's own API token, not one for Exchange.
    const error = await refusal(invoke("Get-AcceptedDomain", {}, await scenario.assertionOf(ACCOUNTS.adele)));
    expect(error).toMatchObject({ code: "unauthenticated", details: { exchangeCode: "InvalidAudience" } });
    expect(error.message).toMatch(/Sign in again\.$/);
  });

  it("passes on how long Exchange wants the service to wait when it throttles", async () => {
    await scenario.exchange.admin.setFault(
      { side: "Online", tenantId: contoso.entraTenantId },
      { cmdlet: "Get-AcceptedDomain", kind: "throttle", retryAfterSeconds: 7, times: 1 },
    );
    const error = await refusal(invoke("Get-AcceptedDomain"));
    expect(error).toMatchObject({
      code: "rate_limited",
      status: 429,
      message: "Exchange Online is throttling this tenant: try Get-AcceptedDomain again in 7 seconds.",
      details: { retryAfterSeconds: 7 },
    });
    expect((await invoke("Get-AcceptedDomain")).value.length).toBeGreaterThan(0);
  });

  it("names the host that closed the connection when it drops, and says it dropped", async () => {
    await scenario.exchange.admin.setFault(
      { side: "Online", tenantId: contoso.entraTenantId },
      { cmdlet: "*", kind: "drop-session", times: 1 },
    );
    const error = await refusal(invoke("Get-OrganizationConfig"));
    expect(error).toMatchObject({ code: "unavailable", details: { connectionDropped: true } });
    expect(error.message).toMatch(
      `The connection to Exchange Online at ${scenario.exchange.baseUrlFor("Worldwide")} was closed before it answered Get-OrganizationConfig: `,
    );
  });

  it("says so when Exchange Online does not know the tenant", async () => {
    const woodgrove = await scenario.tenantRow(ACCOUNTS.patti);
    const error = await refusal(
      invokeExchangeOnlineCmdlet({
        tenant: woodgrove,
        accessToken: await exchangeTokenOf(ACCOUNTS.patti),
        cmdlet: "Get-OrganizationConfig",
      }),
    );
    expect(error).toMatchObject({ code: "not_found", details: { exchangeCode: "TenantNotFound" } });
  });

  it("gathers every page of a large result", async () => {
    const fixture = await loadFixture("contoso");
    const domains = Array.from({ length: 2500 }, (_, index) => `d${index}.contoso.com`);
    await scenario.exchange.admin.seed({
      ...fixture,
      tenant: { ...fixture.tenant, verifiedDomains: domains },
    });
    const { value } = await invoke("Get-AcceptedDomain");
    const names = value.map((domain) => domain.DomainName);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining([...domains, "contoso.onmicrosoft.com"]));
  });
});
