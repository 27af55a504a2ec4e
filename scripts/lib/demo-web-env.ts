import { CLOUDS, cloudEnvKey } from "@/lib/auth/clouds";
import { DEMO_APP_SECRETS } from "@/simulators/identity/demo-sign-in";
import type { RunningSimulators } from "./start-simulators";

/**
 * What points the web app at the simulators: per cloud the identity provider's authority, the
 * directory's app registration and its secret, the Exchange Online simulator; the key that
 * encrypts cached tokens. (The local CA is added to what the web app trusts by start.ts.) Production sets the same variables.
 */
export function demoWebEnv(options: {
  simulators: RunningSimulators;
  tokenCacheKeys: string;
}): Record<string, string> {
  const { identity, exchangeOnline } = options.simulators;
  const env: Record<string, string> = { TOKEN_CACHE_KEYS: options.tokenCacheKeys };
  for (const cloud of CLOUDS) {
    const app = identity.directory.applications.find((candidate) => candidate.clouds.includes(cloud));
    if (!app) throw new Error(`The identity directory has no app registration in ${cloud}`);
    const key = cloudEnvKey(cloud);
    env[`CLOUD_${key}_AUTHORITY_URL`] = `https://${identity.hostFor(cloud)}`;
    env[`CLOUD_${key}_CLIENT_ID`] = app.clientId;
    env[`CLOUD_${key}_CLIENT_SECRET`] = DEMO_APP_SECRETS[cloud];
    env[`CLOUD_${key}_EXCHANGE_URL`] = exchangeOnline.baseUrlFor(cloud);
  }
  return env;
}
