import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { rootCertificates } from "node:tls";
import type { JWK } from "jose";
import { generate } from "otplib";
import { Agent, fetch, setGlobalDispatcher } from "undici";
import { z } from "zod";
import { demoSignInEnv } from "@/scripts/lib/demo-web-env";
import {
  type IdentityProviderOptions,
  type RunningIdentityProvider,
  startIdentityProvider,
} from "@/simulators/identity/start-identity-provider";

// Integration-test access to the identity simulator: a provider in a temp dir on an OS-chosen port,
// and a sign-in that walks the real authorization code + PKCE flow over HTTPS, form by form.

export interface TestIdentityProvider extends RunningIdentityProvider {
  /** Signs in through the login pages and redeems the code; throws SignInRejected on an error page. */
  signIn(request: SignInRequest): Promise<TokenResponse>;
  /** POSTs to the tenant's token endpoint (refresh, on-behalf-of...) and returns status and JSON. */
  requestToken(tenantId: string, form: Record<string, string>): Promise<{ status: number; body: unknown }>;
  /** GETs a URL of the simulator, trusting its CA. */
  get(url: string): Promise<{ status: number; text: string }>;
  /** The private JWK the provider signs with now, read from its data dir: for minting test tokens. */
  currentSigningKey(): Promise<JWK & { kid: string }>;
  stop(): Promise<void>;
}

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

const ZSigningKeyFile = z.object({
  keys: z.array(z.object({ jwk: z.looseObject({ kid: z.string() }), retiredAt: z.string().optional() })),
});

/** The flow stopped on a page that shows an error: a wrong password or code, a locked account. */
export class SignInRejected extends Error {
  constructor(
    readonly errorText: string,
    readonly html: string,
  ) {
    super(`Sign-in rejected: ${errorText}`);
  }
}

export async function startTestIdentityProvider(
  options: Partial<Omit<IdentityProviderOptions, "dataDir" | "port">> = {},
): Promise<TestIdentityProvider> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "identity-simulator-"));
  const idp = await startIdentityProvider({ dataDir, port: 0, ...options });
  const agent = new Agent({ connect: { ca: [...rootCertificates, idp.caCertPem] } });
  const tenantOf = (tenantId: string) => {
    const tenant = idp.directory.findTenant(tenantId);
    if (!tenant) throw new Error(`no tenant ${tenantId} in the directory`);
    return tenant;
  };
  const tokenEndpoint = async (tenantId: string) => {
    const discovery = await fetch(
      `${idp.authorityFor(tenantOf(tenantId).cloud, tenantId)}/v2.0/.well-known/openid-configuration`,
      { dispatcher: agent },
    );
    return z.object({ token_endpoint: z.string() }).parse(await discovery.json()).token_endpoint;
  };

  return {
    ...idp,
    signIn: (request) => walkSignIn(idp, agent, tenantOf(request.tenantId).cloud, request),
    async requestToken(tenantId, form) {
      const response = await fetch(await tokenEndpoint(tenantId), {
        method: "POST",
        body: new URLSearchParams(form),
        dispatcher: agent,
      });
      return { status: response.status, body: await response.json() };
    },
    async get(url) {
      const response = await fetch(url, { dispatcher: agent });
      return { status: response.status, text: await response.text() };
    },
    async currentSigningKey() {
      const file = path.join(dataDir, "identity", "signing-keys.json");
      const { keys } = ZSigningKeyFile.parse(JSON.parse(await readFile(file, "utf8")));
      const signer = keys.find((key) => !key.retiredAt);
      if (!signer) throw new Error(`no current signing key in ${file}`);
      return signer.jwk;
    },
    async stop() {
      await idp.close();
      await agent.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Makes every `fetch` in this process (msal-node's included) trust the simulator's CA. Production
 * processes get the same through NODE_EXTRA_CA_CERTS, which Node reads only at start-up.
 */
export function trustIdentityProviderCa(idp: RunningIdentityProvider): void {
  setGlobalDispatcher(new Agent({ connect: { ca: [...rootCertificates, idp.caCertPem] } }));
}

/**
 * The environment that points the service at this simulator: every cloud's authority and app
 * registration (CLOUD_*), and NODE_EXTRA_CA_CERTS so that a process started with it trusts the CA.
 */
export function serviceEnvFor(idp: RunningIdentityProvider): Record<string, string> {
  return { NODE_EXTRA_CA_CERTS: idp.caCertPath, ...demoSignInEnv(idp.directory, idp.port) };
}

const lastStepBySecret = new Map<string, number>();

/** The code an authenticator app shows now. */
export function currentTotp(secret: string): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) });
}

/**
 * A code no earlier sign-in in this process used: the current one, else the next one (the simulator
 * accepts one step of clock drift), else the helper waits for a new step as a person would.
 */
export async function freshTotp(secret: string): Promise<string> {
  const nowStep = Math.floor(Date.now() / 30_000);
  const lastStep = lastStepBySecret.get(secret) ?? Number.NEGATIVE_INFINITY;
  let step = Math.max(nowStep, lastStep + 1);
  if (step > nowStep + 1) {
    await new Promise((resolve) => setTimeout(resolve, (step - 1) * 30_000 - Date.now() + 50));
    step = Math.max(Math.floor(Date.now() / 30_000), lastStep + 1);
  }
  lastStepBySecret.set(secret, step);
  return generate({ secret, epoch: step * 30 });
}

async function walkSignIn(
  idp: RunningIdentityProvider,
  agent: Agent,
  cloud: Parameters<RunningIdentityProvider["authorityFor"]>[0],
  request: SignInRequest,
): Promise<TokenResponse> {
  const authority = idp.authorityFor(cloud, request.tenantId);
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
