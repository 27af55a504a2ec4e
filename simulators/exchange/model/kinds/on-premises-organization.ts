import { type CmdletContext, defineCmdlets } from "../cmdlet-definition";
import { directoryObject, findObjects } from "../directory-objects";
import { getCmdlet, listParameter, newCmdlet, removeCmdlet, setCmdlet } from "../generic-cmdlets";
import { GUID, multi, ONLINE, REQUIRED_STRING, required, STRING } from "../parameter-types";
import { referenceNotFoundError, requireAcceptedDomains } from "../references";

const KIND = "OnPremisesOrganization";

const SETTINGS = {
  HybridDomains: multi("Microsoft.Exchange.Data.SmtpDomain"),
  InboundConnector: STRING,
  OutboundConnector: STRING,
  OrganizationName: STRING,
  OrganizationRelationship: STRING,
  Comment: STRING,
};

/** The connectors and relationship it names must exist, and hybrid domains must be the tenant's own. */
function validateReferences(context: CmdletContext): void {
  const references: [string, string][] = [
    ["InboundConnector", "InboundConnector"],
    ["OutboundConnector", "OutboundConnector"],
    ["OrganizationRelationship", "OrganizationRelationship"],
  ];
  for (const [parameter, kind] of references) {
    const name = context.parameters[parameter];
    if (typeof name === "string" && findObjects(context, kind, name).length === 0) {
      throw referenceNotFoundError(context, name);
    }
  }
  if (Array.isArray(context.parameters.HybridDomains)) {
    requireAcceptedDomains(context, "HybridDomains", listParameter(context, "HybridDomains"));
  }
}

export const onPremisesOrganizationCmdlets = defineCmdlets([
  getCmdlet({ name: "Get-OnPremisesOrganization", kind: KIND, sides: ONLINE }),
  newCmdlet({
    name: "New-OnPremisesOrganization",
    kind: KIND,
    sides: ONLINE,
    parameters: {
      ...SETTINGS,
      Name: REQUIRED_STRING,
      OrganizationGuid: required(GUID),
      HybridDomains: multi("Microsoft.Exchange.Data.SmtpDomain", { required: true }),
      InboundConnector: REQUIRED_STRING,
      OutboundConnector: REQUIRED_STRING,
    },
    validate: validateReferences,
    create: (context) => ({
      ...directoryObject(context, {
        name: String(context.parameters.Name),
        container: "CN=On-Premises Organization",
        schema: "ms-Exch-On-Premises-Organization",
        objectClass: ["top", "msExchOnPremisesOrganization"],
        exchangeVersion: "0.1 (8.0.535.0)",
      }),
      Comment: context.parameters.Comment ?? "",
      HybridDomains: listParameter(context, "HybridDomains"),
      InboundConnector: String(context.parameters.InboundConnector),
      OrganizationGuid: String(context.parameters.OrganizationGuid),
      OrganizationName: context.parameters.OrganizationName ?? "",
      OrganizationRelationship: context.parameters.OrganizationRelationship ?? null,
      OutboundConnector: String(context.parameters.OutboundConnector),
    }),
  }),
  setCmdlet({
    name: "Set-OnPremisesOrganization",
    kind: KIND,
    sides: ONLINE,
    parameters: SETTINGS,
    validate: validateReferences,
  }),
  removeCmdlet({ name: "Remove-OnPremisesOrganization", kind: KIND, sides: ONLINE }),
]);
