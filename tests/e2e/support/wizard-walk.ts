import { expect, type Page } from "@playwright/test";
import { pageTitle, type WizardPageId } from "@/lib/wizard/wizard-pages";

/**
 * Next on the page shown, and the wizard moved to `to`: its URL, and its title, which the route
 * announcer reads out and which arrives after the URL (the metadata streams in).
 */
export async function next(page: Page, to: WizardPageId): Promise<void> {
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page).toHaveURL(new RegExp(`/wizard/[0-9a-f-]{36}/${to}$`));
  await expect(page).toHaveTitle(`${pageTitle(to)} — Hybrid Wizard`);
}

/** The on-premises account Contoso's admin gives the migration endpoint (the simulator takes any). */
export const CONTOSO_MIGRATION_ACCOUNT = {
  userName: "CONTOSO\\svc-migration",
  password: "migration Pa$$ e2e-walk",
} as const;

/**
 * A new Contoso run walked with every page's proposed answer, from Start to Review, with the demo
 * agent `npm start` pairs to Contoso: the migration endpoint too, its account entered on Migration
 * credential.
 */
export async function walkContosoToReview(page: Page): Promise<void> {
  await page.goto("/wizard");
  await page.getByRole("button", { name: "New run" }).click();
  await expect(page.getByText(/Detected through the agent: EX\d/)).toBeVisible({ timeout: 60_000 });
  await next(page, "credentials");
  // The card connects through the service (an on-behalf-of token, then Exchange Online): seconds on a busy machine.
  await expect(page.getByTestId("exo-credential-card")).toContainText("Connected", { timeout: 30_000 });
  await next(page, "configuration");
  await expect(page.getByText(/^Gathered /)).toBeVisible({ timeout: 90_000 });
  await next(page, "features");
  await expect(page.getByLabel(/^Migration endpoint/)).toBeChecked();
  await next(page, "topology");
  await next(page, "migration-credential");
  const migration = page.getByRole("form", { name: "Migration credential" });
  await migration.getByLabel("User name").fill(CONTOSO_MIGRATION_ACCOUNT.userName);
  await migration.getByLabel("Password").fill(CONTOSO_MIGRATION_ACCOUNT.password);
  await migration.getByRole("button", { name: "Save the credential" }).click();
  await expect(migration.getByText(/^Saved: /)).toBeVisible();
  for (const to of <const>[
    "domains",
    "transport",
    "receive-connectors",
    "send-connectors",
    "certificate",
    "organization-fqdn",
    "review",
  ]) {
    await next(page, to);
  }
}
