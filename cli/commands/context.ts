import { accessTokenFor } from "../auth/msal-session";
import { readSignIn, type SignIn } from "../auth/sign-in-file";
import type { CliEnv } from "../cli-env";
import { CliError, EXIT } from "../exit-codes";
import type { CliIo } from "../output";
import { type ServiceClient, serviceClient } from "../service-client";

/** What every signed-in command works with: the sign-in, the service, the tenant it acts in. */
export interface CommandContext {
  env: CliEnv;
  io: CliIo;
  signIn: SignIn;
  client: ServiceClient;
  /** The customer's Entra tenant id with `--tenant`; undefined for the home tenant. */
  actingTenantId: string | undefined;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `--tenant contoso.onmicrosoft.com` or an id: the customer's tenant, as `-DelegatedOrganization`
 * names it. A domain is looked up as sign-in looks an account's domain up (the service's realm).
 */
async function tenantIdOf(signIn: SignIn, tenant: string): Promise<string> {
  if (GUID.test(tenant)) return tenant.toLowerCase();
  const realm = await serviceClient(signIn.server, async () => "")
    .findSignInRealm(`admin@${tenant}`)
    .catch(() => {
      throw new CliError(
        EXIT.usage,
        `No tenant ${tenant} is known to ${signIn.server}: give its domain or id.`,
      );
    });
  return realm.entraTenantId;
}

export async function commandContext(
  env: CliEnv,
  io: CliIo,
  tenant: string | undefined,
): Promise<CommandContext> {
  const signIn = await readSignIn(env.home);
  if (!signIn)
    throw new CliError(
      EXIT.signIn,
      "You are not signed in: run hybrid-wizard login --server URL --account UPN.",
    );
  const customer = tenant ? await tenantIdOf(signIn, tenant) : undefined;
  const actingTenantId = customer === signIn.entraTenantId ? undefined : customer;
  const client = serviceClient(signIn.server, () =>
    accessTokenFor({ home: env.home, signIn, ...(actingTenantId && { entraTenantId: actingTenantId }) }),
  );
  return { env, io, signIn, client, actingTenantId };
}
