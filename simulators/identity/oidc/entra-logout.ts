import type { CloudName } from "../clouds";
import type { Directory } from "../directory/load-directory";

// Entra sends the browser back to `post_logout_redirect_uri` when it is a registered redirect URI
// of an app, even if the request names no client (MSAL names none). oidc-provider needs the client
// to check the URI, so it is looked up by the URI.

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function translateEntraLogout(
  query: URLSearchParams,
  directory: Directory,
  cloud: CloudName,
): URLSearchParams {
  const target = query.get("post_logout_redirect_uri");
  if (!target || query.has("client_id") || query.has("id_token_hint")) return query;
  const app = directory.applications.find(
    (candidate) =>
      candidate.clouds.includes(cloud) && candidate.redirectUris.some((uri) => sameRedirectUri(uri, target)),
  );
  if (!app) return query;
  const translated = new URLSearchParams(query);
  translated.set("client_id", app.clientId);
  return translated;
}

/** Equal, or equal but for the port when both are http on a loopback host (as Entra treats localhost). */
export function sameRedirectUri(registered: string, candidate: string): boolean {
  if (registered === candidate) return true;
  const a = URL.parse(registered);
  const b = URL.parse(candidate);
  if (!a || !b || a.protocol !== "http:" || b.protocol !== "http:" || !LOOPBACK_HOSTS.has(a.hostname))
    return false;
  a.port = "";
  b.port = "";
  return a.href === b.href;
}
