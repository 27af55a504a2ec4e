import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import type { Tenant } from "@/lib/generated/prisma/client";
import { createApplication, findApplicationsByDisplayName } from "@/lib/graph/applications";
import type { GraphConnection } from "@/lib/graph/graph-client";
import { EXCHANGE_ONLINE_APP_ID, FULL_ACCESS_AS_APP_ROLE_ID } from "@/lib/graph/graph-objects";
import { acquireGraphToken } from "@/lib/graph/graph-token";
import { createServicePrincipal, findServicePrincipalByAppId } from "@/lib/graph/service-principals";
import type { UserActingContext } from "@/lib/tenants/acting-context";
import { outputOf } from "@/lib/wizard/plan/plan-types";
import { graphTransport } from "@/lib/wizard/update/graph-transport";
import { storedOutput } from "@/lib/wizard/update/operation-output";
import type { OperationTransport } from "@/lib/wizard/update/operation-transports";
import { resolveRunValues } from "@/lib/wizard/update/resolve-run-values";
import { ACCOUNTS } from "@/tests/integration/identity/scenario";
import { type Account, type GraphScenario, startGraphScenario } from "./graph-scenario";

// A Graph operation of a confirmed run, as the update worker runs it: a value an earlier operation
// gave (the new application's appId) taken from that operation's row, and Graph's refusals, each
// answered in the Update page's words or handed back to be tried again later.

const NEW_APP = "HybridApplication:Graph:New-MgApplication:ExchangeServerApp-run";

let scenario: GraphScenario;
let contoso: Tenant;
/** Adele (Global Administrator) signed in once: each sign-in waits for a fresh one-time code. */
let adele: UserActingContext;
let adeleGraph: GraphConnection;

async function connectionOf(account: Account): Promise<GraphConnection> {
  return { tenant: await scenario.tenantRow(account), accessToken: await scenario.graphTokenOf(account) };
}

/** The agent is not asked: these operations carry no Auth certificate to fetch. */
const noAgent = async (): Promise<OperationTransport> => {
  throw new Error("the agent was asked for an Auth certificate");
};

/** Adele's New-MgApplication of the run, as the Graph worker sends it. */
const createApplicationAsRun = (displayName: string) =>
  graphTransport({ graph: adeleGraph, onPremises: noAgent }).write(
    "New-MgApplication",
    { DisplayName: displayName },
    displayName,
  );

/** The next POST /applications misbehaves once, as Graph does. */
const onNextCreate = (fault: { kind: "error" } | { kind: "throttle"; retryAfterSeconds: number }) =>
  scenario.graph.admin.setFault(contoso.entraTenantId, { route: "POST /applications", times: 1, ...fault });

beforeAll(async () => {
  scenario = await startGraphScenario();
  contoso = await scenario.tenantRow(ACCOUNTS.adele);
  adele = await scenario.actingOf(ACCOUNTS.adele);
  adeleGraph = {
    tenant: contoso,
    accessToken: (await acquireGraphToken({ db: scenario.db, acting: adele })).accessToken,
  };
});

afterAll(async () => {
  await scenario?.stop();
});

describe("a value an earlier operation of the run gave", () => {
  /** A run of the tenant whose New-MgApplication ended as `status`, having given `values`. */
  async function runWithApplication(
    tenant: Tenant,
    status: "succeeded" | "failed",
    values?: Record<string, string>,
  ) {
    const run = await scenario.db.wizardRun.create({
      data: { tenantId: tenant.id, currentPage: "update", status: "running" },
    });
    await scenario.db.operation.create({
      data: {
        tenantId: tenant.id,
        runId: run.id,
        sequence: 0,
        planOperationId: NEW_APP,
        side: "graph",
        task: "HybridApplication",
        action: "new",
        kind: "GraphApplication",
        identity: "ExchangeServerApp-run",
        cmdlet: "New-MgApplication",
        parameters: { DisplayName: "ExchangeServerApp-run" },
        before: {},
        after: {},
        dependsOn: [],
        status,
        idempotencyKey: `${run.id}:0`,
        output: storedOutput("1 object returned", values),
      },
    });
    return run.id;
  }

  const authServer = {
    parameters: { Identity: "EvoSts - contoso", ApplicationIdentifier: outputOf(NEW_APP, "appId") },
    before: { ApplicationIdentifier: null },
    after: { ApplicationIdentifier: outputOf(NEW_APP, "appId") },
  };

  it("is the appId the new application was given, in parameters and in before → after alike", async () => {
    const appId = "6f1c2a43-2d5b-4bde-9c61-1f2d3e4a5b6c";
    const runId = await runWithApplication(contoso, "succeeded", { id: "app-object-id", appId });
    const { values, resolved } = await resolveRunValues({
      db: scenario.db,
      acting: adele,
      runId,
      values: authServer,
    });
    expect(resolved).toBe(true);
    expect(values).toEqual({
      parameters: { Identity: "EvoSts - contoso", ApplicationIdentifier: appId },
      before: { ApplicationIdentifier: null },
      after: { ApplicationIdentifier: appId },
    });
  });

  it("leaves values with nothing to take as they are", async () => {
    const runId = await runWithApplication(contoso, "succeeded", { appId: "unused" });
    const plain = { parameters: { Identity: "EvoSts - contoso", Enabled: true }, before: {}, after: {} };
    expect(await resolveRunValues({ db: scenario.db, acting: adele, runId, values: plain })).toEqual({
      values: plain,
      resolved: false,
    });
  });

  it("refuses, naming the operation to retry, when that operation failed or gave no such value", async () => {
    for (const runId of [
      await runWithApplication(contoso, "failed"),
      await runWithApplication(contoso, "succeeded", { id: "app-object-id" }),
    ]) {
      const refused = resolveRunValues({ db: scenario.db, acting: adele, runId, values: authServer });
      await expect(refused).rejects.toBeInstanceOf(AppError);
      await expect(refused).rejects.toMatchObject({
        code: "conflict",
        message:
          "This operation needs the appId of New-MgApplication ExchangeServerApp-run, which has not given it: retry that operation first.",
      });
    }
  });

  it("is never taken from another tenant's run", async () => {
    const fabrikam = await scenario.tenantRow(ACCOUNTS.diego);
    const runId = await runWithApplication(fabrikam, "succeeded", { appId: "fabrikam-app-id" });
    await expect(
      resolveRunValues({ db: scenario.db, acting: adele, runId, values: authServer }),
    ).rejects.toMatchObject({
      code: "conflict",
      message: `This operation needs the appId of ${NEW_APP}, which has not given it: retry that operation first.`,
    });
  });
});

describe("Microsoft Graph's answers to the run's operations", () => {
  it("gives the new application's ids, which the operations after it take", async () => {
    const outcome = await createApplicationAsRun("ExchangeServerApp-transport");
    const [app] = await findApplicationsByDisplayName({
      graph: adeleGraph,
      displayName: "ExchangeServerApp-transport",
    });
    expect(outcome).toMatchObject({ ok: true, values: { id: app!.id, appId: app!.appId } });
  });

  it("consent refused (Authorization_RequestDenied) is HCW8126's warning with its fix", async () => {
    const megan = await connectionOf(ACCOUNTS.megan);
    const app = await createApplication({ graph: megan, displayName: "ExchangeServerApp-denied" });
    const principal = await createServicePrincipal({ graph: megan, appId: app.appId });
    const exchange = await findServicePrincipalByAppId({ graph: megan, appId: EXCHANGE_ONLINE_APP_ID });
    const outcome = await graphTransport({ graph: megan, onPremises: noAgent }).write(
      "New-MgServicePrincipalAppRoleAssignment",
      { PrincipalId: principal.id, ResourceId: exchange!.id, AppRoleId: FULL_ACCESS_AS_APP_ROLE_ID },
      "k2",
    );
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.failure).toMatchObject({
      warning: true,
      exchangeCode: "Authorization_RequestDenied",
      hcwCodes: expect.arrayContaining(["HCW8126"]),
      fix: expect.stringMatching(/admin consent/i),
    });
    expect(outcome.failure.message).toMatch(/^Microsoft Graph refused to grant admin consent/);
  });

  it("another refusal (Authorization_RequestDenied on create) fails the operation in Graph's words, no warning", async () => {
    await onNextCreate({ kind: "error" });
    const outcome = await createApplicationAsRun("ExchangeServerApp-refused");
    expect(outcome).toMatchObject({
      ok: false,
      failure: {
        exchangeCode: "Authorization_RequestDenied",
        message: expect.stringContaining("Insufficient privileges to complete the operation."),
      },
    });
    expect(outcome.ok === false && outcome.failure.warning).toBeFalsy();
  });

  it("an object Graph does not have (404) fails the operation, saying so", async () => {
    const transport = graphTransport({ graph: adeleGraph, onPremises: noAgent });
    const outcome = await transport.write(
      "Remove-MgApplication",
      { Id: "00000000-0000-4000-8000-000000000404" },
      "k4",
    );
    expect(outcome).toMatchObject({
      ok: false,
      failure: {
        exchangeCode: "Request_ResourceNotFound",
        message: expect.stringMatching(/^Microsoft Graph found nothing to /),
      },
    });
  });

  it("throttled (429), waits as long as Retry-After says and then writes", async () => {
    await onNextCreate({ kind: "throttle", retryAfterSeconds: 1 });
    const started = Date.now();
    const outcome = await createApplicationAsRun("ExchangeServerApp-throttled");
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(outcome.ok).toBe(true);
  });

  it("throttled for longer than it waits, hands the attempt back to be tried again later (not a failure)", async () => {
    await onNextCreate({ kind: "throttle", retryAfterSeconds: 3600 });
    await expect(createApplicationAsRun("ExchangeServerApp-later")).rejects.toMatchObject({
      code: "rate_limited",
      details: { retryAfterSeconds: 3600 },
    });
  });
});
