import { createHash, randomBytes } from "node:crypto";
import { generate } from "otplib";
import { type Agent, fetch } from "undici";
import { z } from "zod";

// A person at the identity simulator's sign-in pages, scripted: what the integration tests and the
// dry run (`npm run plan`) use to sign the demo admin in, over the real authorization code + PKCE
// flow. Simulator-side code: production never signs anyone in this way.

export interface SignInRequest {
  tenantId: string;
  username: string;
  password: string;
  /** Generates the code like an authenticator app would; each sign-in uses a fresh one. */
  totpSecret?: string;
  /** Enter exactly this code instead (to test wrong or reused codes). */
  totpCode?: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  prompt?: string;
}

export const ZTokenResponse = z.looseObject({
  token_type: z.string(),
  scope: z.string(),
  expires_in: z.number(),
  ext_expires_in: z.number(),
  access_token: z.string(),
  id_token: z.string().optional(),
  refresh_token: z.string().optional(),
  client_info: z.string().optional(),
});
export type TokenResponse = z.infer<typeof ZTokenResponse>;

/** The flow stopped on a page that shows an error: a wrong password or code, a locked account. */
export class SignInRejected extends Error {
  constructor(
    readonly errorText: string,
    readonly html: string,
  ) {
    super(`Sign-in rejected: ${errorText}`);
  }
}

/** The last time step each secret's code was entered with; a Map serves one process. */
export interface UsedTotpSteps {
  get(secret: string): number | undefined;
  set(secret: string, step: number): void;
}

const stepsUsedInThisProcess: UsedTotpSteps = new Map<string, number>();

/** The code an authenticator app shows now. */
export function currentTotp(secret: string): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) });
}

/**
 * A code no earlier sign-in that `used` knows of used (by default, this process's): the current
 * one, else the next one (the simulator accepts one step of clock drift), else the helper waits for
 * a new step as a person would.
 */
export async function freshTotp(
  secret: string,
  used: UsedTotpSteps = stepsUsedInThisProcess,
): Promise<string> {
  const nowStep = Math.floor(Date.now() / 30_000);
  const lastStep = used.get(secret) ?? Number.NEGATIVE_INFINITY;
  let step = Math.max(nowStep, lastStep + 1);
  if (step > nowStep + 1) {
    await new Promise((resolve) => setTimeout(resolve, (step - 1) * 30_000 - Date.now() + 50));
    step = Math.max(Math.floor(Date.now() / 30_000), lastStep + 1);
  }
  used.set(secret, step);
  return generate({ secret, epoch: step * 30 });
}

/**
 * Signs in at `authority` as a person would: authorization code + PKCE, through the login pages
 * form by form (password, then the authenticator code), then redeems the code.
 */
export async function signInThroughPages(options: {
  /** `https://<host>/<tenant id>` */
  authority: string;
  /** Trusts the simulator's CA. */
  dispatcher: Agent;
  request: SignInRequest;
}): Promise<TokenResponse> {
  const { authority, request } = options;
  const agent = options.dispatcher;
  const discovery = z
    .object({ authorization_endpoint: z.string(), token_endpoint: z.string() })
    .parse(
      await (await fetch(`${authority}/v2.0/.well-known/openid-configuration`, { dispatcher: agent })).json(),
    );

  const verifier = randomBytes(32).toString("base64url");
  const state = randomBytes(16).toString("base64url");
  const authorize = new URL(discovery.authorization_endpoint);
  authorize.search = new URLSearchParams({
    client_id: request.clientId,
    response_type: "code",
    response_mode: "query",
    redirect_uri: request.redirectUri,
    scope: request.scopes.join(" "),
    state,
    nonce: randomBytes(16).toString("base64url"),
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
    client_info: "1",
    ...(request.prompt ? { prompt: request.prompt } : {}),
  }).toString();

  const cookies = new Map<string, string>();
  const send = async (url: string, form?: Record<string, string>) => {
    const response = await fetch(url, {
      method: form ? "POST" : "GET",
      body: form ? new URLSearchParams(form) : undefined,
      headers: {
        cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join("; "),
        accept: "text/html",
      },
      redirect: "manual",
      dispatcher: agent,
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = header.split(";");
      const separator = pair.indexOf("=");
      const name = pair.slice(0, separator).trim();
      const expired =
        attributes.some((a) => /expires=Thu, 01 Jan 1970/i.test(a)) || pair.slice(separator + 1) === "";
      if (expired) cookies.delete(name);
      else cookies.set(name, pair.slice(separator + 1));
    }
    return response;
  };

  let response = await send(authorize.href);
  for (let hop = 0; hop < 20; hop++) {
    const location = response.headers.get("location");
    if (location) {
      const next = new URL(location, response.url || authorize.href);
      if (next.href.startsWith(request.redirectUri)) {
        return redeemCode(next, state, verifier, discovery.token_endpoint, request, agent);
      }
      response = await send(next.href);
      continue;
    }
    const html = await response.text();
    const errorText = /id="error"[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[1]?.replace(/\s+/g, " ").trim();
    if (errorText) throw new SignInRejected(errorText, html);
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1]?.replace(/&#38;/g, "&");
    if (!action)
      throw new Error(`unexpected page during sign-in (HTTP ${response.status}):\n${html.slice(0, 500)}`);
    const target = new URL(action, authority).href;
    if (html.includes('name="otc"')) {
      const code = request.totpCode ?? (request.totpSecret ? await freshTotp(request.totpSecret) : undefined);
      if (!code) throw new Error(`${request.username} must enter an authenticator code: pass totpSecret`);
      response = await send(target, { otc: code });
    } else {
      response = await send(target, { username: request.username, password: request.password });
    }
  }
  throw new Error("sign-in did not reach the redirect URI");
}

async function redeemCode(
  redirect: URL,
  state: string,
  verifier: string,
  tokenEndpoint: string,
  request: SignInRequest,
  agent: Agent,
): Promise<TokenResponse> {
  if (redirect.searchParams.get("error")) {
    throw new Error(
      `authorization failed: ${redirect.searchParams.get("error")} ${redirect.searchParams.get("error_description")}`,
    );
  }
  if (redirect.searchParams.get("state") !== state) throw new Error("state mismatch");
  const response = await fetch(tokenEndpoint, {
    method: "POST",
    body: new URLSearchParams({
      grant_type: "authorization_code",
      client_id: request.clientId,
      code: redirect.searchParams.get("code") ?? "",
      redirect_uri: request.redirectUri,
      code_verifier: verifier,
      scope: request.scopes.join(" "),
      client_info: "1",
    }),
    dispatcher: agent,
  });
  const body: unknown = await response.json();
  if (!response.ok) throw new Error(`code redemption failed: ${JSON.stringify(body)}`);
  return ZTokenResponse.parse(body);
}
