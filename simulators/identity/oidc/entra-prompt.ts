// Translates an authorization request from Entra's dialect to what oidc-provider understands.
//
// - Entra's `select_account` (and `create`) show the sign-in page: for oidc-provider that is `login`.
// - OpenID Connect drops `offline_access` unless the request also asks for consent; Entra issues a
//   refresh token whenever `offline_access` is asked for. Consent is implicit for our first-party
//   app (granted without a page), so asking for it keeps the refresh token coming.
//   Silent requests (`prompt=none`) cannot ask for consent and get no new refresh token.

const LOGIN_SYNONYMS = new Set(["select_account", "create", "login"]);

export function translateEntraPrompt(query: URLSearchParams): URLSearchParams {
  const translated = new URLSearchParams(query);
  const requested = (query.get("prompt") ?? "").split(" ").filter(Boolean);
  const scopes = (query.get("scope") ?? "").split(" ");

  if (requested.includes("none")) return translated;

  const prompts = new Set<string>();
  for (const prompt of requested) {
    if (LOGIN_SYNONYMS.has(prompt)) prompts.add("login");
    else if (prompt === "consent") prompts.add("consent");
  }
  if (scopes.includes("offline_access")) prompts.add("consent");

  if (prompts.size) translated.set("prompt", [...prompts].join(" "));
  else translated.delete("prompt");
  return translated;
}
