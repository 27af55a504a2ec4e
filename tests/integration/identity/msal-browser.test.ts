import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { type Browser, chromium, type Page } from "@playwright/test";
import { build } from "esbuild";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentTotp, startTestIdentityProvider, type TestIdentityProvider } from "@/tests/helpers/identity";
import { ACCOUNTS, appFor, tenantOf } from "./scenario";

// The real @azure/msal-browser in Chromium against the simulator: popup sign-in with MFA, silent
// renewal with the refresh token, a partner's token for a customer, and sign-out.

let idp: TestIdentityProvider;
let web: Server;
let browser: Browser;
let page: Page;

async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [path.join(import.meta.dirname, "browser", entry)],
    bundle: true,
    format: "esm",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]?.text ?? "";
}

beforeAll(async () => {
  idp = await startTestIdentityProvider();
  const [spa, bridge] = await Promise.all([bundle("spa.ts"), bundle("redirect-bridge.ts")]);
  const partner = tenantOf(idp, ACCOUNTS.patti.domain);
  const customer = tenantOf(idp, "contoso.onmicrosoft.com");
  web = createServer((req, res) => {
    const origin = `http://localhost:${(web.address() as AddressInfo).port}`;
    const config = {
      clientId: appFor(idp, "Worldwide").clientId,
      authority: idp.authorityFor("Worldwide", partner.tenantId),
      knownAuthority: idp.hostFor("Worldwide"),
      redirectUri: `${origin}/auth/redirect`,
      customerAuthority: idp.authorityFor("Worldwide", customer.tenantId),
    };
    const script = (source: string) =>
      `<script type="module">${source.replaceAll("</script", "<\\/script")}</script>`;
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    if (req.url?.startsWith("/auth/redirect")) return res.end(`<!doctype html>${script(bridge)}`);
    res.end(
      `<!doctype html><script>window.spa = { config: ${JSON.stringify(config)} }</script>${script(spa)}`,
    );
  });
  await new Promise<void>((resolve) => web.listen(0, "127.0.0.1", resolve));
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [`--ignore-certificate-errors-spki-list=${idp.spkiSha256Base64}`],
  });
  page = await browser.newPage();
  await page.goto(`http://localhost:${(web.address() as AddressInfo).port}/`);
  await page.waitForFunction(() => window.spa?.ready === true);
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => web?.close(resolve));
  await idp?.stop();
});

describe("msal-browser against the simulator", () => {
  it("signs a partner admin in through the popup, password then authenticator code", async () => {
    const partner = tenantOf(idp, ACCOUNTS.patti.domain);
    const popupOpened = page.waitForEvent("popup");
    const signedIn = page.evaluate(() => window.spa.signIn());
    const popup = await popupOpened;
    await popup.getByLabel("Email or user name").fill(ACCOUNTS.patti.username);
    await popup.getByLabel("Password").fill(ACCOUNTS.patti.password);
    await popup.getByRole("button", { name: "Sign in" }).click();
    const secret = partner.users.find(
      (user) => user.userPrincipalName === ACCOUNTS.patti.username,
    )?.totpSecret;
    await popup.getByLabel("Code").fill(await currentTotp(secret ?? ""));
    await popup.getByRole("button", { name: "Verify" }).click();

    const account = await signedIn;
    const oid = partner.users[0]?.objectId;
    expect(account).toMatchObject({
      homeAccountId: `${oid}.${partner.tenantId}`,
      username: ACCOUNTS.patti.username,
      tenantId: partner.tenantId,
    });
    expect(decodeJwt(account.accessToken)).toMatchObject({ amr: ["pwd", "mfa"], tid: partner.tenantId });
  });

  it("renews the access token silently with the refresh token", async () => {
    const renewed = await page.evaluate(() => window.spa.renew());
    expect(renewed.fromCache).toBe(false);
    expect(decodeJwt(renewed.accessToken).amr).toEqual(["pwd", "mfa"]);
  });

  it("gets the partner a token for a customer tenant without another sign-in", async () => {
    const customer = tenantOf(idp, "contoso.onmicrosoft.com");
    const token = await page.evaluate(() => window.spa.tokenForCustomer());
    expect(token.tenantId).toBe(customer.tenantId);
    const claims = decodeJwt(token.accessToken);
    // A delegated (GDAP) token: the customer's tenant, the partner's user named by their home only.
    expect(claims).toMatchObject({ tid: customer.tenantId, unique_name: ACCOUNTS.patti.username });
    expect(claims.idp).toBe(`https://sts.windows.net/${tenantOf(idp, ACCOUNTS.patti.domain).tenantId}/`);
    expect(claims).not.toHaveProperty("oid");
  });

  it("signs out through the popup", async () => {
    expect(await page.evaluate(() => window.spa.signOut())).toBe(0);
  });
});
