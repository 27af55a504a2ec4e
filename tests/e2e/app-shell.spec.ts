import { expect, test } from "@playwright/test";
import packageJson from "../../package.json" with { type: "json" };
import { expectNoAxeViolations } from "./support/axe";
import { failOnContentSecurityPolicyViolations } from "./support/csp-violations";

failOnContentSecurityPolicyViolations();

test("the home page shows the product, its version and where sign-in will be", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("link", { name: /Hybrid Wizard/ })).toBeVisible();
  await expect(page.getByTitle("Version")).toHaveText(`v${packageJson.version}`);
  await expect(page.getByTestId("signed-in-user")).toBeVisible();
  await expect(
    page.getByRole("heading", { name: /Exchange hybrid, configured from your browser/ }),
  ).toBeVisible();
});

test("release notes are one click away, rendered from CHANGELOG.md", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Release notes" }).click();
  await expect(page).toHaveURL(/\/release-notes$/);
  await expect(page.getByRole("heading", { level: 1, name: "Release notes" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: new RegExp(packageJson.version) })).toBeVisible();
});

test("the API reference lists every request by area and links the OpenAPI document", async ({ page }) => {
  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { level: 1, name: "Hybrid Wizard API" })).toBeVisible();
  const partners = page.getByRole("region", { name: "Partners" });
  await expect(partners).toContainText("POST /api/partner/relationships");
  await expect(page.getByRole("region", { name: "Members" })).toContainText(
    "PATCH /api/tenant/partners/{relationshipId}",
  );
  const document = await page.request.get(
    (await page.getByRole("link", { name: "/api/openapi.json" }).getAttribute("href")) ?? "",
  );
  expect(document.ok()).toBe(true);
  expect((await document.json()).openapi).toMatch(/^3\.1/);
  await expectNoAxeViolations(page);
});
