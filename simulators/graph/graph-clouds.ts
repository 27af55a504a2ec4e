import { type CloudName, CLOUDS as IDENTITY_CLOUDS } from "../identity/clouds";
import { type CloudEndpoint, cloudOfRequest } from "../shared/cloud-of-request";

export interface GraphCloud extends CloudEndpoint {
  /** The token audience: this cloud's Graph resource. */
  resource: string;
  /** Issuer host of the v1 access tokens Graph accepts (`https://<host>/<tenantId>/`). */
  issuerHost: string;
}

function graphCloud(cloud: CloudName, loopbackAddress: string): GraphCloud {
  const { graphResource, accessTokenIssuerHost } = IDENTITY_CLOUDS[cloud];
  return {
    host: new URL(graphResource).host,
    loopbackAddress,
    resource: graphResource,
    issuerHost: accessTokenIssuerHost,
  };
}

/** GCC High and DoD share an authority but not a Graph host: each cloud has its own address. */
export const GRAPH_CLOUDS: Record<CloudName, GraphCloud> = {
  Worldwide: graphCloud("Worldwide", "127.0.0.1"),
  China21Vianet: graphCloud("China21Vianet", "127.0.0.2"),
  UsGovGccHigh: graphCloud("UsGovGccHigh", "127.0.0.3"),
  UsGovDod: graphCloud("UsGovDod", "127.0.0.4"),
};

export const GRAPH_CLOUD_NAMES = Object.keys(GRAPH_CLOUDS) as CloudName[];

/** `https://<loopback address of the cloud>:<port>`: where the simulator on `port` serves the cloud's Graph. */
export function graphBaseUrl(cloud: CloudName, port: number): string {
  return `https://${GRAPH_CLOUDS[cloud].loopbackAddress}:${port}`;
}

/** Distinct addresses the simulator listens on, one per cloud. */
export function graphAddresses(): string[] {
  return GRAPH_CLOUD_NAMES.map((cloud) => GRAPH_CLOUDS[cloud].loopbackAddress);
}

export function graphCloudOfRequest(
  hostHeader: string | undefined,
  localAddress: string | undefined,
): CloudName | undefined {
  return cloudOfRequest(GRAPH_CLOUDS, hostHeader, localAddress);
}
