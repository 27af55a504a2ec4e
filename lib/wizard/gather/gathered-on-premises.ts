import { z } from "zod";
import { ZOrganizationPoliciesShape } from "./gathered-policies";
import {
  ZFlagListSchema,
  ZFlagSchema,
  ZNameSchema,
  ZOptionalFlagSchema,
  ZOptionalStringSchema,
  ZStringListSchema,
} from "./gathered-values";

// The on-premises objects the plan reads, with Exchange's own property names (so a plan's
// before/after speaks Exchange). Properties the plan does not read are dropped at assembly.

export const ZOnPremisesOrganizationConfigSchema = z.object({
  Guid: z.uuid(),
  Name: ZNameSchema,
  AdminDisplayVersion: ZOptionalStringSchema,
});

export const ZExchangeServerSchema = z.object({
  Name: ZNameSchema,
  Fqdn: ZNameSchema,
  AdminDisplayVersion: z.string(),
  ServerRole: ZOptionalStringSchema,
  Site: ZOptionalStringSchema,
  IsMailboxServer: ZFlagSchema,
  IsClientAccessServer: ZFlagSchema,
  IsEdgeServer: ZFlagSchema,
  IsHubTransportServer: ZFlagSchema,
  IsFrontendTransportServer: ZFlagSchema,
  /** ExSetup.exe's file version (e.g. 15.2.1544.25), where the agent read it: it shows security updates. */
  FileVersion: ZOptionalStringSchema.optional(),
});

export const ZAcceptedDomainSchema = z.object({
  Identity: ZNameSchema,
  Name: ZNameSchema,
  DomainName: ZNameSchema,
  DomainType: ZOptionalStringSchema,
  Default: ZFlagSchema,
});

export const ZEmailAddressPolicySchema = z.object({
  Identity: ZNameSchema,
  Name: ZNameSchema,
  Priority: ZOptionalStringSchema,
  EnabledEmailAddressTemplates: ZStringListSchema,
  RecipientFilterApplied: ZOptionalFlagSchema,
});

export const ZExchangeCertificateSchema = z.object({
  /** `SERVER\THUMBPRINT`. */
  Identity: ZNameSchema,
  Thumbprint: ZNameSchema,
  Subject: z.string(),
  Issuer: z.string(),
  FriendlyName: ZOptionalStringSchema,
  CertificateDomains: ZStringListSchema,
  NotBefore: z.string(),
  NotAfter: z.string(),
  IsSelfSigned: ZFlagSchema,
  Services: ZFlagListSchema,
  Status: ZOptionalStringSchema,
});

export const ZReceiveConnectorSchema = z.object({
  Identity: ZNameSchema,
  Name: ZNameSchema,
  Server: ZNameSchema,
  Bindings: ZStringListSchema,
  RemoteIPRanges: ZStringListSchema,
  TransportRole: ZOptionalStringSchema,
  TlsCertificateName: ZOptionalStringSchema,
  TlsDomainCapabilities: ZStringListSchema,
});

export const ZSendConnectorSchema = z.object({
  Identity: ZNameSchema,
  Name: ZNameSchema,
  AddressSpaces: ZStringListSchema,
  SourceTransportServers: ZStringListSchema,
  DNSRoutingEnabled: ZOptionalFlagSchema,
  SmartHosts: ZStringListSchema,
  Fqdn: ZOptionalStringSchema,
  RequireTLS: ZOptionalFlagSchema,
  TlsAuthLevel: ZOptionalStringSchema,
  TlsDomain: ZOptionalStringSchema,
  TlsCertificateName: ZOptionalStringSchema,
  CloudServicesMailEnabled: ZOptionalFlagSchema,
  Enabled: ZOptionalFlagSchema,
});

export const ZHybridConfigurationSchema = z.object({
  Identity: ZNameSchema,
  Name: ZNameSchema,
  Domains: ZStringListSchema,
  OnPremisesSmartHost: ZOptionalStringSchema,
  TlsCertificateName: ZOptionalStringSchema,
  SendingTransportServers: ZStringListSchema,
  ReceivingTransportServers: ZStringListSchema,
  EdgeTransportServers: ZStringListSchema,
  ClientAccessServers: ZStringListSchema,
  ExternalIPAddresses: ZStringListSchema,
  Features: ZStringListSchema,
});

/** The same shape on both sides. */
export const ZRemoteDomainSchema = z.object({
  Identity: ZNameSchema,
  Name: ZNameSchema,
  DomainName: ZNameSchema,
  TargetDeliveryDomain: ZOptionalFlagSchema,
  TrustedMailInboundEnabled: ZOptionalFlagSchema,
});

/** The same shape on both sides. */
export const ZOrganizationRelationshipSchema = z.object({
  Identity: ZNameSchema,
  Name: ZNameSchema,
  DomainNames: ZStringListSchema,
  Enabled: ZOptionalFlagSchema,
  FreeBusyAccessEnabled: ZOptionalFlagSchema,
  FreeBusyAccessLevel: ZOptionalStringSchema,
  MailboxMoveEnabled: ZOptionalFlagSchema,
  ArchiveAccessEnabled: ZOptionalFlagSchema,
  MailTipsAccessEnabled: ZOptionalFlagSchema,
  MailTipsAccessLevel: ZOptionalStringSchema,
  DeliveryReportEnabled: ZOptionalFlagSchema,
  PhotosEnabled: ZOptionalFlagSchema,
  TargetOwaURL: ZOptionalStringSchema,
});

export const ZAvailabilityAddressSpaceSchema = z.object({
  Identity: ZNameSchema,
  ForestName: ZNameSchema,
  AccessMethod: ZOptionalStringSchema,
  UseServiceAccount: ZOptionalFlagSchema,
  ProxyUrl: ZOptionalStringSchema,
});

/** The same shape on both sides. */
export const ZIntraOrganizationConnectorSchema = z.object({
  Identity: ZNameSchema,
  Name: ZNameSchema,
  DiscoveryEndpoint: ZOptionalStringSchema,
  TargetAddressDomains: ZStringListSchema,
  Enabled: ZOptionalFlagSchema,
});

export const ZAuthServerSchema = z.object({
  Identity: ZNameSchema,
  Name: ZNameSchema,
  Type: ZOptionalStringSchema,
  AuthMetadataUrl: ZOptionalStringSchema,
  DomainName: ZStringListSchema,
  Enabled: ZOptionalFlagSchema,
  /** The dedicated hybrid application's id, on the EvoSts auth server; unset before it exists. */
  ApplicationIdentifier: ZOptionalStringSchema.optional().default(null),
});

/** The Auth certificates, current and next: the dedicated hybrid application's key credentials. */
export const ZAuthConfigSchema = z.object({
  CurrentCertificateThumbprint: ZOptionalStringSchema,
  NextCertificateThumbprint: ZOptionalStringSchema,
  NextCertificateEffectiveDate: ZOptionalStringSchema,
});

export const ZSettingOverrideSchema = z.object({
  Identity: ZNameSchema,
  Name: ZNameSchema,
  ComponentName: ZOptionalStringSchema,
  SectionName: ZOptionalStringSchema,
  Parameters: ZStringListSchema,
});

export const ZPartnerApplicationSchema = z.object({
  Identity: ZNameSchema,
  Name: ZNameSchema,
  ApplicationIdentifier: ZOptionalStringSchema,
  Enabled: ZOptionalFlagSchema,
});

export const ZFederationTrustSchema = z.object({
  Identity: ZNameSchema,
  Name: ZNameSchema,
  TokenIssuerMetadataEpr: ZOptionalStringSchema,
  OrgPrivCertificate: ZOptionalStringSchema,
});

/** The same shape on both sides; the cloud's has no trust link. */
export const ZFederatedOrganizationIdentifierSchema = z.object({
  Identity: ZNameSchema,
  AccountNamespace: ZOptionalStringSchema,
  DefaultDomain: ZOptionalStringSchema,
  DelegationTrustLink: ZOptionalStringSchema.optional(),
  Domains: ZStringListSchema,
  Enabled: ZOptionalFlagSchema,
});

export const ZWebServicesVirtualDirectorySchema = z.object({
  Identity: ZNameSchema,
  Name: ZNameSchema,
  Server: ZNameSchema,
  ExternalUrl: ZOptionalStringSchema,
  InternalUrl: ZOptionalStringSchema,
  MRSProxyEnabled: ZOptionalFlagSchema,
});

export const ZOnPremisesStateSchema = z.object({
  organizationConfig: ZOnPremisesOrganizationConfigSchema,
  exchangeServers: z.array(ZExchangeServerSchema),
  acceptedDomains: z.array(ZAcceptedDomainSchema),
  emailAddressPolicies: z.array(ZEmailAddressPolicySchema),
  /** Read per server (`Get-ExchangeCertificate -Server X`); Identity names the server. */
  certificates: z.array(ZExchangeCertificateSchema),
  receiveConnectors: z.array(ZReceiveConnectorSchema),
  sendConnectors: z.array(ZSendConnectorSchema),
  hybridConfiguration: ZHybridConfigurationSchema.nullable(),
  remoteDomains: z.array(ZRemoteDomainSchema),
  organizationRelationships: z.array(ZOrganizationRelationshipSchema),
  availabilityAddressSpaces: z.array(ZAvailabilityAddressSpaceSchema),
  intraOrganizationConnectors: z.array(ZIntraOrganizationConnectorSchema),
  authServers: z.array(ZAuthServerSchema),
  partnerApplications: z.array(ZPartnerApplicationSchema),
  federationTrust: ZFederationTrustSchema.nullable(),
  federatedOrganizationIdentifier: ZFederatedOrganizationIdentifierSchema.nullable(),
  webServicesVirtualDirectories: z.array(ZWebServicesVirtualDirectorySchema),
  authConfig: ZAuthConfigSchema.nullable(),
  settingOverrides: z.array(ZSettingOverrideSchema),
  /** What Organization Configuration Transfer copies to Exchange Online. */
  ...ZOrganizationPoliciesShape,
});

export type OnPremisesState = z.infer<typeof ZOnPremisesStateSchema>;
export type ExchangeServer = z.infer<typeof ZExchangeServerSchema>;
export type ExchangeCertificate = z.infer<typeof ZExchangeCertificateSchema>;
export type ReceiveConnector = z.infer<typeof ZReceiveConnectorSchema>;
export type SendConnector = z.infer<typeof ZSendConnectorSchema>;
export type WebServicesVirtualDirectory = z.infer<typeof ZWebServicesVirtualDirectorySchema>;
export type OrganizationRelationship = z.infer<typeof ZOrganizationRelationshipSchema>;
export type IntraOrganizationConnector = z.infer<typeof ZIntraOrganizationConnectorSchema>;
export type RemoteDomain = z.infer<typeof ZRemoteDomainSchema>;
export type SettingOverride = z.infer<typeof ZSettingOverrideSchema>;
