import { generateURI } from "otplib";
import qrcode from "qrcode-terminal";
import type { CloudName } from "./clouds";
import { verifySecret } from "./directory/hash-secret";
import type { Directory } from "./directory/load-directory";

// What `npm start` shows so a person can sign in as the demo user with any authenticator app.
// The plain password and app secrets live here and in docs/IDENTITY-DIRECTORY.md; the directory
// keeps their hashes.

export const DEMO_USER = {
  userPrincipalName: "adele@contoso.onmicrosoft.com",
  password: "Contoso-Demo-1!",
} as const;

/**
 * Each demo tenant's Global Administrator and their plain password (docs/IDENTITY-DIRECTORY.md),
 * by the tenant's initial domain: who the dry run (`npm run plan`) signs in as for a fixture.
 */
export const DEMO_ADMINS: Record<string, { userPrincipalName: string; password: string }> = {
  "contoso.onmicrosoft.com": DEMO_USER,
  "fabrikam.onmicrosoft.com": {
    userPrincipalName: "diego@fabrikam.onmicrosoft.com",
    password: "Fabrikam-Demo-1!",
  },
  "woodgrovepartners.onmicrosoft.com": {
    userPrincipalName: "patti@woodgrovepartners.onmicrosoft.com",
    password: "Woodgrove-Demo-1!",
  },
  "tailspincn.partner.onmschina.cn": {
    userPrincipalName: "wei@tailspincn.partner.onmschina.cn",
    password: "Tailspin-Demo-1!",
  },
  "northwindgov.onmicrosoft.us": {
    userPrincipalName: "nestor@northwindgov.onmicrosoft.us",
    password: "Northwind-Demo-1!",
  },
  "litwaredod.onmicrosoft.us": {
    userPrincipalName: "grady@litwaredod.onmicrosoft.us",
    password: "Litware-Demo-1!",
  },
};

/** The plain client secret of the service's app registration in each cloud (the directory keeps hashes). */
export const DEMO_APP_SECRETS: Record<CloudName, string> = {
  Worldwide: "hybrid-wizard-dev-secret-worldwide",
  China21Vianet: "hybrid-wizard-dev-secret-21vianet",
  UsGovGccHigh: "hybrid-wizard-dev-secret-usgov",
  UsGovDod: "hybrid-wizard-dev-secret-usgov",
};

export interface DemoSignIn {
  userPrincipalName: string;
  password: string;
  tenantName: string;
  tenantId: string;
  /** otpauth:// URI of the user's TOTP secret: what the QR code holds. */
  otpauthUri: string;
}

export async function findDemoSignIn(directory: Directory): Promise<DemoSignIn> {
  const tenant = directory.findTenant(DEMO_USER.userPrincipalName.split("@")[1] ?? "");
  const identity =
    tenant && directory.findIdentity(tenant, { userPrincipalName: DEMO_USER.userPrincipalName });
  const secret = identity?.user.totpSecret;
  if (
    !tenant ||
    !identity ||
    !secret ||
    !(await verifySecret(DEMO_USER.password, identity.user.passwordHash))
  ) {
    throw new Error(
      `The directory no longer has the demo user ${DEMO_USER.userPrincipalName} with MFA and the documented password`,
    );
  }
  return {
    userPrincipalName: DEMO_USER.userPrincipalName,
    password: DEMO_USER.password,
    tenantName: tenant.displayName,
    tenantId: tenant.tenantId,
    otpauthUri: generateURI({
      issuer: `Hybrid Wizard demo (${tenant.displayName})`,
      label: DEMO_USER.userPrincipalName,
      secret,
    }),
  };
}

/** The sign-in details and a terminal QR code of the TOTP secret, ready to print. */
export async function describeDemoSignIn(directory: Directory): Promise<string> {
  const demo = await findDemoSignIn(directory);
  const qr = await new Promise<string>((resolve) =>
    qrcode.generate(demo.otpauthUri, { small: true }, resolve),
  );
  return [
    `Demo sign-in (${demo.tenantName}, Global Administrator, MFA):`,
    `  user:      ${demo.userPrincipalName}`,
    `  password:  ${demo.password}`,
    "  MFA code:  scan this with an authenticator app, or add the URI by hand:",
    `  ${demo.otpauthUri}`,
    qr,
  ].join("\n");
}
