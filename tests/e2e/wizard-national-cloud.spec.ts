import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { onPremisesStateFile } from "@/simulators/exchange/fixtures/seed-organization-pair";
import { ACCOUNTS } from "@/tests/integration/identity/scenario";
import { expectNoAxeViolations } from "./support/axe";
import { failOnContentSecurityPolicyViolations } from "./support/csp-violations";
import { signInWithPopup } from "./support/demo-accounts";
import { pairRunningAgent } from "./support/pair-agent";
import { next } from "./support/wizard-walk";

// Northwind's admin, in GCC High, walks the wizard up to Hybrid domains with an agent of their own
// on Northwind's servers (the organization `npm start` seeded): Modern hybrid is refused for the
// cloud as well, and the accepted domain the tenant has not verified is shown, not selectable, with why.

failOnContentSecurityPolicyViolations();
test.setTimeout(180_000);

let workDir: string;
let agent: ChildProcess | undefined;

test.beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), "hw-e2e-northwind-"));
});

test.afterAll(async () => {
  agent?.kill("SIGTERM");
  await rm(workDir, { recursive: true, force: true });
});

test("Northwind (GCC High): Modern hybrid not offered in its cloud; the unverified domain shown disabled with its reason", async ({
  page,
  baseURL,
}) => {
  await signInWithPopup(page, ACCOUNTS.nestor);
  agent = await pairRunningAgent(page, {
    baseURL: baseURL ?? "",
    name: "NW-EX1 agent",
    config: path.join(workDir, "agent.json"),
    onPremisesFile: onPremisesStateFile(
      path.join(process.env.HW_E2E_DATA_DIR ?? "", "exchange"),
      "northwind",
    ),
  });

  await page.goto("/wizard");
  await page.getByRole("button", { name: "New run" }).click();
  await expect(page.getByText(/Detected through the agent: NW-EX1/)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("cloud")).toContainText("GCC High");
  await next(page, "credentials");
  await expect(page.getByTestId("exo-credential-card")).toContainText("Connected", { timeout: 30_000 });
  await next(page, "configuration");
  await expect(page.getByText(/^Gathered /)).toBeVisible({ timeout: 90_000 });
  await next(page, "features");
  await page.getByLabel(/^Migration endpoint/).uncheck();
  await next(page, "topology");

  const modern = page.getByLabel(/Use Exchange Modern Hybrid Topology/);
  await expect(modern).toBeDisabled();
  await expect(modern).toHaveAccessibleDescription(
    /needs Microsoft's own Hybrid Agent.*; and Microsoft does not offer Modern hybrid in your tenant's cloud \(GCC High, DoD and 21Vianet\)\.$/,
  );
  await expectNoAxeViolations(page);
  await next(page, "domains");

  const unverified = page.getByLabel(/^northwindfoods\.com/);
  await expect(unverified).toBeDisabled();
  await expect(unverified).not.toBeChecked();
  await expect(unverified).toHaveAccessibleDescription(
    /^Not verified in your Microsoft 365 tenant: verify it in the Microsoft 365 admin center \(Settings > Domains\), then gather again\.$/,
  );
  await expect(
    page
      .locator("label")
      .filter({ hasText: /^northwindfoods\.com/ })
      .getByText(/^Not verified in your Microsoft 365 tenant: /),
  ).toBeVisible();
  for (const verified of ["northwindtraders.com", "northwind.us"]) {
    await expect(page.getByLabel(verified, { exact: true })).toBeChecked();
  }
  const autodiscover = page.getByLabel("Autodiscover domain").locator("option");
  expect(await autodiscover.allTextContents()).not.toContain("northwindfoods.com");
  await expectNoAxeViolations(page);
});
