import { createHash, randomBytes } from "node:crypto";
import Provider, { type Adapter, type AdapterPayload } from "oidc-provider";
import type { CloudName } from "../clouds";
import { verifySecret } from "../directory/hash-secret";
import type { Application, Directory } from "../directory/load-directory";

// App registrations as oidc-provider clients. Entra lets one registration redeem codes in the
// browser without a secret (its SPA redirect URIs) and also act as a confidential client with its
// secret (on-behalf-of). oidc-provider gives a client one authentication method, so the metadata is
// built per request: a request that carries a secret sees the confidential form of the client.

export const JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
export const DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

export function createClientRegistrationsAdapter(directory: Directory, cloud: CloudName): Adapter {
  const verifiedSecrets = new Set<string>();

  const isSecretValid = async (app: Application, secret: string) => {
    const memo = createHash("sha256").update(`${app.clientId}\n${secret}`).digest("base64url");
    if (verifiedSecrets.has(memo)) return true;
    const valid = await verifySecret(secret, app.clientSecretHash);
    if (valid) verifiedSecrets.add(memo);
    return valid;
  };

  const unsupported = async () => {
    throw new Error("app registrations are read from the directory file");
  };

  return {
    async find(clientId) {
      const app = directory.findApplication(cloud, clientId);
      if (!app) return undefined;
      const secret = presentedClientSecret();
      if (secret === undefined) return publicClientMetadata(app);
      // oidc-provider compares the secret in plain text; the directory keeps only its hash.
      const accepted = await isSecretValid(app, secret);
      return {
        ...publicClientMetadata(app),
        token_endpoint_auth_method: "client_secret_post",
        client_secret: accepted ? secret : randomBytes(32).toString("base64url"),
      };
    },
    upsert: unsupported,
    findByUid: unsupported,
    findByUserCode: unsupported,
    consume: unsupported,
    destroy: unsupported,
    revokeByGrantId: unsupported,
  };
}

function publicClientMetadata(app: Application): AdapterPayload {
  return {
    client_id: app.clientId,
    client_name: app.displayName,
    // "native" makes loopback redirect URIs match whatever the port, as Entra does for localhost.
    application_type: "native",
    redirect_uris: app.redirectUris,
    post_logout_redirect_uris: app.redirectUris,
    response_types: ["code"],
    grant_types: ["authorization_code", "refresh_token", JWT_BEARER_GRANT, DEVICE_CODE_GRANT],
    token_endpoint_auth_method: "none",
  };
}

/** The secret of the token request being handled, from its body or a Basic authorization header. */
function presentedClientSecret(): string | undefined {
  const ctx = Provider.ctx;
  if (!ctx) return undefined;
  const fromBody = ctx.oidc.params?.client_secret;
  if (typeof fromBody === "string" && fromBody) return fromBody;
  const [scheme, credentials] = (ctx.headers.authorization ?? "").split(" ");
  if (scheme?.toLowerCase() !== "basic" || !credentials) return undefined;
  const decoded = Buffer.from(credentials, "base64").toString("utf8");
  const separator = decoded.indexOf(":");
  return separator > 0 ? decodeURIComponent(decoded.slice(separator + 1)) || undefined : undefined;
}
