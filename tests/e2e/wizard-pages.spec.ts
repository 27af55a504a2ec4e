import { expect, test } from "@playwright/test";
import { pageTitle } from "@/lib/wizard/wizard-pages";
import { ACCOUNTS } from "@/tests/integration/identity/scenario";
import { expectNoAxeViolations } from "./support/axe";
import { failOnContentSecurityPolicyViolations } from "./support/csp-violations";
import { signInWithPopup } from "./support/demo-accounts";
import { next } from "./support/wizard-walk";

// Contoso's admin walks the wizard's pages as an Exchange admin would, with the demo agent that
// `npm start` pairs to Contoso: every page saved on Next, checked by axe, and resumed after a reload.

failOnContentSecurityPolicyViolations();
test.setTimeout(180_000);

test("Contoso's admin walks Start to Organization FQDN, every page saved and resumed", async ({
  page,
  browser,
}) => {
  await signInWithPopup(page, ACCOUNTS.adele);
  await page.goto("/wizard");
  await expect(page.getByRole("heading", { name: "Your organization's runs" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "New run" }).click();

  await expect(page).toHaveURL(/\/environment$/);
  await expect(page.getByText(/Detected through the agent: EX\d/)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("cloud")).toContainText("Office 365 Worldwide: your tenant's");
  await expectNoAxeViolations(page);
  await next(page, "credentials");

  await expect(page.getByTestId("exo-credential-card")).toContainText("Connected");
  await expectNoAxeViolations(page);
  await next(page, "configuration");

  await expect(page.getByText(/^Gathered /)).toBeVisible({ timeout: 90_000 });
  const reads = page.getByTestId("gather-reads");
  await expect(reads).toContainText("Get-ExchangeServer");
  await expect(reads).toContainText("Get-OnPremisesOrganization");
  await expect(
    reads.getByRole("row").filter({ hasText: "Get-ExchangeCertificate -Server" }).first(),
  ).toContainText(/ ms$/);
  await expect(page.getByTestId("gather-checks")).toContainText("coexistence domain");
  // Exchange Online's EWS retirement as it bears on this hybrid, with the dates that apply.
  const ews = page.getByTestId("ews-readiness");
  await expect(ews).toContainText(/EWSEnabled in Exchange Online(unset|True|False)/);
  await expect(ews).toContainText("EwsAllowedAppIDs");
  await expect(ews).toContainText("1 April 2027");
  await expectNoAxeViolations(page);
  await next(page, "features");

  // Keyboard only: the radio group and the checkboxes answer to the arrow keys and Space.
  await page.getByLabel("Full hybrid configuration").focus();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByLabel("Minimal hybrid configuration")).toBeChecked();
  await page.keyboard.press("ArrowUp");
  await expect(page.getByLabel("Full hybrid configuration")).toBeChecked();
  await page.getByLabel(/^Migration endpoint/).check();
  await expectNoAxeViolations(page);
  await next(page, "topology");

  await expect(page.getByLabel(/Use Exchange Modern Hybrid Topology/)).toBeDisabled();
  await expect(page.getByText(/needs Microsoft's own Hybrid Agent/)).toBeVisible();
  await expectNoAxeViolations(page);
  await next(page, "migration-credential");

  // The migration endpoint's account: Next waits until its password is stored, which the page then names.
  await expect(page.getByRole("button", { name: "Next" })).toBeDisabled();
  const migration = page.getByRole("form", { name: "Migration credential" });
  await migration.getByLabel("User name").fill("CONTOSO\\svc-migration");
  await migration.getByLabel("Password").fill("migration Pa$$ e2e");
  await migration.getByRole("button", { name: "Save the credential" }).click();
  await expect(migration.getByText(/^Saved: CONTOSO\\svc-migration/)).toBeVisible();
  await expect(migration.getByLabel("Password")).toHaveValue("");
  await expectNoAxeViolations(page);
  await next(page, "domains");

  await expect(page.getByLabel("contoso.com")).toBeChecked();
  await expect(page.getByLabel("Autodiscover domain")).toHaveValue("contoso.com");
  await expectNoAxeViolations(page);
  await next(page, "transport");

  await expectNoAxeViolations(page);
  await next(page, "receive-connectors");

  await page.getByLabel(/^EX2/).uncheck();
  await expectNoAxeViolations(page);
  await next(page, "send-connectors");
  // A closed tab or another machine resumes on the same page, with the answers saved before.
  await page.reload();
  await expect(page).toHaveURL(/\/send-connectors$/);
  await page.getByRole("button", { name: "Back" }).click();
  await expect(page).toHaveURL(/\/receive-connectors$/);
  await expect(page.getByLabel(/^EX1/)).toBeChecked();
  await expect(page.getByLabel(/^EX2/)).not.toBeChecked();
  await next(page, "send-connectors");
  await expectNoAxeViolations(page);
  await next(page, "certificate");

  const valid = page.getByTestId("certificate-choice").filter({ has: page.locator("input:enabled") });
  await expect(valid.first()).toBeVisible();
  await expect(valid.first().getByRole("radio")).toBeChecked();
  await expectNoAxeViolations(page);
  await next(page, "organization-fqdn");

  const fqdn = page.getByLabel("Fully qualified domain name of your on-premises organization");
  await expect(fqdn).toHaveValue("mail.contoso.com");
  // An invalid answer is refused at its field, and what was typed stays.
  await fqdn.fill("mail contoso");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("a DNS domain name such as contoso.com")).toBeVisible();
  await expect(fqdn).toHaveAttribute("aria-invalid", "true");
  await expect(fqdn).toBeFocused();
  await expect(page).toHaveTitle("Organization FQDN — Hybrid Wizard");
  await expect(fqdn).toHaveValue("mail contoso");
  await expectNoAxeViolations(page);
  // Keyboard only: Enter in the field is Next.
  await fqdn.fill("mail.contoso.com");
  await fqdn.press("Enter");
  await expect(page).toHaveURL(/\/review$/);

  // Another machine (a browser of its own, a sign-in of its own): Start lists the run on its last
  // page, and resuming it brings back what was saved.
  const elsewhere = await (await browser.newContext()).newPage();
  await signInWithPopup(elsewhere, ACCOUNTS.adele);
  await elsewhere.goto("/wizard");
  const row = elsewhere.getByTestId("run-row").first();
  await expect(row).toContainText("Review the plan");
  await expect(row).toContainText("Adele");
  const resume = (await row.getByRole("link", { name: /Resume/ }).getAttribute("href")) ?? "";
  expect(resume).toBe(new URL(page.url()).pathname);
  await elsewhere.goto(resume.replace(/review$/, "organization-fqdn"));
  await expect(
    elsewhere.getByLabel("Fully qualified domain name of your on-premises organization"),
  ).toHaveValue("mail.contoso.com");
  await elsewhere.goto(resume.replace(/review$/, "features"));
  await expect(elsewhere.getByLabel(/^Migration endpoint/)).toBeChecked();
  await expect(elsewhere.getByLabel("Full hybrid configuration")).toBeChecked();
  await elsewhere.goto(resume.replace(/review$/, "migration-credential"));
  await expect(elsewhere.getByTestId("migration-credential-saved")).toContainText("CONTOSO\\svc-migration");
});

test("a wizard URL with a malformed run or an unknown page is a 404", async ({ page }) => {
  for (const url of [
    "/wizard/not-a-run/environment",
    "/wizard/9b1f0c2e-4c55-4a33-9d62-1d7c8c9a1e00/no-such-page",
  ]) {
    expect((await page.goto(url))?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "404: this page does not exist" })).toBeVisible();
  }
});

test("a run id of no run in the tenant says so", async ({ page }) => {
  await signInWithPopup(page, ACCOUNTS.adele);
  await page.goto("/wizard/9b1f0c2e-4c55-4a33-9d62-1d7c8c9a1e00/environment");
  await expect(page.getByText("There is no wizard run with this id in this tenant.")).toBeVisible();
});

test("two tabs saving the same page: the second is told, shown the other change, and reloads, losing nothing", async ({
  page,
  context,
}) => {
  await signInWithPopup(page, ACCOUNTS.adele);
  await page.goto("/wizard");
  await page.getByRole("button", { name: "New run" }).click();
  await expect(page.getByText(/Detected through the agent: EX\d/)).toBeVisible({ timeout: 60_000 });

  // A second tab of the same admin (its own sign-in: MSAL keeps tokens per tab) opens the same Environment page.
  const other = await context.newPage();
  await signInWithPopup(other, ACCOUNTS.adele);
  await other.goto(page.url());
  await expect(other.getByText(/Detected through the agent: EX\d/)).toBeVisible({ timeout: 60_000 });

  // The first tab names EX1 and saves; the second, still on the version it read, names EX2.
  await page.getByLabel("Specify a server running Exchange 2016 or later").check();
  await page.getByLabel("Exchange server name").fill("EX1");
  await next(page, "credentials");
  await other.getByLabel("Specify a server running Exchange 2016 or later").check();
  await other.getByLabel("Exchange server name").fill("EX2");
  await other.getByRole("button", { name: "Next" }).click();

  const notice = other.getByRole("alert").filter({ hasText: "This run was changed elsewhere" });
  await expect(notice).toContainText(`Adele Vance saved ${pageTitle("environment")} at`);
  await expect(notice).toContainText('"onPremisesServer": "EX1"');
  // Nothing of this tab's is dropped either: it stays on the page with what it entered.
  await expect(other).toHaveURL(/\/environment$/);
  await expect(other.getByLabel("Exchange server name")).toHaveValue("EX2");
  await expectNoAxeViolations(other);

  // Reloaded, the form is the run's as the first tab saved it; this tab's change then saves over it knowingly.
  await other.getByRole("button", { name: "Reload the run" }).click();
  await expect(notice).toBeHidden();
  await expect(other.getByLabel("Exchange server name")).toHaveValue("EX1");
  await other.getByLabel("Exchange server name").fill("EX2");
  await next(other, "credentials");
  await page.goto(other.url().replace(/credentials$/, "environment"));
  await expect(page.getByLabel("Exchange server name")).toHaveValue("EX2");
});
