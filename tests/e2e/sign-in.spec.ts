import { expect, type Page, test } from "@playwright/test";
import { ACCOUNTS } from "@/tests/integration/identity/scenario";
import { failOnContentSecurityPolicyViolations } from "./support/csp-violations";
import {
  completeSignIn,
  completeSignInInPopup,
  openSignInPopup,
  signInWithPopup,
} from "./support/demo-accounts";

// Sign-in as an Exchange admin meets it: MSAL in the browser against the (simulated) Entra ID,
// password and authenticator code, the service's verdict on the token.

const exchangeOnlineCard = (page: Page) => page.getByTestId("exo-credential-card");

failOnContentSecurityPolicyViolations();

test("an MFA admin signs in through the popup; reload keeps the session; sign-out ends it", async ({
  page,
}) => {
  await signInWithPopup(page, ACCOUNTS.adele);
  await expect(page).toHaveURL(/\/wizard\/credentials$/);
  const card = exchangeOnlineCard(page);
  await expect(card).toContainText("adele@contoso.onmicrosoft.com");
  await expect(card).toContainText("Contoso");
  await expect(card).toContainText("Worldwide (Office 365)");
  await expect(card).toContainText(/MFA\s*yes/);
  await expect(card).toContainText("Connected (contoso.onmicrosoft.com)");
  await expect(card).toContainText(
    "Security & ComplianceConnected (ps.compliance.protection.outlook.com, 5 sensitivity labels)",
  );
  await expect(page.getByTestId("signed-in-user")).toHaveText("Adele Vance · Contoso");

  await page.reload();
  await expect(card).toContainText("adele@contoso.onmicrosoft.com");

  await signOut(page);
  await page.reload();
  await expect(page.getByTestId("signed-in-user")).toHaveText("Not signed in");
  await expect(card).toContainText("Sign in with a Global Administrator or Exchange Administrator account");
});

test("an admin signs in through a full-page redirect", async ({ page }) => {
  await page.goto("/sign-in?returnTo=/wizard/credentials");
  await page.getByLabel("Work account").fill(ACCOUNTS.diego.username);
  await page.getByRole("button", { name: "Sign in in this window instead" }).click();
  await completeSignIn(page, ACCOUNTS.diego);
  await expect(page).toHaveURL(/\/wizard\/credentials$/);
  await expect(exchangeOnlineCard(page)).toContainText("diego@fabrikam.onmicrosoft.com");
  await expect(exchangeOnlineCard(page)).toContainText(/MFA\s*yes/);
});

test("a return address that leads off the site is not followed after sign-in", async ({ page, baseURL }) => {
  // The browser strips the tab, which would make this //example.invalid/agents: another origin.
  await page.goto(`/sign-in?returnTo=${encodeURIComponent("/\t/example.invalid/agents")}`);
  await page.getByLabel("Work account").fill(ACCOUNTS.diego.username);
  await page.getByRole("button", { name: "Sign in in this window instead" }).click();
  await completeSignIn(page, ACCOUNTS.diego);
  await expect(page).toHaveURL(`${baseURL}/wizard/credentials`);
});

test("a wrong authenticator code is refused and leaves no session", async ({ page }) => {
  const popup = await openSignInPopup(page, ACCOUNTS.wei);
  await completeSignIn(popup, ACCOUNTS.wei, { totpCode: "000000" });
  await expect(popup.locator("#error")).toContainText(/code/i);
  await expect(popup.getByLabel("Code")).toBeVisible();
  await expect(page.getByTestId("signed-in-user")).toHaveText("Not signed in");
  await popup.close();
  await page.goto("/wizard/credentials");
  await expect(page.getByTestId("signed-in-user")).toHaveText("Not signed in");
});

/** Signs out through the header; the identity provider's sign-out window closes by itself. */
async function signOut(page: Page) {
  const signOutWindow = page.waitForEvent("popup");
  await page.getByRole("button", { name: "Sign out" }).click();
  // It may have closed already: a wait for "close" on a closed window would never end.
  const signOutPage = await signOutWindow;
  if (!signOutPage.isClosed()) await signOutPage.waitForEvent("close");
  await expect(page.getByTestId("signed-in-user")).toHaveText("Not signed in");
}

async function setContosoMfaPolicy(page: Page, button: "Allow sign-in without MFA" | "Require MFA") {
  await signInWithPopup(page, ACCOUNTS.adele);
  await page.goto("/settings");
  await page.getByRole("button", { name: button }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("Saved");
  await signOut(page);
}

test("MFA where the tenant requires it; without, where it allows it; and the admin role either way", async ({
  page,
}) => {
  let popup = await openSignInPopup(page, ACCOUNTS.alex);
  await completeSignInInPopup(popup, ACCOUNTS.alex);
  await expect(page.getByRole("main").getByRole("alert")).toContainText(
    /requires multi-factor authentication/i,
  );
  await expect(page.getByTestId("signed-in-user")).toHaveText("Not signed in");

  // A Global Administrator of Contoso, signed in with MFA, allows sign-in without it.
  await setContosoMfaPolicy(page, "Allow sign-in without MFA");
  try {
    popup = await openSignInPopup(page, ACCOUNTS.alex);
    await completeSignInInPopup(popup, ACCOUNTS.alex);
    await expect(exchangeOnlineCard(page)).toContainText("alex@contoso.onmicrosoft.com");
    await expect(exchangeOnlineCard(page)).toContainText(/MFA\s*no/);
    await signOut(page);

    popup = await openSignInPopup(page, ACCOUNTS.lynne);
    await completeSignInInPopup(popup, ACCOUNTS.lynne);
    await expect(page.getByRole("main").getByRole("alert")).toContainText(
      "is not a Global Administrator, Exchange Administrator or Global Reader of Contoso",
    );
    await expect(page.getByTestId("signed-in-user")).toHaveText("Not signed in");
  } finally {
    await setContosoMfaPolicy(page, "Require MFA");
  }
});

for (const [who, cloud, compliance] of [
  [ACCOUNTS.wei, "Office 365 operated by 21Vianet", "ps.compliance.protection.partner.outlook.cn"],
  [ACCOUNTS.nestor, "US Government GCC High", "ps.compliance.protection.office365.us"],
  [ACCOUNTS.grady, "US Government DoD", "l5.ps.compliance.protection.office365.us"],
] as const) {
  test(`${who.username} signs in at their own cloud's authority (${cloud})`, async ({ page }) => {
    await signInWithPopup(page, who);
    await expect(exchangeOnlineCard(page)).toContainText(who.username);
    await expect(exchangeOnlineCard(page)).toContainText(cloud);
    // Security & Compliance is reached at that cloud's own endpoint, with the same sign-in.
    await expect(exchangeOnlineCard(page)).toContainText(`Connected (${compliance}, 5 sensitivity labels)`);
  });
}
