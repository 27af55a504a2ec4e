import { createApiClient } from "@/components/api/api-client";
import { signInInteractively } from "../auth/msal-session";
import { forgetSignIn, writeSignIn } from "../auth/sign-in-file";
import type { CliEnv } from "../cli-env";
import { CliError, EXIT } from "../exit-codes";
import { type CliIo, type CommandResult, done } from "../output";
import type { CommandContext } from "./context";

export async function login(
  env: CliEnv,
  io: CliIo,
  options: { server: string | undefined; account: string | undefined; deviceCode: boolean },
): Promise<CommandResult> {
  const server = options.server ?? env.server;
  if (!server || !options.account) {
    throw new CliError(EXIT.usage, "login needs --server URL (or HYBRID_WIZARD_SERVER) and --account UPN.");
  }
  // The service says where the account signs in (its cloud's authority) and as which app.
  const anonymous = createApiClient((path, init) => fetch(new URL(path, server), init));
  const realm = await anonymous.findSignInRealm(options.account);
  const result = await signInInteractively({
    home: env.home,
    realm,
    account: options.account,
    deviceCode: options.deviceCode,
    openBrowser: env.openBrowser,
    say: (text) => io.stderr.write(text),
  });
  if (!result.account) throw new CliError(EXIT.signIn, "Entra answered without an account. Run login again.");
  await writeSignIn(env.home, {
    server,
    account: result.account.username,
    homeAccountId: result.account.homeAccountId,
    entraTenantId: realm.entraTenantId,
    tenantDisplayName: realm.tenantDisplayName,
    authority: realm.authority,
    knownAuthority: realm.knownAuthority,
    clientId: realm.clientId,
    apiScope: realm.apiScope,
  });
  return done(
    { account: result.account.username, tenant: realm.tenantDisplayName, server },
    `Signed in as ${result.account.username} (${realm.tenantDisplayName}) to ${server}.`,
  );
}

export async function logout(env: CliEnv): Promise<CommandResult> {
  await forgetSignIn(env.home);
  return done({ signedOut: true }, "Signed out: the tokens on this computer are deleted.");
}

export async function whoami(context: CommandContext): Promise<CommandResult> {
  const me = await context.client.me();
  return done(
    me,
    [
      `${me.user.displayName} <${me.user.upn}>`,
      `tenant: ${me.tenant.displayName} (${me.tenant.initialDomain}, ${me.tenant.cloudDisplayName})`,
      `role: ${me.role}; MFA in this sign-in: ${me.mfa ? "yes" : "no"}; tenant policy: MFA ${me.tenant.mfaPolicy.toLowerCase()}`,
    ].join("\n"),
  );
}

/**
 * The tenants this sign-in acts in: its own and, for a partner's technician, every customer with an
 * active relationship (each is `--tenant` away). The role in a customer is at most the relationship's.
 */
export async function tenants(context: CommandContext): Promise<CommandResult> {
  const me = await context.client.me();
  const own = {
    entraTenantId: me.tenant.entraTenantId,
    displayName: me.tenant.displayName,
    domain: me.tenant.initialDomain,
    role: me.role,
  };
  const customers =
    me.partner && !me.partner.actingInCustomer
      ? (await context.client.partnerRelationships()).relationships
          .filter((relationship) => relationship.status === "active")
          .map((relationship) => ({
            entraTenantId: relationship.entraTenantId,
            displayName: relationship.displayName,
            domain: relationship.initialDomain,
            role: relationship.role,
          }))
      : [];
  const rows = [own, ...customers];
  return done(
    { tenants: rows },
    rows.map((row) => `${row.domain}  ${row.displayName}  (${row.role})`).join("\n"),
  );
}
