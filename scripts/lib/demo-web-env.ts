import { CLOUDS, cloudEnvKey } from "@/lib/auth/clouds";
import { exchangeOnlineBaseUrl } from "@/simulators/exchange/online/exchange-clouds";
import { authorityHost } from "@/simulators/identity/clouds";
import { DEMO_APP_SECRETS } from "@/simulators/identity/demo-sign-in";
import type { Directory } from "@/simulators/identity/directory/load-directory";

/**
 * What points the web app at the simulators: per cloud the identity provider's authority, the
 * directory's app registration and its secret, the Exchange Online simulator; the key that
 * encrypts cached tokens. (The local CA is added to what the web app trusts by start.ts.) Production sets the same variables.
 * Made from the simulators' fixed ports, so the web app can start while they still do.
 */
export function demoWebEnv(options: {
  directory: Directory;
  identityPort: number;
  exchangeOnlinePort: number;
  tokenCacheKeys: string;
}): Record<string, string> {
  const env: Record<string, string> = { TOKEN_CACHE_KEYS: options.tokenCacheKeys };
  for (const cloud of CLOUDS) {
    const app = options.directory.applications.find((candidate) => candidate.clouds.includes(cloud));
    if (!app) throw new Error(`The identity directory has no app registration in ${cloud}`);
    const key = cloudEnvKey(cloud);
    env[`CLOUD_${key}_AUTHORITY_URL`] = `https://${authorityHost(cloud, options.identityPort)}`;
    env[`CLOUD_${key}_CLIENT_ID`] = app.clientId;
    env[`CLOUD_${key}_CLIENT_SECRET`] = DEMO_APP_SECRETS[cloud];
    env[`CLOUD_${key}_EXCHANGE_URL`] = exchangeOnlineBaseUrl(cloud, options.exchangeOnlinePort);
  }
  return env;
}
