import { sameName } from "./gathered-lookups";
import type { GatheredState, ReceiveConnector } from "./gathered-state";

const ALL_IPV4 = "0.0.0.0-255.255.255.255";
const ALL_IPV6 = "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff";

/**
 * The receive connector the HCW changes on a server: the one bound only to port 25 that accepts
 * mail from every IPv4 and IPv6 address (`Default Frontend <server>`; on Edge, its default internal one).
 */
export function frontendReceiveConnector(
  gathered: GatheredState,
  server: string,
): ReceiveConnector | undefined {
  return gathered.onPremises.receiveConnectors.find(
    (connector) =>
      sameName(connector.Server, server) &&
      connector.Bindings.length > 0 &&
      connector.Bindings.every((binding) => binding.endsWith(":25")) &&
      connector.RemoteIPRanges.includes(ALL_IPV4) &&
      connector.RemoteIPRanges.includes(ALL_IPV6),
  );
}
