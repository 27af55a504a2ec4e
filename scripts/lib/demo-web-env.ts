import { CLOUDS, cloudEnvKey } from "@/lib/auth/clouds";
import { complianceBaseUrl, exchangeOnlineBaseUrl } from "@/simulators/exchange/online/exchange-clouds";
import { graphBaseUrl } from "@/simulators/graph/graph-clouds";
import { authorityHost } from "@/simulators/identity/clouds";
import { DEMO_APP_SECRETS } from "@/simulators/identity/demo-sign-in";
import type { Directory } from "@/simulators/identity/directory/load-directory";

/**
 * Per cloud: the identity provider's authority at `identityPort`, and the directory's app
 * registration with its demo secret — what points the service's sign-in at the simulator.
 */
export function demoSignInEnv(directory: Directory, identityPort: number): Record<string, string> {
  const env: Record<string, string> = {};
  for (const cloud of CLOUDS) {
    const app = directory.applications.find((candidate) => candidate.clouds.includes(cloud));
    if (!app) throw new Error(`The identity directory has no app registration in ${cloud}`);
    const key = cloudEnvKey(cloud);
    env[`CLOUD_${key}_AUTHORITY_URL`] = `https://${authorityHost(cloud, identityPort)}`;
    env[`CLOUD_${key}_CLIENT_ID`] = app.clientId;
    env[`CLOUD_${key}_CLIENT_SECRET`] = DEMO_APP_SECRETS[cloud];
  }
  return env;
}

/**
 * What points the web app at the simulators: sign-in (demoSignInEnv), each cloud's Exchange Online
 * and Microsoft Graph simulators, and the key that encrypts cached tokens. (start.ts adds the local CA to what the web
 * app trusts.) Production sets the same variables. Made from the simulators' fixed ports, so the
 * web app can start while they still do.
 */
export function demoWebEnv(options: {
  directory: Directory;
  identityPort: number;
  exchangeOnlinePort: number;
  graphPort: number;
  tokenCacheKeys: string;
}): Record<string, string> {
  const env: Record<string, string> = {
    ...demoSignInEnv(options.directory, options.identityPort),
    TOKEN_CACHE_KEYS: options.tokenCacheKeys,
  };
  for (const cloud of CLOUDS) {
    env[`CLOUD_${cloudEnvKey(cloud)}_EXCHANGE_URL`] = exchangeOnlineBaseUrl(
      cloud,
      options.exchangeOnlinePort,
    );
    env[`CLOUD_${cloudEnvKey(cloud)}_GRAPH_URL`] = graphBaseUrl(cloud, options.graphPort);
    env[`CLOUD_${cloudEnvKey(cloud)}_COMPLIANCE_URL`] = complianceBaseUrl(cloud, options.exchangeOnlinePort);
  }
  return env;
}
