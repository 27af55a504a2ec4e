import { expect, test } from "@playwright/test";
import { loadDirectory } from "@/simulators/identity/directory/load-directory";

// msal-browser fetches the authority's discovery document from the app's page: the local CA's
// certificate must not stop Chromium (playwright.config.ts accepts exactly that certificate).
test("the app's page reaches the demo sign-in server over HTTPS", async ({ page }) => {
  const contoso = (await loadDirectory()).findTenant("contoso.onmicrosoft.com");
  const discoveryUrl = `${process.env.HW_E2E_IDENTITY_URL}/${contoso?.tenantId}/v2.0/.well-known/openid-configuration`;
  await page.goto("/");
  const discovery = await page.evaluate(async (url) => {
    const response = await fetch(url);
    return { status: response.status, body: await response.json() };
  }, discoveryUrl);
  expect(discovery.status).toBe(200);
  expect(discovery.body.issuer).toBe(`${process.env.HW_E2E_IDENTITY_URL}/${contoso?.tenantId}/v2.0`);
});
