import { z } from "zod";
import {
  ZFederatedOrganizationIdentifierSchema,
  ZIntraOrganizationConnectorSchema,
  ZOrganizationRelationshipSchema,
  ZRemoteDomainSchema,
} from "./gathered-on-premises";
import { ZOrganizationPoliciesShape } from "./gathered-policies";
import {
  ZFlagSchema,
  ZNameSchema,
  ZOptionalFlagSchema,
  ZOptionalStringSchema,
  ZStringListSchema,
} from "./gathered-values";

// The Exchange Online objects the plan reads. A tenant's accepted domains are its verified
// domains: Exchange Online accepts mail only for domains verified in the tenant.

export const ZOnlineOrganizationConfigSchema = z.object({
  /** The HCW's `<g>`. */
  Guid: z.uuid(),
  /** The tenant's initial domain, e.g. contoso.onmicrosoft.com. */
  Name: ZNameSchema,
  DisplayName: ZOptionalStringSchema,
  /** EWS in Exchange Online: unset (null) becomes disabled from about 1 October 2026. */
  EWSEnabled: ZOptionalFlagSchema,
  /** The apps EWS still serves where it is enabled; Set-OrganizationConfig replaces the list whole. */
  EwsAllowedAppIDs: ZStringListSchema,
});

export const ZOnlineAcceptedDomainSchema = z.object({
  Identity: ZNameSchema,
  Name: ZNameSchema,
  DomainName: ZNameSchema,
  DomainType: ZOptionalStringSchema,
  Default: ZFlagSchema,
  InitialDomain: ZOptionalFlagSchema,
  /** The `<t>.mail.onmicrosoft.com` routing domain. */
  IsCoexistenceDomain: ZOptionalFlagSchema,
});

export const ZOnPremisesOrganizationSchema = z.object({
  Identity: ZNameSchema,
  Name: ZNameSchema,
  OrganizationGuid: ZOptionalStringSchema,
  OrganizationName: ZOptionalStringSchema,
  HybridDomains: ZStringListSchema,
  InboundConnector: ZOptionalStringSchema,
  OutboundConnector: ZOptionalStringSchema,
  OrganizationRelationship: ZOptionalStringSchema,
  Comment: ZOptionalStringSchema,
});

export const ZInboundConnectorSchema = z.object({
  Identity: ZNameSchema,
  Name: ZNameSchema,
  ConnectorType: ZOptionalStringSchema,
  ConnectorSource: ZOptionalStringSchema,
  CloudServicesMailEnabled: ZOptionalFlagSchema,
  RequireTls: ZOptionalFlagSchema,
  SenderDomains: ZStringListSchema,
  TlsSenderCertificateName: ZOptionalStringSchema,
  Enabled: ZOptionalFlagSchema,
});

export const ZOutboundConnectorSchema = z.object({
  Identity: ZNameSchema,
  Name: ZNameSchema,
  ConnectorType: ZOptionalStringSchema,
  ConnectorSource: ZOptionalStringSchema,
  RecipientDomains: ZStringListSchema,
  SmartHosts: ZStringListSchema,
  TlsSettings: ZOptionalStringSchema,
  TlsDomain: ZOptionalStringSchema,
  CloudServicesMailEnabled: ZOptionalFlagSchema,
  RouteAllMessagesViaOnPremises: ZOptionalFlagSchema,
  UseMXRecord: ZOptionalFlagSchema,
  Enabled: ZOptionalFlagSchema,
});

export const ZMigrationEndpointSchema = z.object({
  Identity: ZNameSchema,
  Name: ZNameSchema,
  EndpointType: ZOptionalStringSchema,
  RemoteServer: ZOptionalStringSchema,
  Username: ZOptionalStringSchema,
});

export const ZOnlineStateSchema = z.object({
  organizationConfig: ZOnlineOrganizationConfigSchema,
  acceptedDomains: z.array(ZOnlineAcceptedDomainSchema),
  onPremisesOrganizations: z.array(ZOnPremisesOrganizationSchema),
  inboundConnectors: z.array(ZInboundConnectorSchema),
  outboundConnectors: z.array(ZOutboundConnectorSchema),
  organizationRelationships: z.array(ZOrganizationRelationshipSchema),
  intraOrganizationConnectors: z.array(ZIntraOrganizationConnectorSchema),
  migrationEndpoints: z.array(ZMigrationEndpointSchema),
  remoteDomains: z.array(ZRemoteDomainSchema),
  federatedOrganizationIdentifier: ZFederatedOrganizationIdentifierSchema.nullable(),
  /** Organization Configuration Transfer creates only the policies missing here. */
  ...ZOrganizationPoliciesShape,
});

export type OnlineState = z.infer<typeof ZOnlineStateSchema>;
