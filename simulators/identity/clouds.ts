// The national clouds the simulator serves. Each real authority host is stood in for by its own
// loopback address, so one process can tell from the address it was reached on which cloud it is.

export const CLOUD_NAMES = ["Worldwide", "China21Vianet", "UsGovGccHigh", "UsGovDod"] as const;
export type CloudName = (typeof CLOUD_NAMES)[number];

export interface CloudProfile {
  /** The real Entra authority host this cloud signs in at. */
  realAuthorityHost: string;
  /** Where the simulator listens for it. */
  loopbackAddress: string;
  /** Host of the v1.0 access token issuer (`https://<host>/<tenantId>/`). */
  accessTokenIssuerHost: string;
  /** Resource (audience) of Exchange Online in this cloud. */
  exchangeResource: string;
  /** Resource (audience) of Microsoft Graph in this cloud. */
  graphResource: string;
  /** Resource (audience) of Security & Compliance PowerShell in this cloud: its ConnectionUri host. */
  complianceResource: string;
  /** `cloud_instance_name` in Entra's discovery document. */
  cloudInstanceName: string;
}

export const CLOUDS: Record<CloudName, CloudProfile> = {
  Worldwide: {
    realAuthorityHost: "login.microsoftonline.com",
    loopbackAddress: "127.0.0.1",
    accessTokenIssuerHost: "sts.windows.net",
    exchangeResource: "https://outlook.office365.com",
    graphResource: "https://graph.microsoft.com",
    complianceResource: "https://ps.compliance.protection.outlook.com",
    cloudInstanceName: "microsoftonline.com",
  },
  China21Vianet: {
    realAuthorityHost: "login.chinacloudapi.cn",
    loopbackAddress: "127.0.0.2",
    accessTokenIssuerHost: "sts.chinacloudapi.cn",
    exchangeResource: "https://partner.outlook.cn",
    graphResource: "https://microsoftgraph.chinacloudapi.cn",
    complianceResource: "https://ps.compliance.protection.partner.outlook.cn",
    cloudInstanceName: "partner.microsoftonline.cn",
  },
  UsGovGccHigh: {
    realAuthorityHost: "login.microsoftonline.us",
    loopbackAddress: "127.0.0.3",
    accessTokenIssuerHost: "sts.windows.net",
    exchangeResource: "https://outlook.office365.us",
    graphResource: "https://graph.microsoft.us",
    complianceResource: "https://ps.compliance.protection.office365.us",
    cloudInstanceName: "microsoftonline.us",
  },
  UsGovDod: {
    realAuthorityHost: "login.microsoftonline.us",
    loopbackAddress: "127.0.0.3",
    accessTokenIssuerHost: "sts.windows.net",
    exchangeResource: "https://webmail.apps.mil",
    graphResource: "https://dod-graph.microsoft.us",
    complianceResource: "https://l5.ps.compliance.protection.office365.us",
    cloudInstanceName: "microsoftonline.us",
  },
};

/** host:port where the simulator listening on `port` serves this cloud's authority. */
export function authorityHost(cloud: CloudName, port: number): string {
  return `${CLOUDS[cloud].loopbackAddress}:${port}`;
}

/** Distinct addresses to listen on: GCC High and DoD share one authority host. */
export function listeningAddresses(): string[] {
  return [...new Set(Object.values(CLOUDS).map((cloud) => cloud.loopbackAddress))];
}

/** The clouds whose authority host is reached at this local address. */
export function cloudsAtAddress(address: string): CloudName[] {
  const plain = address.replace(/^::ffff:/, "");
  return CLOUD_NAMES.filter((name) => CLOUDS[name].loopbackAddress === plain);
}
