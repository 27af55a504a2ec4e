import { type CmdletContext, defineCmdlets } from "../cmdlet-definition";
import { directoryObject, invalidValueError, objectsOf } from "../directory-objects";
import {
  booleanParameter,
  getCmdlet,
  listParameter,
  newCmdlet,
  removeCmdlet,
  setCmdlet,
} from "../generic-cmdlets";
import type { ExchangeObject } from "../json";
import {
  BOOLEAN,
  BOTH_SIDES,
  multi,
  ONLINE,
  oneOf,
  onlyOn,
  REQUIRED_STRING,
  STRING,
  URI,
} from "../parameter-types";
import { requireDomainNames } from "../references";

const KIND = "OrganizationRelationship";

const SETTINGS = {
  DomainNames: multi("Microsoft.Exchange.Data.SmtpDomain"),
  Enabled: BOOLEAN,
  FreeBusyAccessEnabled: BOOLEAN,
  FreeBusyAccessLevel: oneOf("Microsoft.Exchange.Data.Directory.SystemConfiguration.FreeBusyAccessLevel", [
    "None",
    "AvailabilityOnly",
    "LimitedDetails",
  ]),
  FreeBusyAccessScope: STRING,
  MailboxMoveEnabled: BOOLEAN,
  MailboxMoveCapability: onlyOn(
    ONLINE,
    oneOf("Microsoft.Exchange.Data.Directory.SystemConfiguration.MailboxMoveCapability", [
      "None",
      "Inbound",
      "Outbound",
      "RemoteInbound",
      "RemoteOutbound",
    ]),
  ),
  ArchiveAccessEnabled: BOOLEAN,
  MailTipsAccessEnabled: BOOLEAN,
  MailTipsAccessLevel: oneOf("Microsoft.Exchange.Data.Directory.SystemConfiguration.MailTipsAccessLevel", [
    "None",
    "Limited",
    "All",
  ]),
  MailTipsAccessScope: STRING,
  DeliveryReportEnabled: BOOLEAN,
  PhotosEnabled: BOOLEAN,
  TargetOwaURL: URI,
  TargetApplicationUri: URI,
  TargetAutodiscoverEpr: URI,
  TargetSharingEpr: URI,
  OrganizationContact: STRING,
};

/** A domain can belong to one organization relationship only. */
function validateDomains(context: CmdletContext, self?: ExchangeObject): void {
  if (!Array.isArray(context.parameters.DomainNames)) return;
  const domains = listParameter(context, "DomainNames");
  requireDomainNames(context, "DomainNames", domains);
  for (const other of objectsOf(context.state, KIND)) {
    if (other === self) continue;
    const taken = (Array.isArray(other.DomainNames) ? other.DomainNames : []).map((d) =>
      String(d).toLowerCase(),
    );
    const clash = domains.find((domain) => taken.includes(domain.toLowerCase()));
    if (clash) {
      throw invalidValueError(
        context,
        `The domain '${clash}' is already used by the organization relationship '${String(other.Name)}'. A domain can be in one organization relationship only.`,
      );
    }
  }
}

function organizationRelationshipObject(context: CmdletContext): ExchangeObject {
  const online = context.side === "Online";
  const object: ExchangeObject = {
    ...directoryObject(context, {
      name: String(context.parameters.Name),
      container: "CN=Federation",
      schema: "ms-Exch-Fed-Sharing-Relationship",
      objectClass: ["top", "msExchFedSharingRelationship"],
      exchangeVersion: "0.10 (14.0.100.0)",
    }),
    ArchiveAccessEnabled: false,
    DeliveryReportEnabled: false,
    DomainNames: listParameter(context, "DomainNames"),
    Enabled: booleanParameter(context, "Enabled", true),
    FreeBusyAccessEnabled: false,
    FreeBusyAccessLevel: "None",
    FreeBusyAccessScope: null,
    MailboxMoveEnabled: false,
    MailTipsAccessEnabled: false,
    MailTipsAccessLevel: "None",
    MailTipsAccessScope: null,
    OrganizationContact: "",
    PhotosEnabled: false,
    TargetApplicationUri: null,
    TargetAutodiscoverEpr: null,
    TargetOwaURL: null,
    TargetSharingEpr: null,
  };
  if (online) {
    Object.assign(object, {
      IdentityMoveCapability: "None",
      IdentityMoveEnabled: false,
      MailboxMoveCapability: "None",
      OAuthApplicationId: null,
      PeopleSearchCapability: "None",
      PeopleSearchEnabled: false,
    });
  } else {
    object.MailboxMoveDirection = "None";
  }
  for (const [parameter, value] of Object.entries(context.parameters)) {
    if (parameter !== "Name" && parameter in object) object[parameter] = value;
  }
  return object;
}

export const organizationRelationshipCmdlets = defineCmdlets([
  getCmdlet({ name: "Get-OrganizationRelationship", kind: KIND, sides: BOTH_SIDES }),
  newCmdlet({
    name: "New-OrganizationRelationship",
    kind: KIND,
    sides: BOTH_SIDES,
    parameters: {
      ...SETTINGS,
      Name: REQUIRED_STRING,
      DomainNames: multi("Microsoft.Exchange.Data.SmtpDomain", { required: true }),
    },
    validate: (context) => validateDomains(context),
    create: organizationRelationshipObject,
  }),
  setCmdlet({
    name: "Set-OrganizationRelationship",
    kind: KIND,
    sides: BOTH_SIDES,
    parameters: { ...SETTINGS, Name: STRING },
    validate: validateDomains,
  }),
  removeCmdlet({ name: "Remove-OrganizationRelationship", kind: KIND, sides: BOTH_SIDES }),
]);
