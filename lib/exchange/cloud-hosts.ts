import { z } from "zod";
import { Cloud } from "@/lib/generated/prisma/enums";

// Every Microsoft host the hybrid configuration writes into Exchange objects, per cloud. A national
// cloud's plan uses only its own row: a Worldwide host in a 21Vianet, GCC High or DoD tenant's
// connectors or auth servers sends its mail and tokens to the wrong cloud. The cloud names are
// lib/auth/clouds.ts's (the Prisma `Cloud` enum, whose generated module has no imports); this table is
// plain data so the browser may read it.

export const ZCloudSchema = z.enum(Cloud, {
  error: "the Office 365 environment: Worldwide, China21Vianet, UsGovGccHigh or UsGovDod",
});
export type { Cloud };

export interface CloudHosts {
  /** EOP's TLS name: on-premises send connectors' TLSDomain and receive connectors' TLSDomainCapabilities. */
  protectionTlsDomain: string;
  /** Exchange Online's Autodiscover, the on-premises intra-organization connector's DiscoveryEndpoint. */
  onlineDiscoveryEndpoint: string;
  /** Where on-premises users are sent for a moved mailbox's Outlook on the web. */
  onlineOwaUrl: string;
  /** Exchange Online's EWS, which on-premises calls with an OAuth token (Test-OAuthConnectivity's target). */
  onlineEwsUrl: string;
  /** ACS metadata of the tenant (the `ACS - <g>` auth server). */
  acsMetadataUrl: (entraTenantId: string) => string;
  /** Entra ID federation metadata of the tenant (the `EvoSts - <g>` auth server). */
  evoStsMetadataUrl: (tenantInitialDomain: string) => string;
  /** The Microsoft Federation Gateway's metadata, for a federation trust. */
  federationMetadataUrl: string;
}

export const CLOUD_HOSTS: Record<Cloud, CloudHosts> = {
  Worldwide: {
    protectionTlsDomain: "mail.protection.outlook.com",
    onlineDiscoveryEndpoint: "https://autodiscover-s.outlook.com/autodiscover/autodiscover.svc",
    onlineOwaUrl: "https://outlook.office.com/mail",
    onlineEwsUrl: "https://outlook.office365.com/EWS/Exchange.asmx",
    acsMetadataUrl: (tenant) => `https://accounts.accesscontrol.windows.net/${tenant}/metadata/json/1`,
    evoStsMetadataUrl: (domain) =>
      `https://login.windows.net/${domain}/federationmetadata/2007-06/federationmetadata.xml`,
    federationMetadataUrl:
      "https://nexus.microsoftonline-p.com/FederationMetadata/2006-12/FederationMetadata.xml",
  },
  China21Vianet: {
    protectionTlsDomain: "mail.protection.partner.outlook.cn",
    onlineDiscoveryEndpoint: "https://autodiscover-s.partner.outlook.cn/autodiscover/autodiscover.svc",
    onlineOwaUrl: "https://partner.outlook.cn/owa",
    onlineEwsUrl: "https://partner.outlook.cn/EWS/Exchange.asmx",
    acsMetadataUrl: (tenant) => `https://accounts.accesscontrol.chinacloudapi.cn/${tenant}/metadata/json/1`,
    evoStsMetadataUrl: (domain) =>
      `https://login.chinacloudapi.cn/${domain}/federationmetadata/2007-06/federationmetadata.xml`,
    federationMetadataUrl:
      "https://nexus.partner.microsoftonline.cn/FederationMetadata/2006-12/FederationMetadata.xml",
  },
  UsGovGccHigh: {
    protectionTlsDomain: "mail.protection.office365.us",
    onlineDiscoveryEndpoint: "https://autodiscover-s.office365.us/autodiscover/autodiscover.svc",
    onlineOwaUrl: "https://outlook.office365.us/mail",
    onlineEwsUrl: "https://outlook.office365.us/EWS/Exchange.asmx",
    acsMetadataUrl: (tenant) => `https://login.microsoftonline.us/${tenant}/metadata/json/1`,
    evoStsMetadataUrl: (domain) =>
      `https://login.microsoftonline.us/${domain}/federationmetadata/2007-06/federationmetadata.xml`,
    federationMetadataUrl:
      "https://login.microsoftonline.us/FederationMetadata/2006-12/FederationMetadata.xml",
  },
  UsGovDod: {
    protectionTlsDomain: "mail.protection.office365.us",
    onlineDiscoveryEndpoint: "https://autodiscover-s-dod.office365.us/autodiscover/autodiscover.svc",
    onlineOwaUrl: "https://outlook-dod.office365.us/mail",
    onlineEwsUrl: "https://webmail.apps.mil/EWS/Exchange.asmx",
    acsMetadataUrl: (tenant) => `https://login.microsoftonline.us/${tenant}/metadata/json/1`,
    evoStsMetadataUrl: (domain) =>
      `https://login.microsoftonline.us/${domain}/federationmetadata/2007-06/federationmetadata.xml`,
    federationMetadataUrl:
      "https://login.microsoftonline.us/FederationMetadata/2006-12/FederationMetadata.xml",
  },
};

/** `contoso.onmicrosoft.com` → `contoso.mail.onmicrosoft.com`: the hybrid routing (coexistence) domain. */
export function coexistenceDomainFor(tenantInitialDomain: string): string {
  const [prefix, ...rest] = tenantInitialDomain.split(".");
  return [prefix, "mail", ...rest].join(".");
}
