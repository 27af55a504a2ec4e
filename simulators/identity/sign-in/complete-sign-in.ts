import type { IncomingMessage, ServerResponse } from "node:http";
import type Provider from "oidc-provider";
import type { Interaction } from "oidc-provider";
import { resourceOfScopes } from "../oidc/resources";

// Ends an interaction: records who signed in and how (`amr`), and grants the app what it asked
// for. Consent is implicit for the first-party app, so no consent page is shown.

const OIDC_SCOPES = new Set(["openid", "profile", "email", "offline_access"]);

export async function completeSignIn(
  req: IncomingMessage,
  res: ServerResponse,
  provider: Provider,
  details: Interaction,
  accountId: string,
  /** Undefined when the user is already signed in and only consent was pending. */
  amr: string[] | undefined,
): Promise<void> {
  const scopes = String(details.params.scope ?? "")
    .split(" ")
    .filter(Boolean);
  const existing = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
  const grant =
    existing?.accountId === accountId
      ? existing
      : new provider.Grant({ accountId, clientId: String(details.params.client_id) });
  grant.addOIDCScope(scopes.filter((scope) => OIDC_SCOPES.has(scope)));
  const resource = resourceOfScopes(scopes);
  if (resource) {
    grant.addResourceScope(
      resource,
      scopes.filter((scope) => scope.startsWith(`${resource}/`)),
    );
  }
  const grantId = await grant.save();

  await provider.interactionFinished(
    req,
    res,
    { ...(amr ? { login: { accountId, amr, acr: "1" } } : {}), consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
}
