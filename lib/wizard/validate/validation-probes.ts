import type { ExchangeSide } from "@/lib/exchange/exchange-side";
import type { PlanContext } from "@/lib/wizard/plan/plan-context";
import { existingRelationship } from "@/lib/wizard/plan/tasks/organization-relationship";
import type { ValidationCheckId } from "./validation-check-ids";

// The HCW's ValidateConfiguration phase, as probes: OAuth both ways (where the hybrid uses OAuth),
// the federation trust (where it uses one), the migration endpoint's reach to on-premises (where it
// was made), and a free/busy lookup across each side's organization relationship. Each probe is a
// read-only Test- cmdlet; the planner's context says which apply and what they target. Exchange
// makes Test-OrganizationRelationship name a mailbox to look free/busy up as (-UserIdentity is
// mandatory): the admin the checks run as, who signs in with their own mailbox's account.

export interface ValidationProbe {
  id: ValidationCheckId;
  title: string;
  side: ExchangeSide;
  cmdlet: string;
  parameters: Record<string, string | boolean>;
}

/** A check that cannot even be asked: what it needs is missing. */
export interface MissingPrerequisite {
  id: ValidationCheckId;
  title: string;
  side: ExchangeSide;
  cmdlet: string;
  detail: string;
}

const ENDPOINT_NAME = "Hybrid Migration Endpoint - EWS (Default Web Site)";

function freeBusy(
  context: PlanContext,
  side: ExchangeSide,
  userIdentity: string,
): ValidationProbe | MissingPrerequisite {
  const id = side === "Online" ? "freeBusyFromExchangeOnline" : "freeBusyFromOnPremises";
  const title =
    side === "Online"
      ? "Free/busy of on-premises mailboxes, looked up from Exchange Online"
      : "Free/busy of Exchange Online mailboxes, looked up from on-premises";
  const relationship = existingRelationship(context, side);
  if (!relationship) {
    return {
      id,
      title,
      side,
      cmdlet: "Test-OrganizationRelationship",
      detail: "The organization relationship is missing, so there is nothing to look free/busy up across.",
    };
  }
  return {
    id,
    title,
    side,
    cmdlet: "Test-OrganizationRelationship",
    parameters: { Identity: relationship.Name, UserIdentity: userIdentity },
  };
}

function migrationEndpoint(context: PlanContext): ValidationProbe | MissingPrerequisite {
  const endpoints = context.gathered.online.migrationEndpoints;
  const endpoint =
    endpoints.find((candidate) => candidate.Name.toLowerCase() === ENDPOINT_NAME.toLowerCase()) ??
    endpoints.find((candidate) => candidate.RemoteServer?.toLowerCase() === context.ewsHost.toLowerCase());
  const probe = {
    id: "migrationEndpoint" as const,
    title: "Exchange Online reaches on-premises for mailbox moves (MRSProxy)",
    side: "Online" as const,
    cmdlet: "Test-MigrationServerAvailability",
  };
  if (!endpoint)
    return { ...probe, detail: "The migration endpoint was not created, so mailboxes cannot be moved." };
  return { ...probe, parameters: { Endpoint: endpoint.Name } };
}

/** `userIdentity`: the mailbox free/busy is looked up as (the admin's user principal name). */
export function validationProbes(
  context: PlanContext,
  userIdentity: string,
): Array<ValidationProbe | MissingPrerequisite> {
  const probes: Array<ValidationProbe | MissingPrerequisite> = [];
  if (context.oauth) {
    probes.push(
      {
        id: "oauthToExchangeOnline",
        title: "OAuth from on-premises to Exchange Online",
        side: "OnPremises",
        cmdlet: "Test-OAuthConnectivity",
        parameters: { Service: "EWS", TargetUri: context.hosts.onlineEwsUrl },
      },
      {
        id: "oauthToOnPremises",
        title: "OAuth from Exchange Online to on-premises",
        side: "Online",
        cmdlet: "Test-OAuthConnectivity",
        parameters: { Service: "EWS", TargetUri: context.ewsExternalUrl },
      },
    );
  }
  if (context.federation) {
    probes.push({
      id: "federationTrust",
      title: "The federation trust with the Microsoft Federation Gateway",
      side: "OnPremises",
      cmdlet: "Test-FederationTrust",
      parameters: {},
    });
  }
  if (context.answers.features.migrationEndpoint) probes.push(migrationEndpoint(context));
  if (context.full) {
    probes.push(freeBusy(context, "Online", userIdentity), freeBusy(context, "OnPremises", userIdentity));
  }
  return probes;
}

export function isProbe(entry: ValidationProbe | MissingPrerequisite): entry is ValidationProbe {
  return "parameters" in entry;
}
