import path from "node:path";
import { expect, test } from "@playwright/test";
import { createExchangeAdmin } from "@/simulators/exchange/admin/exchange-admin";
import { loadFixture } from "@/simulators/exchange/fixtures/load-fixture";
import { createGraphAdmin } from "@/simulators/graph/admin/graph-admin";
import { GraphTenants } from "@/simulators/graph/model/graph-tenants";
import { loadDirectory } from "@/simulators/identity/directory/load-directory";
import { ACCOUNTS } from "@/tests/integration/identity/scenario";
import { failOnContentSecurityPolicyViolations } from "./support/csp-violations";
import { signInWithPopup } from "./support/demo-accounts";
import { walkContosoToReview } from "./support/wizard-walk";

// The dedicated Exchange hybrid application in the browser: Review lists its Microsoft Graph
// operations with each property before → after, and once the update is done, Done names the
// application's id, which is the app Microsoft Graph now holds.

failOnContentSecurityPolicyViolations();
test.setTimeout(300_000);

const dataDir = process.env.HW_E2E_DATA_DIR ?? "";
const exchange = createExchangeAdmin(path.join(dataDir, "exchange"));

test("Review shows the hybrid application's Graph operations before → after; Done names the app's id", async ({
  page,
}) => {
  const fixture = await loadFixture("contoso");
  const graph = createGraphAdmin(new GraphTenants(path.join(dataDir, "graph"), await loadDirectory()));
  // Contoso as its fixture has it, in Exchange and in Graph, whatever an earlier test made.
  await exchange.reset({ side: "Online", tenantId: fixture.tenant.tenantId });
  await graph.reset(fixture.tenant.tenantId);

  await signInWithPopup(page, ACCOUNTS.adele);
  await walkContosoToReview(page);
  await expect(page.getByText(/Nothing has changed yet/)).toBeVisible({ timeout: 90_000 });
  const app = page
    .getByRole("region", { name: /^Microsoft Graph/ })
    .getByTestId("plan-operation")
    .filter({ hasText: "New-MgApplication" });
  const name = `ExchangeServerApp-${fixture.onPremises.organizationGuid}`;
  await expect(app.getByTestId("plan-identity")).toHaveText(name);
  await expect(app.getByRole("row", { name: /^DisplayName/ })).toHaveText(`DisplayName(none)${name}`);
  await expect(
    app
      .getByRole("row", { name: /^KeyCredentials/ })
      .getByRole("cell")
      .last(),
  ).toContainText(/^[0-9A-F]{40}, [0-9A-F]{40}$/);

  await page.getByRole("button", { name: "Confirm and update" }).click();
  await expect(page).toHaveURL(/\/update$/);
  await expect(page.getByText(/^Done: every change is made/)).toBeVisible({ timeout: 180_000 });
  await page.getByRole("link", { name: "Next: Done" }).click();
  await expect(page).toHaveURL(/\/done$/);

  const [created] = (await graph.read(fixture.tenant.tenantId)).applications;
  expect(created?.displayName).toBe(name);
  await expect(page.getByTestId("hybrid-application-id")).toHaveText(created!.appId);
});
