import type { IncomingMessage, ServerResponse } from "node:http";
import type Provider from "oidc-provider";
import type { Interaction } from "oidc-provider";
import { z } from "zod";
import { verifySecret } from "../directory/hash-secret";
import type { Directory, Tenant, TenantIdentity } from "../directory/load-directory";
import { readForm, redirect, sendHtml } from "../http-responses";
import type { AccountLockout } from "./account-lockout";
import { completeSignIn } from "./complete-sign-in";
import { renderErrorPage, renderLockedPage, renderSignInPage, renderVerificationCodePage } from "./pages";
import type { TotpVerifier } from "./totp-verifier";

// The sign-in pages behind oidc-provider's interactions: user name and password, then the
// authenticator code for users enrolled in MFA.

export interface SignInState {
  lockout: AccountLockout;
  totp: TotpVerifier;
  /** Interactions whose password was right and that wait for the code, by interaction uid. */
  awaitingCode: Map<string, { accountId: string; expiresAt: number }>;
}

export interface InteractionTarget {
  provider: Provider;
  tenant: Tenant;
  directory: Directory;
  signIn: SignInState;
}

const ZPasswordForm = z.object({ username: z.string().trim().min(1), password: z.string().min(1) });
const ZCodeForm = z.object({ otc: z.string().trim().min(1) });

const MESSAGES = {
  wrongPassword: "That user name or password is not right. Check both and try again.",
  missingFields: "Enter your user name and your password.",
  wrongCode: "That code is not right. Enter the code your authenticator app shows now.",
  reusedCode:
    "That code was already used. Wait until your authenticator app shows a new code, then enter it.",
  expired: "This sign-in has expired. Go back to the app and sign in again.",
} as const;

/** One request within one interaction. */
interface Step {
  req: IncomingMessage;
  res: ServerResponse;
  target: InteractionTarget;
  details: Interaction;
  /** Path of the interaction's page. */
  here: string;
}

/**
 * Handles `/<tenant>/v2.0/interaction/<uid>[/password|/code|/restart]`; `steps` is what follows
 * `interaction/`.
 */
export async function handleInteraction(
  req: IncomingMessage,
  res: ServerResponse,
  [uid = "", action]: string[],
  target: InteractionTarget,
): Promise<void> {
  const details = await target.provider.interactionDetails(req, res).catch(() => undefined);
  if (details?.uid !== uid) {
    const page = {
      organization: target.tenant.displayName,
      title: "We couldn't sign you in",
      message: MESSAGES.expired,
    };
    return sendHtml(res, 400, renderErrorPage(page));
  }
  const step: Step = {
    req,
    res,
    target,
    details,
    here: `/${target.tenant.tenantId}/v2.0/interaction/${uid}`,
  };

  if (req.method === "POST" && action === "password") return checkPassword(step);
  if (req.method === "POST" && action === "code") return checkCode(step);
  if (req.method === "GET" && action === "restart") {
    target.signIn.awaitingCode.delete(uid);
    return redirect(res, step.here);
  }
  if (req.method === "GET" && details.prompt.name === "consent" && details.session?.accountId) {
    return completeSignIn(req, res, target.provider, details, details.session.accountId, undefined);
  }
  if (req.method !== "GET" || action) return redirect(res, step.here);

  const waiting = awaitingCode(step);
  if (waiting) return showCodePage(step, waiting);
  const loginHint = typeof details.params.login_hint === "string" ? details.params.login_hint : undefined;
  showSignInPage(step, { userName: loginHint });
}

async function checkPassword(step: Step): Promise<void> {
  const { target, details } = step;
  const form = ZPasswordForm.safeParse(await readForm(step.req));
  if (!form.success) return showSignInPage(step, { error: MESSAGES.missingFields });

  const { username, password } = form.data;
  const identity = target.directory.findIdentity(target.tenant, { userPrincipalName: username });
  if (!identity) return showSignInPage(step, { userName: username, error: MESSAGES.wrongPassword });

  const accountId = identity.user.objectId;
  if (target.signIn.lockout.lockedUntil(accountId)) return showLockedPage(step, identity);
  if (!(await verifySecret(password, identity.user.passwordHash))) {
    if (target.signIn.lockout.recordFailure(accountId)) return showLockedPage(step, identity);
    return showSignInPage(step, { userName: username, error: MESSAGES.wrongPassword });
  }
  if (!identity.user.totpSecret) {
    target.signIn.lockout.recordSuccess(accountId);
    return completeSignIn(step.req, step.res, target.provider, details, accountId, ["pwd"]);
  }
  target.signIn.awaitingCode.set(details.uid, { accountId, expiresAt: (details.exp ?? 0) * 1000 });
  redirect(step.res, step.here);
}

async function checkCode(step: Step): Promise<void> {
  const { target, details } = step;
  const identity = awaitingCode(step);
  const secret = identity?.user.totpSecret;
  if (!identity || !secret) return redirect(step.res, step.here);

  const accountId = identity.user.objectId;
  if (target.signIn.lockout.lockedUntil(accountId)) return showLockedPage(step, identity);
  const form = ZCodeForm.safeParse(await readForm(step.req));
  const outcome = form.success ? await target.signIn.totp.check(accountId, secret, form.data.otc) : "wrong";
  if (outcome === "reused") return showCodePage(step, identity, MESSAGES.reusedCode);
  if (outcome === "wrong") {
    if (target.signIn.lockout.recordFailure(accountId)) return showLockedPage(step, identity);
    return showCodePage(step, identity, MESSAGES.wrongCode);
  }
  target.signIn.lockout.recordSuccess(accountId);
  target.signIn.awaitingCode.delete(details.uid);
  return completeSignIn(step.req, step.res, target.provider, details, accountId, ["pwd", "mfa"]);
}

/** The user whose password was right in this interaction and whose code is still to come. */
function awaitingCode({ target, details }: Step): TenantIdentity | undefined {
  const entry = target.signIn.awaitingCode.get(details.uid);
  if (!entry) return undefined;
  if (entry.expiresAt <= Date.now()) {
    target.signIn.awaitingCode.delete(details.uid);
    return undefined;
  }
  return target.directory.findIdentity(target.tenant, { objectId: entry.accountId });
}

function pageBasics({ target, here }: Step) {
  return { organization: target.tenant.displayName, restart: `${here}/restart` };
}

function showSignInPage(step: Step, options: { userName?: string; error?: string }): void {
  const page = {
    ...pageBasics(step),
    domain: step.target.tenant.initialDomain,
    action: `${step.here}/password`,
  };
  sendHtml(step.res, 200, renderSignInPage({ ...page, ...options }));
}

function showCodePage(step: Step, identity: TenantIdentity, error?: string): void {
  const page = {
    ...pageBasics(step),
    action: `${step.here}/code`,
    userName: identity.user.userPrincipalName,
  };
  sendHtml(step.res, 200, renderVerificationCodePage({ ...page, error }));
}

function showLockedPage(step: Step, identity: TenantIdentity): void {
  const lockedUntil = step.target.signIn.lockout.lockedUntil(identity.user.objectId) ?? new Date();
  const page = { ...pageBasics(step), userName: identity.user.userPrincipalName, lockedUntil };
  sendHtml(step.res, 200, renderLockedPage(page));
}
