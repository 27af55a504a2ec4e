import { type CloudEnvKey, getCloudEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Cloud } from "@/lib/generated/prisma/enums";

// The four national clouds. Each has its own Entra authority, its own app registration of this
// service, its own access-token issuer, its own Exchange Online, Security & Compliance and Microsoft Graph. Production and the local demo
// differ only in the CLOUD_* environment variables.

interface CloudFacts {
  displayName: string;
  envKey: CloudEnvKey;
  /** Microsoft's authority for this cloud; CLOUD_<KEY>_AUTHORITY_URL overrides it. */
  defaultAuthorityUrl: string;
  /** Host of the v1.0 access-token issuer: tokens say `https://<host>/<tenant id>/`. */
  accessTokenIssuerHost: string;
  /** Exchange Online's resource (token audience) in this cloud. */
  exchangeResource: string;
  /** Microsoft Graph's resource (token audience and host) in this cloud. */
  graphResource: string;
  /** Security & Compliance PowerShell's resource (token audience and ConnectionUri host) in this cloud. */
  complianceResource: string;
}

const CLOUD_FACTS: Record<Cloud, CloudFacts> = {
  Worldwide: {
    displayName: "Worldwide (Office 365)",
    envKey: "WORLDWIDE",
    defaultAuthorityUrl: "https://login.microsoftonline.com",
    accessTokenIssuerHost: "sts.windows.net",
    exchangeResource: "https://outlook.office365.com",
    graphResource: "https://graph.microsoft.com",
    complianceResource: "https://ps.compliance.protection.outlook.com",
  },
  China21Vianet: {
    displayName: "Office 365 operated by 21Vianet",
    envKey: "CHINA",
    defaultAuthorityUrl: "https://login.chinacloudapi.cn",
    accessTokenIssuerHost: "sts.chinacloudapi.cn",
    exchangeResource: "https://partner.outlook.cn",
    graphResource: "https://microsoftgraph.chinacloudapi.cn",
    complianceResource: "https://ps.compliance.protection.partner.outlook.cn",
  },
  UsGovGccHigh: {
    displayName: "US Government GCC High",
    envKey: "GCCHIGH",
    defaultAuthorityUrl: "https://login.microsoftonline.us",
    accessTokenIssuerHost: "sts.windows.net",
    exchangeResource: "https://outlook.office365.us",
    graphResource: "https://graph.microsoft.us",
    complianceResource: "https://ps.compliance.protection.office365.us",
  },
  UsGovDod: {
    displayName: "US Government DoD",
    envKey: "DOD",
    defaultAuthorityUrl: "https://login.microsoftonline.us",
    accessTokenIssuerHost: "sts.windows.net",
    exchangeResource: "https://webmail.apps.mil",
    graphResource: "https://dod-graph.microsoft.us",
    complianceResource: "https://l5.ps.compliance.protection.office365.us",
  },
};

export const CLOUDS = Object.keys(CLOUD_FACTS) as Cloud[];

export interface CloudConfig {
  cloud: Cloud;
  displayName: string;
  /** e.g. https://login.microsoftonline.com — a tenant's authority is `<authorityUrl>/<tenant id>`. */
  authorityUrl: string;
  /** The service's app registration in this cloud. */
  clientId: string;
  /** Its secret, for on-behalf-of; absent where the cloud is configured for sign-in only. */
  clientSecret: string | undefined;
  /** The audience of access tokens for this service's API. */
  apiAudience: string;
  /** What the browser asks for to call this service. */
  apiScope: string;
  accessTokenIssuerHost: string;
  exchangeResource: string;
  /** Where Exchange Online's admin API is reached (the resource's host in production). */
  exchangeUrl: string;
  graphResource: string;
  /** Where Microsoft Graph is reached (the resource's host in production). */
  graphUrl: string;
  complianceResource: string;
  /** Where Security & Compliance's admin API is reached (the resource's host in production). */
  complianceUrl: string;
}

/** The cloud's configuration, or undefined when the service is not set up for that cloud. */
export function getCloudConfig(cloud: Cloud): CloudConfig | undefined {
  const facts = CLOUD_FACTS[cloud];
  const env = getCloudEnv();
  const clientId = env[`CLOUD_${facts.envKey}_CLIENT_ID`];
  if (!clientId) return undefined;
  return {
    cloud,
    displayName: facts.displayName,
    authorityUrl: env[`CLOUD_${facts.envKey}_AUTHORITY_URL`] ?? facts.defaultAuthorityUrl,
    clientId,
    clientSecret: env[`CLOUD_${facts.envKey}_CLIENT_SECRET`],
    apiAudience: `api://${clientId}`,
    apiScope: `api://${clientId}/access_as_user`,
    accessTokenIssuerHost: facts.accessTokenIssuerHost,
    exchangeResource: facts.exchangeResource,
    exchangeUrl: env[`CLOUD_${facts.envKey}_EXCHANGE_URL`] ?? facts.exchangeResource,
    graphResource: facts.graphResource,
    graphUrl: env[`CLOUD_${facts.envKey}_GRAPH_URL`] ?? facts.graphResource,
    complianceResource: facts.complianceResource,
    complianceUrl: env[`CLOUD_${facts.envKey}_COMPLIANCE_URL`] ?? facts.complianceResource,
  };
}

/** `<KEY>` in the cloud's `CLOUD_<KEY>_*` variables. */
export function cloudEnvKey(cloud: Cloud): CloudEnvKey {
  return CLOUD_FACTS[cloud].envKey;
}

export function cloudDisplayName(cloud: Cloud): string {
  return CLOUD_FACTS[cloud].displayName;
}

/** The exact issuer of a v1.0 access token for this tenant. */
export function accessTokenIssuer(config: CloudConfig, entraTenantId: string): string {
  return `https://${config.accessTokenIssuerHost}/${entraTenantId}/`;
}

/** A tenant's authority, as MSAL takes it. */
export function tenantAuthority(config: CloudConfig, entraTenantId: string): string {
  return `${config.authorityUrl}/${entraTenantId}`;
}

/** The cloud's configuration, or an error that says the service is not set up for that cloud. */
export function requireCloudConfig(cloud: Cloud): CloudConfig {
  const config = getCloudConfig(cloud);
  if (!config)
    throw new AppError("unavailable", `This service is not set up for ${cloudDisplayName(cloud)}.`);
  return config;
}
