import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { invokeExchangeOnlineCmdlet } from "@/lib/exchange/exchange-online-client";
import { acquireExchangeOnlineToken } from "@/lib/exchange/exchange-online-token";
import { readExchangeOnline } from "@/lib/exchange/read-exchange-online";
import type { Tenant } from "@/lib/generated/prisma/client";
import { userActing } from "@/tests/helpers/user-acting";
import { ACCOUNTS } from "@/tests/integration/identity/scenario";
import { type ExchangeScenario, startExchangeScenario } from "./exchange-scenario";

// Gathering's reads of Exchange Online: $batch, every page, and throttling waited out, against the
// Exchange Online simulator over HTTPS with a token obtained on-behalf-of the admin.

let scenario: ExchangeScenario;
let contoso: Tenant;
let accessToken: string;

beforeAll(async () => {
  scenario = await startExchangeScenario(["contoso"]);
  contoso = await scenario.tenantRow(ACCOUNTS.adele);
  accessToken = (
    await acquireExchangeOnlineToken({
      db: scenario.db,
      acting: userActing({
        tenant: contoso,
        user: await scenario.userRow(ACCOUNTS.adele),
        accessToken: await scenario.assertionOf(ACCOUNTS.adele),
      }),
    })
  ).accessToken;
});

afterAll(async () => {
  await scenario?.stop();
});

const target = () => ({ side: "Online" as const, tenantId: contoso.entraTenantId });

describe("readExchangeOnline", () => {
  it("answers more reads than one $batch holds, each on its own, a refused one included", async () => {
    const cmdlets = [
      "Get-OrganizationConfig",
      "Get-AcceptedDomain",
      "Get-RemoteDomain",
      "Get-InboundConnector",
    ];
    const reads = Array.from({ length: 25 }, (_, index) => ({ cmdlet: cmdlets[index % 4]!, parameters: {} }));
    reads.push({ cmdlet: "Get-RemoteDomain", parameters: { Identity: "no-such-remote-domain" } });
    const results = await readExchangeOnline({ tenant: contoso, accessToken, reads });
    expect(results).toHaveLength(26);
    expect(results.slice(0, 25).every((result) => result.ok)).toBe(true);
    const [first] = results;
    expect(first?.ok && first.objects[0]).toMatchObject({ Name: contoso.initialDomain });
    const refused = results[25]!;
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe("exchange_error");
      expect(refused.error.message).toContain("Get-RemoteDomain");
    }
  });

  it("follows every @odata.nextLink, so a small page size loses no object", async () => {
    const whole = await invokeExchangeOnlineCmdlet({
      tenant: contoso,
      accessToken,
      cmdlet: "Get-AcceptedDomain",
    });
    expect(whole.value.length).toBeGreaterThan(1);
    const [paged] = await readExchangeOnline({
      tenant: contoso,
      accessToken,
      pageSize: 1,
      reads: [{ cmdlet: "Get-AcceptedDomain", parameters: {} }],
    });
    expect(paged?.ok && paged.objects.map((domain) => domain.DomainName)).toEqual(
      whole.value.map((domain) => domain.DomainName),
    );
  });

  it("waits until Rate-Limit-Reset when Exchange Online throttles, then reads what was throttled", async () => {
    await scenario.exchange.admin.setFault(target(), {
      cmdlet: "Get-OutboundConnector",
      kind: "throttle",
      retryAfterSeconds: 1,
      times: 1,
    });
    const [throttled, other] = await readExchangeOnline({
      tenant: contoso,
      accessToken,
      reads: [
        { cmdlet: "Get-OutboundConnector", parameters: {} },
        { cmdlet: "Get-OrganizationConfig", parameters: {} },
      ],
    });
    expect(throttled).toMatchObject({ ok: true });
    expect(throttled!.throttledMs).toBeGreaterThan(0);
    expect(other).toMatchObject({ ok: true, throttledMs: 0 });
  });

  it("says how long to wait when the throttle outlasts what a gather will wait", async () => {
    await scenario.exchange.admin.setFault(target(), {
      cmdlet: "Get-MigrationEndpoint",
      kind: "throttle",
      retryAfterSeconds: 30,
      times: 1,
    });
    const error = await readExchangeOnline({
      tenant: contoso,
      accessToken,
      throttleBudgetMs: 1_000,
      reads: [{ cmdlet: "Get-MigrationEndpoint", parameters: {} }],
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "rate_limited" });
    expect((error as AppError).message).toMatch(
      /throttling this tenant: try Get-MigrationEndpoint again in (29|30) seconds/,
    );
    await scenario.exchange.admin.clearFaults(target());
  });
});
