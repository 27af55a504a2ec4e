import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { acquireExchangeOnlineToken } from "@/lib/exchange/exchange-online-token";
import type { Tenant } from "@/lib/generated/prisma/client";
import { getQueue } from "@/lib/jobs/get-queue";
import { type ActingPartner, actingPartner } from "@/lib/partners/acting-partner";
import { WEBHOOK_SIGNATURE_HEADER, webhookSignature } from "@/lib/partners/alerts/webhook-secret";
import { customerReport } from "@/lib/partners/customer-report";
import { getHealthCheckBatch } from "@/lib/partners/health/get-health-check-batch";
import { setHealthSchedule } from "@/lib/partners/health/health-schedule";
import { runScheduledChecks } from "@/lib/partners/health/run-scheduled-checks";
import { startHealthChecks } from "@/lib/partners/health/start-health-checks";
import { listPartnerCustomers } from "@/lib/partners/list-partner-customers";
import { UNSET_EWS_DISABLED_FROM } from "@/lib/wizard/gather/ews-readiness";
import { spawnAgent } from "@/tests/helpers/agent-cli";
import { type AgentTestBed, startAgentTestBed } from "@/tests/helpers/agent-test-bed";
import { serviceEnvFor } from "@/tests/helpers/identity";
import { userActing } from "@/tests/helpers/user-acting";
import { type ExchangeScenario, startExchangeScenario } from "@/tests/integration/exchange/exchange-scenario";
import { ACCOUNTS } from "@/tests/integration/identity/scenario";

// Woodgrove Partners' technician checks the demo customers (seeded: Contoso and Fabrikam, active)
// through the real pieces: her one sign-in at home traded on-behalf-of, the web app's workers on pg-boss,
// Contoso's paired agent (simulated executor) and the Exchange Online simulator, which sees her
// token for each customer. A customer whose relationship is not active never shows; a scheduled
// check's problems reach a local SMTP server and a webhook receiver; a lost sign-in says so.

let scenario: ExchangeScenario;
let bed: AgentTestBed;
let agent: ReturnType<typeof spawnAgent>;
let contoso: Tenant;
let fabrikam: Tenant;
let partner: ActingPartner;
let smtp: SMTPServer;
let webhook: Server;
let webhookPort: number;
const mails: string[] = [];
const hooks: Array<{ body: string; signature: string | undefined }> = [];

async function listen(
  server: { listen(port: number, host: string, done: () => void): unknown },
  address: () => AddressInfo | string | null,
) {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (address() as AddressInfo).port;
}

beforeAll(async () => {
  scenario = await startExchangeScenario(["contoso", "fabrikam"]);
  contoso = await scenario.tenantRow(ACCOUNTS.adele);
  fabrikam = await scenario.tenantRow(ACCOUNTS.diego);
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, _session, done) {
      let text = "";
      stream.on("data", (chunk: Buffer) => {
        text += chunk.toString("utf8");
      });
      stream.on("end", () => {
        // Unfolded: long header lines and quoted-printable soft breaks put back on one line.
        mails.push(text.replace(/=\r\n/g, "").replace(/\r\n[ \t]+/g, " "));
        done();
      });
    },
  });
  const smtpPort = await listen(smtp, () => smtp.server.address());
  webhook = createServer((request: IncomingMessage, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    request.on("end", () => {
      hooks.push({ body, signature: request.headers[WEBHOOK_SIGNATURE_HEADER] as string | undefined });
      response.writeHead(204).end();
    });
  });
  webhookPort = await listen(webhook, () => webhook.address());
  const alertEnv = {
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    ALERT_FROM: "alerts@woodgrovepartners.example",
  };
  for (const [name, value] of Object.entries(alertEnv)) vi.stubEnv(name, value);
  // The web app works the checks (its workers, as in production): it reaches the simulators and the
  // test's SMTP server as a deployment would its own.
  bed = await startAgentTestBed({
    webEnv: { ...serviceEnvFor(scenario.idp), ...scenario.env, ...alertEnv },
    tenantName: contoso.displayName,
    databaseUrl: scenario.env.DATABASE_URL,
    tenantId: contoso.id,
    simulatorState: path.join(scenario.dataDir, "on-premises", "contoso.json"),
  });
  agent = spawnAgent(["run", "--config", await bed.pairAgent("CONTOSO-EX1")]);
  const woodgrove = await scenario.tenantRow(ACCOUNTS.patti);
  const acting = userActing({
    tenant: woodgrove,
    user: await scenario.userRow(ACCOUNTS.patti),
    accessToken: await scenario.assertionOf(ACCOUNTS.patti),
  });
  // What POST /api/partner/health-checks does first: her refresh token into her cache at home.
  await acquireExchangeOnlineToken({ db: scenario.db, acting });
  partner = await actingPartner({ db: scenario.db, acting });

  // Customers the partner must never see: an ended and a suspended relationship.
  for (const [account, status] of [
    [ACCOUNTS.nestor, "ended"],
    [ACCOUNTS.grady, "suspended"],
  ] as const) {
    const tenant = await scenario.tenantRow(account);
    await scenario.db.partnerTenant.create({
      data: { partnerId: partner.partnerId, tenantId: tenant.id, role: "operator", status },
    });
  }
}, 180_000);

afterAll(async () => {
  agent?.kill("SIGINT");
  await bed?.stop();
  await (await getQueue()).stop({ graceful: false });
  await new Promise((resolve) => smtp?.close(() => resolve(undefined)));
  await new Promise((resolve) => webhook?.close(() => resolve(undefined)));
  await scenario?.stop();
});

async function finishedBatch(batchId: string) {
  return vi.waitFor(
    async () => {
      const batch = await getHealthCheckBatch({ db: scenario.db, partner, batchId });
      if (batch.finished < batch.total)
        throw new Error(`${batch.finished} of ${batch.total} checks finished`);
      return batch;
    },
    { timeout: 150_000, interval: 500 },
  );
}

describe("the partner dashboard", () => {
  it("lists, counts and finds only the customers with an active relationship", async () => {
    const all = await listPartnerCustomers({ db: scenario.db, partner, query: {} });
    expect(all.customers.map((row) => row.displayName)).toEqual([contoso.displayName, fabrikam.displayName]);
    expect(all.total).toBe(2);
    for (const q of ["northwind", "litware", "gov", ".us"]) {
      const found = await listPartnerCustomers({ db: scenario.db, partner, query: { q } });
      expect(found.total, q).toBe(0);
    }
    const fab = await listPartnerCustomers({ db: scenario.db, partner, query: { q: "fabri" } });
    expect(fab.customers.map((row) => row.tenantId)).toEqual([fabrikam.id]);
    const northwind = await scenario.tenantRow(ACCOUNTS.nestor);
    await expect(
      startHealthChecks({ db: scenario.db, queue: await getQueue(), partner, tenantIds: [northwind.id] }),
    ).rejects.toThrow(/not yours to check/);
  });

  it("checks every customer through its agent and Exchange Online, and keeps each result", async () => {
    const { batchId, total } = await startHealthChecks({ db: scenario.db, queue: await getQueue(), partner });
    expect(total).toBe(2);
    const batch = await finishedBatch(batchId);
    const byName = new Map(batch.checks.map((check) => [check.displayName, check]));
    const contosoCheck = byName.get(contoso.displayName);
    expect(contosoCheck?.status, contosoCheck?.error ?? "").toBe("succeeded");
    expect(contosoCheck?.error).toBeNull();
    // Fabrikam has no agent paired: the check is kept, and says what to do.
    expect(byName.get(fabrikam.displayName)).toMatchObject({
      status: "failed",
      error: expect.stringMatching(/No agent is paired/),
    });

    const table = await listPartnerCustomers({ db: scenario.db, partner, query: { sort: "name" } });
    const row = table.customers.find((customer) => customer.tenantId === contoso.id);
    expect(row?.hybridState).toBe("notConfigured");
    expect(row?.agents.online).toBe(1);
    expect(row?.lastCheck?.id).toBe(contosoCheck?.id);
    // EWS retirement readiness, as the check read it: EWSEnabled unset, no dedicated app, 2019 servers on EWS.
    expect(row?.ewsAppReadiness).toEqual({
      ewsEnabled: null,
      ewsServedNow: Date.now() < UNSET_EWS_DISABLED_FROM.getTime(),
      dedicatedApp: false,
      serversOnEws: ["EX1", "EX2"],
    });
    // Fabrikam's check could not read anything: its column says so rather than guessing.
    expect(table.customers.find((customer) => customer.tenantId === fabrikam.id)?.ewsAppReadiness).toBeNull();
    const stored = await scenario.db.healthCheck.findUniqueOrThrow({ where: { id: contosoCheck?.id ?? "" } });
    expect(stored.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: "remotePowerShell", severity: "ok" }),
        expect.objectContaining({
          id: "securityAndCompliance",
          severity: "ok",
          message: expect.stringContaining("ps.compliance.protection.outlook.com"),
        }),
        expect.objectContaining({ id: "versions", message: expect.stringMatching(/Exchange: .*15\./) }),
      ]),
    );
    const onlyProblems = await listPartnerCustomers({ db: scenario.db, partner, query: { problems: "1" } });
    expect(onlyProblems.customers.map((customer) => customer.tenantId)).toContain(fabrikam.id);

    const report = await customerReport({ db: scenario.db, partner, tenantId: contoso.id });
    expect(report.html).toContain(`Exchange hybrid health: ${contoso.displayName}`);
    expect(report.html).toContain("Hybrid not configured");
  }, 180_000);

  it("highlights what changed since the check before", async () => {
    // Contoso's agent goes: the next check of Contoso fails where the last one succeeded.
    await scenario.db.agent.updateMany({ where: { tenantId: contoso.id }, data: { revokedAt: new Date() } });
    const { batchId } = await startHealthChecks({
      db: scenario.db,
      queue: await getQueue(),
      partner,
      tenantIds: [contoso.id],
    });
    const [check] = (await finishedBatch(batchId)).checks;
    expect(check?.changed).toBe(true);
    expect(check?.changes.join(" ")).toMatch(/now fails/);
    await scenario.db.agent.updateMany({ where: { tenantId: contoso.id }, data: { revokedAt: null } });
  }, 180_000);

  it("alerts by webhook and email when a scheduled check finds a problem", async () => {
    const schedule = await setHealthSchedule({
      db: scenario.db,
      queue: await getQueue(),
      partner,
      request: {
        hourUtc: 6,
        alertEmail: "noc@woodgrovepartners.example",
        webhookUrl: `http://127.0.0.1:${webhookPort}/alerts`,
      },
    });
    expect(schedule.webhookSecret).toBeTruthy();
    const started = await runScheduledChecks({
      db: scenario.db,
      queue: await getQueue(),
      partnerId: partner.partnerId,
    });
    if (!started || !("batchId" in started))
      throw new Error(`the schedule did not start: ${JSON.stringify(started)}`);
    await finishedBatch(started.batchId);
    const fabrikamHook = await vi.waitFor(
      () => {
        const hook = hooks.find((entry) => entry.body.includes(fabrikam.displayName));
        if (!hook) throw new Error("no webhook for Fabrikam yet");
        return hook;
      },
      { timeout: 30_000 },
    );
    expect(fabrikamHook.signature).toBe(webhookSignature(schedule.webhookSecret ?? "", fabrikamHook.body));
    expect(JSON.parse(fabrikamHook.body)).toMatchObject({
      kind: "health_check",
      partner: "Woodgrove Partners",
    });
    const mail = await vi.waitFor(
      () => {
        const found = mails.find((text) => text.includes(fabrikam.displayName));
        if (!found) throw new Error(`no mail for Fabrikam yet, ${mails.length} others`);
        return found;
      },
      { timeout: 30_000 },
    );
    expect(mail).toMatch(/To: noc@woodgrovepartners\.example/);
    expect(mail).toMatch(/No agent is paired/);
  }, 180_000);

  it("says 'sign in again' when the technician's sign-in can no longer be renewed", async () => {
    // Her cached refresh token gone (revoked, expired): Entra would want her to sign in.
    await scenario.db.tokenCacheEntry.deleteMany({ where: { userId: partner.user.userId } });
    const before = await scenario.db.healthCheckBatch.count();
    const outcome = await runScheduledChecks({
      db: scenario.db,
      queue: await getQueue(),
      partnerId: partner.partnerId,
    });
    expect(outcome).toMatchObject({ needsSignIn: expect.stringMatching(/^Sign in again to continue/) });
    expect(await scenario.db.healthCheckBatch.count()).toBe(before);
    const schedule = await scenario.db.healthCheckSchedule.findUniqueOrThrow({
      where: { partnerId: partner.partnerId },
    });
    expect(schedule.needsSignIn).toMatch(/Sign in again to continue/);
    await vi.waitFor(() => expect(hooks.some((hook) => hook.body.includes("sign_in_again"))).toBe(true), {
      timeout: 30_000,
    });
  });
});
