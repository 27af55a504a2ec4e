import { AppError } from "@/lib/errors";
import { listAppRoleAssignments } from "@/lib/graph/app-role-assignments";
import { findApplicationsByDisplayName } from "@/lib/graph/applications";
import type { GraphConnection } from "@/lib/graph/graph-client";
import { EXCHANGE_ONLINE_APP_ID, type KeyCredential } from "@/lib/graph/graph-objects";
import { findServicePrincipalByAppId } from "@/lib/graph/service-principals";
import type { ReadRecord } from "./gather-transport";
import { type GatheredGraph, type GatheredKeyCredential, hybridApplicationName } from "./gathered-graph";

// Reads the dedicated hybrid application's Graph side with the admin's Graph token: the app by its
// name, its service principal and what was granted to it, and Office 365 Exchange Online's
// principal. Read-only, like every gather.

function credentialsOf(keys: readonly KeyCredential[]): GatheredKeyCredential[] {
  return keys.map((key) => ({
    keyId: key.keyId,
    customKeyIdentifier: key.customKeyIdentifier ?? null,
    displayName: key.displayName ?? null,
    endDateTime: key.endDateTime ?? null,
  }));
}

/** Runs one Graph read and records it in its place (reads run side by side), as the Gathering page lists Exchange's. */
async function recorded<T>(
  records: ReadRecord[],
  slot: number,
  cmdlet: string,
  read: () => Promise<T>,
  count: (result: T) => number,
): Promise<T> {
  const started = performance.now();
  const result = await read();
  records[slot] = {
    side: "Graph",
    cmdlet,
    durationMs: Math.round(performance.now() - started),
    objects: count(result),
    warnings: [],
  };
  return result;
}

const some = (found: unknown) => (found ? 1 : 0);

export async function gatherHybridApplication(options: {
  graph: GraphConnection;
  onPremisesGuid: string;
}): Promise<{ graph: GatheredGraph; records: ReadRecord[] }> {
  const { graph } = options;
  const name = hybridApplicationName(options.onPremisesGuid);
  const records: ReadRecord[] = [];
  const [applications, exchangeOnline] = await Promise.all([
    recorded(
      records,
      0,
      `Get-MgApplication -Filter "displayName eq '${name}'"`,
      () => findApplicationsByDisplayName({ graph, displayName: name }),
      (found) => found.length,
    ),
    recorded(
      records,
      1,
      `Get-MgServicePrincipal -Filter "appId eq '${EXCHANGE_ONLINE_APP_ID}'"`,
      () => findServicePrincipalByAppId({ graph, appId: EXCHANGE_ONLINE_APP_ID }),
      some,
    ),
  ]);
  if (applications.length > 1) {
    throw new AppError(
      "conflict",
      `The tenant has ${applications.length} applications named ${name} (${applications.map((app) => app.appId).join(", ")}). Exchange uses one: delete the extra ones in Entra ID (App registrations), then gather again.`,
    );
  }
  if (!exchangeOnline) {
    throw new AppError(
      "unavailable",
      "The tenant has no Office 365 Exchange Online service principal, so it has no Exchange Online: check the tenant's subscriptions.",
    );
  }
  const application = applications[0];
  const principal = application
    ? await recorded(
        records,
        2,
        `Get-MgServicePrincipal -Filter "appId eq '${application.appId}'"`,
        () => findServicePrincipalByAppId({ graph, appId: application.appId }),
        some,
      )
    : undefined;
  const assignments = principal
    ? await recorded(
        records,
        3,
        `Get-MgServicePrincipalAppRoleAssignment -ServicePrincipalId ${principal.id}`,
        () => listAppRoleAssignments({ graph, principalId: principal.id }),
        (found) => found.length,
      )
    : [];
  return {
    records,
    graph: {
      application: application
        ? {
            id: application.id,
            appId: application.appId,
            displayName: application.displayName,
            keyCredentials: credentialsOf(application.keyCredentials),
            requiredRoles: Object.fromEntries(
              application.requiredResourceAccess.map((resource) => [
                resource.resourceAppId,
                resource.resourceAccess.filter((access) => access.type === "Role").map((access) => access.id),
              ]),
            ),
          }
        : null,
      servicePrincipal: principal ? { id: principal.id, appId: principal.appId } : null,
      assignments: assignments.map((assignment) => ({
        id: assignment.id,
        appRoleId: assignment.appRoleId,
        resourceId: assignment.resourceId,
      })),
      exchangeOnline: { id: exchangeOnline.id, keyCredentials: credentialsOf(exchangeOnline.keyCredentials) },
    },
  };
}
