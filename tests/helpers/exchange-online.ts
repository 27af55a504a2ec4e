import path from "node:path";
import { EXCHANGE_CLOUDS } from "@/simulators/exchange/online/exchange-clouds";
import {
  type RunningExchangeOnline,
  startExchangeOnline,
} from "@/simulators/exchange/online/start-exchange-online";
import { ensureLocalCa } from "@/simulators/tls/local-ca";
import type { TestIdentityProvider } from "@/tests/helpers/identity";

/**
 * The Exchange Online simulator beside a test identity provider: its certificate from that
 * provider's CA (one CA file serves both), its tokens checked against it, its state in `dataDir`.
 */
export async function startExchangeOnlineFor(
  idp: TestIdentityProvider,
  dataDir: string,
  fixtures: string[],
): Promise<RunningExchangeOnline> {
  const ca = await ensureLocalCa(path.dirname(idp.caCertPath));
  const hosts = Object.values(EXCHANGE_CLOUDS).flatMap((cloud) => [cloud.host, cloud.loopbackAddress]);
  return startExchangeOnline({
    dataDir,
    port: 0,
    tls: await ca.issueServerCertificate(hosts),
    authorityBaseFor: (cloud) => `https://${idp.hostFor(cloud)}`,
    authorityCaPem: idp.caCertPem,
    fixtures,
  });
}
