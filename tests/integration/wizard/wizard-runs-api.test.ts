import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { versionConflictOf } from "@/components/api/api-client";
import { createDb, type Db } from "@/lib/db";
import { seedDemo } from "@/scripts/lib/seed-demo";
import { apiTab, refusalOf } from "@/tests/helpers/api-tab";
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
import { ACCOUNTS, signInAs } from "@/tests/integration/identity/scenario";

// The saved wizard run as the wizard's pages will use it, against the production build with real
// tokens: runs listed to resume, a page's answers saved with the run's version, two tabs (or two
// admins) on one run, answers the page's schema refuses, Back and Next, a restart of the web app.

let idp: TestIdentityProvider;
let databaseServer: TestDatabaseServer;
let databaseUrl: string;
let db: Db;
let web: Awaited<ReturnType<typeof startWebApp>>;
const tokens: Partial<Record<"adele" | "alex" | "diego", string>> = {};

// Every field of the Hybrid Features page, so what is stored is what was sent (the schema fills defaults).
const APPLICATION = {
  dedicatedHybridApplication: true,
  allowHybridApplicationInEws: false,
  removeSharedPrincipalCertificate: false,
};
const FULL = {
  hybrid: "full",
  organizationConfigurationTransfer: false,
  migrationEndpoint: true,
  ...APPLICATION,
};
const MINIMAL = {
  hybrid: "minimal",
  organizationConfigurationTransfer: true,
  migrationEndpoint: false,
  ...APPLICATION,
};
const ENVIRONMENT = { cloud: "Worldwide", onPremisesServer: "EX1" };

beforeAll(async () => {
  idp = await startTestIdentityProvider();
  databaseServer = await openTestDatabaseServer(inject("databaseServerUrl"));
  databaseUrl = await createMigratedDatabase(databaseServer, "hw_wizard_runs");
  db = createDb(databaseUrl);
  await seedDemo(db, idp.directory);
  // Alex, Contoso's Exchange Administrator, has no MFA: let him in as the second admin on a run.
  await db.tenant.updateMany({
    where: { initialDomain: ACCOUNTS.alex.domain },
    data: { mfaPolicy: "Optional" },
  });
  web = await startWebApp({ databaseUrl, env: serviceEnvFor(idp) });
  for (const name of ["adele", "alex", "diego"] as const)
    tokens[name] = (await signInAs(idp, ACCOUNTS[name])).access_token;
});

afterAll(async () => {
  await web?.stop();
  await db?.$disconnect();
  await databaseServer?.close();
  await idp?.stop();
});

/** The browser's API client as `who`'s tab would hold it. */
function tabOf(who: keyof typeof tokens) {
  return apiTab(
    () => web.url,
    () => tokens[who] ?? "",
  );
}

describe("the Start page's runs", () => {
  it("start on the first page as drafts, newest first with who started them, a page at a time", async () => {
    const adele = tabOf("adele");
    const created = [];
    for (let i = 0; i < 3; i++) created.push(await adele.createWizardRun());
    expect(created[0]).toMatchObject({
      status: "draft",
      kind: "wizard",
      source: null,
      currentPage: "environment",
      version: 1,
      answers: {},
      createdBy: { displayName: expect.any(String), upn: ACCOUNTS.adele.username },
    });

    const newestFirst = created.map((run) => run.id).reverse();
    const listed: string[] = [];
    let cursor: string | undefined;
    do {
      const response = await fetch(
        `${web.url}/api/wizard/runs?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
        { headers: { authorization: `Bearer ${tokens.adele}` } },
      );
      const page = await response.json();
      expect(page.runs.length).toBeLessThanOrEqual(2);
      listed.push(...page.runs.map((run: { id: string }) => run.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(listed.filter((id) => newestFirst.includes(id))).toEqual(newestFirst);

    // Fabrikam's admin sees none of Contoso's runs, and cannot open one.
    const fabrikam = (await tabOf("diego").listWizardRuns()).runs.map((run) => run.id);
    expect(fabrikam).not.toContain(newestFirst[0]);
    expect(await refusalOf(tabOf("diego").getWizardRun(created[0]!.id))).toMatchObject({
      status: 404,
      code: "not_found",
    });
  });

  it("refuses a cursor it did not give, saying what to do", async () => {
    const response = await fetch(`${web.url}/api/wizard/runs?cursor=nonsense`, {
      headers: { authorization: `Bearer ${tokens.adele}` },
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toContain("start again without it");
  });
});

describe("saving a page", () => {
  it("keeps every page's answers and resumes on the page saved last", async () => {
    const adele = tabOf("adele");
    const run = await adele.createWizardRun();
    const environment = await adele.saveWizardPageAnswers(run.id, "environment", {
      version: 1,
      answers: ENVIRONMENT,
    });
    const features = await adele.saveWizardPageAnswers(run.id, "features", { version: 2, answers: FULL });
    expect(features).toMatchObject({ version: 3, currentPage: "features" });
    expect(environment.answers).toEqual({ environment: ENVIRONMENT });
    expect((await tabOf("adele").getWizardRun(run.id)).answers).toEqual({
      environment: ENVIRONMENT,
      features: FULL,
    });
  });

  it("two tabs on one page: the second is told what the first saved, by whom and when, and nothing is lost", async () => {
    const adeleTab = tabOf("adele");
    const alexTab = tabOf("alex");
    const run = await adeleTab.createWizardRun();
    await adeleTab.saveWizardPageAnswers(run.id, "environment", { version: 1, answers: ENVIRONMENT });
    const bothRead = await alexTab.getWizardRun(run.id);
    expect(bothRead.version).toBe(2);

    const first = await adeleTab.saveWizardPageAnswers(run.id, "features", { version: 2, answers: FULL });
    const refused = await refusalOf(
      alexTab.saveWizardPageAnswers(run.id, "features", { version: 2, answers: MINIMAL }),
    );
    expect(refused).toMatchObject({ status: 409, code: "version_conflict" });
    expect(refused.message).toContain("changed elsewhere");
    expect(refused.message).toContain("saved Hybrid Features");
    expect(versionConflictOf(refused)).toEqual({
      version: 3,
      changes: [
        {
          version: 3,
          kind: "answers_saved",
          page: "features",
          by: { displayName: expect.any(String), upn: ACCOUNTS.adele.username },
          at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          answers: FULL,
        },
      ],
    });
    const stored = await alexTab.getWizardRun(run.id);
    expect(stored).toEqual(first);

    // After a reload Alex's tab saves on top of Adele's change, and keeps her other answers.
    const second = await alexTab.saveWizardPageAnswers(run.id, "features", {
      version: stored.version,
      answers: MINIMAL,
    });
    expect(second).toMatchObject({ version: 4, answers: { environment: ENVIRONMENT, features: MINIMAL } });
  });

  it("of saves sent at once with the same version, exactly one is written", async () => {
    const adele = tabOf("adele");
    const run = await adele.createWizardRun();
    const servers = ["EX1", "EX2", "EX3", "EX4", "EX5", "EX6"];
    const outcomes = await Promise.allSettled(
      servers.map((server) =>
        adele.saveWizardPageAnswers(run.id, "receive-connectors", {
          version: 1,
          answers: { servers: [server] },
        }),
      ),
    );
    const written = outcomes.flatMap((outcome) => (outcome.status === "fulfilled" ? [outcome.value] : []));
    expect(written).toHaveLength(1);
    const refusals = outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [outcome.reason] : []));
    expect(refusals.map((reason) => versionConflictOf(reason)?.changes)).toEqual(
      Array(servers.length - 1).fill([
        expect.objectContaining({ version: 2, answers: written[0]!.answers.receiveConnectors }),
      ]),
    );
    expect(await adele.getWizardRun(run.id)).toEqual(written[0]);
  });

  it("refuses an invalid answer posted straight to the API with 400 naming the field, the run unchanged", async () => {
    const adele = tabOf("adele");
    const run = await adele.createWizardRun();
    await adele.saveWizardPageAnswers(run.id, "environment", { version: 1, answers: ENVIRONMENT });
    const before = await adele.getWizardRun(run.id);

    const response = await fetch(`${web.url}/api/wizard/runs/${run.id}/answers/certificate`, {
      method: "PUT",
      headers: { authorization: `Bearer ${tokens.adele}`, "content-type": "application/json" },
      body: JSON.stringify({ version: 2, answers: { thumbprint: "not-a-thumbprint" } }),
    });
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error).toMatchObject({ code: "invalid_answers", page: "certificate" });
    expect(error.issues).toEqual([
      { path: "certificate.thumbprint", message: expect.stringContaining("40 hexadecimal digits") },
    ]);

    const several = await refusalOf(
      adele.saveWizardPageAnswers(run.id, "domains", {
        version: 2,
        answers: { hybridDomains: [], autodiscoverDomain: "not a domain", extra: true },
      }),
    );
    expect(several.details.issues?.map((issue) => issue.path).sort()).toEqual([
      "domains",
      "domains.autodiscoverDomain",
      "domains.hybridDomains",
    ]);
    expect(await adele.getWizardRun(run.id)).toEqual(before);
  });
  it("refuses to change the answers of a run whose plan was confirmed, saying why", async () => {
    const adele = tabOf("adele");
    const run = await adele.createWizardRun();
    // Confirming the plan is the Review page's (next session's); here the run is marked so directly.
    await db.wizardRun.updateMany({ where: { id: run.id }, data: { status: "planned" } });
    const refused = await refusalOf(
      adele.saveWizardPageAnswers(run.id, "environment", { version: 1, answers: ENVIRONMENT }),
    );
    expect(refused).toMatchObject({ status: 409, code: "conflict" });
    expect(refused.message).toContain("Start a new run");
    expect((await adele.getWizardRun(run.id)).answers).toEqual({});
  });
});

describe("Back and Next", () => {
  it("move the run's page with its version, and refuse a page the answers leave out", async () => {
    const adele = tabOf("adele");
    const run = await adele.createWizardRun();
    const saved = await adele.saveWizardPageAnswers(run.id, "features", { version: 1, answers: MINIMAL });
    const next = await adele.goToWizardPage(run.id, { version: saved.version, page: "topology" });
    expect(next).toMatchObject({ version: 3, currentPage: "topology", answers: { features: MINIMAL } });

    const skipped = await refusalOf(
      adele.goToWizardPage(run.id, { version: 3, page: "migration-credential" }),
    );
    expect(skipped).toMatchObject({ status: 400, code: "bad_request" });
    expect(skipped.message).toContain("migration endpoint is not chosen");

    // A tab still at version 2 going Back is told the run moved on.
    const stale = await refusalOf(adele.goToWizardPage(run.id, { version: 2, page: "credentials" }));
    expect(versionConflictOf(stale)?.changes).toEqual([
      expect.objectContaining({ version: 3, kind: "page_changed", page: "topology" }),
    ]);
    expect((await adele.getWizardRun(run.id)).currentPage).toBe("topology");
  });
});

describe("a restart of the web app", () => {
  it("resumes the run on the same page with the same answers", async () => {
    const adele = tabOf("adele");
    const run = await adele.createWizardRun();
    await adele.saveWizardPageAnswers(run.id, "environment", { version: 1, answers: ENVIRONMENT });
    const before = await adele.goToWizardPage(run.id, { version: 2, page: "credentials" });

    await web.stop();
    web = await startWebApp({ databaseUrl, env: serviceEnvFor(idp) });
    expect(await tabOf("adele").getWizardRun(run.id)).toEqual(before);
  });
});
