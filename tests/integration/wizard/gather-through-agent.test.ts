import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invokeExchangeOnlineCmdlet } from "@/lib/exchange/exchange-online-client";
import { acquireExchangeOnlineToken } from "@/lib/exchange/exchange-online-token";
import type { Tenant } from "@/lib/generated/prisma/client";
import { getQueue } from "@/lib/jobs/get-queue";
import { runAgentCmdlet } from "@/lib/jobs/run-agent-cmdlet";
import type { Answers } from "@/lib/wizard/answers/answers";
import { crossCheckAnswers } from "@/lib/wizard/answers/cross-check-answers";
import { agentGatherTransport } from "@/lib/wizard/gather/agent-gather-transport";
import { exchangeOnlineGatherTransport } from "@/lib/wizard/gather/exchange-online-gather-transport";
import { type GatherResult, gatherOrganization } from "@/lib/wizard/gather/gather-organization";
import { GATHER_READS } from "@/lib/wizard/gather/read-list";
import { computePlan } from "@/lib/wizard/plan/compute-plan";
import { type PlanOperation, writesOf } from "@/lib/wizard/plan/plan-types";
import { spawnAgent } from "@/tests/helpers/agent-cli";
import { type AgentTestBed, startAgentTestBed } from "@/tests/helpers/agent-test-bed";
import { userActing } from "@/tests/helpers/user-acting";
import { type ExchangeScenario, startExchangeScenario } from "@/tests/integration/exchange/exchange-scenario";
import { ACCOUNTS } from "@/tests/integration/identity/scenario";
import { shippedAnswers } from "./expected-operations";

// Gathering Contoso as production does, every part real: the web app, a paired agent process
// (simulated executor) on Contoso's on-premises organization, the Exchange Online simulator over
// HTTPS with the admin's on-behalf-of token, the queue and its NOTIFY on PostgreSQL.

let scenario: ExchangeScenario;
let bed: AgentTestBed;
let contoso: Tenant;
let agent: ReturnType<typeof spawnAgent>;
let accessToken: string;

/** The admin signs in once: each sign-in needs a fresh authenticator code, which a person waits for. */
async function signInAdmin(): Promise<string> {
  return (
    await acquireExchangeOnlineToken({
      db: scenario.db,
      acting: userActing({
        tenant: contoso,
        user: await scenario.userRow(ACCOUNTS.adele),
        accessToken: await scenario.assertionOf(ACCOUNTS.adele),
      }),
    })
  ).accessToken;
}

async function gatherContoso(): Promise<GatherResult> {
  const acting = bed.acting;
  return gatherOrganization({
    acting,
    onPremises: agentGatherTransport({ db: bed.db, queue: await getQueue(), acting, timeoutMs: 60_000 }),
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
  accessToken = await signInAdmin();
});

afterAll(async () => {
  agent?.kill("SIGINT");
  await bed?.stop();
  // This process's queue works on the scenario's database: stop it before the database goes.
  await (await (await import("@/lib/jobs/get-queue")).getQueue()).stop({ graceful: false });
  await scenario?.stop();
});

async function planContoso(answers: Answers) {
  const { state } = await gatherContoso();
  expect(crossCheckAnswers({ answers, gathered: state, now: new Date() })).toEqual([]);
  return computePlan({
    gathered: state,
    answers,
    tenant: {
      cloud: contoso.cloud,
      tenantInitialDomain: contoso.initialDomain,
      entraTenantId: contoso.entraTenantId,
    },
  });
}

/** Runs one operation's cmdlet where it belongs: on-premises as an agent job, in Exchange Online through the client. */
async function apply(operation: PlanOperation): Promise<void> {
  // The migration account's password is the admin's to type; here, a test value for its reference.
  const credentials = Object.fromEntries(
    Object.entries(operation.credentials ?? {}).map(([name, reference]) => [
      name,
      { UserName: reference.userName, Password: "Migration-Test-1!" },
    ]),
  );
  if (operation.side === "Online") {
    await invokeExchangeOnlineCmdlet({
      tenant: contoso,
      accessToken,
      cmdlet: operation.cmdlet,
      parameters: { ...operation.parameters, ...credentials },
    });
    return;
  }
  const settled = await runAgentCmdlet({
    db: bed.db,
    queue: await getQueue(),
    acting: bed.acting,
    cmdlet: operation.cmdlet,
    parameters: operation.parameters,
    idempotencyKey: `apply-${operation.id}-${crypto.randomUUID()}`,
    timeoutMs: 30_000,
  });
  expect(settled.outcome, `${operation.id}: ${JSON.stringify(settled.outcome)}`).toMatchObject({
    outcome: "succeeded",
  });
}

describe("gathering Contoso through a paired agent and Exchange Online", () => {
  it("reads both sides, records every read and runs the TestConnections checks", async () => {
    const { state, records, checks } = await gatherContoso();

    expect(state.onPremises.exchangeServers.map((server) => [server.Name, server.FileVersion])).toEqual([
      ["EX1", "15.02.1544.025"],
      ["EX2", "15.02.1544.025"],
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
    // Both servers run 2019 CU14 with the April 2025 hotfix, which the dedicated hybrid application needs.
    expect(byId.exchangeVersions).toMatchObject({ status: "ok" });
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

  it("applies Contoso's plan through the agent and the admin API client; planning again writes nothing", async () => {
    const answers = await shippedAnswers("contoso");
    const plan = await planContoso(answers);
    const writes = writesOf(plan);
    expect(writes.length).toBeGreaterThan(20);
    for (const operation of writes) {
      await apply(operation);
    }

    const again = await planContoso(answers);
    expect(writesOf(again).map((operation) => operation.id)).toEqual([]);
  });

  // After the run above: choosing the transfer on a re-run copies the policies, and only them.
  it("with Organization Configuration Transfer chosen, copies Contoso's policies to Exchange Online; planning again writes nothing", async () => {
    const shipped = await shippedAnswers("contoso");
    const answers = {
      ...shipped,
      features: { ...shipped.features, organizationConfigurationTransfer: true },
    };
    const plan = await planContoso(answers);
    const created = writesOf(plan)
      .filter(
        (operation) => operation.task === "OrganizationConfigurationTransfer" && operation.action === "new",
      )
      .map((operation) => `${operation.cmdlet} ${operation.identity}`);
    expect(created).toEqual(
      expect.arrayContaining([
        "New-OwaMailboxPolicy Contractors",
        "New-RetentionPolicyTag Finance - 7 years",
        "New-RetentionPolicy Finance",
      ]),
    );
    expect(writesOf(plan).every((operation) => operation.side === "Online")).toBe(true);
    for (const operation of writesOf(plan)) await apply(operation);

    const again = await planContoso(answers);
    expect(writesOf(again).map((operation) => operation.id)).toEqual([]);
    const { state } = await gatherContoso();
    expect(state.online.retentionPolicies.find((policy) => policy.Name === "Finance")).toMatchObject({
      RetentionPolicyTagLinks: ["Finance - 7 years", "Deleted Items", "Never Delete"],
      RetentionId: "1e2d3c4b-5a69-4788-9a0b-1c2d3e4f5061",
    });
    // The tenant's own Executives policy is not overwritten by the on-premises one.
    expect(
      state.online.mobileDeviceMailboxPolicies.find((policy) => policy.Name === "Executives"),
    ).toMatchObject({
      MinPasswordLength: 6,
    });
  });
});
