import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ZCertificateChoicesResponseSchema,
  ZPlanResponseSchema,
  ZValidationResponseSchema,
} from "@/lib/contracts/wizard-done";
import { invokeExchangeOnlineCmdlet } from "@/lib/exchange/exchange-online-client";
import { acquireExchangeOnlineToken } from "@/lib/exchange/exchange-online-token";
import type { Tenant } from "@/lib/generated/prisma/client";
import { getQueue } from "@/lib/jobs/get-queue";
import { runAgentCmdlet } from "@/lib/jobs/run-agent-cmdlet";
import { agentGatherTransport } from "@/lib/wizard/gather/agent-gather-transport";
import { exchangeOnlineGatherTransport } from "@/lib/wizard/gather/exchange-online-gather-transport";
import { gatherOrganization } from "@/lib/wizard/gather/gather-organization";
import type { GatheredState } from "@/lib/wizard/gather/gathered-state";
import { computePlan } from "@/lib/wizard/plan/compute-plan";
import type { ExecutedOperation } from "@/lib/wizard/undo/executed-operation";
import { readMailboxMoves } from "@/lib/wizard/undo/moved-mailboxes";
import { prepareUndo } from "@/lib/wizard/undo/prepare-undo";
import { serviceProbes } from "@/lib/wizard/validate/service-probes";
import { validateConfiguration } from "@/lib/wizard/validate/validate-configuration";
import { spawnAgent } from "@/tests/helpers/agent-cli";
import { type AgentTestBed, startAgentTestBed } from "@/tests/helpers/agent-test-bed";
import { applyRecording, type RunCmdlet } from "@/tests/helpers/apply-recording";
import { serviceEnvFor } from "@/tests/helpers/identity";
import { userActing } from "@/tests/helpers/user-acting";
import { startWebApp } from "@/tests/helpers/web-app";
import { type ExchangeScenario, startExchangeScenario } from "@/tests/integration/exchange/exchange-scenario";
import { ACCOUNTS } from "@/tests/integration/identity/scenario";
import { shippedAnswers } from "./expected-operations";

// Contoso end to end below the orchestrator: its plan applied operation by operation through a
// paired agent process (simulated executor) and the Exchange Online simulator over HTTPS, each
// object read before its write; Validate then passes, and fails with its fix once OAuth is broken;
// Undo's inverse plan, run the same way, leaves both sides as the fixture had them.

let scenario: ExchangeScenario;
let bed: AgentTestBed;
let contoso: Tenant;
let agent: ReturnType<typeof spawnAgent>;
let accessToken: string;

beforeAll(async () => {
  scenario = await startExchangeScenario(["contoso"]);
  contoso = await scenario.tenantRow(ACCOUNTS.adele);
  bed = await startAgentTestBed({
    tenantName: contoso.displayName,
    databaseUrl: scenario.env.DATABASE_URL,
    tenantId: contoso.id,
    simulatorState: path.join(scenario.dataDir, "on-premises", "contoso.json"),
  });
  agent = spawnAgent(["run", "--config", await bed.pairAgent("CONTOSO-EX1")]);
  const acting = userActing({
    tenant: contoso,
    user: await scenario.userRow(ACCOUNTS.adele),
    accessToken: await scenario.assertionOf(ACCOUNTS.adele),
  });
  accessToken = (await acquireExchangeOnlineToken({ db: scenario.db, acting })).accessToken;
});

afterAll(async () => {
  agent?.kill("SIGINT");
  await bed?.stop();
  await (await getQueue()).stop({ graceful: false });
  await scenario?.stop();
});

/** One cmdlet where it runs: on-premises as an agent job, in Exchange Online through the admin API client. */
const run: RunCmdlet = async (side, cmdlet, parameters) => {
  if (side === "Online") {
    return (await invokeExchangeOnlineCmdlet({ tenant: contoso, accessToken, cmdlet, parameters })).value;
  }
  const { outcome } = await runAgentCmdlet({
    db: bed.db,
    queue: await getQueue(),
    acting: bed.acting,
    cmdlet,
    parameters: parameters as Record<string, string | boolean | string[] | null>,
    timeoutMs: 30_000,
  });
  if (outcome.outcome !== "succeeded") throw new Error(`${cmdlet}: ${outcome.error.message}`);
  return outcome.result.objects as Record<string, unknown>[];
};

async function gather(): Promise<GatheredState> {
  return (
    await gatherOrganization({
      acting: bed.acting,
      onPremises: agentGatherTransport({
        db: bed.db,
        queue: await getQueue(),
        acting: bed.acting,
        timeoutMs: 60_000,
      }),
      online: exchangeOnlineGatherTransport({ tenant: contoso, accessToken }),
    })
  ).state;
}

const tenantFacts = () => ({
  cloud: contoso.cloud,
  tenantInitialDomain: contoso.initialDomain,
  entraTenantId: contoso.entraTenantId,
});

async function validate(gathered: GatheredState) {
  return validateConfiguration({
    gathered,
    answers: await shippedAnswers("contoso"),
    tenant: tenantFacts(),
    runProbe: serviceProbes({
      onPremises: {
        runCmdlet: async (cmdlet) =>
          runAgentCmdlet({ db: bed.db, queue: await getQueue(), acting: bed.acting, ...cmdlet }),
      },
      online: { tenant: contoso, accessToken },
    }),
    userIdentity: ACCOUNTS.adele.username,
  });
}

describe("Contoso: update, Validate, Undo through the agent and Exchange Online", () => {
  it("validates the configured organization, reports a broken OAuth with its fix, and undoes the run back to the fixture", async () => {
    const before = await gather();
    const answers = await shippedAnswers("contoso");
    const plan = computePlan({ gathered: before, answers, tenant: tenantFacts() });
    const executed: ExecutedOperation[] = await applyRecording(run, plan, (operation) => ({
      ...operation.parameters,
      ...Object.fromEntries(
        Object.entries(operation.credentials ?? {}).map(([name, reference]) => [
          name,
          { UserName: reference.userName, Password: "Migration-Test-1!" },
        ]),
      ),
    }));

    const configured = await validate(await gather());
    expect(configured.map((result) => [result.id, result.passed, result.detail])).toEqual([
      ["oauthToExchangeOnline", true, expect.any(String)],
      ["oauthToOnPremises", true, expect.any(String)],
      ["migrationEndpoint", true, expect.any(String)],
      ["freeBusyFromExchangeOnline", true, expect.any(String)],
      ["freeBusyFromOnPremises", true, expect.any(String)],
    ]);

    // Someone disables the Exchange Online partner application: OAuth fails both ways, with HCW8064's fix.
    await run("OnPremises", "Set-PartnerApplication", { Identity: "Exchange Online", Enabled: false });
    const broken = (await validate(await gather())).filter((result) => !result.passed);
    expect(broken.map((result) => [result.id, result.fix?.codes])).toEqual([
      ["oauthToExchangeOnline", ["HCW8064"]],
      ["oauthToOnPremises", ["HCW8064"]],
    ]);
    expect(broken[0]!.detail).toMatch(/partner application 'Exchange Online' is disabled/);
    // …which was the run's change too: Undo now refuses, naming it.
    const moves = () => readMailboxMoves(exchangeOnlineGatherTransport({ tenant: contoso, accessToken }));
    const refused = prepareUndo({ executed, gathered: await gather(), moves: await moves() });
    expect(refused).toEqual({
      status: "refused",
      reasons: [
        "PartnerApplication 'Exchange Online' (on-premises) was changed after the run: Enabled is false, the run left true.",
      ],
    });
    await run("OnPremises", "Set-PartnerApplication", { Identity: "Exchange Online", Enabled: true });

    const undo = prepareUndo({ executed, gathered: await gather(), moves: await moves() });
    if (undo.status !== "ready") throw new Error(undo.reasons.join(" "));
    expect(undo.plan.operations.length).toBeGreaterThan(20);
    await applyRecording(run, undo.plan);
    expect(await gather()).toEqual(before);
  });

  it("an Exchange Online refusal of a probe is that check's failure with its fix, not the whole validation's", async () => {
    await scenario.exchange.admin.setFault(
      { side: "Online", tenantId: contoso.entraTenantId },
      {
        cmdlet: "Test-OAuthConnectivity",
        kind: "error",
        times: 1,
        error: {
          message: "The token request to Azure Active Directory timed out.",
          category: "InvalidOperation",
        },
      },
    );
    const results = await validate(await gather());
    expect(results.find((result) => result.id === "oauthToOnPremises")).toMatchObject({
      passed: false,
      detail: expect.stringMatching(/timed out/),
      fix: { codes: ["HCW8064"] },
    });
    expect(results.map((result) => result.id)).toContain("freeBusyFromExchangeOnline");
  });

  it("the Done page's API: Validate, the certificate choices and the certificate plan, for the run's tenant", async () => {
    const web = await startWebApp({
      databaseUrl: scenario.env.DATABASE_URL ?? "",
      env: { ...serviceEnvFor(scenario.idp), ...scenario.env },
    });
    try {
      const answers = await shippedAnswers("contoso");
      const run = await scenario.db.wizardRun.create({
        data: { tenantId: contoso.id, currentPage: "done", answers },
      });
      const token = await scenario.assertionOf(ACCOUNTS.adele);
      const call = (route: string, init: RequestInit = {}) =>
        fetch(`${web.url}/api/wizard/runs/${run.id}/${route}`, {
          ...init,
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        });

      // Contoso is as the fixture had it again: every check fails, saying what is missing.
      const validation = await call("validation", { method: "POST" });
      expect(validation.status).toBe(200);
      const { results } = ZValidationResponseSchema.parse(await validation.json());
      expect(results.map((result) => [result.id, result.passed])).toEqual([
        ["oauthToExchangeOnline", false],
        ["oauthToOnPremises", false],
        ["migrationEndpoint", false],
        ["freeBusyFromExchangeOnline", false],
        ["freeBusyFromOnPremises", false],
      ]);
      expect(results.every((result) => result.fix !== null)).toBe(true);

      const choices = ZCertificateChoicesResponseSchema.parse(await (await call("certificates")).json());
      expect(
        choices.certificates.map((entry) => [entry.thumbprint, entry.servers, entry.current, entry.problems]),
      ).toContainEqual([answers.certificate.thumbprint, ["EX1", "EX2"], true, []]);

      const planned = await call("certificate-plan", {
        method: "POST",
        body: JSON.stringify({ thumbprint: answers.certificate.thumbprint }),
      });
      expect(planned.status).toBe(200);
      const { plan } = ZPlanResponseSchema.parse(await planned.json());
      expect(plan.operations.map((operation) => operation.cmdlet)).toEqual([
        "Set-ReceiveConnector",
        "Set-ReceiveConnector",
      ]);
      expect(plan.notes[0]).toMatch(/^There is no hybrid configuration yet/);

      const unknown = await call("certificate-plan", {
        method: "POST",
        body: JSON.stringify({ thumbprint: "0".repeat(40) }),
      });
      expect(unknown.status).toBe(400);
      expect(await unknown.json()).toMatchObject({
        error: {
          code: "invalid_answers",
          issues: [
            {
              path: "certificate.thumbprint",
              message: expect.stringMatching(/No Exchange server has a certificate/),
            },
          ],
        },
      });
      const malformed = await call("certificate-plan", {
        method: "POST",
        body: JSON.stringify({ thumbprint: "mail" }),
      });
      expect(malformed.status).toBe(422);
      expect(JSON.stringify(await malformed.json())).toMatch(/40 hexadecimal digits/);
    } finally {
      await web.stop();
    }
  });
});
