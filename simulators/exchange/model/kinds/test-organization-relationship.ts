import { type CmdletContext, defineCmdlets } from "../cmdlet-definition";
import { objectsOf, requireObject } from "../directory-objects";
import type { ExchangeObject } from "../json";
import type { OrganizationState } from "../organization-state";
import { BOTH_SIDES, REQUIRED_STRING } from "../parameter-types";

// Test-OrganizationRelationship: a free/busy lookup across the relationship. The relationship must
// share free/busy; from Exchange Online the simulator also follows the lookup to the paired
// on-premises organization, which must publish EWS and share free/busy back with the tenant.

const KIND = "OrganizationRelationship";

function domainsOf(object: ExchangeObject): string[] {
  return (Array.isArray(object.DomainNames) ? object.DomainNames : []).map((domain) =>
    String(domain).toLowerCase(),
  );
}

function sharingProblem(relationship: ExchangeObject): string | undefined {
  if (relationship.Enabled !== true)
    return `The organization relationship '${String(relationship.Name)}' is disabled.`;
  if (relationship.FreeBusyAccessEnabled !== true || relationship.FreeBusyAccessLevel === "None") {
    return `The organization relationship '${String(relationship.Name)}' doesn't share free/busy information.`;
  }
  return undefined;
}

function otherSideProblem(tenant: OrganizationState, onPremises: OrganizationState): string | undefined {
  const tenantDomains = objectsOf(tenant, "AcceptedDomain").map((domain) =>
    String(domain.DomainName).toLowerCase(),
  );
  const back = objectsOf(onPremises, KIND).find((relationship) =>
    domainsOf(relationship).some((domain) => tenantDomains.includes(domain)),
  );
  if (!back) {
    return "On-premises Exchange has no organization relationship with this tenant's domains, so it refuses the free/busy request.";
  }
  const published = objectsOf(onPremises, "WebServicesVirtualDirectory").some(
    (directory) => typeof directory.ExternalUrl === "string",
  );
  if (!published)
    return "On-premises Exchange Web Services aren't published, so the free/busy request can't reach them.";
  return sharingProblem(back);
}

async function problem(context: CmdletContext, relationship: ExchangeObject): Promise<string | undefined> {
  const own = sharingProblem(relationship);
  if (own || context.side === "OnPremises") return own;
  const onPremises = await context.readPairedOnPremises();
  return onPremises ? otherSideProblem(context.state, onPremises) : undefined;
}

export const testOrganizationRelationshipCmdlets = defineCmdlets([
  {
    name: "Test-OrganizationRelationship",
    sides: BOTH_SIDES,
    identityParameter: "Identity",
    // -UserIdentity is mandatory in Exchange: the mailbox whose free/busy request is made.
    parameters: { Identity: REQUIRED_STRING, UserIdentity: REQUIRED_STRING },
    async run(context) {
      const relationship = requireObject(context, KIND, String(context.parameters.Identity));
      const found = await problem(context, relationship);
      return [
        {
          Identity: String(relationship.Name),
          Id: "FreeBusyLookup",
          Status: found ? "Error" : "Success",
          Description:
            found ??
            `Free/busy information for ${String(context.parameters.UserIdentity)} was returned across '${String(relationship.Name)}'.`,
        },
      ];
    },
  },
]);
