import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acquireExchangeOnlineToken } from "@/lib/exchange/exchange-online-token";
import type { Tenant } from "@/lib/generated/prisma/client";
import { agentGatherTransport } from "@/lib/wizard/gather/agent-gather-transport";
import { exchangeOnlineGatherTransport } from "@/lib/wizard/gather/exchange-online-gather-transport";
import { type GatherResult, gatherOrganization } from "@/lib/wizard/gather/gather-organization";
import { GATHER_READS } from "@/lib/wizard/gather/read-list";
import { spawnAgent } from "@/tests/helpers/agent-cli";
import { type AgentTestBed, startAgentTestBed } from "@/tests/helpers/agent-test-bed";
import { type ExchangeScenario, startExchangeScenario } from "@/tests/integration/exchange/exchange-scenario";
import { ACCOUNTS } from "@/tests/integration/identity/scenario";

// Gathering Contoso as production does, every part real: the web app, a paired agent process
// (simulated executor) on Contoso's on-premises organization, the Exchange Online simulator over
// HTTPS with the admin's on-behalf-of token, the queue and its NOTIFY on PostgreSQL.

let scenario: ExchangeScenario;
let bed: AgentTestBed;
let contoso: Tenant;
let agent: ReturnType<typeof spawnAgent>;

async function gatherContoso(): Promise<GatherResult> {
  const accessToken = (
    await acquireExchangeOnlineToken({
      db: scenario.db,
      tenant: contoso,
      user: await scenario.userRow(ACCOUNTS.adele),
      userAssertion: await scenario.assertionOf(ACCOUNTS.adele),
    })
  ).accessToken;
  const acting = { tenant: contoso };
  return gatherOrganization({
    acting,
    onPremises: agentGatherTransport({ db: bed.db, acting, timeoutMs: 60_000 }),
    online: exchangeOnlineGatherTransport({ tenant: contoso, accessToken }),
  });
}

beforeAll(async () => {
  scenario = await startExchangeScenario(["contoso"]);
  contoso = await scenario.tenantRow(ACCOUNTS.adele);
  bed = await startAgentTestBed({
    tenantName: contoso.displayName,
    databaseUrl: scenario.env.DATABASE_URL,
    tenantId: contoso.id,
    // The on-premises organization the Exchange Online simulator's Contoso is paired with.
    simulatorState: path.join(scenario.dataDir, "on-premises", "contoso.json"),
  });
  agent = spawnAgent(["run", "--config", await bed.pairAgent("CONTOSO-EX1")]);
});

afterAll(async () => {
  agent?.kill("SIGINT");
  await bed?.stop();
  // This process's queue works on the scenario's database: stop it before the database goes.
  await (await (await import("@/lib/jobs/get-queue")).getQueue()).stop({ graceful: false });
  await scenario?.stop();
});

describe("gathering Contoso through a paired agent and Exchange Online", () => {
  it("reads both sides, records every read and runs the TestConnections checks", async () => {
    const { state, records, checks } = await gatherContoso();

    expect(state.onPremises.exchangeServers.map((server) => [server.Name, server.FileVersion])).toEqual([
      ["EX1", "15.02.1544.025"],
      ["EX2", "15.02.1544.004"],
    ]);
    expect(state.online.acceptedDomains.map((domain) => domain.DomainName)).toContain(
      "contoso.mail.onmicrosoft.com",
    );
    expect(state.onPremises.certificates.length).toBeGreaterThan(0);

    // One record per read, per server for the per-server ones, each with what the Gathering page shows.
    const perServer = GATHER_READS.filter((read) => read.perServer).length;
    expect(records).toHaveLength(GATHER_READS.length - perServer + perServer * 2);
    for (const record of records) {
      expect(record).toMatchObject({ side: expect.any(String), cmdlet: expect.any(String) });
      expect(record.durationMs).toBeGreaterThanOrEqual(0);
      expect(record.error).toBeUndefined();
    }
    expect(
      records.find((record) => record.side === "OnPremises" && record.cmdlet === "Get-ExchangeServer")
        ?.objects,
    ).toBe(2);
    expect(
      records.filter((record) => record.cmdlet === "Get-ExSetupFileVersion").map((record) => record.server),
    ).toEqual(["EX1", "EX2"]);

    const byId = Object.fromEntries(checks.map((check) => [check.id, check]));
    expect(byId.clockSkew).toMatchObject({ status: "ok" });
    expect(byId.directorySync).toMatchObject({ status: "ok" });
    expect(byId.coexistenceDomain).toMatchObject({ status: "ok" });
    expect(byId.transportServers?.message).toContain("EX1, EX2");
    // EX2 runs CU14 without the April 2025 hotfix: the dedicated hybrid application needs 15.2.1544.25.
    expect(byId.exchangeVersions).toMatchObject({ status: "warning" });
    expect(byId.exchangeVersions?.message).toMatch(
      /EX2: Exchange 2019 15\.2\.1544\.4 .*needs 15\.2\.1544\.25/,
    );
  });

  it("stops with every failed read named when Exchange refuses one, and plans nothing", async () => {
    await scenario.exchange.admin.setFault(
      { side: "OnPremises", organization: "contoso" },
      {
        cmdlet: "Get-SendConnector",
        kind: "error",
        times: 1,
        error: { message: "The Active Directory server is unavailable." },
      },
    );
    const error = await gatherContoso().catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(
      /Gathering stopped: 1 read failed.*Get-SendConnector \(on-premises\): The Active Directory server is unavailable/,
    );
  });
});
