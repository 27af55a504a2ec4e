import { expect, test } from "@playwright/test";
import { ACCOUNTS } from "@/tests/integration/identity/scenario";
import { expectNoAxeViolations } from "./support/axe";
import { failOnContentSecurityPolicyViolations } from "./support/csp-violations";
import { signInWithPopup } from "./support/demo-accounts";

// Woodgrove Partners' technician signs in once (MFA) at home, opens the partner dashboard, checks
// every customer (the demo seeds Contoso, with its paired demo agent, and Fabrikam, without one)
// and sees each result as it lands, then in the table.

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
