import { listAppRoleAssignments } from "@/lib/graph/app-role-assignments";
import { findApplicationsByDisplayName } from "@/lib/graph/applications";
import type { GraphConnection } from "@/lib/graph/graph-client";
import {
  EXCHANGE_ONLINE_APP_ID,
  FULL_ACCESS_AS_APP_ROLE_ID,
  type GraphApplication,
  type KeyCredential,
} from "@/lib/graph/graph-objects";
import { findServicePrincipalByAppId } from "@/lib/graph/service-principals";
import { thumbprintOf } from "@/lib/wizard/gather/gathered-graph";

// Just before a Microsoft Graph write, its object read again and spelt as the plan spells it
// (lib/wizard/plan/tasks/hybrid-application-graph.ts): key credentials by certificate thumbprint,
// the Exchange Online permission by name, consent as a sentence. That is what the reviewed `before`
// is compared with, and (with the ids Graph gave, and the permissions as Graph holds them) what
// Undo restores from.

export const ADMIN_CONSENT = "full_access_as_app on Office 365 Exchange Online";
export const SHARED_PRINCIPAL = "Office 365 Exchange Online";
const CONSENT_SUFFIX = " full_access_as_app";

type GraphObject = Record<string, unknown>;

function thumbprints(keys: readonly KeyCredential[], orKeyId = false): string[] {
  return keys.flatMap((key) => {
    const print = thumbprintOf({
      keyId: key.keyId,
      customKeyIdentifier: key.customKeyIdentifier ?? null,
      displayName: null,
      endDateTime: null,
    });
    return print ? [print] : orKeyId ? [key.keyId] : [];
  });
}

export function applicationAsPlanned(app: GraphApplication): GraphObject {
  const exchangeRoles =
    app.requiredResourceAccess
      .find((resource) => resource.resourceAppId === EXCHANGE_ONLINE_APP_ID)
      ?.resourceAccess.filter((access) => access.type === "Role")
      .map((access) => (access.id === FULL_ACCESS_AS_APP_ROLE_ID ? "full_access_as_app" : access.id)) ?? [];
  return {
    Id: app.id,
    AppId: app.appId,
    DisplayName: app.displayName,
    RequiredResourceAccess: exchangeRoles,
    KeyCredentials: thumbprints(app.keyCredentials),
    KeyIds: app.keyCredentials.map((key) => key.keyId),
    /** As Graph holds them, for Undo to put back whole. */
    Resources: app.requiredResourceAccess,
  };
}

async function applicationNamed(graph: GraphConnection, name: string) {
  const [app] = await findApplicationsByDisplayName({ graph, displayName: name });
  return app;
}

async function principalOf(graph: GraphConnection, name: string) {
  const app = await applicationNamed(graph, name);
  return app ? findServicePrincipalByAppId({ graph, appId: app.appId }) : undefined;
}

export async function graphObjectNow(
  graph: GraphConnection,
  operation: { kind: string; identity: string },
): Promise<GraphObject | null> {
  switch (operation.kind) {
    case "GraphApplication": {
      const app = await applicationNamed(graph, operation.identity);
      return app ? applicationAsPlanned(app) : null;
    }
    case "GraphServicePrincipal": {
      if (operation.identity === SHARED_PRINCIPAL) {
        const shared = await findServicePrincipalByAppId({ graph, appId: EXCHANGE_ONLINE_APP_ID });
        return shared
          ? { Id: shared.id, AppId: shared.appId, KeyCredentials: thumbprints(shared.keyCredentials, true) }
          : null;
      }
      const principal = await principalOf(graph, operation.identity);
      return principal ? { Id: principal.id, AppId: principal.appId } : null;
    }
    case "GraphAppRoleAssignment": {
      const name = operation.identity.replace(new RegExp(`${CONSENT_SUFFIX}$`), "");
      const [principal, exchangeOnline] = await Promise.all([
        principalOf(graph, name),
        findServicePrincipalByAppId({ graph, appId: EXCHANGE_ONLINE_APP_ID }),
      ]);
      if (!principal || !exchangeOnline) return null;
      const assignments = await listAppRoleAssignments({ graph, principalId: principal.id });
      const consent = assignments.find(
        (assignment) =>
          assignment.appRoleId === FULL_ACCESS_AS_APP_ROLE_ID && assignment.resourceId === exchangeOnline.id,
      );
      return consent ? { Id: consent.id, PrincipalId: principal.id, AdminConsent: ADMIN_CONSENT } : null;
    }
    default:
      return null;
  }
}
