import { spawn } from "node:child_process";
import {
  type AccountInfo,
  type AuthenticationResult,
  InteractionRequiredAuthError,
  PublicClientApplication,
  ServerError,
} from "@azure/msal-node";
import type { SignInRealm } from "@/lib/contracts/sign-in-realm";
import { CliError, EXIT } from "../exit-codes";
import { fileTokenCache } from "./file-token-cache";
import { type SignIn, tokenCachePath } from "./sign-in-file";

// Sign-in as Microsoft's own modules do it: msal-node's public client, the authorization code with
// PKCE on a loopback redirect in the system browser, or the device code where there is none. MFA
// happens in the browser; the command line only ever holds the tokens Entra gives it.

type Realm = Pick<SignInRealm, "authority" | "knownAuthority" | "clientId" | "apiScope">;
type Write = (text: string) => unknown;

function application(home: string, realm: Realm): PublicClientApplication {
  return new PublicClientApplication({
    auth: { clientId: realm.clientId, authority: realm.authority, knownAuthorities: [realm.knownAuthority] },
    cache: { cachePlugin: fileTokenCache(tokenCachePath(home)) },
  });
}

function openSystemBrowser(url: string): void {
  const [command, ...args] =
    process.platform === "win32"
      ? ["cmd", "/c", "start", '""', url.replace(/&/g, "^&")]
      : process.platform === "darwin"
        ? ["open", url]
        : ["xdg-open", url];
  const child = spawn(command as string, args, { stdio: "ignore", detached: true });
  child.on("error", () => {});
  child.unref();
}

const SIGNED_IN_PAGE =
  "<!DOCTYPE html><html lang=en><title>Signed in</title><h1>You are signed in to Hybrid Wizard</h1><p>You can close this window and go back to your terminal.</p></html>";
const FAILED_PAGE =
  "<!DOCTYPE html><html lang=en><title>Sign-in failed</title><h1>Sign-in failed</h1><p>Go back to your terminal for what happened.</p></html>";

export async function signInInteractively(options: {
  home: string;
  realm: Realm;
  account: string;
  deviceCode: boolean;
  openBrowser: boolean;
  say: Write;
}): Promise<AuthenticationResult> {
  const pca = application(options.home, options.realm);
  const scopes = [options.realm.apiScope];
  if (options.deviceCode) {
    const result = await pca.acquireTokenByDeviceCode({
      scopes,
      deviceCodeCallback: (response) => {
        options.say(
          `${response.message || `To sign in, open ${response.verificationUri} and enter the code ${response.userCode}.`}\n`,
        );
      },
    });
    if (!result) throw new CliError(EXIT.signIn, "The device code sign-in did not finish. Run login again.");
    return result;
  }
  return pca.acquireTokenInteractive({
    scopes,
    loginHint: options.account,
    successTemplate: SIGNED_IN_PAGE,
    errorTemplate: FAILED_PAGE,
    openBrowser: async (url) => {
      options.say(`Sign in in your browser. If it does not open, go to:\n${url}\n`);
      if (options.openBrowser) openSystemBrowser(url);
    },
  });
}

/** The authority of another tenant (a partner's customer), on the signed-in account's cloud. */
export function authorityOf(signIn: SignIn, entraTenantId: string): string {
  return `${signIn.authority.replace(/\/[^/]+\/?$/, "")}/${entraTenantId}`;
}

/**
 * An access token for the service's API, from the cache or renewed silently with the refresh
 * token (a scheduled script's case). When Entra wants the person again — MFA, a sign-in frequency
 * policy, a revoked session — it says so, and the command exits 3.
 */
export async function accessTokenFor(options: {
  home: string;
  signIn: SignIn;
  /** The customer's tenant for a partner acting for it (`--tenant`); the home tenant when absent. */
  entraTenantId?: string;
}): Promise<string> {
  const { signIn } = options;
  const pca = application(options.home, signIn);
  const account: AccountInfo | null = await pca.getTokenCache().getAccountByHomeId(signIn.homeAccountId);
  if (!account) {
    throw new CliError(EXIT.signIn, "You are not signed in on this computer: run hybrid-wizard login.", {
      code: "not_signed_in",
    });
  }
  try {
    // MSAL looks its cache up by the account's tenant before the authority's: for a customer, the
    // account is named as its profile there, else the home token would come back.
    const result = await pca.acquireTokenSilent({
      scopes: [signIn.apiScope],
      ...(options.entraTenantId
        ? {
            account: { ...account, tenantId: options.entraTenantId },
            authority: authorityOf(signIn, options.entraTenantId),
          }
        : { account }),
    });
    return result.accessToken;
  } catch (error) {
    // A refresh token Entra no longer accepts (revoked, expired, a password reset) is invalid_grant.
    if (
      error instanceof InteractionRequiredAuthError ||
      (error instanceof ServerError && error.errorCode === "invalid_grant")
    ) {
      throw new CliError(
        EXIT.signIn,
        `Entra wants you to sign in again (${error.errorCode}: ${error.errorMessage.split("\n")[0]}). Run hybrid-wizard login.`,
        { code: "interaction_required", entraError: error.errorCode },
      );
    }
    throw error;
  }
}
