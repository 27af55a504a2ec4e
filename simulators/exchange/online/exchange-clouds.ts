import { CLOUDS as IDENTITY_CLOUDS } from "../../identity/clouds";
import { cloudOfRequest as cloudOfRequestAmong } from "../../shared/cloud-of-request";
import type { Cloud } from "../model/organization-state";

export interface ExchangeCloud {
  /** The Exchange Online host of this cloud. */
  host: string;
  /** The loopback address that stands in for that host. */
  loopbackAddress: string;
  /** The token audience: this cloud's Exchange resource. */
  resource: string;
  /** The token audience of this cloud's Security & Compliance endpoint, served under /compliance. */
  complianceResource: string;
  /** Issuer host of the v1 access tokens Exchange accepts (`https://<host>/<tenantId>/`). */
  issuerHost: string;
}

export const EXCHANGE_CLOUDS: Record<Cloud, ExchangeCloud> = {
  Worldwide: {
    host: "outlook.office365.com",
    loopbackAddress: "127.0.0.1",
    resource: IDENTITY_CLOUDS.Worldwide.exchangeResource,
    complianceResource: IDENTITY_CLOUDS.Worldwide.complianceResource,
    issuerHost: IDENTITY_CLOUDS.Worldwide.accessTokenIssuerHost,
  },
  China21Vianet: {
    host: "partner.outlook.cn",
    loopbackAddress: "127.0.0.2",
    resource: IDENTITY_CLOUDS.China21Vianet.exchangeResource,
    complianceResource: IDENTITY_CLOUDS.China21Vianet.complianceResource,
    issuerHost: IDENTITY_CLOUDS.China21Vianet.accessTokenIssuerHost,
  },
  UsGovGccHigh: {
    host: "outlook.office365.us",
    loopbackAddress: "127.0.0.3",
    resource: IDENTITY_CLOUDS.UsGovGccHigh.exchangeResource,
    complianceResource: IDENTITY_CLOUDS.UsGovGccHigh.complianceResource,
    issuerHost: IDENTITY_CLOUDS.UsGovGccHigh.accessTokenIssuerHost,
  },
  UsGovDod: {
    host: "webmail.apps.mil",
    loopbackAddress: "127.0.0.4",
    resource: IDENTITY_CLOUDS.UsGovDod.exchangeResource,
    complianceResource: IDENTITY_CLOUDS.UsGovDod.complianceResource,
    issuerHost: IDENTITY_CLOUDS.UsGovDod.accessTokenIssuerHost,
  },
};

export const EXCHANGE_CLOUD_NAMES = Object.keys(EXCHANGE_CLOUDS) as Cloud[];

/** `https://<loopback address of the cloud>:<port>`: where the simulator on `port` serves the cloud. */
export function exchangeOnlineBaseUrl(cloud: Cloud, port: number): string {
  return `https://${EXCHANGE_CLOUDS[cloud].loopbackAddress}:${port}`;
}

/** Where the simulator on `port` stands in for the cloud's Security & Compliance endpoint. */
export function complianceBaseUrl(cloud: Cloud, port: number): string {
  return `${exchangeOnlineBaseUrl(cloud, port)}/compliance`;
}

/** Distinct addresses the simulator listens on, one per cloud. */
export function exchangeOnlineAddresses(): string[] {
  return [...new Set(EXCHANGE_CLOUD_NAMES.map((cloud) => EXCHANGE_CLOUDS[cloud].loopbackAddress))];
}

/** The cloud a request was meant for: its Host header when it names an Exchange host, else the address it reached. */
export function cloudOfRequest(
  hostHeader: string | undefined,
  localAddress: string | undefined,
): Cloud | undefined {
  return cloudOfRequestAmong(EXCHANGE_CLOUDS, hostHeader, localAddress);
}
