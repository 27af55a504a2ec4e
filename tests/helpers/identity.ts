import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { rootCertificates } from "node:tls";
import type { JWK } from "jose";
import { Agent, fetch, setGlobalDispatcher } from "undici";
import { z } from "zod";
import { demoSignInEnv } from "@/scripts/lib/demo-web-env";
import {
  type SignInRequest,
  signInThroughPages,
  type TokenResponse,
} from "@/simulators/identity/scripted-sign-in";
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

const ZSigningKeyFile = z.object({
  keys: z.array(z.object({ jwk: z.looseObject({ kid: z.string() }), retiredAt: z.string().optional() })),
});

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
    signIn: (request) =>
      signInThroughPages({
        authority: idp.authorityFor(tenantOf(request.tenantId).cloud, request.tenantId),
        dispatcher: agent,
        request,
      }),
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

export {
  currentTotp,
  freshTotp,
  SignInRejected,
  type SignInRequest,
  type TokenResponse,
  type UsedTotpSteps,
  ZTokenResponse,
} from "@/simulators/identity/scripted-sign-in";
