import { expect, type Page } from "@playwright/test";
import { loadDirectory } from "@/simulators/identity/directory/load-directory";
import { freshTotp } from "@/tests/helpers/identity";
import type { ACCOUNTS } from "@/tests/integration/identity/scenario";
import { usedTotpStepsOfThisRun } from "./used-totp-steps";

// A person's way through the sign-in window: password, then the authenticator code for accounts
// enrolled in MFA.

export type DemoAccount = (typeof ACCOUNTS)[keyof typeof ACCOUNTS];

async function totpSecretOf(account: string): Promise<string | undefined> {
  const directory = await loadDirectory();
  const tenant = directory.findTenant(account.split("@")[1] ?? "");
  return tenant && directory.findIdentity(tenant, { userPrincipalName: account })?.user.totpSecret;
}

/** Fills the identity provider's pages in `window` (a popup, or the page itself for a redirect). */
export async function completeSignIn(
  window: Page,
  who: DemoAccount,
  options: { totpCode?: string } = {},
): Promise<void> {
  await window.getByLabel("Email or user name").fill(who.username);
  await window.getByLabel("Password").fill(who.password);
  await window.getByRole("button", { name: "Sign in" }).click();
  const secret = await totpSecretOf(who.username);
  if (!secret) return;
  await expect(window.getByRole("heading", { name: "Enter code" })).toBeVisible();
  await window.getByLabel("Code").fill(options.totpCode ?? (await freshTotp(secret, usedTotpStepsOfThisRun)));
  await window.getByRole("button", { name: "Verify" }).click();
}

/** Starts a popup sign-in on the sign-in page and returns the popup. */
export async function openSignInPopup(page: Page, who: DemoAccount): Promise<Page> {
  await page.goto("/sign-in");
  await page.getByLabel("Work account").fill(who.username);
  const popup = page.waitForEvent("popup");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  return popup;
}

/**
 * Fills the popup's pages and waits until MSAL has closed it. The wait starts before the last
 * click: a popup that closed before a later `waitForEvent("close")` would be waited for forever.
 */
export async function completeSignInInPopup(popup: Page, who: DemoAccount): Promise<void> {
  const closed = popup.waitForEvent("close");
  await completeSignIn(popup, who);
  await closed;
}

/**
 * A whole popup sign-in; resolves once the app shows the account signed in (the popup closes
 * before the app has redeemed the code, so its closing is not the end).
 */
export async function signInWithPopup(page: Page, who: DemoAccount): Promise<void> {
  await completeSignInInPopup(await openSignInPopup(page, who), who);
  await expect(page.getByTestId("signed-in-user")).toHaveAttribute("title", who.username);
}
