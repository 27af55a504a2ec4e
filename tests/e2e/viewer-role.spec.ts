import path from "node:path";
import { expect, test } from "@playwright/test";
import { createExchangeAdmin } from "@/simulators/exchange/admin/exchange-admin";
import { loadFixture } from "@/simulators/exchange/fixtures/load-fixture";
import { ACCOUNTS } from "@/tests/integration/identity/scenario";
import { failOnContentSecurityPolicyViolations } from "./support/csp-violations";
import { signInWithPopup } from "./support/demo-accounts";
import { walkContosoToReview } from "./support/wizard-walk";

// A viewer (Lidia, Contoso's Global Reader) reads a run's plan, then its log once an admin updates
// it. She is offered no way to start the update, and the API refuses her one all the same.

failOnContentSecurityPolicyViolations();
test.setTimeout(300_000);

const admin = createExchangeAdmin(path.join(process.env.HW_E2E_DATA_DIR ?? "", "exchange"));

test.beforeEach(async () => {
  const online = { side: "Online" as const, tenantId: (await loadFixture("contoso")).tenant.tenantId };
  await admin.clearFaults(online);
  await admin.reset(online);
});

test("a viewer sees a run's plan and log and cannot start an update", async ({ page, browser }) => {
  await signInWithPopup(page, ACCOUNTS.adele);
  await walkContosoToReview(page);
  await expect(page.getByText(/Nothing has changed yet/)).toBeVisible({ timeout: 90_000 });
  const runId = /\/wizard\/([0-9a-f-]{36})\/review$/.exec(page.url())?.[1];
  expect(runId).toBeDefined();

  // The review re-reads both sides: she reads it while there is still something to change.
  const viewer = await (await browser.newContext()).newPage();
  const meRequest = viewer.waitForRequest((request) => request.url().endsWith("/api/me"));
  await signInWithPopup(viewer, ACCOUNTS.lidia);
  const authorization = (await meRequest).headers().authorization ?? "";
  await viewer.goto(`/wizard/${runId}/review`);
  await expect(viewer.getByText(/Nothing has changed yet/)).toBeVisible({ timeout: 90_000 });
  await expect(viewer.getByTestId("plan-operation").first()).toBeVisible();
  await expect(viewer.getByTestId("viewer-notice")).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Confirm and update" })).toHaveCount(0);

  const refused = await viewer.request.post(`/api/wizard/runs/${runId}/confirm`, {
    headers: { authorization },
    data: { version: 1, digest: "0".repeat(64) },
  });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error).toMatchObject({
    code: "forbidden",
    reason: "role_required",
    role: "viewer",
    requiredRole: "operator",
  });

  await page.getByRole("button", { name: "Confirm and update" }).click();
  await expect(page).toHaveURL(/\/update$/, { timeout: 60_000 });
  await expect(page.getByRole("log")).toContainText("New-InboundConnector", { timeout: 120_000 });

  await viewer.goto(`/wizard/${runId}/update`);
  await expect(viewer.getByRole("log")).toContainText("New-InboundConnector", { timeout: 60_000 });
});
