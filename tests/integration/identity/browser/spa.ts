import { type AccountInfo, PublicClientApplication } from "@azure/msal-browser";

// A minimal single-page app around the real msal-browser, configured only with the simulator's
// authority: what the Hybrid Wizard's browser code does. Bundled and served by msal-browser.test.ts.

declare global {
  interface Window {
    spa: {
      config: {
        clientId: string;
        authority: string;
        knownAuthority: string;
        redirectUri: string;
        customerAuthority: string;
      };
      signIn(): Promise<{ homeAccountId: string; username: string; tenantId: string; accessToken: string }>;
      renew(): Promise<{ fromCache: boolean; accessToken: string }>;
      tokenForCustomer(): Promise<{ tenantId: string; accessToken: string }>;
      signOut(): Promise<number>;
      ready: boolean;
    };
  }
}

const { config } = window.spa;
const scopes = [`api://${config.clientId}/access_as_user`];
const msal = new PublicClientApplication({
  auth: {
    clientId: config.clientId,
    authority: config.authority,
    knownAuthorities: [config.knownAuthority],
    redirectUri: config.redirectUri,
  },
  cache: { cacheLocation: "sessionStorage" },
});
const initialized = msal.initialize();
const account = (): AccountInfo => {
  const [first] = msal.getAllAccounts();
  if (!first) throw new Error("nobody is signed in");
  return first;
};

window.spa.signIn = async () => {
  await initialized;
  const result = await msal.loginPopup({ scopes, prompt: "select_account" });
  return { ...result.account, accessToken: result.accessToken };
};
window.spa.renew = async () => {
  const result = await msal.acquireTokenSilent({ scopes, account: account(), forceRefresh: true });
  return { fromCache: result.fromCache, accessToken: result.accessToken };
};
window.spa.tokenForCustomer = async () => {
  const result = await msal.acquireTokenSilent({
    scopes,
    account: account(),
    authority: config.customerAuthority,
    forceRefresh: true,
  });
  return { tenantId: result.tenantId, accessToken: result.accessToken };
};
window.spa.signOut = async () => {
  // The popup must come back to the redirect bridge, which tells this window it is done.
  await msal.logoutPopup({ account: account(), postLogoutRedirectUri: config.redirectUri });
  return msal.getAllAccounts().length;
};
window.spa.ready = true;
