import { defineCmdlets } from "../cmdlet-definition";
import { directoryObject, type ObjectFactoryContext } from "../directory-objects";
import { getCmdlet, newCmdlet, removeCmdlet, setCmdlet } from "../generic-cmdlets";
import type { ExchangeObject } from "../json";
import { BOOLEAN, BOTH_SIDES, oneOf, REQUIRED_STRING, STRING } from "../parameter-types";
import { requireDomainNames } from "../references";

export function remoteDomainObject(
  context: ObjectFactoryContext,
  name: string,
  domainName: string,
): ExchangeObject {
  return {
    ...directoryObject(context, {
      name,
      container: "CN=Internet Message Formats,CN=Global Settings",
      schema: "ms-Exch-Domain-Content-Config",
      objectClass: ["top", "msExchDomainContentConfig"],
      exchangeVersion: "0.1 (8.0.535.0)",
    }),
    AllowedOOFType: "External",
    AutoForwardEnabled: context.state.side === "Online",
    AutoReplyEnabled: context.state.side === "Online",
    ByteEncoderTypeFor7BitCharsets: "Undefined",
    CharacterSet: "iso-8859-1",
    ContentType: "MimeHtmlText",
    DeliveryReportEnabled: true,
    DisplaySenderName: true,
    DomainName: domainName,
    IsInternal: false,
    LineWrapSize: "Unlimited",
    MeetingForwardNotificationEnabled: false,
    MessageCountThreshold: 2147483647,
    NDRDiagnosticInfoEnabled: true,
    NDREnabled: context.state.side === "Online",
    NonMimeCharacterSet: "iso-8859-1",
    PreferredInternetCodePageForShiftJis: "Undefined",
    RequiredCharsetCoverage: null,
    TargetDeliveryDomain: false,
    TNEFEnabled: null,
    TrustedMailInboundEnabled: false,
    TrustedMailOutboundEnabled: false,
    UseSimpleDisplayName: false,
  };
}

const SETTINGS = {
  Name: STRING,
  TargetDeliveryDomain: BOOLEAN,
  TrustedMailInboundEnabled: BOOLEAN,
  TrustedMailOutboundEnabled: BOOLEAN,
  AutoReplyEnabled: BOOLEAN,
  AutoForwardEnabled: BOOLEAN,
  DeliveryReportEnabled: BOOLEAN,
  NDREnabled: BOOLEAN,
  MeetingForwardNotificationEnabled: BOOLEAN,
  IsInternal: BOOLEAN,
  TNEFEnabled: BOOLEAN,
  AllowedOOFType: oneOf("Microsoft.Exchange.Data.Directory.SystemConfiguration.AllowedOOFType", [
    "External",
    "InternalLegacy",
    "ExternalLegacy",
    "None",
  ]),
  ContentType: oneOf("Microsoft.Exchange.Data.Directory.SystemConfiguration.ContentType", [
    "MimeHtmlText",
    "MimeText",
    "MimeHtml",
  ]),
  CharacterSet: STRING,
};

export const remoteDomainCmdlets = defineCmdlets([
  getCmdlet({ name: "Get-RemoteDomain", kind: "RemoteDomain", sides: BOTH_SIDES }),
  newCmdlet({
    name: "New-RemoteDomain",
    kind: "RemoteDomain",
    sides: BOTH_SIDES,
    parameters: { Name: REQUIRED_STRING, DomainName: REQUIRED_STRING },
    validate: (context) => requireDomainNames(context, "DomainName", [String(context.parameters.DomainName)]),
    create: (context) =>
      remoteDomainObject(context, String(context.parameters.Name), String(context.parameters.DomainName)),
  }),
  setCmdlet({ name: "Set-RemoteDomain", kind: "RemoteDomain", sides: BOTH_SIDES, parameters: SETTINGS }),
  removeCmdlet({ name: "Remove-RemoteDomain", kind: "RemoteDomain", sides: BOTH_SIDES }),
]);
