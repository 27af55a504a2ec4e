// The simulator's server-rendered pages: a plain card in the manner of Entra's sign-in screens.
// Every dynamic value goes through `escapeHtml`.

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;background:#f2f2f2;
  font-family:"Segoe UI","Helvetica Neue",Arial,sans-serif;color:#1b1b1b}
main{width:440px;max-width:100%;background:#fff;padding:44px;box-shadow:0 2px 6px rgba(0,0,0,.2)}
.brand{display:flex;align-items:center;gap:10px;font-size:15px;color:#5e5e5e;margin-bottom:16px}
.brand-mark{display:grid;grid-template-columns:10px 10px;gap:2px}
.brand-mark span{width:10px;height:10px;background:#0067b8}
.brand-mark span:nth-child(2){background:#5ea0ef}.brand-mark span:nth-child(3){background:#5ea0ef}
h1{font-size:24px;font-weight:600;margin:0 0 12px}
p{font-size:15px;line-height:1.45;margin:0 0 12px}
label{display:block;font-size:13px;color:#5e5e5e;margin-top:12px}
input{width:100%;font-size:15px;padding:6px 0;border:0;border-bottom:1px solid #666;outline:none;background:none}
input:focus{border-bottom-color:#0067b8}
.actions{display:flex;justify-content:flex-end;margin-top:28px}
button{min-width:108px;padding:6px 12px;font-size:15px;border:0;background:#0067b8;color:#fff;cursor:pointer}
button:hover{background:#005da6}
.error{color:#e81123;font-size:15px;margin:4px 0 8px}
.identity{font-size:15px;margin-bottom:12px}
.fine{font-size:13px;color:#5e5e5e;margin-top:24px}
a{color:#0067b8}
`;

interface LayoutOptions {
  title: string;
  /** The directory the page belongs to, e.g. "Contoso". */
  organization: string;
  body: string;
}

function layout({ title, organization, body }: LayoutOptions): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<div class="brand"><span class="brand-mark" aria-hidden="true"><span></span><span></span><span></span><span></span></span>
<span>${escapeHtml(organization)} · simulated Entra ID</span></div>
${body}
</main>
</body>
</html>`;
}

function errorLine(message: string | undefined): string {
  return message ? `<p class="error" role="alert" id="error">${escapeHtml(message)}</p>` : "";
}

function anotherAccountLink(restart: string): string {
  return `<p class="fine"><a href="${escapeHtml(restart)}">Sign in with a different account</a></p>`;
}

export function renderSignInPage(options: {
  organization: string;
  /** The tenant's initial domain, for the example user name. */
  domain: string;
  action: string;
  userName?: string;
  error?: string;
}): string {
  return layout({
    title: "Sign in to your account",
    organization: options.organization,
    body: `<h1>Sign in</h1>
${errorLine(options.error)}
<form method="post" action="${escapeHtml(options.action)}" autocomplete="off">
<label for="username">Email or user name</label>
<input id="username" name="username" type="email" required autofocus value="${escapeHtml(options.userName ?? "")}" placeholder="someone@${escapeHtml(options.domain)}">
<label for="password">Password</label>
<input id="password" name="password" type="password" required>
<div class="actions"><button type="submit">Sign in</button></div>
</form>`,
  });
}

export function renderVerificationCodePage(options: {
  organization: string;
  action: string;
  restart: string;
  userName: string;
  error?: string;
}): string {
  return layout({
    title: "Enter code",
    organization: options.organization,
    body: `<div class="identity">${escapeHtml(options.userName)}</div>
<h1>Enter code</h1>
<p>Open your authenticator app and enter the 6-digit code it shows for this account.</p>
${errorLine(options.error)}
<form method="post" action="${escapeHtml(options.action)}" autocomplete="off">
<label for="otc">Code</label>
<input id="otc" name="otc" inputmode="numeric" pattern="[0-9 ]{6,7}" maxlength="7" required autofocus>
<div class="actions"><button type="submit">Verify</button></div>
</form>
${anotherAccountLink(options.restart)}`,
  });
}

export function renderLockedPage(options: {
  organization: string;
  restart: string;
  userName: string;
  lockedUntil: Date;
}): string {
  const minutes = Math.max(1, Math.ceil((options.lockedUntil.getTime() - Date.now()) / 60_000));
  return layout({
    title: "Account locked",
    organization: options.organization,
    body: `<div class="identity">${escapeHtml(options.userName)}</div>
<h1>Your account is locked for now</h1>
<p id="error" role="alert">Too many sign-in attempts for this account went wrong, so it is locked to keep it safe.
Try again in ${minutes} minute${minutes === 1 ? "" : "s"}, at ${escapeHtml(options.lockedUntil.toISOString().slice(11, 16))} UTC.</p>
${anotherAccountLink(options.restart)}
<p class="fine">Error code AADSTS50053</p>`,
  });
}

export function renderErrorPage(options: { organization: string; title: string; message: string }): string {
  return layout({
    title: options.title,
    organization: options.organization,
    body: `<h1>${escapeHtml(options.title)}</h1><p id="error" role="alert">${escapeHtml(options.message)}</p>`,
  });
}

/** Signs out at once: Entra does not ask the user to confirm. `form` comes from oidc-provider. */
export function renderSignOutPage(options: { organization: string; form: string }): string {
  return layout({
    title: "Signing out",
    organization: options.organization,
    body: `<h1>Signing you out…</h1>
${options.form.replace("</form>", '<input type="hidden" name="logout" value="yes"></form>')}
<div class="actions"><button type="submit" form="op.logoutForm">Sign out</button></div>
<script>document.getElementById("op.logoutForm").submit()</script>`,
  });
}

export function renderSignedOutPage(options: { organization: string }): string {
  return layout({
    title: "Signed out",
    organization: options.organization,
    body: "<h1>You have signed out</h1><p>You can close this window.</p>",
  });
}

/** The device code sign-in's first page (`/devicelogin`): type the code the command line shows. `form` comes from oidc-provider. */
export function renderDeviceCodeInputPage(options: {
  organization: string;
  form: string;
  error?: string;
}): string {
  return layout({
    title: "Enter code",
    organization: options.organization,
    body: `<h1>Enter code</h1>
<p>Enter the code displayed on your device or in your terminal to allow access.</p>
${errorLine(options.error)}
${options.form.replace('name="user_code"', 'name="user_code" aria-label="Code" id="user_code"')}
<div class="actions"><button type="submit" form="op.deviceInputForm">Next</button></div>`,
  });
}

/** After sign-in: Entra asks whether the device should act as the person. */
export function renderDeviceCodeConfirmPage(options: {
  organization: string;
  form: string;
  application: string;
  userCode: string;
}): string {
  return layout({
    title: "Are you trying to sign in?",
    organization: options.organization,
    body: `<h1>Are you trying to sign in to ${escapeHtml(options.application)}?</h1>
<p>Only continue if you started this from a device or terminal you trust (code ${escapeHtml(options.userCode)}).</p>
${options.form}
<div class="actions"><button type="submit" form="op.deviceConfirmForm">Continue</button></div>`,
  });
}

export function renderDeviceCodeDonePage(options: { organization: string }): string {
  return layout({
    title: "Signed in",
    organization: options.organization,
    body: "<h1>You have signed in</h1><p>You can close this window and go back to your device or terminal.</p>",
  });
}
