import { randomBytes, randomInt } from "node:crypto";
import { once } from "node:events";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type Provider from "oidc-provider";
import { ensureLocalCa, type LocalCa, type ServerCertificate } from "../tls/local-ca";
import { authorityHost, type CloudName, listeningAddresses } from "./clouds";
import { type Directory, loadDirectory, type Tenant } from "./directory/load-directory";
import { createTenantProvider } from "./oidc/create-tenant-provider";
import { MemoryStorage } from "./oidc/memory-storage";
import { type RefreshFaultInput, RefreshFaults } from "./oidc/refresh-faults";
import { createRequestRouter } from "./route-request";
import { AccountLockout } from "./sign-in/account-lockout";
import type { SignInState } from "./sign-in/handle-interaction";
import { TotpVerifier } from "./sign-in/totp-verifier";
import { loadSigningKeys } from "./tokens/signing-keys";

// Starts the Entra-like identity provider: one HTTPS server per cloud's loopback address, all on
// one port, each tenant served by its own oidc-provider at /<tenantId>/v2.0.

export interface IdentityProviderOptions {
  /** Signing keys (and, unless `caDir` is given, the local CA) are kept here. */
  dataDir: string;
  /** 0 lets the system choose (tests). */
  port: number;
  directoryFile?: string;
  /** Every access token lives this long; unset, each gets 60 to 90 minutes as from Entra. */
  accessTokenLifetimeSeconds?: number;
  /** Where the local CA lives; defaults to `<dataDir>/tls`. Share it with the other simulators. */
  caDir?: string;
  /** Server-side failures; defaults to stderr. */
  onError?: (error: unknown) => void;
}

export interface RunningIdentityProvider {
  port: number;
  /** MSAL's `authority`, e.g. https://127.0.0.1:8443/<tenantId> */
  authorityFor(cloud: CloudName, tenantId: string): string;
  /** host:port of the cloud's authority: what MSAL's `knownAuthorities` must list. */
  hostFor(cloud: CloudName): string;
  rotateSigningKey(): Promise<{ kid: string }>;
  /** Entra refusing the tenant's next refresh-token redemptions as it does when it wants the user back. */
  refuseRefresh(fault: RefreshFaultInput): void;
  close(): Promise<void>;
  directory: Directory;
  caCertPath: string;
  caCertPem: string;
  /** For Chromium's --ignore-certificate-errors-spki-list. */
  spkiSha256Base64: string;
}

/**
 * The CA in `caDir` and the server certificate the provider serves, each made on first use and
 * reused after: a browser can be told to trust the certificate before the provider starts.
 */
export async function ensureIdentityProviderCertificate(
  caDir: string,
): Promise<{ ca: LocalCa; certificate: ServerCertificate }> {
  const ca = await ensureLocalCa(caDir);
  return { ca, certificate: await ca.issueServerCertificate(["localhost", ...listeningAddresses()]) };
}

/** A retired signing key stays published for a day: far longer than any token it signed lives. */
const RETIRED_KEY_RETENTION_SECONDS = 24 * 3600;

export async function startIdentityProvider(
  options: IdentityProviderOptions,
): Promise<RunningIdentityProvider> {
  const directory = await loadDirectory(options.directoryFile);
  const { ca, certificate } = await ensureIdentityProviderCertificate(
    options.caDir ?? path.join(options.dataDir, "tls"),
  );
  const signingKeys = await loadSigningKeys({
    file: path.join(options.dataDir, "identity", "signing-keys.json"),
    retiredKeyRetentionSeconds: RETIRED_KEY_RETENTION_SECONDS,
  });
  const onError = options.onError ?? ((error: unknown) => console.error("[identity]", error));
  const storage = new MemoryStorage();
  const cookieKeys = [randomBytes(32).toString("base64url")];
  const signIn: SignInState = {
    lockout: new AccountLockout(),
    totp: new TotpVerifier(),
    awaitingCode: new Map(),
  };
  const lifetime = () => options.accessTokenLifetimeSeconds ?? randomInt(3600, 5401);

  let port = 0;
  // Built on first use; dropped on key rotation so the next request gets a provider with the new key.
  const providers = new Map<string, { provider: Provider; handle: ReturnType<Provider["callback"]> }>();
  const providerFor = (tenant: Tenant) => {
    let entry = providers.get(tenant.tenantId);
    if (!entry) {
      const provider = createTenantProvider({
        tenant,
        directory,
        origin: `https://${authorityHost(tenant.cloud, port)}`,
        signingKey: signingKeys.current(),
        publicJwks: () => signingKeys.publicJwks(),
        storage,
        cookieKeys,
        accessTokenLifetimeSeconds: lifetime,
      });
      provider.on("server_error", (_ctx: unknown, error: unknown) => onError(error));
      entry = { provider, handle: provider.callback() };
      providers.set(tenant.tenantId, entry);
    }
    return entry;
  };

  const rotateSigningKey = async () => {
    const rotated = await signingKeys.rotate();
    providers.clear();
    return rotated;
  };

  const refreshFaults = new RefreshFaults();
  const router = createRequestRouter({
    directory,
    providerFor,
    publicJwks: () => signingKeys.publicJwks(),
    rotateSigningKey,
    refreshFaults,
    signIn,
    onError,
  });
  const servers = await listenOnEveryCloudAddress(options.port, () =>
    createServer({ cert: certificate.certPem, key: certificate.keyPem }, router),
  );
  port = (servers[0]!.address() as AddressInfo).port;

  return {
    port,
    authorityFor: (cloud, tenantId) => `https://${authorityHost(cloud, port)}/${tenantId}`,
    hostFor: (cloud) => authorityHost(cloud, port),
    rotateSigningKey,
    refuseRefresh: (fault) => refreshFaults.set(fault),
    close: async () => {
      await Promise.all(
        servers.map((server) => {
          server.closeAllConnections();
          return new Promise<void>((resolve) => server.close(() => resolve()));
        }),
      );
    },
    directory,
    caCertPath: ca.caCertPath,
    caCertPem: ca.caCertPem,
    spkiSha256Base64: certificate.spkiSha256Base64,
  };
}

/**
 * Binds one server per loopback address on the same port. With port 0 the first bind picks the
 * port; should another address already have it taken, everything is tried again on a new one.
 */
async function listenOnEveryCloudAddress(port: number, create: () => Server): Promise<Server[]> {
  const attempts = port === 0 ? 5 : 1;
  for (let attempt = 1; ; attempt++) {
    const servers: Server[] = [];
    try {
      let chosen = port;
      for (const address of listeningAddresses()) {
        const server = create();
        servers.push(server);
        server.listen(chosen, address);
        await once(server, "listening");
        chosen = (server.address() as AddressInfo).port;
      }
      return servers;
    } catch (error) {
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
      if (attempt >= attempts || (error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    }
  }
}
