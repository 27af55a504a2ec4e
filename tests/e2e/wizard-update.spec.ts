import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { createExchangeAdmin, type OrganizationTarget } from "@/simulators/exchange/admin/exchange-admin";
import { loadFixture } from "@/simulators/exchange/fixtures/load-fixture";
import { createGraphAdmin } from "@/simulators/graph/admin/graph-admin";
import { GraphTenants } from "@/simulators/graph/model/graph-tenants";
import { loadDirectory } from "@/simulators/identity/directory/load-directory";
import { ACCOUNTS } from "@/tests/integration/identity/scenario";
import { expectNoAxeViolations } from "./support/axe";
import { failOnContentSecurityPolicyViolations } from "./support/csp-violations";
import { openE2eDatabase } from "./support/database";
import { signInWithPopup } from "./support/demo-accounts";
import { CONTOSO_MIGRATION_ACCOUNT, walkContosoToReview } from "./support/wizard-walk";

// Contoso's admin runs the whole wizard against the simulators `npm start` serves: Review, Confirm,
// the update live on Update, Done; then what the plan named is in Exchange (the migration endpoint
// too, its password deleted once used), a second run has nothing left to do, and Undo puts both
// sides back as the fixture had them. A dropped connection to Exchange Online shows what it is, its
// HCW code and how to fix it, and Retry finishes.

failOnContentSecurityPolicyViolations();
test.setTimeout(300_000);

// The simulators' files in the data folder `npm start` was given (scripts/lib/start-simulators.ts).
const dataDir = process.env.HW_E2E_DATA_DIR ?? "";
const admin = createExchangeAdmin(path.join(dataDir, "exchange"));
let online: OrganizationTarget;
let tenantId: string;
let graph: ReturnType<typeof createGraphAdmin>;
const onPremises: OrganizationTarget = { side: "OnPremises", organization: "contoso" };

test.beforeAll(async () => {
  tenantId = (await loadFixture("contoso")).tenant.tenantId;
  online = { side: "Online", tenantId };
  graph = createGraphAdmin(new GraphTenants(path.join(dataDir, "graph"), await loadDirectory()));
});

// Each test starts from Contoso as its fixture has it, whatever an earlier update made.
test.beforeEach(async () => {
  await admin.clearFaults(online);
  await admin.reset(online);
  await graph.reset(tenantId);
});

/** The run the page shows, by the id in its URL. */
const runIdOf = (page: Page) => /\/wizard\/([0-9a-f-]{36})\//.exec(page.url())?.[1] ?? "";

/** The migration account's password, as the service holds it for the run: encrypted, until used. */
async function storedMigrationCredentials(runId: string): Promise<number> {
  const db = await openE2eDatabase(dataDir);
  try {
    return await db.migrationCredential.count({ where: { runId } });
  } finally {
    await db.$disconnect();
  }
}

/** Review's Exchange Online New-MigrationEndpoint: its parameters, the account by name, never its password. */
async function expectMigrationEndpointPlanned(page: Page) {
  const endpoint = page
    .getByRole("region", { name: /^Exchange Online/ })
    .getByTestId("plan-operation")
    .filter({ hasText: "New-MigrationEndpoint" });
  const line = endpoint.locator("code");
  await expect(line).toContainText(
    /^New-MigrationEndpoint -Name 'Hybrid Migration Endpoint - EWS \(Default Web Site\)' -ExchangeRemoteMove:\$true -RemoteServer 'mail\.contoso\.com'/,
  );
  await expect(line).toContainText(`-Credentials (Get-Credential '${CONTOSO_MIGRATION_ACCOUNT.userName}')`);
  await expect(page.locator("body")).not.toContainText(CONTOSO_MIGRATION_ACCOUNT.password);
}

/** Review's Microsoft Graph section: the dedicated hybrid application's task, each change before → after. */
async function expectHybridApplicationPlanned(page: Page) {
  const section = page.getByRole("region", { name: /^Microsoft Graph/ });
  await expect(section.getByRole("heading", { name: /^HybridApplication / })).toBeVisible();
  const app = section.getByTestId("plan-operation").filter({ hasText: "New-MgApplication" });
  const name = app.getByRole("row", { name: /^DisplayName/ });
  await expect(name.getByRole("cell").first()).toHaveText("(none)");
  await expect(name.getByRole("cell").last()).toHaveText(/^ExchangeServerApp-[0-9a-f-]{36}$/);
  for (const cmdlet of ["New-MgServicePrincipal", "New-MgServicePrincipalAppRoleAssignment"]) {
    await expect(
      section.getByTestId("plan-cmdlet").filter({ hasText: new RegExp(`^${cmdlet}$`) }),
    ).toHaveCount(1);
  }
  // On-premises learns the id the new application is given: Review says whose value it will be.
  const authServer = page
    .getByRole("region", { name: /^On-premises/ })
    .getByTestId("plan-operation")
    .filter({ hasText: "Set-AuthServer" })
    .filter({ hasText: "ApplicationIdentifier" });
  await expect(authServer.getByRole("row", { name: /^ApplicationIdentifier/ })).toContainText(
    /appId of New-MgApplication/,
  );
}

interface PlannedChange {
  side: "OnPremises" | "Online";
  cmdlet: string;
  identity: string;
}

/** The changes Review lists, read as the admin sees them: side, cmdlet and object of each. */
async function plannedChanges(page: Page): Promise<PlannedChange[]> {
  const changes: PlannedChange[] = [];
  for (const side of ["OnPremises", "Online"] as const) {
    const cards = page
      .getByRole("region", { name: side === "OnPremises" ? /^On-premises/ : /^Exchange Online/ })
      .getByTestId("plan-operation")
      .filter({ hasNot: page.getByText("Unchanged", { exact: true }) });
    for (const card of await cards.all()) {
      changes.push({
        side,
        cmdlet: (await card.getByTestId("plan-cmdlet").textContent()) ?? "",
        identity: (await card.getByTestId("plan-identity").textContent()) ?? "",
      });
    }
  }
  return changes;
}

/** Every identity, name and id of every object on one side of the simulated organization. */
async function namesOn(target: OrganizationTarget): Promise<Set<string>> {
  const state = await admin.read(target);
  return new Set(
    Object.values(state.objects)
      .flat()
      .flatMap((object) => [object.Identity, object.Name, object.Id, object.DomainName])
      .filter((value): value is string => typeof value === "string"),
  );
}

/**
 * One side's objects as an admin compares them: the write stamps (WhenChanged) left out, since a
 * property put back is a write too, and a kind with no object left read as absent.
 */
async function objectsOn(target: OrganizationTarget) {
  const { objects } = await admin.read(target);
  return Object.fromEntries(
    Object.entries(objects)
      .filter(([, list]) => list.length > 0)
      .map(([kind, list]) => [
        kind,
        list.map(({ WhenChanged: _c, WhenChangedUTC: _u, ...object }) => object),
      ]),
  );
}

async function confirmAndWatch(page: Page) {
  await page.getByRole("button", { name: "Confirm and update" }).click();
  // Confirm reads both sides again (the plan must be the one reviewed) before the update starts.
  await expect(page).toHaveURL(/\/update$/, { timeout: 90_000 });
  await expect(page.getByRole("progressbar", { name: /^Update progress/ })).toBeVisible({ timeout: 30_000 });
}

test("Contoso's admin reviews, confirms and watches the update to Done; a second run has nothing to change; Undo puts Contoso back", async ({
  page,
}) => {
  test.setTimeout(480_000);
  const fixture = { OnPremises: await objectsOn(onPremises), Online: await objectsOn(online) };
  await signInWithPopup(page, ACCOUNTS.adele);
  await walkContosoToReview(page);

  await expect(page.getByText(/Nothing has changed yet/)).toBeVisible({ timeout: 90_000 });
  await expect(page.getByText(/Nothing has changed yet/)).toContainText(/[1-9]\d* new · \d+ to update/);
  await expect(
    page.getByTestId("plan-operation").filter({ hasText: "New-InboundConnector" }).locator("code"),
  ).toContainText(/^New-InboundConnector -Name /);
  const planned = await plannedChanges(page);
  expect(planned.map((change) => change.cmdlet)).toEqual(
    expect.arrayContaining([
      "New-SendConnector",
      "New-InboundConnector",
      "New-OutboundConnector",
      "New-SettingOverride",
    ]),
  );
  await expectHybridApplicationPlanned(page);
  await expectMigrationEndpointPlanned(page);
  await expectNoAxeViolations(page);
  const firstRun = runIdOf(page);
  expect(await storedMigrationCredentials(firstRun)).toBe(1);

  await confirmAndWatch(page);
  await expect(page.getByRole("log")).toContainText("New-InboundConnector");
  await expectNoAxeViolations(page);
  await expect(page.getByText(/^Done: every change is made — (\d+) of \1 changes made/)).toBeVisible({
    timeout: 180_000,
  });
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Next: Done" }).click();
  await expect(page).toHaveURL(/\/done$/);
  // Validate ran by itself on the server once the update succeeded: nobody clicked. Each check
  // appears by name and cmdlet with its outcome.
  const validation = page.getByRole("region", { name: "Validate the configuration" });
  const checks = [
    [
      "oauthToExchangeOnline",
      "OAuth from on-premises to Exchange Online (Test-OAuthConnectivity, on-premises)",
    ],
    [
      "oauthToOnPremises",
      "OAuth from Exchange Online to on-premises (Test-OAuthConnectivity, Exchange Online)",
    ],
    [
      "freeBusyFromExchangeOnline",
      "Free/busy of on-premises mailboxes, looked up from Exchange Online (Test-OrganizationRelationship, Exchange Online)",
    ],
    [
      "freeBusyFromOnPremises",
      "Free/busy of Exchange Online mailboxes, looked up from on-premises (Test-OrganizationRelationship, on-premises)",
    ],
    // The walk makes the migration endpoint: Exchange Online's reach for mailbox moves is checked too.
    [
      "migrationEndpoint",
      "Exchange Online reaches on-premises for mailbox moves (MRSProxy) (Test-MigrationServerAvailability, Exchange Online)",
    ],
  ] as const;
  for (const [id, shown] of checks) {
    await expect(validation.getByTestId(`check-${id}`)).toHaveText(`Passed: ${shown}`, { timeout: 120_000 });
  }
  await expect(validation.getByRole("listitem")).toHaveCount(checks.length);
  await expect(validation).toContainText(/Checked .* as adele@/);
  await expect(validation.getByRole("button", { name: "Validate again" })).toBeEnabled();
  // Done names the application Entra ID now holds, by the id it was given.
  const [app] = (await graph.read(tenantId)).applications;
  expect(app).toBeDefined();
  await expect(page.getByTestId("hybrid-application-id")).toHaveText(app!.appId);
  await expectNoAxeViolations(page);
  const updatedRun = page.url();

  // What the plan named is now in Exchange, on the side it named.
  const names = { OnPremises: await namesOn(onPremises), Online: await namesOn(online) };
  const missing = planned.filter((change) => !names[change.side].has(change.identity));
  expect(missing).toEqual([]);
  // Exchange Online's endpoint for mailbox moves signs in as the account given; its password, used
  // by New-MigrationEndpoint, is gone from the service.
  expect((await admin.read(online)).objects.MigrationEndpoint).toEqual([
    expect.objectContaining({
      Name: "Hybrid Migration Endpoint - EWS (Default Web Site)",
      RemoteServer: "mail.contoso.com",
      Username: CONTOSO_MIGRATION_ACCOUNT.userName,
    }),
  ]);
  expect(await storedMigrationCredentials(firstRun)).toBe(0);

  // The wizard again: both sides already are as the answers want them, so there is nothing to confirm.
  await walkContosoToReview(page);
  const nothing = page.getByRole("status").filter({ hasText: /^Nothing to change: / });
  await expect(nothing).toHaveText(/^Nothing to change: Exchange already matches your answers\. /, {
    timeout: 90_000,
  });
  await expect(nothing).toContainText(/ 0 new · 0 to update · [1-9]\d* unchanged/);
  await expect(page.getByRole("button", { name: "Confirm and update" })).toHaveCount(0);
  expect(await plannedChanges(page)).toEqual([]);
  await expectNoAxeViolations(page);

  // Undo the first run: its inverse plan, what it cannot undo, then a run of its own to confirm.
  await page.goto(updatedRun);
  const undo = page.getByRole("region", { name: "Undo this run" });
  await undo.getByRole("button", { name: "Show the undo plan" }).click();
  await expect(undo.getByRole("heading", { name: "What Undo leaves as it is" })).toBeVisible({
    timeout: 90_000,
  });
  await expect(undo).toContainText(/Update-EmailAddressPolicy gave the recipients of .* Exchange keeps/);
  await expectNoAxeViolations(page);
  await undo.getByRole("button", { name: "Run the undo" }).click();
  await expect(page).toHaveURL(/\/review$/);
  await expect(page.getByTestId("run-kind")).toHaveText(/^Undo of the run started /);
  await expect(page.getByText(/Nothing has changed yet/)).toContainText(/[1-9]\d* to remove/, {
    timeout: 90_000,
  });
  await expect(
    page.getByText(/^Update-EmailAddressPolicy .*: Update-EmailAddressPolicy gave /),
  ).toBeVisible();
  await expectNoAxeViolations(page);
  await confirmAndWatch(page);
  await expect(page.getByText(/^Done: every change is made — (\d+) of \1 changes made/)).toBeVisible({
    timeout: 180_000,
  });
  await page.getByRole("link", { name: "Next: Done" }).click();
  await expect(page).toHaveURL(/\/done$/);
  // An undo is not undone in its turn; its Done page says so instead of offering it.
  await expect(page.getByRole("heading", { name: "This run is an undo" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Show the undo plan" })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // Both Exchange sides are as the fixture had them: what the run made is gone (the migration
  // endpoint of a fixture that had none among it), what it changed is back (the policy stamped
  // again by the undo's own Update-EmailAddressPolicy).
  expect(fixture.Online.MigrationEndpoint).toBeUndefined();
  expect((await admin.read(online)).objects.MigrationEndpoint ?? []).toEqual([]);
  expect({ OnPremises: await objectsOn(onPremises), Online: await objectsOn(online) }).toEqual(fixture);
  expect((await graph.read(tenantId)).applications).toEqual([]);

  // Start lists the undo as what it is, linked to the run it undid.
  await page.goto("/wizard");
  const undoRow = page.getByTestId("run-row").first();
  await expect(undoRow).toContainText("Undo of the run started ");
  const undone = new URL(updatedRun).pathname.replace(/[^/]+$/, "");
  await expect(undoRow.getByRole("link", { name: /^the run started / })).toHaveAttribute(
    "href",
    new RegExp(`^${undone}`),
  );
  await expectNoAxeViolations(page);
});

test("Exchange Online dropping the connection on New-InboundConnector shows what happened, the HCW code and the fix; Retry completes the run", async ({
  page,
}) => {
  // The connection closes unanswered, as Microsoft's HCW8100/HCW8084 ("the connection to the Remote
  // PowerShell server was disconnected") describe: passing, so Retry is the fix.
  await admin.setFault(online, { cmdlet: "New-InboundConnector", kind: "drop-session", times: 1 });
  await signInWithPopup(page, ACCOUNTS.adele);
  await walkContosoToReview(page);
  await expect(page.getByText(/Nothing has changed yet/)).toBeVisible({ timeout: 90_000 });
  await confirmAndWatch(page);

  await expect(page.getByText(/^Stopped: some steps failed/)).toBeVisible({ timeout: 180_000 });
  const failure = page
    .getByRole("listitem")
    .filter({ hasText: /^Failed\s*New-InboundConnector/ })
    .getByRole("alert");
  await expect(failure).toContainText(
    /The connection to Exchange Online at \S+ was closed before it answered New-InboundConnector: other side closed/,
  );
  await expect(failure).toContainText("HCW8100 / HCW8084: The connection to Exchange Online was dropped");
  await expect(failure).toContainText("Fix: Usually passing: retry.");
  await expect(page.getByText("Runs after a retry of:").first()).toBeVisible();

  await page.getByRole("button", { name: "Retry the failed steps" }).click();
  await expect(page.getByText(/^Done: every change is made/)).toBeVisible({ timeout: 180_000 });
  await expect(page.getByRole("listitem").getByRole("alert")).toHaveCount(0);
  const connectors = (await admin.read(online)).objects.InboundConnector ?? [];
  expect(connectors.map((connector) => connector.Name)).toContainEqual(
    expect.stringMatching(/^Inbound from /),
  );
});
