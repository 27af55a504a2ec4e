import { expect, test } from "@playwright/test";
import { ACCOUNTS } from "@/tests/integration/identity/scenario";
import { expectNoAxeViolations } from "./support/axe";
import { failOnContentSecurityPolicyViolations } from "./support/csp-violations";
import { signInWithPopup } from "./support/demo-accounts";

// Woodgrove Partners' technician signs in once (MFA) at home, opens the partner dashboard, checks
// every customer (the demo seeds Contoso, with its paired demo agent, and Fabrikam, without one)
// and sees each result as it lands, then in the table; and works in Contoso's wizard, then
// Fabrikam's, through the header's customer menu without signing in again.

failOnContentSecurityPolicyViolations();

test("a partner's technician checks every customer from /partner and sees each result", async ({ page }) => {
  test.setTimeout(180_000);
  await signInWithPopup(page, ACCOUNTS.patti);
  await page.goto("/partner");
  const rows = page.getByTestId("customer-row");
  // The table loads once the session is restored and the API answered.
  await expect(rows).toHaveCount(2, { timeout: 30_000 });
  await expect(rows.nth(0)).toContainText("Contoso");
  await expect(rows.nth(1)).toContainText("Fabrikam");

  await page.getByRole("button", { name: "Check all customers" }).click();
  await expect(page.getByRole("heading", { name: "Health check finished" })).toBeVisible({
    timeout: 150_000,
  });
  const results = page.getByTestId("health-check-result");
  await expect(results).toHaveCount(2);
  await expect(results.filter({ hasText: "Contoso" })).not.toContainText("checking");
  // Fabrikam's on-premises side cannot be read: it has no agent, or (after the Agents spec paired
  // one and stopped it) one that never takes the job. Either way its result says why.
  const unreadable = /No agent is paired|did not finish/;
  await expect(results.filter({ hasText: "Fabrikam" })).toContainText(unreadable);
  await expect(rows.filter({ hasText: "Fabrikam" })).toContainText(unreadable);
  await expect(rows.filter({ hasText: "Contoso" })).not.toContainText("never");
  // EWS retirement readiness from the check: Contoso's EWSEnabled is unset, its Exchange 2019
  // servers still use EWS and the dedicated hybrid application is not there yet; Fabrikam's was not read.
  const readiness = rows.filter({ hasText: "Contoso" }).getByTestId("ews-readiness");
  await expect(readiness).toContainText(/EWS unset \(off (from|since) 1 Oct 2026\)/);
  await expect(readiness).toContainText("No dedicated app yet");
  await expect(readiness).toContainText(/On EWS: EX\d/);
  await expect(rows.filter({ hasText: "Fabrikam" })).toContainText("not read");
  await expectNoAxeViolations(page);

  // Search is the server's, through the URL.
  await page.getByLabel("Search").fill("fabri");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/[?&]q=fabri/);
  await expect(rows).toHaveCount(1);
});

test("a partner's technician signed in once opens Contoso's wizard, then Fabrikam's, from the header", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInWithPopup(page, ACCOUNTS.patti);
  // Signed in: no window opens again, however many customers follow.
  const popups: string[] = [];
  page.on("popup", (popup) => popups.push(popup.url()));
  const user = page.getByTestId("signed-in-user");
  const menu = page.getByRole("button", { name: /^Acting in: / });

  await page.goto("/partner");
  await expect(menu).toHaveText("Acting in: Woodgrove Partners (your organization)");
  await menu.click();
  await page
    .getByRole("list", { name: "Customers" })
    .getByRole("button", { name: /^Contoso/ })
    .click();
  await expect(page).toHaveURL(/\/wizard$/);
  await expect(user).toHaveText("Patti Fernandez · Contoso, for Woodgrove Partners");
  // Contoso's wizard as Contoso's own admins have it: its demo agent finds the Exchange server.
  await page.getByRole("button", { name: "New run" }).click();
  await expect(page.getByText(/Detected through the agent: EX\d/)).toBeVisible({ timeout: 60_000 });
  await expectNoAxeViolations(page);

  await menu.click();
  await page
    .getByRole("list", { name: "Customers" })
    .getByRole("button", { name: /^Fabrikam/ })
    .click();
  await expect(page).toHaveURL(/\/wizard$/);
  await expect(user).toHaveText("Patti Fernandez · Fabrikam, for Woodgrove Partners");
  // Fabrikam's list holds none of Contoso's runs: not the one Patti just started there.
  await expect(page.getByText("Loading…")).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId("run-row").filter({ hasText: "Patti Fernandez" })).toHaveCount(0);

  // A reload keeps the customer; going home is one click.
  await page.reload();
  await expect(user).toHaveText("Patti Fernandez · Fabrikam, for Woodgrove Partners");
  await menu.click();
  await page.getByRole("button", { name: "Woodgrove Partners (your organization)" }).click();
  await expect(page).toHaveURL(/\/partner$/);
  await expect(user).toHaveText("Patti Fernandez · Woodgrove Partners");

  // The relationships behind the menu: checked in Graph and with a customer token, what each lacks,
  // when it lapses; a customer whose relationship gives too little is refused with what to add.
  await page.getByRole("link", { name: /^Add a customer, or see its GDAP roles/ }).click();
  await expect(page).toHaveURL(/\/partner\/relationships$/);
  const fabrikam = page.getByTestId("relationship-row").filter({ hasText: "Fabrikam" });
  await fabrikam.getByRole("button", { name: "Check again Fabrikam" }).click();
  await expect(page.getByRole("status")).toHaveText("Fabrikam is checked again.", { timeout: 30_000 });
  await expect(fabrikam).toContainText("Exchange Administrator, Global Reader");
  await expect(fabrikam).toContainText(
    "Missing for creating the hybrid application: Application Administrator",
  );
  await expect(fabrikam).toContainText(/lapses in 2[01] days/);
  await page.getByLabel("Customer's domain or tenant id").fill("adatum.onmicrosoft.com");
  await page.getByRole("button", { name: "Check and add" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /^Your sign-in in Adatum/ })).toContainText(
    "carries no Exchange Administrator role",
    {
      timeout: 30_000,
    },
  );
  await expect(page.getByTestId("relationship-row").filter({ hasText: "Adatum" })).toHaveCount(0);
  await expectNoAxeViolations(page);
  expect(popups).toEqual([]);
});
