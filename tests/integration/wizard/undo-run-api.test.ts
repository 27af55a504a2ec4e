import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiClient } from "@/components/api/api-client";
import { invokeExchangeOnlineCmdlet } from "@/lib/exchange/exchange-online-client";
import { acquireExchangeOnlineToken } from "@/lib/exchange/exchange-online-token";
import type { Tenant } from "@/lib/generated/prisma/client";
import { getQueue } from "@/lib/jobs/get-queue";
import type { UserActingContext } from "@/lib/tenants/acting-context";
import { gatherNow } from "@/lib/wizard/gather/gather-now";
import { UNDO_OF_UNDO } from "@/lib/wizard/undo/refuse-undo-of-undo";
import { openOnPremisesOrganization } from "@/simulators/exchange/on-premises";
import { spawnAgent } from "@/tests/helpers/agent-cli";
import { type AgentTestBed, startAgentTestBed } from "@/tests/helpers/agent-test-bed";
import { serviceEnvFor } from "@/tests/helpers/identity";
import { userActing } from "@/tests/helpers/user-acting";
import { type ExchangeScenario, startExchangeScenario } from "@/tests/integration/exchange/exchange-scenario";
import { ACCOUNTS } from "@/tests/integration/identity/scenario";
import { shippedAnswers } from "./expected-operations";
import { answeredRun, MIGRATION_ACCOUNT, settledUpdate, settledValidation } from "./update-through-api";

// Undo this run on the Done page's API, after Contoso's plan ran through the orchestrator (the
// production build's update workers, a paired agent, Exchange Online over HTTPS): Undo reads what
// the Operation rows kept before each write, refuses while another admin's change stands, and its
// inverse plan, run as a run of its own by the same orchestrator, leaves both sides as the fixture
// had them. Once a mailbox has moved through the migration endpoint a run made, Undo is refused.

let scenario: ExchangeScenario;
let bed: AgentTestBed;
let contoso: Tenant;
let acting: UserActingContext;
let agent: ReturnType<typeof spawnAgent>;

beforeAll(async () => {
  scenario = await startExchangeScenario(["contoso"]);
  contoso = await scenario.tenantRow(ACCOUNTS.adele);
  bed = await startAgentTestBed({
    tenantName: contoso.displayName,
    databaseUrl: scenario.env.DATABASE_URL,
    tenantId: contoso.id,
    simulatorState: path.join(scenario.dataDir, "on-premises", "contoso.json"),
    webEnv: { ...serviceEnvFor(scenario.idp), ...scenario.env },
  });
  agent = spawnAgent(["run", "--config", await bed.pairAgent("CONTOSO-EX1")]);
  acting = userActing({
    tenant: contoso,
    user: await scenario.userRow(ACCOUNTS.adele),
    accessToken: await scenario.assertionOf(ACCOUNTS.adele),
  });
});

afterAll(async () => {
  agent?.kill("SIGINT");
  await bed?.stop();
  await (await getQueue()).stop({ graceful: false });
  await scenario?.stop();
});

async function adeleClient() {
  const token = await scenario.assertionOf(ACCOUNTS.adele);
  return createApiClient((pathname, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set("authorization", `Bearer ${token}`);
    return fetch(`${bed.web.url}${pathname}`, { ...init, headers });
  });
}

/** What the run's MRSProxy task names the endpoint it makes. */
const MIGRATION_ENDPOINT = "Hybrid Migration Endpoint - EWS (Default Web Site)";

const gather = async (runId: string) => (await gatherNow({ db: scenario.db, acting, runId })).state;

describe("Undo this run, after the orchestrator's update", () => {
  it("refuses while another admin's change stands, then its inverse plan puts Contoso back as the fixture had it", async () => {
    const client = await adeleClient();
    const runId = await answeredRun(client);
    const fixture = await gather(runId);

    // Nothing was updated yet: Undo says so instead of planning nothing.
    expect(await client.undoWizardRun(runId)).toEqual({
      status: "refused",
      reasons: ["This run has not updated anything yet, so there is nothing to undo."],
    });

    const plan = await client.getRunPlan(runId);
    await client.confirmUpdate(runId, { version: plan.version, digest: plan.digest });
    const done = await settledUpdate(() => client.getUpdateProgress(runId));
    expect(done.status).toBe("succeeded");

    // The wizard again: Exchange already is as the answers want it, so there is nothing to confirm.
    const again = await answeredRun(client);
    const empty = await client.getRunPlan(again);
    expect(empty.counts).toMatchObject({ new: 0, update: 0, remove: 0 });
    expect(
      await client.confirmUpdate(again, { version: empty.version, digest: empty.digest }).catch((e) => e),
    ).toMatchObject({ status: 409, message: expect.stringMatching(/^Nothing to change: /) });
    expect(await client.getWizardRun(again)).toMatchObject({ status: "draft", version: empty.version });

    // Another admin turns off the partner application the run enabled: Undo will not overwrite it.
    const organization = await openOnPremisesOrganization({ stateFile: bed.simulatorState });
    await organization.invoke("Set-PartnerApplication", { Identity: "Exchange Online", Enabled: false });
    expect(await client.undoWizardRun(runId)).toEqual({
      status: "refused",
      reasons: [
        "PartnerApplication 'Exchange Online' (on-premises) was changed after the run: Enabled is false, the run left true.",
      ],
    });
    await organization.invoke("Set-PartnerApplication", { Identity: "Exchange Online", Enabled: true });

    const undo = await client.undoWizardRun(runId);
    if (undo.status !== "ready") throw new Error(undo.reasons.join(" "));
    const removals = undo.plan.operations.filter((operation) => operation.action === "remove");
    expect(removals.map((operation) => operation.cmdlet)).toContain("Remove-HybridConfiguration");
    expect(undo.cannotUndo.map((entry) => entry.cmdlet)).toContain("Update-EmailAddressPolicy");

    // Run the undo: a run of its own, reviewed and confirmed like any plan, run by the orchestrator.
    const undoRun = await client.createUndoRun(runId);
    expect(undoRun.currentPage).toBe("review");
    const inverse = await client.getRunPlan(undoRun.id);
    expect(inverse.operations.map((operation) => operation.id)).toEqual(
      undo.plan.operations.map((operation) => operation.id),
    );
    await client.confirmUpdate(undoRun.id, { version: inverse.version, digest: inverse.digest });
    const undone = await settledUpdate(() => client.getUpdateProgress(undoRun.id));
    expect(undone.status).toBe("succeeded");
    expect(await gather(runId)).toEqual(fixture);

    // An undo is not undone in its turn, by either route, and says why.
    expect(await client.getWizardRun(undoRun.id)).toMatchObject({
      kind: "undo",
      source: { id: runId },
    });
    for (const attempt of [client.undoWizardRun, client.createUndoRun]) {
      expect(await attempt(undoRun.id).catch((error) => error)).toMatchObject({
        status: 409,
        message: UNDO_OF_UNDO,
      });
    }
  }, 600_000);

  it("runs the certificate change as a short run that touches only the certificate settings", async () => {
    const client = await adeleClient();
    const runId = await answeredRun(client);
    // A run that has updated nothing cannot be undone as a run of its own either.
    expect(await client.createUndoRun(runId).catch((error) => error)).toMatchObject({ status: 409 });

    const { thumbprint } = (await shippedAnswers("contoso")).certificate;
    const change = await client.createCertificateRun(runId, thumbprint);
    const plan = await client.getRunPlan(change.id);
    expect(plan.operations.map((operation) => operation.cmdlet)).toEqual([
      "Set-ReceiveConnector",
      "Set-ReceiveConnector",
    ]);
    await client.confirmUpdate(change.id, { version: plan.version, digest: plan.digest });
    expect((await settledUpdate(() => client.getUpdateProgress(change.id))).status).toBe("succeeded");
    // Planned again from what the change left: nothing more to change.
    expect(
      (await client.getRunPlan((await client.createCertificateRun(runId, thumbprint)).id)).counts,
    ).toMatchObject({
      new: 0,
      update: 0,
    });
  }, 300_000);

  it("refuses Undo, naming the mailbox, once it has moved through the run's migration endpoint, and leaves the run as it was", async () => {
    const client = await adeleClient();
    const runId = await answeredRun(client, { migrationEndpoint: true });
    const plan = await client.getRunPlan(runId);
    await client.confirmUpdate(runId, { version: plan.version, digest: plan.digest });
    expect((await settledUpdate(() => client.getUpdateProgress(runId))).status).toBe("succeeded");
    await settledValidation(client, runId);

    // An Exchange admin moves Alex to Exchange Online through the endpoint the run made.
    const { accessToken } = await acquireExchangeOnlineToken({ db: scenario.db, acting });
    const online = { tenant: contoso, accessToken };
    const endpoints = await invokeExchangeOnlineCmdlet({ ...online, cmdlet: "Get-MigrationEndpoint" });
    const endpoint = endpoints.value.find((entry) => entry.Identity === MIGRATION_ENDPOINT);
    expect(endpoint).toBeDefined();
    await invokeExchangeOnlineCmdlet({
      ...online,
      cmdlet: "New-MoveRequest",
      parameters: {
        Identity: "alex@contoso.com",
        Remote: true,
        RemoteHostName: endpoint!.RemoteServer,
        RemoteCredential: { UserName: MIGRATION_ACCOUNT.userName, Password: MIGRATION_ACCOUNT.password },
        TargetDeliveryDomain: "contoso.mail.onmicrosoft.com",
      },
    });

    const before = await client.getWizardRun(runId);
    const runsBefore = await client.listWizardRuns();
    const why = `1 mailbox has moved (or is moving) through the migration endpoint '${MIGRATION_ENDPOINT}' (alex@contoso.com). Moved mailboxes rely on this hybrid for their mail, free/busy and a move back, so undoing it would cut them off. Undo becomes possible again once no mailbox has moved through the endpoint.`;
    expect(await client.undoWizardRun(runId)).toEqual({ status: "refused", reasons: [why] });
    // Asking changed nothing: the run is as it was, and no other run was made.
    expect(await client.getWizardRun(runId)).toEqual(before);
    expect(await client.listWizardRuns()).toEqual(runsBefore);
    // Nor can an undo run be opened, for the same reason: none is left in the tenant's list.
    expect(await client.createUndoRun(runId).catch((error) => error)).toMatchObject({
      status: 409,
      message: `Undo is not possible now: ${why}`,
    });
    expect(await client.getWizardRun(runId)).toEqual(before);
    expect(await client.listWizardRuns()).toEqual(runsBefore);

    // The move cancelled (no mailbox moved after all): Undo is offered again.
    await invokeExchangeOnlineCmdlet({
      ...online,
      cmdlet: "Remove-MoveRequest",
      parameters: { Identity: "alex@contoso.com" },
    });
    expect((await client.undoWizardRun(runId)).status).toBe("ready");
  }, 600_000);

  it("another tenant's run is not found", async () => {
    const runId = await answeredRun(await adeleClient());
    const diego = await scenario.assertionOf(ACCOUNTS.diego);
    const response = await fetch(`${bed.web.url}/api/wizard/runs/${runId}/undo`, {
      method: "POST",
      headers: { authorization: `Bearer ${diego}` },
    });
    expect(response.status).toBe(404);
  }, 120_000);
});
